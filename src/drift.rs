//! Catalog drift: what changed in a datasource between two discoveries.
//!
//! `run` compares each pipeline's freshly discovered catalogs with the ones
//! stored in its previous version; the changes are reported in the run summary
//! and, with `--fail-on-drift`, stop the export when they change the mapping.

use crate::catalog::{Catalog, Column, Table};
use std::collections::BTreeMap;

/// Human-readable changes from `old` to `new` (sorted; empty = no drift).
pub fn diff_catalogs(side: &str, old: &Catalog, new: &Catalog) -> Vec<String> {
    let index = |c: &Catalog| -> BTreeMap<String, Table> {
        c.tables().map(|(s, t)| (format!("{}.{}", s.name, t.name), t.clone())).collect()
    };
    let (before, after) = (index(old), index(new));
    let mut out = Vec::new();
    for (name, t) in &before {
        match after.get(name) {
            None => out.push(format!("{side}: table {name} removed")),
            Some(n) => diff_tables(side, name, t, n, &mut out),
        }
    }
    for name in after.keys().filter(|n| !before.contains_key(*n)) {
        out.push(format!("{side}: table {name} added"));
    }
    out
}

fn diff_tables(side: &str, table: &str, old: &Table, new: &Table, out: &mut Vec<String>) {
    let cols =
        |t: &Table| -> BTreeMap<String, Column> { t.columns.iter().map(|c| (c.name.clone(), c.clone())).collect() };
    let (before, after) = (cols(old), cols(new));
    for (name, c) in &before {
        match after.get(name) {
            None => out.push(format!("{side}: column {table}.{name} removed")),
            Some(n) => {
                if c.raw_type != n.raw_type || c.logical != n.logical {
                    out.push(format!("{side}: column {table}.{name} type {} → {}", c.raw_type, n.raw_type));
                }
                if c.nullable != n.nullable {
                    let word = |b: bool| if b { "NULL" } else { "NOT NULL" };
                    out.push(format!("{side}: column {table}.{name} {} → {}", word(c.nullable), word(n.nullable)));
                }
                if c.default != n.default {
                    out.push(format!("{side}: column {table}.{name} default changed"));
                }
            }
        }
    }
    for name in after.keys().filter(|n| !before.contains_key(*n)) {
        out.push(format!("{side}: column {table}.{name} added"));
    }
    if old.primary_key != new.primary_key {
        out.push(format!("{side}: table {table} primary key changed"));
    }
    if old.foreign_keys != new.foreign_keys {
        out.push(format!("{side}: table {table} foreign keys changed"));
    }
    if old.unique_constraints != new.unique_constraints {
        out.push(format!("{side}: table {table} unique constraints changed"));
    }
    if old.checks != new.checks {
        out.push(format!("{side}: table {table} check constraints changed"));
    }
    let names = |t: &Table| -> BTreeMap<String, crate::catalog::Index> {
        t.indexes.iter().map(|i| (i.name.clone(), i.clone())).collect()
    };
    let (ib, ia) = (names(old), names(new));
    for (name, i) in &ib {
        match ia.get(name) {
            None => out.push(format!("{side}: index {name} on {table} removed")),
            Some(n) if n != i => out.push(format!("{side}: index {name} on {table} changed")),
            Some(_) => {}
        }
    }
    for name in ia.keys().filter(|n| !ib.contains_key(*n)) {
        out.push(format!("{side}: index {name} on {table} added"));
    }
    if old.kind != new.kind {
        out.push(format!("{side}: table {table} kind {:?} → {:?}", old.kind, new.kind));
    }
    if old.comment != new.comment || old.definition != new.definition || old.partition_key != new.partition_key {
        out.push(format!("{side}: table {table} comment, definition or partitioning changed"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Engine, LogicalType, Schema, TableKind};

    fn table(cols: &[(&str, &str, bool)]) -> Table {
        Table {
            name: "t".into(),
            kind: TableKind::Table,
            comment: None,
            definition: None,
            partition_of: None,
            partition_key: None,
            row_estimate: None,
            columns: cols
                .iter()
                .enumerate()
                .map(|(i, (n, ty, null))| Column {
                    name: n.to_string(),
                    ordinal: i as u32 + 1,
                    raw_type: ty.to_string(),
                    logical: LogicalType::Text,
                    nullable: *null,
                    default: None,
                    auto_increment: false,
                    generated: None,
                    collation: None,
                    comment: None,
                })
                .collect(),
            primary_key: None,
            unique_constraints: vec![],
            foreign_keys: vec![],
            checks: vec![],
            indexes: vec![],
        }
    }

    fn catalog(t: Table) -> Catalog {
        let mut c = Catalog::new("ds", Engine::Sqlite, "main");
        c.schemas.push(Schema { name: "main".into(), comment: None, tables: vec![t], enums: vec![] });
        c
    }

    #[test]
    fn reports_added_removed_and_changed_columns() {
        let old = catalog(table(&[("a", "text", true), ("b", "int", true)]));
        let new = catalog(table(&[("a", "varchar(5)", false), ("c", "int", true)]));
        assert_eq!(
            diff_catalogs("source", &old, &new),
            vec![
                "source: column main.t.a type text → varchar(5)",
                "source: column main.t.a NULL → NOT NULL",
                "source: column main.t.b removed",
                "source: column main.t.c added",
            ]
        );
        assert!(diff_catalogs("source", &old, &old).is_empty());
    }
}
