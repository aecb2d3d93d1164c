//! The in-toto Statement v1 inside every manifest and denial record, and the
//! mapwright predicates (`https://mapwright.dev/manifest/v1`,
//! `https://mapwright.dev/denial/v1`). docs/manifests.md documents every field.

use super::inputs::{GitInfo, Inputs, RunnerIdentity};
use crate::mapping::{PolicyVerdicts, Summary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";
pub const MANIFEST_PREDICATE: &str = "https://mapwright.dev/manifest/v1";
pub const DENIAL_PREDICATE: &str = "https://mapwright.dev/denial/v1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement<P> {
    #[serde(rename = "_type")]
    pub type_: String,
    pub subject: Vec<Subject>,
    #[serde(rename = "predicateType")]
    pub predicate_type: String,
    pub predicate: P,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// Artifact path inside the version folder.
    pub name: String,
    /// `{"sha256": "<hex>"}`.
    pub digest: BTreeMap<String, String>,
}

impl Subject {
    pub fn of(name: &str, bytes: &[u8]) -> Subject {
        use sha2::{Digest, Sha256};
        Subject {
            name: name.to_string(),
            digest: BTreeMap::from([("sha256".into(), hex::encode(Sha256::digest(bytes)))]),
        }
    }
    pub fn sha256(&self) -> Option<&str> {
        self.digest.get("sha256").map(String::as_str)
    }
}

/// Link to the previous version's manifest: the hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    pub version: u64,
    pub sequence: u64,
    /// `sha256:<hex>` of the previous `manifest.dsse.json` bytes.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn current() -> Tool {
        Tool { name: "mapwright".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// Predicate of a version manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestPredicate {
    pub pipeline: String,
    /// Pipeline file, relative to the workspace root.
    pub pipeline_path: String,
    /// Folder number `v<N>` in the store.
    pub version: u64,
    /// Position in the chain (1, 2, 3, … with no gaps; versions may skip numbers of abandoned claims).
    pub sequence: u64,
    /// The previous manifest; `null` for the first version.
    pub previous: Option<Previous>,
    pub git: GitInfo,
    /// `sha256:` digest of every input file (pipeline, workspace, datasources, policies, templates).
    pub inputs: BTreeMap<String, String>,
    /// `sha256:` digests of the discovered catalogs (`source`, `target`).
    pub catalogs: BTreeMap<String, String>,
    pub policy: PolicyVerdicts,
    /// Review evidence (e.g. GitHub reviews) when given.
    pub approvals: Option<serde_json::Value>,
    /// The run accepted unreviewed content (local development).
    pub allow_unreviewed: bool,
    pub runner: RunnerIdentity,
    pub summary: Summary,
    /// Digest over everything that determines the artifacts (inputs, catalogs, tool, subjects):
    /// equal fingerprints mean "unchanged", so no new version is written.
    pub fingerprint: String,
    /// RFC 3339 UTC.
    pub started_at: String,
    /// RFC 3339 UTC, when the manifest was signed.
    pub finished_at: String,
    pub tool: Tool,
}

/// Predicate of a denial record (a run refused by the access gate or a policy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DenialPredicate {
    pub pipeline: String,
    pub pipeline_path: String,
    /// `access` or `policy`.
    pub kind: String,
    /// Triage code (`MW-ACCESS`, `MW-POLICY`).
    pub code: String,
    /// Why (secrets redacted).
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyVerdicts>,
    pub git: GitInfo,
    pub inputs: BTreeMap<String, String>,
    pub runner: RunnerIdentity,
    pub denied_at: String,
    pub tool: Tool,
}

/// Fingerprint of what determines a version's content (see [`ManifestPredicate::fingerprint`]).
pub fn fingerprint(inputs: &Inputs, subjects: &[Subject]) -> String {
    let doc = serde_json::json!({
        "inputs": inputs.files,
        "catalogs": inputs.catalogs,
        "tool": Tool::current(),
        "subjects": subjects,
    });
    crate::config::sha256_digest(doc.to_string().as_bytes())
}

/// Current time as RFC 3339 UTC with whole seconds.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Parse an RFC 3339 timestamp.
pub fn parse_time(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}
