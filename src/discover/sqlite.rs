//! SQLite discovery: a read-only connection and one bulk query per object kind.
//!
//! The table-valued pragmas (`pragma_table_xinfo`, `pragma_foreign_key_list`,
//! `pragma_index_list`, `pragma_index_xinfo`) are joined over `sqlite_schema`
//! so columns, foreign keys and indexes of every table come back in one query
//! each. What no pragma reports (generated expressions, AUTOINCREMENT,
//! collations, checks, constraint names, index expressions and predicates) is
//! read from the stored DDL by [`super::sqlite_ddl`].

use super::sqlite_ddl::{self, TableDdl};
use super::{Request, logical, scope::Filter};
use crate::catalog::{Catalog, Check, Column, Engine, ForeignKey, Index, Key, Schema, Table, TableKind};
use crate::error::{Class, Error, Result};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteRow};
use sqlx::{ConnectOptions, Connection, Row};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// File path of a `sqlite://` / `sqlite:` URL (query string dropped).
fn path_of(req: &Request<'_>) -> Result<PathBuf> {
    let url = req.url.expose();
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).ok_or_else(|| {
        Error::new(
            Class::Discovery,
            format!("datasource `{}`: not a sqlite URL: {}", req.datasource, req.url.redacted()),
        )
        .with_hint("use sqlite:///absolute/path.db or sqlite://relative/path.db (relative to the workspace root)")
    })?;
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    Ok(PathBuf::from(path))
}

fn db_error(req: &Request<'_>, what: &str, e: sqlx::Error) -> Error {
    Error::new(
        Class::Discovery,
        format!("datasource `{}`: {what}: {}", req.datasource, crate::error::redact(&e.to_string())),
    )
}

/// Open the datasource's SQLite file read-only (never creates it). Exposed so tests can prove writes fail.
pub async fn connect_read_only(req: &Request<'_>) -> Result<SqliteConnection> {
    let path = path_of(req)?;
    if !path.is_file() {
        return Err(Error::new(
            Class::Discovery,
            format!("datasource `{}`: SQLite file {} does not exist or is not a file", req.datasource, path.display()),
        )
        .with_hint("check the `url` in the datasource profile (relative paths start at the workspace root)"));
    }
    let opts = SqliteConnectOptions::new()
        .filename(&path)
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(std::time::Duration::from_secs(req.connection.statement_timeout_secs));
    opts.connect().await.map_err(|e| {
        db_error(req, &format!("cannot open {} read-only", path.display()), e)
            .with_hint("check that the file exists and the runner may read it")
    })
}

/// `main` plus every attached database.
pub async fn databases(req: &Request<'_>) -> Result<Vec<String>> {
    let mut conn = connect_read_only(req).await?;
    let rows = sqlx::query("SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq")
        .fetch_all(&mut conn)
        .await
        .map_err(|e| db_error(req, "cannot list databases", e))?;
    rows.iter().map(|r| r.try_get::<String, _>(0).map_err(|e| db_error(req, "database list", e))).collect()
}

const OBJECTS: &str = "SELECT name, type, coalesce(sql, '') FROM main.sqlite_schema \
     WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
const COLUMNS: &str = "SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden \
     FROM main.sqlite_schema m JOIN pragma_table_xinfo(m.name, 'main') c \
     WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, c.cid";
const FOREIGN_KEYS: &str = "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete \
     FROM main.sqlite_schema m JOIN pragma_foreign_key_list(m.name, 'main') f \
     WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq";
const INDEXES: &str = "SELECT m.name, il.name, il.\"unique\", il.origin, coalesce(s.sql, ''), x.cid, x.name \
     FROM main.sqlite_schema m JOIN pragma_index_list(m.name, 'main') il \
     JOIN pragma_index_xinfo(il.name, 'main') x LEFT JOIN main.sqlite_schema s ON s.type = 'index' AND s.name = il.name \
     WHERE m.type = 'table' AND x.key = 1 ORDER BY m.name, il.name, x.seqno";

fn get<'r, T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>>(
    req: &Request<'_>,
    row: &'r SqliteRow,
    i: usize,
) -> Result<T> {
    row.try_get(i).map_err(|e| db_error(req, "unexpected catalog value", e))
}

