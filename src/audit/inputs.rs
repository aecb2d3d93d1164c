//! What a manifest or denial record says about how a result came about:
//! input file digests, catalogs, policy verdicts, approvals, git state and the
//! runner's identity from the CI environment.

use crate::error::Error;
use crate::mapping::{Mapping, PolicyVerdicts, Summary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Git state of the workspace when the run started.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitInfo {
    /// Commit id of HEAD, when in a git repository.
    pub commit: Option<String>,
    /// Ref being run, e.g. `refs/heads/main`.
    #[serde(rename = "ref")]
    pub ref_name: Option<String>,
    /// Uncommitted changes were present (only possible with `--allow-unreviewed`).
    #[serde(default)]
    pub dirty: bool,
    /// When the pipeline file was first committed (RFC 3339), for "time to first mapping".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_added_at: Option<String>,
}

/// Who ran it: the CI system's identity of the run, never credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunnerIdentity {
    /// `CI=true` was set.
    pub ci: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
    /// Host name of the machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

/// CI variables recorded as runner identity (GitHub Actions, GitLab CI, generic).
const IDENTITY_VARS: &[&str] = &[
    "GITHUB_RUN_ID",
    "GITHUB_RUN_ATTEMPT",
    "GITHUB_ACTOR",
    "GITHUB_REPOSITORY",
    "GITHUB_WORKFLOW",
    "GITHUB_REF",
    "GITHUB_SHA",
    "GITHUB_EVENT_NAME",
    "CI_PIPELINE_ID",
    "CI_JOB_ID",
    "GITLAB_USER_LOGIN",
    "BUILD_ID",
];

impl RunnerIdentity {
    /// Read the identity from the process environment.
    pub fn from_env() -> RunnerIdentity {
        let env = IDENTITY_VARS
            .iter()
            .filter_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()).map(|v| (k.to_string(), v)))
            .collect();
        RunnerIdentity { ci: std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"), env, host: hostname() }
    }

    /// A short label: the GitHub actor and run, or the host.
    pub fn label(&self) -> String {
        match (self.env.get("GITHUB_ACTOR"), self.env.get("GITHUB_RUN_ID")) {
            (Some(a), Some(r)) => format!("{a} (run {r})"),
            (Some(a), None) => a.clone(),
            _ => self.host.clone().unwrap_or_else(|| "local".into()),
        }
    }
}

/// True when running in CI (`CI=true` or `CI=1`): no development keys, configured keys required.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The machine's host name (Linux: the kernel's, else `HOSTNAME`).
pub fn hostname() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Everything the manifest predicate records besides artifacts and chain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    /// Pipeline file relative to the workspace root.
    pub pipeline_path: String,
    pub git: GitInfo,
    /// Input file path → `sha256:` digest (pipeline, workspace, datasources, policies, templates).
    pub files: BTreeMap<String, String>,
    /// `source` / `target` → catalog `sha256:` digest.
    pub catalogs: BTreeMap<String, String>,
    pub policy: PolicyVerdicts,
    pub approvals: Option<serde_json::Value>,
    pub allow_unreviewed: bool,
    pub runner: RunnerIdentity,
    pub summary: Summary,
    /// When the run started (RFC 3339); default: when the manifest is built.
    pub started_at: Option<String>,
}

impl Inputs {
    /// Inputs of a generated mapping: pipeline path, catalog digests, verdicts and counts come
    /// from the Mapping; the runner identity from the environment. The caller adds git state,
    /// approvals and `allow_unreviewed`.
    pub fn from_mapping(mapping: &Mapping, files: BTreeMap<String, String>) -> Inputs {
        Inputs {
            pipeline_path: mapping.pipeline_path.clone(),
            git: GitInfo::default(),
            files,
            catalogs: BTreeMap::from([
                ("source".into(), mapping.source.catalog_digest.clone()),
                ("target".into(), mapping.target.catalog_digest.clone()),
            ]),
            policy: mapping.policy.clone(),
            approvals: None,
            allow_unreviewed: false,
            runner: RunnerIdentity::from_env(),
            summary: mapping.summary.clone(),
            started_at: Some(super::statement::now_rfc3339()),
        }
    }
}

/// A refused run, recorded as a signed record in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Denial {
    pub pipeline: String,
    pub pipeline_path: String,
    /// `access` or `policy`.
    pub kind: String,
    pub code: String,
    /// Reason (redacted before it is stored).
    pub reason: String,
    pub policy: Option<PolicyVerdicts>,
    pub git: GitInfo,
    pub files: BTreeMap<String, String>,
    pub runner: RunnerIdentity,
}

impl Denial {
    /// A denial of `pipeline` for the error that refused it (access or policy class).
    pub fn new(pipeline: &str, pipeline_path: &str, err: &Error) -> Denial {
        let kind = match err.class {
            crate::error::Class::PolicyDenied => "policy",
            crate::error::Class::AccessDenied => "access",
            _ => "other",
        };
        Denial {
            pipeline: pipeline.into(),
            pipeline_path: pipeline_path.into(),
            kind: kind.into(),
            code: err.class.code().into(),
            reason: crate::error::redact(&err.message),
            policy: None,
            git: GitInfo::default(),
            files: BTreeMap::new(),
            runner: RunnerIdentity::from_env(),
        }
    }
}
