//! `Mapping`: the column-level source-to-target mapping of one pipeline.
//!
//! The second central type (see also [`crate::catalog::Catalog`]). Every
//! output template, every policy and every diff reads from this alone, so it
//! carries everything a reviewer needs: where each target column comes from,
//! how it is transformed, how sure the engine is and why, and what could go
//! wrong (type and nullability verdicts, findings, PII tags). All lists are in
//! a stable order (target tables by name, columns by target ordinal).

use crate::catalog::{Engine, LogicalType};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub const MAPPING_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Mapping {
    pub format_version: u32,
    /// Pipeline name (from the pipeline file).
    pub pipeline: String,
    /// Pipeline file path relative to the workspace root, e.g. `pipelines/sales/shop.toml`.
    pub pipeline_path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: Endpoint,
    pub target: Endpoint,
    /// One entry per target table that receives data, sorted by target schema and name.
    pub tables: Vec<TableMapping>,
    /// Source tables in scope that feed no target table.
    pub unmapped_source_tables: Vec<TableRef>,
    /// Target tables in scope that receive no data.
    pub unmapped_target_tables: Vec<TableRef>,
    /// Pipeline-level findings (rule warnings, unmapped required columns, …).
    pub findings: Vec<Finding>,
    /// Policy verdicts, filled in by the policy stage.
    #[serde(default)]
    pub policy: PolicyVerdicts,
    /// Counts derived from the rows (for summaries and templates).
    pub summary: Summary,
}

/// One side of the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Endpoint {
    pub datasource: String,
    pub engine: Engine,
    /// Environment class of the datasource (`production`, `staging`, `test`, …).
    pub class: String,
    pub database: String,
    /// Target: the schema the pipeline writes to. Source: the scope description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `sha256:` digest of the discovered catalog.
    pub catalog_digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub struct TableRef {
    pub schema: String,
    pub name: String,
}