/// Discover the `main` schema of the file.
pub async fn catalog(req: &Request<'_>, filter: &Filter) -> Result<Catalog> {
    let mut conn = connect_read_only(req).await?;
    let version: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| db_error(req, "not a readable SQLite database", e))?;
    let mut cat = Catalog::new(req.datasource, Engine::Sqlite, "main");
    cat.server_version = Some(version);
    if !filter.schema("main") {
        return Ok(cat);
    }
    let mut tables: BTreeMap<String, (Table, TableDdl)> = BTreeMap::new();
    for r in
        sqlx::query(OBJECTS).fetch_all(&mut conn).await.map_err(|e| db_error(req, "cannot read sqlite_schema", e))?
    {
        let (name, kind, sql): (String, String, String) = (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?);
        if !filter.table("main", &name) {
            continue;
        }
        let (kind, definition, ddl) = if kind == "view" {
            (TableKind::View, Some(sql), TableDdl::default())
        } else {
            (TableKind::Table, None, sqlite_ddl::parse_table(&sql))
        };
        tables.insert(name.clone(), (empty_table(name, kind, definition), ddl));
    }
    read_columns(req, &mut conn, &mut tables).await?;
    read_foreign_keys(req, &mut conn, &mut tables).await?;
    read_indexes(req, &mut conn, &mut tables).await?;
    read_row_estimates(req, &mut conn, &mut tables).await?;
    let _ = conn.close().await;
    let tables = tables.into_values().map(|(t, ddl)| finish_table(t, &ddl)).collect();
    cat.schemas.push(Schema { name: "main".into(), comment: None, tables, enums: Vec::new() });
    cat.normalize();
    Ok(cat)
}

fn empty_table(name: String, kind: TableKind, definition: Option<String>) -> Table {
    Table {
        name,
        kind,
        comment: None,
        definition,
        partition_of: None,
        partition_key: None,
        row_estimate: None,
        columns: Vec::new(),
        primary_key: None,
        unique_constraints: Vec::new(),
        foreign_keys: Vec::new(),
        checks: Vec::new(),
        indexes: Vec::new(),
    }
}

type Tables = BTreeMap<String, (Table, TableDdl)>;

async fn read_columns(req: &Request<'_>, conn: &mut SqliteConnection, tables: &mut Tables) -> Result<()> {
    let rows = sqlx::query(COLUMNS).fetch_all(&mut *conn).await.map_err(|e| {
        db_error(req, "cannot read columns", e).with_hint("a view may reference a table that no longer exists")
    })?;
    let mut pk: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for r in rows {
        let table: String = get(req, &r, 0)?;
        let Some((t, ddl)) = tables.get_mut(&table) else { continue };
        let hidden: i64 = get(req, &r, 7)?;
        if hidden == 1 {
            continue; // hidden columns of virtual tables
        }
        let (cid, name, raw_type): (i64, String, String) = (get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?);
        let (notnull, default, pk_pos): (bool, Option<String>, i64) =
            (get(req, &r, 4)?, get(req, &r, 5)?, get(req, &r, 6)?);
        let extra = ddl.columns.get(&name.to_lowercase()).cloned().unwrap_or_default();
        if pk_pos > 0 {
            pk.entry(table.clone()).or_default().push((pk_pos, name.clone()));
        }
        t.columns.push(Column {
            ordinal: u32::try_from(cid + 1).unwrap_or(u32::MAX),
            logical: logical::normalize(Engine::Sqlite, &raw_type),
            raw_type,
            nullable: !notnull && pk_pos == 0,
            default,
            auto_increment: extra.autoincrement,
            generated: extra.generated,
            collation: extra.collation,
            comment: None,
            name,
        });
    }
    for (table, mut cols) in pk {
        let Some((t, ddl)) = tables.get_mut(&table) else { continue };
        cols.sort();
        let columns: Vec<String> = cols.into_iter().map(|(_, c)| c).collect();
        // A lone INTEGER PRIMARY KEY is the rowid: SQLite assigns it like an auto-increment.
        if let [only] = columns.as_slice()
            && !ddl.without_rowid
            && let Some(c) = t.columns.iter_mut().find(|c| &c.name == only)
            && c.raw_type.eq_ignore_ascii_case("integer")
        {
            c.auto_increment = true;
        }
        let name = named(ddl, "primary", &columns).unwrap_or_else(|| format!("{table}_pkey"));
        t.primary_key = Some(Key { name, columns });
    }
    Ok(())
}

