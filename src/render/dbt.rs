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

/// Every dbt source with its tables and the columns the mapping reads, sorted.
pub fn sources(m: &Mapping) -> Vec<DbtSource> {
    let mut by_schema: BTreeMap<&str, BTreeMap<&str, BTreeMap<String, DbtColumn>>> = BTreeMap::new();
    for t in &m.tables {
        for s in &t.sources {
            let cols = by_schema.entry(&s.table.schema).or_default().entry(&s.table.name).or_default();
            for c in &t.columns {
                if let Value::Column { alias, source } = &c.value
                    && *alias == s.alias
                {
                    let entry = cols.entry(source.name.clone()).or_insert_with(|| DbtColumn {
                        name: source.name.clone(),
                        data_type: source.raw_type.clone(),
                        pii: Vec::new(),
                    });
                    entry.pii.extend(c.pii.iter().cloned());
                    entry.pii.sort();
                    entry.pii.dedup();
                }
            }
        }
    }
    by_schema
        .into_iter()
        .map(|(schema, tables)| DbtSource {
            name: source_name(m, &TableRef { schema: schema.to_string(), name: String::new() }),
            schema: schema.to_string(),
            tables: tables
                .into_iter()
                .map(|(name, cols)| DbtTable { name: name.to_string(), columns: cols.into_values().collect() })
                .collect(),
        })
        .collect()
}
