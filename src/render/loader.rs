//! Where template sources come from: the workspace's `templates/` first, then the
//! built-ins compiled into the binary. Names are paths relative to `templates/`
//! with `/` separators; anything that could leave that folder is refused.

use crate::error::{Class, Error, Result};
use std::path::{Path, PathBuf};

/// Built-in templates (shipped in the repository's `templates/`, embedded so the binary works anywhere).
pub const BUILTIN: &[(&str, &str)] = &[
    ("_load.sql.j2", include_str!("../../templates/_load.sql.j2")),
    ("dbt/models/sources.yml.j2", include_str!("../../templates/dbt/models/sources.yml.j2")),
    ("dbt/models/stg_[table].sql.j2", include_str!("../../templates/dbt/models/stg_[table].sql.j2")),
    ("load.mysql.sql.j2", include_str!("../../templates/load.mysql.sql.j2")),
    ("load.postgres.sql.j2", include_str!("../../templates/load.postgres.sql.j2")),
    ("load.sqlite.sql.j2", include_str!("../../templates/load.sqlite.sql.j2")),
    ("mapping.csv.j2", include_str!("../../templates/mapping.csv.j2")),
    ("mapping.md.j2", include_str!("../../templates/mapping.md.j2")),
];

/// Why a template name is refused, if it is.
pub fn check_name(name: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::new(Class::Template, format!("template name `{name}` is refused: {why}"))
            .with_hint("template names are paths inside templates/, e.g. `mapping.md.j2` or `dbt/models/x.sql.j2`"))
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name.contains('\\') {
        return bad("it contains a backslash");
    }
    if name.starts_with('/') || Path::new(name).is_absolute() || name.contains(':') {
        return bad("it is an absolute path");
    }
    if name.split('/').any(|c| c == ".." || c == "." || c.is_empty()) {
        return bad("it contains `..`, `.` or an empty path segment");
    }
    if name.contains('\0') {
        return bad("it contains a NUL character");
    }
    Ok(())
}

/// A resolved template source and the path it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// `templates/<name>` for workspace files, `builtin:templates/<name>` for built-ins.
    pub path: String,
    pub text: String,
}

/// Template lookup rooted at `<root>/templates`.
#[derive(Debug, Clone)]
pub struct Loader {
    dir: PathBuf,
}

impl Loader {
    pub fn new(root: &Path) -> Loader {
        Loader { dir: root.join("templates") }
    }

    /// Path a template is reported under (workspace file when present, else built-in).
    pub fn display_path(&self, name: &str) -> String {
        if self.workspace_file(name).is_some() {
            format!("templates/{name}")
        } else {
            format!("builtin:templates/{name}")
        }
    }

    /// The workspace file for `name`, only if it really lies inside `templates/`
    /// (a symlink pointing elsewhere is ignored).
    fn workspace_file(&self, name: &str) -> Option<PathBuf> {
        check_name(name).ok()?;
        let p = self.dir.join(name);
        if !p.is_file() {
            return None;
        }
        let dir = std::fs::canonicalize(&self.dir).ok()?;
        let real = std::fs::canonicalize(&p).ok()?;
        real.starts_with(&dir).then_some(p)
    }

    /// Load `name`: workspace override first, then built-in. `Ok(None)` when unknown.
    pub fn load(&self, name: &str) -> Result<Option<Source>> {
        check_name(name)?;
        if let Some(p) = self.workspace_file(name) {
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Error::new(Class::Template, format!("cannot read templates/{name}: {e}"))
                    .with_hint("template files must be readable UTF-8 text")
            })?;
            return Ok(Some(Source { path: format!("templates/{name}"), text }));
        }
        Ok(BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, t)| Source { path: format!("builtin:templates/{n}"), text: (*t).to_string() }))
    }

    /// Every template name visible in this workspace (built-ins ∪ workspace files), sorted.
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        for p in crate::config::files_with_ext(&self.dir, "j2") {
            let Ok(rel) = p.strip_prefix(&self.dir) else { continue };
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if check_name(&name).is_ok() && self.workspace_file(&name).is_some() {
                out.push(name);
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_names_are_refused() {
        for bad in ["../secret.j2", "a/../../b.j2", "/etc/passwd", "a\\b.j2", "C:/x.j2", "", "a//b.j2"] {
            assert!(check_name(bad).is_err(), "{bad} accepted");
        }
        assert!(check_name("dbt/models/stg_[table].sql.j2").is_ok());
    }
}
