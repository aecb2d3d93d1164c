//! `Catalog`: the normalized metadata of one datasource, as discovered.
//!
//! This is one of the two central types (the other is [`crate::mapping::Mapping`]).
//! Every engine (SQLite, PostgreSQL, MySQL/MariaDB, snapshot) produces exactly
//! this shape; nothing downstream looks at engine-specific catalogs. All lists
//! are sorted (schemas and tables by name, columns by ordinal, constraints and
//! indexes by name) so that the JSON form is byte-stable and its digest is a
//! fingerprint of the schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Database engines mapwright can discover and generate SQL for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Sqlite,
    Postgres,
    Mysql,
    /// A saved Catalog JSON file (offline discovery).
    Snapshot,
}

impl Engine {
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
            Engine::Mysql => "mysql",
            Engine::Snapshot => "snapshot",
        }
    }
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything discovered in one database of one datasource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Format version of this JSON document.
    pub format_version: u32,
    /// Datasource profile name the catalog was discovered from.
    pub datasource: String,
    /// Engine the catalog came from (for snapshots: the original engine).
    pub engine: Engine,
    /// Server version string, when the engine reports one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<String>,
    /// Database (catalog) name; `main` for SQLite.
    pub database: String,
    /// Schemas in scope, sorted by name. SQLite has one schema, `main`.
    pub schemas: Vec<Schema>,
}

pub const CATALOG_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Tables, views, materialized views, partitions and foreign tables, sorted by name.
    pub tables: Vec<Table>,
    /// Enum types defined in this schema (PostgreSQL), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumType {
    pub name: String,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Table,
    View,
    MaterializedView,
    PartitionedTable,
    ForeignTable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub name: String,
    pub kind: TableKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// View / materialized view definition (SQL text as the server reports it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// For a partition: the parent table (`schema.table`) and its bound expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// For a partitioned table: the partition key expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_key: Option<String>,
    /// Row estimate from the engine's statistics (not an exact count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_estimate: Option<i64>,
    /// Columns sorted by ordinal position.
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<Key>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unique_constraints: Vec<Key>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartitionOf {
    pub schema: String,
    pub table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub name: String,
    /// 1-based position in the table.
    pub ordinal: u32,
    /// Type as declared / reported by the engine, e.g. `varchar(255)`, `int unsigned`.
    pub raw_type: String,
    /// Engine-independent type used for cross-dialect verdicts.
    pub logical: LogicalType,
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Identity / auto-increment column.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto_increment: bool,
    /// Generation expression of a generated (computed) column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A primary key or unique constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Key {
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub referenced_schema: String,
    pub referenced_table: String,
    pub referenced_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_delete: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub name: String,
    pub expression: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub name: String,
    pub unique: bool,
    /// Column names, or expressions (for expression indexes) in key order.
    pub columns: Vec<String>,
    /// Partial-index predicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Index method when not the engine default (e.g. `gin`, `hash`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// Engine-independent column type. Widths are in bits, lengths in characters
/// (or bytes for binary), precision of time types in fractional digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LogicalType {
    Boolean,
    Integer {
        bits: u16,
        signed: bool,
    },
    Decimal {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<u32>,
    },
    Float {
        bits: u16,
    },
    Char {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    Varchar {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    Text,
    Date,
    Time {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u8>,
        tz: bool,
    },
    Timestamp {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u8>,
        tz: bool,
    },
    Interval,
    Uuid,
    Json,
    Binary {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        length: Option<u32>,
    },
    Enum {
        labels: Vec<String>,
    },
    Set {
        labels: Vec<String>,
    },
    Array {
        element: Box<LogicalType>,
    },
    /// Anything else, with the engine's type name.
    Other {
        name: String,
    },
}

impl Catalog {
    /// An empty catalog for `datasource`.
    pub fn new(datasource: &str, engine: Engine, database: &str) -> Self {
        Catalog {
            format_version: CATALOG_FORMAT_VERSION,
            datasource: datasource.to_string(),
            engine,
            server_version: None,
            database: database.to_string(),
            schemas: Vec::new(),
        }
    }

    /// Sort every list into its canonical order (call once after discovery).
    pub fn normalize(&mut self) {
        self.schemas.sort_by(|a, b| a.name.cmp(&b.name));
        for s in &mut self.schemas {
            s.tables.sort_by(|a, b| a.name.cmp(&b.name));
            s.enums.sort_by(|a, b| a.name.cmp(&b.name));
            for t in &mut s.tables {
                t.columns.sort_by_key(|c| c.ordinal);
                t.unique_constraints.sort_by(|a, b| a.name.cmp(&b.name));
                t.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
                t.checks.sort_by(|a, b| a.name.cmp(&b.name));
                t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }

    /// Canonical JSON bytes (pretty, sorted lists, trailing newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("catalog serializes");
        out.push(b'\n');
        out
    }

    /// `sha256:<hex>` of the canonical JSON: the schema fingerprint recorded in manifests.
    pub fn digest(&self) -> String {
        /// Hashes what is written, so the canonical JSON is never held in memory.
        struct HashWriter(Sha256);
        impl std::io::Write for HashWriter {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.update(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut w = HashWriter(Sha256::new());
        serde_json::to_writer_pretty(&mut w, self).expect("catalog serializes");
        w.0.update(b"\n");
        format!("sha256:{}", hex::encode(w.0.finalize()))
    }

    pub fn table_count(&self) -> usize {
        self.schemas.iter().map(|s| s.tables.len()).sum()
    }

    pub fn column_count(&self) -> usize {
        self.schemas.iter().flat_map(|s| &s.tables).map(|t| t.columns.len()).sum()
    }

    /// Find a table by schema (or the only/default schema when `None`) and name.
    pub fn table(&self, schema: Option<&str>, name: &str) -> Option<(&Schema, &Table)> {
        self.schemas
            .iter()
            .filter(|s| schema.is_none_or(|want| s.name == want))
            .find_map(|s| s.tables.iter().find(|t| t.name == name).map(|t| (s, t)))
    }

    /// Iterate over every `(schema, table)`.
    pub fn tables(&self) -> impl Iterator<Item = (&Schema, &Table)> {
        self.schemas.iter().flat_map(|s| s.tables.iter().map(move |t| (s, t)))
    }
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// 1-based position of `column` in the primary key, if it is part of it.
    pub fn pk_position(&self, column: &str) -> Option<usize> {
        self.primary_key.as_ref().and_then(|pk| pk.columns.iter().position(|c| c == column).map(|p| p + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_the_sha256_of_the_canonical_json() {
        let mut c = Catalog::new("ds", Engine::Sqlite, "main");
        c.schemas.push(Schema { name: "main".into(), comment: None, tables: vec![], enums: vec![] });
        let expected = format!("sha256:{}", hex::encode(Sha256::digest(c.to_json())));
        assert_eq!(c.digest(), expected);
    }
}
