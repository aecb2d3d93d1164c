//! Stage: config. Files on disk → a validated [`Workspace`].
//!
//! Layout (the product repository is also the configuration repository):
//!
//! ```text
//! pipelines/mapwright.toml        workspace
//! pipelines/datasources/*.toml    datasource profiles
//! pipelines/policies/*.rego       policies
//! pipelines/keys/*.pub            trusted public keys
//! pipelines/<team>/<name>.toml    pipelines
//! templates/                      workspace templates (override built-ins)
//! ```
//!
//! Loading never touches a database. All problems are collected and reported
//! together, each with file:line:col.

pub mod diag;
pub mod model;
pub mod rules;

use crate::error::{Error, Result};
pub use model::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A loaded, cross-checked workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// Repository root (the directory containing `pipelines/`).
    pub root: PathBuf,
    pub settings: WorkspaceFile,
    /// Workspace file as loaded.
    pub settings_file: SourceFile,
    pub datasources: BTreeMap<String, Datasource>,
    /// Pipelines sorted by path.
    pub pipelines: Vec<Pipeline>,
    /// Policy files (`pipelines/policies/*.rego`), sorted by path.
    pub policies: Vec<SourceFile>,
}

/// A file read from the workspace: relative path, content and digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the workspace root, with forward slashes.
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// `sha256:<hex>` of the file bytes.
    pub fn digest(&self) -> String {
        sha256_digest(self.text.as_bytes())
    }
}

/// `sha256:<hex>` of `bytes`.
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

#[derive(Debug, Clone)]
pub struct Datasource {
    /// Profile name = file stem.
    pub name: String,
    pub file: SourceFile,
    pub spec: DatasourceFile,
}

#[derive(Debug, Clone)]
pub struct Pipeline {
    pub file: SourceFile,
    pub spec: PipelineFile,
}

impl Pipeline {
    pub fn name(&self) -> &str {
        &self.spec.name
    }
}

/// A connection URL resolved from a profile. `Debug`/`Display` never show it.
#[derive(Clone)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// Wrap a URL obtained elsewhere (tests, tools) so it is never printed unredacted.
    pub fn from_raw(url: impl Into<String>) -> Self {
        SecretUrl(url.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// The URL with any password masked, safe to print.
    pub fn redacted(&self) -> String {
        crate::error::redact(&self.0)
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretUrl({})", self.redacted())
    }
}

impl Datasource {
    /// Resolve the connection URL: from the `url_env` variable (never echoed), or the
    /// literal `url`. Relative `sqlite://` and `snapshot://` paths resolve against `root`.
    pub fn resolve_url(&self, root: &Path) -> Result<SecretUrl> {
        let raw = match (&self.spec.url_env, &self.spec.url) {
            (Some(var), _) => match std::env::var(var) {
                Ok(v) if !v.trim().is_empty() => v,
                _ => {
                    return Err(Error::config(format!(
                        "{}: environment variable `{var}` (url_env of datasource `{}`) is not set",
                        self.file.path, self.name
                    ))
                    .with_hint(format!(
                        "export {var}='<connection URL>' in the runner environment (CI: from a secret)"
                    )));
                }
            },
            (None, Some(url)) => url.clone(),
            (None, None) => {
                return Err(Error::config(format!(
                    "{}: datasource `{}` has neither `url_env` nor `url`",
                    self.file.path, self.name
                )));
            }
        };
        Ok(SecretUrl(absolutize_file_url(&raw, root)))
    }
}

/// Turn `sqlite://rel/path` / `snapshot://rel/path` into absolute paths under `root`.
fn absolutize_file_url(url: &str, root: &Path) -> String {
    for scheme in ["sqlite://", "snapshot://"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            let (path, query) = match rest.split_once('?') {
                Some((p, q)) => (p, Some(q)),
                None => (rest, None),
            };
            if !path.starts_with('/') && !path.is_empty() && path != ":memory:" {
                let abs = root.join(path);
                let mut out = format!("{scheme}{}", abs.display());
                if let Some(q) = query {
                    out.push('?');
                    out.push_str(q);
                }
                return out;
            }
        }
    }
    url.to_string()
}

