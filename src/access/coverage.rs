//! Every file that controls what runs must have a code owner.
//!
//! An unowned pipeline, profile, policy, key or template could be changed by
//! anyone with write access, which silently bypasses the review model.

use super::codeowners::{CodeOwners, LOCATIONS};
use crate::config::diag::rel_display;
use crate::config::{Workspace, files_with_ext};
use crate::error::Error;

/// Errors for `validate`: invalid CODEOWNERS lines and every controlled file without an owner.
///
/// Controlled files: `pipelines/mapwright.toml`, pipelines, datasource profiles,
/// policies, `pipelines/keys/*.pub`, `templates/**/*.j2` and the CODEOWNERS file itself.
/// When no CODEOWNERS file exists, one error says so.
pub fn coverage(ws: &Workspace) -> Vec<Error> {
    let (repo, prefix) = super::git::repo_root(&ws.root);
    let co = match CodeOwners::load(&repo) {
        Ok(Some(co)) => co,
        Ok(None) => {
            return vec![
                Error::config(format!(
                    "no CODEOWNERS file in {} (looked for {})",
                    ws.root.display(),
                    LOCATIONS.join(", ")
                ))
                .with_hint(
                    "create .github/CODEOWNERS assigning owners to pipelines/ and templates/ (see docs/access.md)",
                ),
            ];
        }
        Err(e) => return vec![e],
    };
    let mut errors = co.invalid_errors();
    let mut files = vec![ws.settings_file.path.clone()];
    files.extend(ws.pipelines.iter().map(|p| p.file.path.clone()));
    files.extend(ws.datasources.values().map(|d| d.file.path.clone()));
    files.extend(ws.policies.iter().map(|p| p.path.clone()));
    for (dir, ext) in [("pipelines/keys", "pub"), ("templates", "j2")] {
        files.extend(files_with_ext(&ws.root.join(dir), ext).iter().map(|p| rel_display(&ws.root, p)));
    }
    // Workspace-relative → repository-relative, as CODEOWNERS patterns are.
    let mut files: Vec<String> = files.into_iter().map(|f| format!("{prefix}{f}")).collect();
    files.push(co.path.clone());
    files.sort();
    files.dedup();
    for f in files {
        if co.owners(&f).is_empty() {
            let why = match co.rule_for(&f) {
                Some(r) => format!("line {} (`{}`) clears its owners", r.line, r.pattern),
                None => "no pattern matches it".to_string(),
            };
            errors.push(
                Error::config(format!("{f}: has no code owner in {} ({why})", co.path))
                    .with_hint(format!("add a line such as `/{f} @org/team` to {}", co.path)),
            );
        }
    }
    errors
}
