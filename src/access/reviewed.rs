//! Reviewed content only: `run` executes what was approved and merged.
//!
//! Merged content on a protected ref has passed code review (branch
//! protection + CODEOWNERS), so running exactly that — committed, no local
//! edits — means every pipeline, datasource and policy in effect was approved
//! by its owners. `--allow-unreviewed` exists for local development; CI
//! refuses it unless the workspace explicitly allows it.

use super::git::GitState;
use crate::config::Workspace;
use crate::error::{Class, Error, Result};

/// Refuse to run unreviewed content (exit 4).
///
/// With `allow_unreviewed` this passes outside CI (the caller records it in the
/// manifest) and, under CI, only when `access.allow_unreviewed_in_ci` is set.
pub fn check_reviewed(ws: &Workspace, state: &GitState, allow_unreviewed: bool, ci: bool) -> Result<()> {
    let settings = &ws.settings_file.path;
    if allow_unreviewed {
        if ci && !ws.settings.access.allow_unreviewed_in_ci {
            return Err(denied("--allow-unreviewed is refused when CI=true").with_hint(format!(
                "run reviewed content from a protected ref, or set `allow_unreviewed_in_ci = true` under [access] in {settings}"
            )));
        }
        return Ok(());
    }
    let dev_hint = "for local development pass --allow-unreviewed (recorded in the manifest)";
    if !state.in_repo {
        return Err(denied(format!(
            "{} is not in a git repository, so its content is not reviewed",
            ws.root.display()
        ))
        .with_hint(dev_hint));
    }
    let Some(commit) = &state.commit else {
        return Err(denied("the repository has no commit yet, so nothing is reviewed").with_hint(dev_hint));
    };
    if !state.clean {
        return Err(denied(format!(
            "the work tree has uncommitted changes ({}); run executes committed content only",
            state.dirty.join("; ")
        ))
        .with_hint(format!("commit and merge the changes through review, or {dev_hint}")));
    }
    let protected = &ws.settings.access.protected_refs;
    let on_protected = match &state.git_ref {
        Some(r) => ref_matches(protected, r)?,
        None => false,
    };
    if !on_protected {
        let at = state.git_ref.as_deref().unwrap_or("a detached HEAD");
        return Err(denied(format!(
            "commit {} is checked out from {at}, which is not a protected ref ({})",
            short(commit),
            protected.join(", ")
        ))
        .with_hint(format!(
            "check out a protected ref (listed in `access.protected_refs` of {settings}) or {dev_hint}"
        )));
    }
    Ok(())
}

fn denied(msg: impl Into<String>) -> Error {
    Error::new(Class::AccessDenied, msg)
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// Protected refs are full ref names or globs (`refs/heads/release/*`).
fn ref_matches(patterns: &[String], git_ref: &str) -> Result<bool> {
    for p in patterns {
        let glob = globset::GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| Error::config(format!("access.protected_refs: invalid pattern `{p}`: {e}")))?;
        if glob.compile_matcher().is_match(git_ref) {
            return Ok(true);
        }
    }
    Ok(false)
}