/// Find the workspace root: `start` itself if it contains `pipelines/mapwright.toml`,
/// else the nearest ancestor that does.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = std::fs::canonicalize(start).map_err(|e| Error::io(start, "open workspace directory", e))?;
    for dir in start.ancestors() {
        if dir.join("pipelines/mapwright.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    Err(Error::usage(format!("no pipelines/mapwright.toml found in {} or any parent directory", start.display()))
        .with_hint("run from inside a mapwright workspace or pass --workspace DIR"))
}

fn read_source(root: &Path, path: &Path) -> Result<SourceFile> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "read", e))?;
    Ok(SourceFile { path: diag::rel_display(root, path), text })
}

/// All files under `dir` with extension `ext`, sorted, recursively.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

static NAME_RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();

/// Names used in store paths: lowercase letters, digits, `_` and `-`.
pub fn valid_name(name: &str) -> bool {
    NAME_RE.get_or_init(|| regex::Regex::new(r"^[a-z0-9][a-z0-9_-]{0,127}$").expect("static regex")).is_match(name)
}

impl Workspace {
    /// Load and cross-check the workspace rooted at `root`. Collects every problem.
    pub fn load(root: &Path) -> Result<Workspace> {
        let root = root.to_path_buf();
        let pdir = root.join("pipelines");
        let mut errors: Vec<Error> = Vec::new();

        let settings_file = read_source(&root, &pdir.join("mapwright.toml"))?;
        let settings = match diag::parse_toml::<WorkspaceFile>(&settings_file.path, &settings_file.text) {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                WorkspaceFile::default()
            }
        };

        let mut datasources = BTreeMap::new();
        for path in files_with_ext(&pdir.join("datasources"), "toml") {
            let file = read_source(&root, &path)?;
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            match diag::parse_toml::<DatasourceFile>(&file.path, &file.text) {
                Ok(spec) => {
                    if let Err(e) = check_datasource(&name, &file, &spec) {
                        errors.push(e);
                    }
                    datasources.insert(name.clone(), Datasource { name, file, spec });
                }
                Err(e) => errors.push(e),
            }
        }

        let mut pipelines: Vec<Pipeline> = Vec::new();
        for path in files_with_ext(&pdir, "toml") {
            let rel = path.strip_prefix(&pdir).unwrap_or(&path);
            if rel == Path::new("mapwright.toml") || rel.starts_with("datasources") {
                continue;
            }
            let file = read_source(&root, &path)?;
            match diag::parse_toml::<PipelineFile>(&file.path, &file.text) {
                Ok(spec) => pipelines.push(Pipeline { file, spec }),
                Err(e) => errors.push(e),
            }
        }

        let policies = files_with_ext(&pdir.join("policies"), "rego")
            .iter()
            .map(|p| read_source(&root, p))
            .collect::<Result<Vec<_>>>()?;