/// The declared `CONSTRAINT name` of a key with these columns, if any.
fn named(ddl: &TableDdl, kind: &str, columns: &[String]) -> Option<String> {
    ddl.named_keys
        .iter()
        .find(|k| {
            k.kind == kind
                && k.columns.len() == columns.len()
                && k.columns.iter().zip(columns).all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
        .map(|k| k.name.clone())
}

async fn read_foreign_keys(req: &Request<'_>, conn: &mut SqliteConnection, tables: &mut Tables) -> Result<()> {
    let rows = sqlx::query(FOREIGN_KEYS)
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| db_error(req, "cannot read foreign keys", e))?;
    let mut fks: BTreeMap<(String, i64), ForeignKey> = BTreeMap::new();
    for r in rows {
        let (table, id, target): (String, i64, String) = (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?);
        if !tables.contains_key(&table) {
            continue;
        }
        let (from, to): (String, Option<String>) = (get(req, &r, 3)?, get(req, &r, 4)?);
        let (on_update, on_delete): (String, String) = (get(req, &r, 5)?, get(req, &r, 6)?);
        let fk = fks.entry((table, id)).or_insert_with(|| ForeignKey {
            name: String::new(),
            columns: Vec::new(),
            referenced_schema: "main".into(),
            referenced_table: target,
            referenced_columns: Vec::new(),
            on_delete: action(on_delete),
            on_update: action(on_update),
        });
        fk.columns.push(from);
        fk.referenced_columns.extend(to);
    }
    for ((table, _), mut fk) in fks {
        // `REFERENCES parent` without columns means the parent's primary key.
        if fk.referenced_columns.is_empty()
            && let Some(pk) = tables.get(&fk.referenced_table).and_then(|(t, _)| t.primary_key.as_ref())
        {
            fk.referenced_columns = pk.columns.clone();
        }
        let Some((t, ddl)) = tables.get_mut(&table) else { continue };
        fk.name =
            named(ddl, "foreign", &fk.columns).unwrap_or_else(|| format!("{table}_{}_fkey", fk.columns.join("_")));
        t.foreign_keys.push(fk);
    }
    Ok(())
}

fn action(a: String) -> Option<String> {
    (a != "NO ACTION").then_some(a)
}

async fn read_indexes(req: &Request<'_>, conn: &mut SqliteConnection, tables: &mut Tables) -> Result<()> {
    let rows = sqlx::query(INDEXES).fetch_all(&mut *conn).await.map_err(|e| db_error(req, "cannot read indexes", e))?;
    let mut indexes: BTreeMap<(String, String), (Index, String, String)> = BTreeMap::new();
    for r in rows {
        let (table, name, unique, origin, sql): (String, String, bool, String, String) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?, get(req, &r, 4)?);
        if !tables.contains_key(&table) {
            continue;
        }
        let (cid, col): (i64, Option<String>) = (get(req, &r, 5)?, get(req, &r, 6)?);
        let e = indexes.entry((table, name.clone())).or_insert_with(|| {
            (Index { name, unique, columns: Vec::new(), predicate: None, method: None }, origin, sql)
        });
        // cid -2 marks an expression; its text is filled in from the DDL below.
        e.0.columns.push(if cid == -2 { String::new() } else { col.unwrap_or_else(|| "rowid".into()) });
    }
    for ((table, _), (mut idx, origin, sql)) in indexes {
        if !sql.is_empty() {
            let (exprs, predicate) = sqlite_ddl::parse_index(&sql);
            idx.predicate = predicate;
            for (c, e) in idx.columns.iter_mut().zip(exprs) {
                if c.is_empty() {
                    *c = e;
                }
            }
        }
        let Some((t, ddl)) = tables.get_mut(&table) else { continue };
        if origin == "u" {
            let name = named(ddl, "unique", &idx.columns).unwrap_or_else(|| idx.name.clone());
            t.unique_constraints.push(Key { name, columns: idx.columns.clone() });
        }
        t.indexes.push(idx);
    }
    Ok(())
}

/// Row estimates from `sqlite_stat1` (written by ANALYZE); absent when never analyzed.
async fn read_row_estimates(req: &Request<'_>, conn: &mut SqliteConnection, tables: &mut Tables) -> Result<()> {
    let has_stats: bool = sqlx::query_scalar("SELECT count(*) > 0 FROM main.sqlite_schema WHERE name = 'sqlite_stat1'")
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| db_error(req, "cannot read sqlite_schema", e))?;
    if !has_stats {
        return Ok(());
    }
    let rows = sqlx::query("SELECT tbl, max(CAST(stat AS INTEGER)) FROM main.sqlite_stat1 GROUP BY tbl")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| db_error(req, "cannot read sqlite_stat1", e))?;
    for r in rows {
        let (table, n): (String, Option<i64>) = (get(req, &r, 0)?, get(req, &r, 1)?);
        if let Some((t, _)) = tables.get_mut(&table) {
            t.row_estimate = n;
        }
    }
    Ok(())
}

fn finish_table(mut t: Table, ddl: &TableDdl) -> Table {
    let table = t.name.clone();
    t.checks = ddl
        .checks
        .iter()
        .enumerate()
        .map(|(i, (name, expression))| Check {
            name: name.clone().unwrap_or_else(|| format!("{table}_check{}", i + 1)),
            expression: expression.clone(),
        })
        .collect();
    t
}
