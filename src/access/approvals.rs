//! Who must approve a change, and whether they did.
//!
//! For the change between a base ref and HEAD (as a pull request shows it:
//! from the merge base), every changed file needs one of its CODEOWNERS; a
//! pipeline that newly uses a datasource also needs one of the owners of that
//! datasource's profile (the grant being relied on), and a pipeline that adds
//! a policy exemption needs one of the owners of the exempted policy file.
//! Owners come from the CODEOWNERS file of the *base* commit, as on GitHub, so
//! a change cannot approve itself by editing CODEOWNERS.

use super::codeowners::{CodeOwners, LOCATIONS};
use super::git::{self, Change};
use crate::config::Workspace;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The approvals a change needs (and, after [`ApprovalReport::apply_reviews`], which it has).
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalReport {
    /// The base as given (e.g. `origin/main`).
    pub base: String,
    /// Merge base of `base` and HEAD: the commit the change is compared with.
    pub base_commit: String,
    pub head_commit: String,
    /// CODEOWNERS file used, e.g. `.github/CODEOWNERS@<base commit>`.
    pub codeowners: String,
    pub changes: Vec<ChangedFile>,
    /// Sorted by kind, then reason.
    pub requirements: Vec<Requirement>,
    /// Changed files no CODEOWNERS rule assigns (GitHub requires no code-owner review for them).
    pub unowned: Vec<String>,
    /// Changed files that pipelines read rules from (`renames_file`, `[matching]
    /// vocabulary_files`), each with those pipelines: their mappings may change although their
    /// own files did not. For reviewers; not a requirement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_rule_files: Vec<SharedRuleFile>,
    /// Reviews evaluated (`None` until reviews are applied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<ReviewSummary>,
    /// Every requirement is met.
    pub met: bool,
}

/// A changed rule file and the pipelines (paths, sorted) that read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedRuleFile {
    pub file: String,
    pub pipelines: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangedFile {
    #[serde(flatten)]
    pub change: Change,
    /// CODEOWNERS owners of the path (and of the old path for renames).
    pub owners: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// Changed files owned by the same owners.
    CodeOwners,
    /// A pipeline newly uses a datasource: the profile's owners approve the grant's use.
    DatasourceGrant,
    /// A pipeline adds a policy exemption: the policy's owners approve it.
    PolicyExemption,
}

/// One approval requirement: any one of `owners` must approve.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Requirement {
    pub kind: RequirementKind,
    pub reason: String,
    /// Files the requirement is about.
    pub files: Vec<String>,
    /// Any one of these must approve (`@user`, `@org/team`, e-mail). Empty = nobody can (unmet).
    pub owners: Vec<String>,
    /// Reviewers (GitHub logins) whose approval satisfies it.
    pub approved_by: Vec<String>,
    /// Owners (logins) whose latest review requests changes; blocks the requirement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes_requested_by: Vec<String>,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewSummary {
    pub approved: Vec<String>,
    pub changes_requested: Vec<String>,
}

