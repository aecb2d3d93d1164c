//! Git facts the access model needs, read by running `git` (the same tool
//! reviewers and CI use, so there is no second opinion on what is committed).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What `run` needs to know about the checkout it executes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct GitState {
    /// `HEAD` commit id; `None` outside a repository or before the first commit.
    pub commit: Option<String>,
    /// Full ref name checked out (`refs/heads/main`); `None` when detached and CI names no ref.
    pub git_ref: Option<String>,
    /// No modified, staged or untracked (non-ignored) file among [`REVIEWED_PATHS`].
    pub clean: bool,
    pub in_repo: bool,
    /// The first uncommitted paths (`git status --porcelain` lines), for error messages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dirty: Vec<String>,
}

/// What decides a run's result, relative to the workspace root: configuration, policies, keys,
/// templates and the CODEOWNERS files. Other files (exports written into the checkout, docs,
/// the tool's own sources) do not change what runs, so they do not make the tree unreviewed.
pub const REVIEWED_PATHS: [&str; 5] = ["pipelines", "templates", ".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// Run git in `root`; `Err` carries git's stderr.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| Error::internal(format!("cannot run git: {e}")).with_hint("install git and put it on PATH"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(Error::internal(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim())))
    }
}

/// Inspect the checkout at `root`. Never fails: missing facts are `None`/`false`.
///
/// When HEAD is detached (common in CI), the ref comes from `GITHUB_REF` but
/// only if `GITHUB_SHA` names the commit actually checked out.
pub fn git_state(root: &Path) -> GitState {
    state(root, std::env::var("GITHUB_REF").ok(), std::env::var("GITHUB_SHA").ok())
}

fn state(root: &Path, ci_ref: Option<String>, ci_sha: Option<String>) -> GitState {
    let in_repo = git(root, &["rev-parse", "--is-inside-work-tree"]).is_ok_and(|s| s.trim() == "true");
    if !in_repo {
        return GitState::default();
    }
    let commit = git(root, &["rev-parse", "--verify", "-q", "HEAD^{commit}"]).ok().map(|s| s.trim().to_string());
    let mut git_ref = git(root, &["symbolic-ref", "-q", "HEAD"]).ok().map(|s| s.trim().to_string());
    if git_ref.is_none()
        && let (Some(r), Some(sha), Some(c)) = (ci_ref, ci_sha, &commit)
        && &sha == c
        && !r.is_empty()
    {
        git_ref = Some(r);
    }
    let mut args = vec!["status", "--porcelain", "--untracked-files=all", "--"];
    args.extend(REVIEWED_PATHS);
    let (clean, dirty) = match git(root, &args) {
        Ok(s) => {
            let lines: Vec<String> = s.lines().filter(|l| !l.is_empty()).map(str::to_string).collect();
            (lines.is_empty(), lines.into_iter().take(10).collect())
        }
        Err(e) => (false, vec![e.message]),
    };
    GitState { commit, git_ref, clean, in_repo, dirty }
}

/// How a file changed between two commits (`git diff --name-status`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Change {
    /// `added`, `modified`, `deleted`, `renamed`, `copied`, `type_changed`.
    pub status: String,
    pub path: String,
    /// Previous path for renames and copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
}

/// Resolve `rev` to a commit id, or a usage error naming it.
pub fn resolve(root: &Path, rev: &str) -> Result<String> {
    git(root, &["rev-parse", "--verify", "-q", &format!("{rev}^{{commit}}")]).map(|s| s.trim().to_string()).map_err(
        |_| {
            Error::usage(format!("`{rev}` is not a commit in {}", root.display())).with_hint(
                "fetch the base branch first (CI: `git fetch origin main`) and pass e.g. `--base origin/main`",
            )
        },
    )
}

/// Files changed from `base` to `head` (with rename detection), sorted by path.
/// Paths are relative to the repository root, like CODEOWNERS patterns.
pub fn changes(root: &Path, base: &str, head: &str) -> Result<Vec<Change>> {
    let out = git(root, &["diff", "--name-status", "-z", "-M", "--no-color", base, head])?;
    let mut fields = out.split('\0').filter(|f| !f.is_empty());
    let mut changes = Vec::new();
    while let Some(code) = fields.next() {
        let status = match code.chars().next() {
            Some('A') => "added",
            Some('M') => "modified",
            Some('D') => "deleted",
            Some('R') => "renamed",
            Some('C') => "copied",
            Some('T') => "type_changed",
            _ => "unknown",
        };
        let first = fields.next().unwrap_or_default().to_string();
        let change = if matches!(status, "renamed" | "copied") {
            let new = fields.next().unwrap_or_default().to_string();
            Change { status: status.into(), path: new, old_path: Some(first) }
        } else {
            Change { status: status.into(), path: first, old_path: None }
        };
        changes.push(change);
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(changes)
}

/// Content of `path` (relative to the repository root) at `commit`, `None` when it does not exist there.
pub fn show(root: &Path, commit: &str, path: &str) -> Option<String> {
    git(root, &["show", &format!("{commit}:{path}")]).ok()
}

/// Where the repository that contains `root` starts: its top directory and the
/// path of `root` inside it (`""` or `sub/dir/`). Outside a repository: `root` and `""`.
///
/// CODEOWNERS patterns are relative to the repository root, while workspace
/// paths are relative to the workspace root; the prefix joins the two.
pub fn repo_root(root: &Path) -> (PathBuf, String) {
    match (git(root, &["rev-parse", "--show-toplevel"]), git(root, &["rev-parse", "--show-prefix"])) {
        (Ok(top), Ok(prefix)) => (PathBuf::from(top.trim()), prefix.trim().to_string()),
        _ => (root.to_path_buf(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detached_head_takes_the_ci_ref_only_for_the_commit_ci_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let id = ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"];
        std::fs::create_dir_all(root.join("pipelines")).expect("mkdir");
        std::fs::write(root.join("pipelines/mapwright.toml"), "").expect("write");
        for args in
            [&["init", "-q", "-b", "main"][..], &["add", "-A"], &[id.as_slice(), &["commit", "-q", "-m", "x"]].concat()]
        {
            git(root, args).expect("git");
        }
        let head = git(root, &["rev-parse", "HEAD"]).expect("head").trim().to_string();
        git(root, &["checkout", "-q", "--detach"]).expect("detach");
        let main = Some("refs/heads/main".to_string());
        assert_eq!(state(root, None, None).git_ref, None);
        assert_eq!(state(root, main.clone(), Some(head.clone())).git_ref, main);
        assert_eq!(state(root, main, Some("0".repeat(40))).git_ref, None, "GITHUB_SHA names another commit");
        let s = state(root, None, None);
        assert!(s.in_repo && s.clean && s.commit.as_deref() == Some(head.as_str()), "{s:?}");
    }
}
