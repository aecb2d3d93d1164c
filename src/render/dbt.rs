//! dbt view of a Mapping: which dbt sources (`sources.yml`) the staging models read.
//!
//! dbt groups source tables by schema, so there is one dbt source per source schema,
//! named after the source datasource (`shop`), or `<datasource>_<schema>` when the
//! pipeline reads more than one schema.

use crate::mapping::{Mapping, TableRef, Value};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct DbtSource {
    pub name: String,
    pub schema: String,
    pub tables: Vec<DbtTable>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DbtTable {
    pub name: String,
    /// Columns the mapping reads, with their raw type and PII tags, sorted by name.
    pub columns: Vec<DbtColumn>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DbtColumn {
    pub name: String,
    pub data_type: String,
    pub pii: Vec<String>,
}

fn schemas(m: &Mapping) -> Vec<&str> {
    let mut s: Vec<&str> = m.tables.iter().flat_map(|t| &t.sources).map(|s| s.table.schema.as_str()).collect();
    s.sort();
    s.dedup();
    s
}

/// The dbt source name a source table belongs to.
pub fn source_name(m: &Mapping, t: &TableRef) -> String {
    if schemas(m).len() <= 1 {
        m.source.datasource.clone()
    } else {
        format!("{}_{}", m.source.datasource, super::text::file_safe(&t.schema))
    }
}

/// Every dbt source with its tables and the columns the mapping reads (directly or inside
/// expressions), sorted. A column read only inside an expression has no known type (`""`).
pub fn sources(m: &Mapping) -> Vec<DbtSource> {
    let mut by_schema: BTreeMap<String, BTreeMap<String, BTreeMap<String, DbtColumn>>> = BTreeMap::new();
    for t in &m.tables {
        for s in &t.sources {
            by_schema.entry(s.table.schema.clone()).or_default().entry(s.table.name.clone()).or_default();
        }
        for c in &t.columns {
            for sc in super::text::source_columns(t, c) {
                let Some(cols) = by_schema.get_mut(&sc.schema).and_then(|ts| ts.get_mut(&sc.table)) else { continue };
                let entry = cols.entry(sc.column.clone()).or_insert_with(|| DbtColumn {
                    name: sc.column.clone(),
                    data_type: String::new(),
                    pii: Vec::new(),
                });
                if entry.data_type.is_empty() {
                    entry.data_type = sc.raw_type.clone();
                }
                if matches!(c.value, Value::Column { .. }) {
                    entry.pii.extend(c.pii.iter().cloned());
                }
                entry.pii.sort();
                entry.pii.dedup();
            }
        }
    }
    by_schema
        .into_iter()
        .map(|(schema, tables)| DbtSource {
            name: source_name(m, &TableRef { schema: schema.clone(), name: String::new() }),
            schema,
            tables: tables
                .into_iter()
                .map(|(name, cols)| DbtTable { name, columns: cols.into_values().collect() })
                .collect(),
        })
        .collect()
}