impl std::fmt::Display for TableRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// How several source tables are combined into one target table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// One source table.
    #[default]
    Single,
    /// `UNION ALL` of the sources (columns mapped per source).
    Union,
    /// Sources joined on keys (`join_on` of each non-first source).
    Join,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceTable {
    pub table: TableRef,
    /// Alias used in expressions and SQL (`s1`, `s2`, … in source order).
    pub alias: String,
    /// For `join`: pairs (column of an earlier source as `alias.column`, column of this source).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub join_on: Vec<JoinKey>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JoinKey {
    pub left_alias: String,
    pub left_column: String,
    pub right_column: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TableMapping {
    pub target: TableRef,
    pub sources: Vec<SourceTable>,
    pub combine: Combine,
    /// How the table pair was chosen.
    pub method: Method,
    pub confidence: f64,
    pub reason: String,
    /// Row filter over the source(s) (SQL outputs), in the portable expression language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Expr>,
    /// One row per target column (ordinal order); for `union`, one row per target column per source.
    pub columns: Vec<ColumnMapping>,
    /// Source columns not used by any row (per source alias).
    pub unmapped_source_columns: Vec<ColumnRef>,
    /// Names of target columns that receive no value.
    pub unmapped_target_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct ColumnRef {
    /// Source alias (`s1`, …).
    pub alias: String,
    pub column: String,
}

/// Facts about a column copied from the Catalog so templates need nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ColumnInfo {
    pub name: String,
    pub raw_type: String,
    pub logical: LogicalType,
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Position in the primary key (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pk_position: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ColumnMapping {
    pub target: ColumnInfo,
    /// Source alias for union rows (which branch this row belongs to); `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// Where the value comes from.
    pub value: Value,
    /// Steps applied to the value, in order (cast, default, mask).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    pub method: Method,
    /// Confidence in [0, 1]; 1 for explicit rules.
    pub confidence: f64,
    /// The evidence behind the match, for reviewers.
    pub reason: String,
    pub status: Status,
    pub type_verdict: TypeVerdict,
    /// PII tags of the source (or target) column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pii: Vec<String>,
    /// Column-level findings (lossy cast, nullability, low confidence, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// The value a target column receives, before steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    /// A source column.
    Column { alias: String, source: ColumnInfo },
    /// A constant literal.
    Constant { literal: Literal },
    /// A portable expression over source columns.
    Expression { expr: Expr, text: String },
    /// No value (target column left unmapped; receives its default / NULL).
    None,
}

/// A transformation step applied to a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// Cast to the target's logical type (`lossy` when the verdict says information may be lost).
    Cast { to: LogicalType, lossy: bool },
    /// Replace NULL with a literal.
    Default { literal: Literal },
    /// Masking transform.
    Mask { mask: Mask },
}

/// Masking transforms; each renders to an SQL expression per dialect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mask {
    /// Hex SHA-256 of salt || value.
    Hash { salt: String },
    /// Replace every digit with `mask_char` (default `*` → e.g. `***-***-1234` with keep_last).
    DigitsMask {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        keep_last: Option<u32>,
    },
    /// Replace digits with deterministic pseudo-random digits derived from value and seed.
    DigitsRandomize { seed: String },
    /// Replace the whole value with a fixed text (default `REDACTED`).
    Redact { text: String },
    /// Keep the last N characters, replace the rest with `*`.
    Partial { keep_last: u32 },
    /// Seeded, format-preserving fake value (deterministic per input so joins survive).
    Fake { format: FakeFormat, seed: String },
    /// Replace with NULL.
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FakeFormat {
    Email,
    Phone,
    Name,
}

/// A literal value in rules and expressions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Literal {
    Null(()),
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

/// Portable expression language (rendered per dialect by the SQL templates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Expr {
    Column {
        alias: String,
        name: String,
    },
    Literal {
        value: Literal,
    },
    /// Function call from the portable set (concat, lower, upper, trim, coalesce, substr, length, …).
    Call {
        func: String,
        args: Vec<Expr>,
    },
    /// Binary operator: `+ - * / = != < <= > >= and or`.
    Binary {
        operator: String,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Not {
        expr: Box<Expr>,
    },
    IsNull {
        expr: Box<Expr>,
        negated: bool,
    },
}

/// How a mapping was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// An explicit rule in the pipeline file.
    Rule,
    /// A reviewed match locked in the pipeline file.
    Locked,
    Exact,
    Normalized,
    Prefix,
    Abbreviation,
    Synonym,
    Fuzzy,
    Structure,
    /// From a renames CSV file.
    RenameFile,
    /// From a rename pattern.
    Pattern,
    /// Column-set similarity (tables only).
    ColumnSet,
    Unmapped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    NeedsReview,
    Unmapped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Same,
    Widening,
    Narrowing,
    Incompatible,
    /// No source value to compare (constant, unmapped).
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TypeVerdict {
    pub verdict: Verdict,
    /// Why (length, precision, scale, range, sign, time zone, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Nullable source into a NOT NULL target with no default/coalesce.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nullability_risk: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub severity: Severity,
    /// Stable code, e.g. `lossy_cast`, `nullability`, `unmapped_required`, `needs_review`, `rule_no_match`.
    pub code: String,
    pub message: String,
    /// Object it concerns, e.g. `analytics.dim_customer.email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PolicyVerdicts {
    pub deny: Vec<PolicyMessage>,
    pub warn: Vec<PolicyMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct PolicyMessage {
    /// Policy file relative to the workspace root.
    pub policy: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub tables: usize,
    pub columns: usize,
    pub accepted: usize,
    pub needs_review: usize,
    pub unmapped_target_columns: usize,
    pub unmapped_source_columns: usize,
    pub lossy: usize,
    pub incompatible: usize,
    pub pii: usize,
    pub masked: usize,
    pub findings: usize,
}

impl Mapping {
    /// Recompute [`Summary`] from the rows (call after building or editing).
    pub fn summarize(&mut self) {
        let mut s = Summary { tables: self.tables.len(), ..Default::default() };
        for t in &self.tables {
            s.unmapped_target_columns += t.unmapped_target_columns.len();
            s.unmapped_source_columns += t.unmapped_source_columns.len();
            for c in &t.columns {
                s.columns += 1;
                match c.status {
                    Status::Accepted => s.accepted += 1,
                    Status::NeedsReview => s.needs_review += 1,
                    Status::Unmapped => {}
                }
                match c.type_verdict.verdict {
                    Verdict::Narrowing => s.lossy += 1,
                    Verdict::Incompatible => s.incompatible += 1,
                    _ => {}
                }
                if !c.pii.is_empty() {
                    s.pii += 1;
                }
                if c.steps.iter().any(|st| matches!(st, Step::Mask { .. })) {
                    s.masked += 1;
                }
                s.findings += c.findings.len();
            }
        }
        s.findings += self.findings.len();
        self.summary = s;
    }

    /// Canonical JSON bytes of the Mapping (pretty, trailing newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("mapping serializes");
        out.push(b'\n');
        out
    }
}

impl ColumnMapping {
    /// The mask step, if any.
    pub fn mask(&self) -> Option<&Mask> {
        self.steps.iter().find_map(|s| match s {
            Step::Mask { mask } => Some(mask),
            _ => None,
        })
    }
}
