//! The three file formats users write, as Rust types.
//!
//! The JSON Schemas in `schemas/` are generated from these types
//! (`mapwright schema --write`), so editors and the loader can never disagree.
//! Every struct denies unknown keys; the loader turns serde's messages into
//! file:line:col errors with a "did you mean" suggestion.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::rules::{ColumnRule, Matching, Pii, RenameRule, Select, TableRule};

/// `pipelines/mapwright.toml`: the workspace.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceFile {
    /// Where versions are exported.
    #[serde(default)]
    pub store: StoreConfig,
    /// How manifests are signed.
    #[serde(default)]
    pub signing: SigningConfig,
    /// Public keys trusted by `verify`: files or globs relative to `pipelines/` (default `keys/*.pub`).
    #[serde(default = "default_trusted_keys")]
    pub trusted_keys: Vec<String>,
    /// Access model settings.
    #[serde(default)]
    pub access: AccessConfig,
    /// Defaults applied to every pipeline.
    #[serde(default)]
    pub defaults: Defaults,
}

fn default_trusted_keys() -> Vec<String> {
    vec!["keys/*.pub".to_string()]
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
    /// Object store URL: `file://./exports` (relative to the workspace root), `memory://`,
    /// `s3://bucket/prefix`, `gs://bucket/prefix`, `az://container/prefix`.
    #[serde(default = "default_store_url")]
    pub url: String,
    /// Extra object_store options (e.g. `aws_endpoint`, `aws_allow_http`); never secrets —
    /// credentials come from the environment / provider chain.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Hours an unfinished (manifest-less) version is kept before `gc` removes it.
    #[serde(default = "default_gc_grace_hours")]
    pub gc_grace_hours: u64,
}