        let ws = Workspace { root, settings, settings_file, datasources, pipelines, policies };
        errors.extend(ws.cross_check());
        if errors.is_empty() {
            Ok(ws)
        } else {
            let n = errors.len();
            let msg = errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("\n\n");
            Err(Error::config(format!("{msg}\n\n{n} configuration error(s)")))
        }
    }

    /// References between files: datasource names, unique pipeline names, templates.
    fn cross_check(&self) -> Vec<Error> {
        let mut errors = Vec::new();
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        let ds_names: Vec<&str> = self.datasources.keys().map(String::as_str).collect();
        let templates = crate::render::available_templates(&self.root);
        for p in &self.pipelines {
            let (path, text) = (&p.file.path, &p.file.text);
            if !valid_name(&p.spec.name) {
                errors.push(diag::located_error(
                    path,
                    text,
                    diag::find_value_offset(text, "name", &p.spec.name),
                    &format!("invalid pipeline name `{}`", p.spec.name),
                    Some("use lowercase letters, digits, `_` and `-` (it becomes a folder in the store)".into()),
                ));
            }
            if let Some(other) = seen.insert(&p.spec.name, path) {
                errors
                    .push(Error::config(format!("{path}: pipeline name `{}` is already used by {other}", p.spec.name)));
            }
            for (key, ds) in [("datasource", &p.spec.source.datasource), ("datasource", &p.spec.target.datasource)] {
                if !self.datasources.contains_key(ds) {
                    errors.push(diag::unknown_reference(path, text, key, "datasource", ds, ds_names.iter().copied()));
                }
            }
            for out in self.outputs(p) {
                if !templates.iter().any(|t| t == out) {
                    errors.push(diag::unknown_reference(
                        path,
                        text,
                        "outputs",
                        "template",
                        out,
                        templates.iter().map(String::as_str),
                    ));
                }
            }
            if let Some(t) = p.spec.threshold
                && !(0.0..=1.0).contains(&t)
            {
                errors.push(Error::config(format!("{path}: `threshold` must be between 0 and 1, got {t}")));
            }
        }
        let used: Vec<String> = self.pipelines.iter().flat_map(|p| self.outputs(p).iter().cloned()).collect();
        errors.extend(crate::render::check_templates(&self.root, &used));
        errors
    }

    /// Outputs a pipeline renders (its own list or the workspace default).
    pub fn outputs<'a>(&'a self, p: &'a Pipeline) -> &'a [String] {
        p.spec.outputs.as_deref().unwrap_or(&self.settings.defaults.outputs)
    }

    pub fn datasource(&self, name: &str) -> Result<&Datasource> {
        self.datasources
            .get(name)
            .ok_or_else(|| Error::config(format!("unknown datasource `{name}`")).with_hint(self.known_datasources()))
    }

    fn known_datasources(&self) -> String {
        let names: Vec<&str> = self.datasources.keys().map(String::as_str).collect();
        if names.is_empty() {
            "no datasource profiles in pipelines/datasources/".into()
        } else {
            format!("known datasources: {}", names.join(", "))
        }
    }

    /// Select pipelines by name or path; all when `names` is empty. Unknown names are errors.
    pub fn select(&self, names: &[String]) -> Result<Vec<&Pipeline>> {
        if names.is_empty() {
            return Ok(self.pipelines.iter().collect());
        }
        names
            .iter()
            .map(|n| {
                self.pipelines.iter().find(|p| &p.spec.name == n || &p.file.path == n).ok_or_else(|| {
                    let known = self.pipelines.iter().map(|p| p.spec.name.as_str());
                    let hint = match diag::did_you_mean(n, known) {
                        Some(b) => format!("did you mean `{b}`?"),
                        None => "run `mapwright validate` to list pipelines".into(),
                    };
                    Error::usage(format!("unknown pipeline `{n}`")).with_hint(hint)
                })
            })
            .collect()
    }

    /// Path of the workspace `templates/` directory.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }
}

fn check_datasource(name: &str, file: &SourceFile, spec: &DatasourceFile) -> Result<()> {
    if !valid_name(name) {
        return Err(Error::config(format!(
            "{}: datasource file name `{name}` must use lowercase letters, digits, `_` and `-`",
            file.path
        )));
    }
    if spec.url.is_some() && spec.url_env.is_some() {
        return Err(diag::located_error(
            &file.path,
            &file.text,
            file.text.find("url"),
            "set either `url_env` or `url`, not both",
            None,
        ));
    }
    if spec.url.is_none() && spec.url_env.is_none() {
        return Err(Error::config(format!("{}: datasource needs `url_env` (or `url` for local files)", file.path)));
    }
    if let Some(url) = &spec.url {
        let local = url.starts_with("sqlite:") || url.starts_with("snapshot://");
        if !local || crate::error::redact(url) != *url {
            return Err(diag::located_error(
                &file.path,
                &file.text,
                file.text.find("url"),
                "a literal `url` is only allowed for local SQLite files and snapshots",
                Some("put server URLs in an environment variable and name it with `url_env`".into()),
            ));
        }
    }
    Ok(())
}

/// Digests of the workspace files that determine a pipeline's result: the workspace
/// file, the pipeline, both datasource profiles and every policy (path → `sha256:`).
pub fn config_digests(ws: &Workspace, p: &Pipeline) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert(ws.settings_file.path.clone(), ws.settings_file.digest());
    out.insert(p.file.path.clone(), p.file.digest());
    for name in [&p.spec.source.datasource, &p.spec.target.datasource] {
        if let Some(ds) = ws.datasources.get(name) {
            out.insert(ds.file.path.clone(), ds.file.digest());
        }
    }
    for pol in &ws.policies {
        out.insert(pol.path.clone(), pol.digest());
    }
    // Files the pipeline reads rules from: their content is an input of the mapping too.
    for rel in p.spec.rule_files() {
        if let Ok(bytes) = std::fs::read(ws.root.join(rel)) {
            out.insert(rel.clone(), sha256_digest(&bytes));
        }
    }
    out
}