/// Compute the approvals required for the change from `base` (merge base) to HEAD.
pub fn required_approvers(ws: &Workspace, base: &str) -> Result<ApprovalReport> {
    let root = ws.root.as_path();
    let base_id = git::resolve(root, base)?;
    let head = git::resolve(root, "HEAD")?;
    let mb = git::git(root, &["merge-base", &base_id, &head])
        .map(|s| s.trim().to_string())
        .map_err(|e| e.context(format!("no common history between `{base}` and HEAD")))?;
    let changes = git::changes(root, &mb, &head)?;
    let (co, codeowners) = codeowners_at(root, &mb, &head)?;
    let (_, prefix) = git::repo_root(root);

    let mut by_owners: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    let mut unowned = Vec::new();
    let mut files = Vec::new();
    let mut extra = Vec::new();
    for change in changes {
        let mut all = BTreeSet::new();
        for path in std::iter::once(&change.path).chain(change.old_path.as_ref()) {
            let owners = sorted(co.owners(path));
            if owners.is_empty() {
                unowned.push(path.clone());
            } else {
                all.extend(owners.iter().cloned());
                by_owners.entry(owners).or_default().push(path.clone());
            }
        }
        if is_pipeline_path(&change.path, &prefix) && change.status != "deleted" {
            extra.extend(pipeline_requirements(root, &prefix, &co, &mb, &head, &change)?);
        }
        files.push(ChangedFile { change, owners: all.into_iter().collect() });
    }
    let mut requirements: Vec<Requirement> = by_owners
        .into_iter()
        .map(|(owners, mut files)| Requirement {
            kind: RequirementKind::CodeOwners,
            reason: format!("code owners of {} changed file(s)", files.len()),
            files: {
                files.sort();
                files
            },
            owners,
            approved_by: Vec::new(),
            changes_requested_by: Vec::new(),
            met: false,
        })
        .collect();
    let shared_rule_files = shared_rule_files(ws, &prefix, &files);
    requirements.extend(extra);
    requirements.sort();
    requirements.dedup();
    unowned.sort();
    unowned.dedup();
    let met = requirements.is_empty();
    Ok(ApprovalReport {
        base: base.to_string(),
        base_commit: mb,
        head_commit: head,
        codeowners,
        changes: files,
        requirements,
        unowned,
        shared_rule_files,
        reviews: None,
        met,
    })
}

/// Changed files (repository paths) that pipelines of the workspace read rules from, with
/// those pipelines (`prefix`: the workspace's place in the repository).
fn shared_rule_files(ws: &Workspace, prefix: &str, changes: &[ChangedFile]) -> Vec<SharedRuleFile> {
    changes
        .iter()
        .filter_map(|c| {
            let rel = c.change.path.strip_prefix(prefix)?;
            let mut pipelines: Vec<String> = ws
                .pipelines
                .iter()
                .filter(|p| p.spec.rule_files().any(|f| f == rel))
                .map(|p| format!("{prefix}{}", p.file.path))
                .collect();
            pipelines.sort();
            (!pipelines.is_empty()).then(|| SharedRuleFile { file: c.change.path.clone(), pipelines })
        })
        .collect()
}

/// The base commit's CODEOWNERS (GitHub's rule); HEAD's only when the base has none yet.
fn codeowners_at(root: &Path, base: &str, head: &str) -> Result<(CodeOwners, String)> {
    for (commit, note) in [(base, ""), (head, " (none at base; using HEAD's)")] {
        for loc in LOCATIONS {
            if let Some(text) = git::show(root, commit, loc) {
                return Ok((CodeOwners::parse(loc, &text), format!("{loc}@{}{note}", &commit[..12.min(commit.len())])));
            }
        }
    }
    Err(Error::config(format!("no CODEOWNERS file at the base commit or HEAD (looked for {})", LOCATIONS.join(", ")))
        .with_hint("add .github/CODEOWNERS so changes have required approvers (see docs/access.md)"))
}

/// Same rule as the workspace loader: `pipelines/**/*.toml` except the workspace file and profiles.
/// `path` is repository-relative; `prefix` is the workspace's place in the repository.
fn is_pipeline_path(path: &str, prefix: &str) -> bool {
    let Some(rel) = path.strip_prefix(prefix).and_then(|p| p.strip_prefix("pipelines/")) else { return false };
    rel.ends_with(".toml") && rel != "mapwright.toml" && !rel.starts_with("datasources/") && rel.contains('/')
}

/// Datasource uses and exemptions a pipeline file had/has, read leniently from TOML.
#[derive(Default)]
struct PipelineFacts {
    name: String,
    datasources: BTreeSet<String>,
    exemptions: BTreeSet<(String, Option<String>)>,
}

fn facts(path: &str, text: &str) -> Result<PipelineFacts> {
    let v: toml::Table = text.parse().map_err(|e| {
        Error::config(format!("{path}: cannot read the pipeline to compute approvals: {e}"))
            .with_hint("fix the file (`mapwright validate` shows the exact location)")
    })?;
    let s = |v: Option<&toml::Value>| v.and_then(|x| x.as_str()).map(str::to_string);
    let mut f = PipelineFacts { name: s(v.get("name")).unwrap_or_else(|| path.to_string()), ..Default::default() };
    for side in ["source", "target"] {
        if let Some(ds) = s(v.get(side).and_then(|t| t.get("datasource"))) {
            f.datasources.insert(ds);
        }
    }
    for e in v.get("exemptions").and_then(|x| x.as_array()).into_iter().flatten() {
        if let Some(policy) = s(e.get("policy")) {
            f.exemptions.insert((policy, s(e.get("contains"))));
        }
    }
    Ok(f)
}