fn default_store_url() -> String {
    "file://./exports".to_string()
}
fn default_gc_grace_hours() -> u64 {
    24
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig { url: default_store_url(), options: BTreeMap::new(), gc_grace_hours: default_gc_grace_hours() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SigningConfig {
    /// Environment variable holding the Ed25519 private key (`mapwright keygen` output format).
    #[serde(default = "default_key_env")]
    pub key_env: String,
    /// File holding the private key, relative to the workspace root (alternative to `key_env`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_file: Option<String>,
    /// Create a development key in `.mapwright/dev-key` when no key is configured (refused when CI=true).
    #[serde(default = "default_true")]
    pub dev_key: bool,
}

fn default_key_env() -> String {
    "MAPWRIGHT_SIGNING_KEY".to_string()
}
fn default_true() -> bool {
    true
}

impl Default for SigningConfig {
    fn default() -> Self {
        SigningConfig { key_env: default_key_env(), key_file: None, dev_key: true }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessConfig {
    /// Git refs `run` accepts in CI (reviewed content only).
    #[serde(default = "default_protected_refs")]
    pub protected_refs: Vec<String>,
    /// Permit `--allow-unreviewed` when CI=true.
    #[serde(default)]
    pub allow_unreviewed_in_ci: bool,
    /// Team membership for `access check` (`@org/team` → GitHub logins).
    #[serde(default)]
    pub teams: BTreeMap<String, Vec<String>>,
    /// Forbidden datasource class pairs `[source_class, target_class]` (also passed to policies).
    #[serde(default)]
    pub forbidden_class_pairs: Vec<[String; 2]>,
}

fn default_protected_refs() -> Vec<String> {
    vec!["refs/heads/main".to_string()]
}

impl Default for AccessConfig {
    fn default() -> Self {
        AccessConfig {
            protected_refs: default_protected_refs(),
            allow_unreviewed_in_ci: false,
            teams: BTreeMap::new(),
            forbidden_class_pairs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Outputs rendered when a pipeline does not list its own.
    #[serde(default = "default_outputs")]
    pub outputs: Vec<String>,
    /// Matches below this confidence are `needs_review`.
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// Pipelines run at once by `run` (overridden by `--concurrency`).
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
}

pub fn default_outputs() -> Vec<String> {
    vec!["mapping.csv".into(), "mapping.md".into(), "mapping.json".into()]
}
fn default_threshold() -> f64 {
    0.8
}
fn default_concurrency() -> usize {
    4
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults { outputs: default_outputs(), threshold: default_threshold(), concurrency: default_concurrency() }
    }
}

/// `pipelines/datasources/<name>.toml`: a datasource profile (owned by its datasource admins).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasourceFile {
    /// Database engine.
    pub engine: crate::catalog::Engine,
    /// Environment variable holding the connection URL (secret). Preferred for servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_env: Option<String>,
    /// Literal connection URL, only for non-secret local files (`sqlite://demo/shop.db`,
    /// relative to the workspace root) and snapshots (`snapshot://path/catalog.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Environment class: `production`, `staging`, `test`, `development`, …
    pub class: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Pipeline files (globs relative to the workspace root) allowed to use this datasource.
    #[serde(default)]
    pub grants: Vec<String>,
    /// Schemas/tables discovery may see at all.
    #[serde(default)]
    pub scope: Scope,
    /// Connection behaviour.
    #[serde(default)]
    pub connection: ConnectionConfig,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Schema name globs to include (default: all non-system schemas).
    #[serde(default)]
    pub schemas: Vec<String>,
    /// Schema name globs to exclude.
    #[serde(default)]
    pub exclude_schemas: Vec<String>,
    /// Table name globs (`table` or `schema.table`) to include (default: all).
    #[serde(default)]
    pub include: Vec<String>,
    /// Table name globs to exclude.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The wider scope this one narrows (set by `discover::scope::narrow`, never written in files):
    /// a pipeline's globs apply within its datasource's scope.
    #[serde(skip)]
    #[schemars(skip)]
    pub within: Option<Box<Scope>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConnectionConfig {
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout_secs: u64,
    #[serde(default = "default_statement_timeout")]
    pub statement_timeout_secs: u64,
    /// Retries on transient errors (refused, reset, too many connections), with backoff.
    #[serde(default = "default_retries")]
    pub retries: u32,
}

fn default_connect_timeout() -> u64 {
    10
}
fn default_statement_timeout() -> u64 {
    60
}
fn default_retries() -> u32 {
    3
}

impl Default for ConnectionConfig {
    fn default() -> Self {
        ConnectionConfig {
            connect_timeout_secs: default_connect_timeout(),
            statement_timeout_secs: default_statement_timeout(),
            retries: default_retries(),
        }
    }
}

/// `pipelines/<team>/<name>.toml`: one source → target mapping pipeline.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelineFile {
    /// Unique pipeline name (`[a-z0-9_-]+`); versions are stored under it.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: SourceConfig,
    pub target: TargetConfig,
    /// Outputs to render (template names in `templates/`); default from the workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<String>>,
    /// Matching threshold override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Explicit table rules (they always win over inference); see docs/rules.md.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableRule>,
    /// Column rules: values, casts, defaults, masks, added and dropped columns; see docs/rules.md.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ColumnRule>,
    /// Rename patterns for tables and columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<RenameRule>,
    /// CSV file of renames (`source_table,source_column,target_table,target_column`), relative to the workspace root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renames_file: Option<String>,
    /// Which source tables and columns are in scope.
    #[serde(default)]
    pub select: Select,
    /// Matching controls for inference.
    #[serde(default)]
    pub matching: Matching,
    /// Reviewed exceptions to policies for this pipeline; adding one needs approval from the
    /// owners of the exempted policy file (see docs/policies.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemptions: Vec<PolicyExemption>,
    /// PII tagging patterns.
    #[serde(default)]
    pub pii: Pii,
}

impl PipelineFile {
    /// Workspace files the pipeline reads rules from: its `renames_file` and `[matching]
    /// vocabulary_files`. Their content is an input of the mapping.
    pub fn rule_files(&self) -> impl Iterator<Item = &String> {
        self.renames_file.iter().chain(&self.matching.vocabulary_files)
    }
}

/// `[[exemptions]]` in a pipeline: turn matching `deny` verdicts of one policy into warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyExemption {
    /// Policy file stem in `pipelines/policies/`, e.g. `pii_masking`.
    pub policy: String,
    /// Only deny messages containing this text are exempted (default: every deny of the policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
    /// Why the exception is acceptable and who agreed (shown with the verdict).
    pub reason: String,
    /// Last day (`YYYY-MM-DD`, UTC) the exemption applies; afterwards the deny is back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// Datasource profile name (file stem in `pipelines/datasources/`).
    pub datasource: String,
    /// Schema name globs (default: every schema the datasource scope allows).
    #[serde(default)]
    pub schemas: Vec<String>,
    /// Table globs to include (`table` or `schema.table`).
    #[serde(default)]
    pub include: Vec<String>,
    /// Table globs to exclude.
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    pub datasource: String,
    /// Target schema (default: the engine's default schema: `main`, `public`, or the database).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Table globs to include.
    #[serde(default)]
    pub include: Vec<String>,
    /// Table globs to exclude.
    #[serde(default)]
    pub exclude: Vec<String>,
}
