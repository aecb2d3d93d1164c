//! Rule types of the pipeline file (the rule language; see docs/rules.md).
//!
//! The language is flat on purpose: a pipeline is a list of `[[tables]]`
//! (which source tables feed which target table), `[[columns]]` (what one
//! target column receives and how it is transformed or masked), `[[renames]]`
//! (name patterns), plus `[select]`, `[matching]` and `[pii]` sections.
//! Patterns are globs (`orders_*`) or, prefixed with `re:`, regular expressions.

use crate::mapping::model::Literal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An explicit table rule: which source table(s) feed a target table, and column renames.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableRule {
    /// Source table (`table` or `schema.table`). Use `sources` for several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Several source tables feeding one target (many-to-one), combined by `combine`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Target table (`table` or `schema.table`).
    pub target: String,
    /// How `sources` are combined: `union` (UNION ALL) or `join` (on `join_on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine: Option<CombineRule>,
    /// Join conditions for `combine = "join"`: `"orders.id = payments.order_id"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub join_on: Vec<String>,
    /// Explicit column renames: source column → target column.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
    /// Row filter over the source(s): `"status = 'active' and total > 0"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// A reviewed pairing: recorded as `locked` instead of `rule`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lock: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CombineRule {
    Union,
    Join,
}

/// A column rule: what one target column (`table.column`) receives and how it is transformed.
/// `target` may be a pattern (`*.email`) for `cast`, `default`, `mask` and `drop`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnRule {
    /// Target column: `table.column`, or a pattern over `table.column`.
    pub target: String,
    /// Source column (`column`, or `source_table.column` when the target has several sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A constant value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<Literal>,
    /// A portable expression over source columns, e.g. `"concat(first_name, ' ', last_name)"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expr: Option<String>,
    /// Cast to this type (`integer`, `decimal(12,2)`, `varchar(80)`, …); narrowing casts are flagged lossy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cast: Option<String>,
    /// Value used when the source is NULL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Literal>,
    /// Masking transform: a kind (`"hash"`) or a table (`{ kind = "partial", keep_last = 4 }`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<MaskField>,
    /// Add this column to the target with the given type (it does not exist there yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add: Option<String>,
    /// Leave the target column(s) without a value on purpose.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// A reviewed match (`from`): recorded as `locked`; inference never moves it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lock: bool,
}

/// `mask = "hash"` or `mask = { kind = "hash", salt = "…" }`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum MaskField {
    Kind(String),
    Spec(MaskSpec),
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaskSpec {
    /// `hash`, `digits_mask`, `digits_randomize`, `redact`, `partial`, `fake_email`, `fake_phone`,
    /// `fake_name` or `null`.
    pub kind: String,
    /// Salt for `hash` (default: the pipeline name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// Seed for `digits_randomize` and `fake_*` (default: the pipeline name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    /// Characters (`partial`) or digits (`digits_mask`) kept at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_last: Option<u32>,
    /// Replacement text for `redact` (default `REDACTED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl MaskField {
    pub fn spec(&self) -> MaskSpec {
        match self {
            MaskField::Kind(k) => MaskSpec { kind: k.clone(), ..Default::default() },
            MaskField::Spec(s) => s.clone(),
        }
    }
}

/// Selection of source tables and columns in scope for mapping.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Select {
    /// Source tables to keep (patterns; default all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    /// Source tables to leave out (patterns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_tables: Vec<String>,
    /// Source columns to keep, as patterns over `table.column` (default all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Source columns to leave out, as patterns over `table.column`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_columns: Vec<String>,
    /// Keep only columns of these logical type kinds (`integer`, `varchar`, `text`, `timestamp`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<String>,
    /// Leave out columns of these logical type kinds (e.g. `binary`, `json`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_types: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RenameScope {
    Tables,
    #[default]
    Columns,
}

/// A rename pattern: turns source names into the names expected in the target.
/// Steps apply in this order: `regex`, `remove_prefix`, `remove_suffix`, `case`, `add_prefix`, `add_suffix`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameRule {
    /// `tables` or `columns` (default).
    #[serde(default)]
    pub apply_to: RenameScope,
    /// Only for these source tables (patterns; default all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    /// Regular expression replaced by `replacement` (`$1` refers to groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_suffix: Option<String>,
    /// `snake`, `camel`, `pascal`, `upper` or `lower`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_suffix: Option<String>,
}

/// Matching controls.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Matching {
    /// Infer table pairs and column matches for tables without explicit rules (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infer: Option<bool>,
    /// Infer a target fed by several source tables (union, join, lookup join) and a source
    /// feeding several targets (default true); false keeps inferred table pairs 1:1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine: Option<bool>,
    /// Matchers to use, in order (default all): exact, normalized, prefix, abbreviation, synonym, fuzzy, structure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<String>,
    /// Extra synonym groups, e.g. `[["patron", "customer"]]` (added to the built-in ones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
    /// Extra abbreviations, e.g. `{ hh = "household" }` (added to the built-in ones).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub abbreviations: BTreeMap<String, String>,
    /// CSV files of vocabulary shared by pipelines (`kind,word,meaning` rows, kind `abbreviation`
    /// or `synonym`), relative to the workspace root; inline `abbreviations`/`synonyms` win.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vocabulary_files: Vec<String>,
}

/// PII tagging controls.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pii {
    /// Use the built-in patterns (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<bool>,
    /// Extra tag → regular expression over the column name as `_lower_snake_case_` and its comment.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub patterns: BTreeMap<String, String>,
}