/// Grant and exemption requirements for a new or changed pipeline file.
fn pipeline_requirements(
    root: &Path,
    prefix: &str,
    co: &CodeOwners,
    base: &str,
    head: &str,
    change: &Change,
) -> Result<Vec<Requirement>> {
    let Some(text) = git::show(root, head, &change.path) else { return Ok(Vec::new()) };
    let now = facts(&change.path, &text)?;
    // A renamed or copied pipeline is a new path, so every grant it relies on is a new use.
    let before_uses = match change.status.as_str() {
        "modified" | "type_changed" => git::show(root, base, &change.path),
        _ => None,
    };
    // A rename keeps the pipeline's exemptions; a copy makes a new pipeline with new ones.
    let before_exemptions = match (change.status.as_str(), &change.old_path) {
        ("modified" | "type_changed", _) => git::show(root, base, &change.path),
        ("renamed", Some(old)) => git::show(root, base, old),
        _ => None,
    };
    let uses = match &before_uses {
        Some(t) => facts(&change.path, t).map(|f| f.datasources).unwrap_or_default(),
        None => BTreeSet::new(),
    };
    let exempt = match &before_exemptions {
        Some(t) => facts(&change.path, t).map(|f| f.exemptions).unwrap_or_default(),
        None => BTreeSet::new(),
    };
    let new_pipeline = before_uses.is_none();
    let mut out = Vec::new();
    for ds in now.datasources.difference(&uses) {
        let profile = format!("{prefix}pipelines/datasources/{ds}.toml");
        let how = if new_pipeline { "new pipeline" } else { "pipeline" };
        out.push(requirement(
            RequirementKind::DatasourceGrant,
            format!("{how} `{}` ({}) newly uses datasource `{ds}`", now.name, change.path),
            profile.clone(),
            co.owners(&profile),
        ));
    }
    for (policy, contains) in now.exemptions.difference(&exempt) {
        let file = format!("{prefix}pipelines/policies/{policy}.rego");
        let scope = contains.as_ref().map(|c| format!(" for denies containing `{c}`")).unwrap_or_default();
        out.push(requirement(
            RequirementKind::PolicyExemption,
            format!("pipeline `{}` ({}) adds an exemption from policy `{policy}`{scope}", now.name, change.path),
            file.clone(),
            co.owners(&file),
        ));
    }
    Ok(out)
}

fn requirement(kind: RequirementKind, reason: String, file: String, owners: &[String]) -> Requirement {
    Requirement {
        kind,
        reason,
        files: vec![file],
        owners: sorted(owners),
        approved_by: Vec::new(),
        changes_requested_by: Vec::new(),
        met: false,
    }
}

fn sorted(owners: &[String]) -> Vec<String> {
    let mut v = owners.to_vec();
    v.sort();
    v.dedup();
    v
}

/// A review's effect on approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewState {
    Approved,
    ChangesRequested,
    Dismissed,
}

/// The latest approval-relevant review per reviewer, from GitHub's reviews API JSON
/// (`GET /repos/{owner}/{repo}/pulls/{n}/reviews`).
///
/// `COMMENTED` (and `PENDING`) reviews are ignored: on GitHub a comment after an
/// approval does not withdraw it. A `DISMISSED` review withdraws it.
#[derive(Debug, Clone, Default)]
pub struct Reviews {
    /// Lowercase login → latest state.
    pub latest: BTreeMap<String, ReviewState>,
}

#[derive(serde::Deserialize)]
struct ApiReview {
    user: Option<ApiUser>,
    state: String,
    #[serde(default)]
    submitted_at: Option<String>,
}

#[derive(serde::Deserialize)]
struct ApiUser {
    login: String,
}

impl Reviews {
    /// Parse the reviews JSON (`file` names the source in errors).
    pub fn from_json(file: &str, text: &str) -> Result<Reviews> {
        let list: Vec<ApiReview> = serde_json::from_str(text).map_err(|e| {
            Error::usage(format!("{file}: not a GitHub reviews list: {e}"))
                .with_hint("save `gh api repos/OWNER/REPO/pulls/N/reviews --paginate` output to this file")
        })?;
        let mut latest: BTreeMap<String, (String, ReviewState)> = BTreeMap::new();
        for r in list {
            let Some(user) = r.user else { continue };
            let state = match r.state.to_ascii_uppercase().as_str() {
                "APPROVED" => ReviewState::Approved,
                "CHANGES_REQUESTED" => ReviewState::ChangesRequested,
                "DISMISSED" => ReviewState::Dismissed,
                _ => continue,
            };
            let at = r.submitted_at.unwrap_or_default();
            let login = user.login.to_ascii_lowercase();
            // Later in the list or later in time wins (the API lists reviews chronologically).
            if latest.get(&login).is_none_or(|(prev, _)| at.as_str() >= prev.as_str()) {
                latest.insert(login, (at, state));
            }
        }
        Ok(Reviews { latest: latest.into_iter().map(|(k, (_, s))| (k, s)).collect() })
    }

    fn with_state(&self, state: ReviewState) -> Vec<String> {
        self.latest.iter().filter(|(_, s)| **s == state).map(|(k, _)| k.clone()).collect()
    }
}

/// Team (and e-mail) → GitHub logins, from `access.teams` and/or a `--teams` file.
#[derive(Debug, Clone, Default)]
pub struct Teams {
    members: BTreeMap<String, BTreeSet<String>>,
}

impl Teams {
    /// Membership from the workspace `[access.teams]`.
    pub fn from_workspace(ws: &Workspace) -> Teams {
        let mut t = Teams::default();
        t.extend(&ws.settings.access.teams);
        t
    }

    /// Add a teams file: JSON or TOML (by extension) mapping `@org/team` to a list of logins.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "read", e))?;
        let map: BTreeMap<String, Vec<String>> = if path.extension().is_some_and(|e| e == "toml") {
            toml::from_str(&text).map_err(|e| Error::usage(format!("{}: {e}", path.display())))?
        } else {
            serde_json::from_str(&text).map_err(|e| {
                Error::usage(format!("{}: expected {{\"@org/team\": [\"login\", …]}}: {e}", path.display()))
            })?
        };
        self.extend(&map);
        Ok(())
    }

    fn extend(&mut self, map: &BTreeMap<String, Vec<String>>) {
        for (team, logins) in map {
            let set = self.members.entry(normalize(team)).or_default();
            set.extend(logins.iter().map(|l| normalize(l)));
        }
    }

    /// Whether `login` (lowercase) counts as `owner`.
    fn is(&self, owner: &str, login: &str) -> bool {
        let o = normalize(owner);
        (owner.starts_with('@') && !o.contains('/') && o == login)
            || self.members.get(&o).is_some_and(|m| m.contains(login))
    }
}

fn normalize(s: &str) -> String {
    s.trim().trim_start_matches('@').to_ascii_lowercase()
}

impl ApprovalReport {
    /// Mark which requirements the reviews satisfy: one approving owner and no owner requesting changes.
    pub fn apply_reviews(&mut self, reviews: &Reviews, teams: &Teams) {
        let approved = reviews.with_state(ReviewState::Approved);
        let blocked = reviews.with_state(ReviewState::ChangesRequested);
        for r in &mut self.requirements {
            let owns = |login: &String| r.owners.iter().any(|o| teams.is(o, login));
            r.approved_by = approved.iter().filter(|l| owns(l)).cloned().collect();
            r.changes_requested_by = blocked.iter().filter(|l| owns(l)).cloned().collect();
            r.met = !r.approved_by.is_empty() && r.changes_requested_by.is_empty();
        }
        self.met = self.requirements.iter().all(|r| r.met);
        self.reviews = Some(ReviewSummary { approved, changes_requested: blocked });
    }
}
