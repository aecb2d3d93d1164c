//! PostgreSQL discovery over `pg_catalog`, one bulk query per object kind.
//!
//! `information_schema` views are orders of magnitude slower on large schemas
//! and hide partitions, materialized views and enum labels, so every read
//! here goes to `pg_catalog` directly: schemas, relations, columns,
//! constraints, indexes and enums — six queries for the whole database,
//! filtered by an array of schema oids (plus an array of relation oids when the
//! scope names tables), never one query or bind per table. All reads share one
//! `REPEATABLE READ READ ONLY` transaction on a session whose default is
//! read-only, so the catalog is a consistent snapshot and cannot write.

use super::session::{self, Kind};
use super::{Request, logical, scope::Filter};
use crate::catalog::{
    Catalog, Check, Column, Engine, EnumType, ForeignKey, Index, Key, LogicalType, PartitionOf, Schema, Table,
    TableKind,
};
use crate::error::{Class, Error, Result};
use sqlx::postgres::types::Oid;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgRow};
use sqlx::{ConnectOptions, Connection, Row};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// Read a PostgreSQL error: SQLSTATE classes decide retry and hint.
fn classify(e: &sqlx::Error) -> Kind {
    if let Some(k) = session::io_kind(e) {
        return k;
    }
    let Some(code) = e.as_database_error().and_then(|d| d.code().map(|c| c.into_owned())) else {
        return Kind::Other;
    };
    match code.as_str() {
        "28P01" | "28000" => Kind::Auth,
        "3D000" => Kind::UnknownDatabase,
        "42501" => Kind::Permission,
        "57014" | "55P03" => Kind::Timeout,
        "53300" | "57P01" | "57P02" | "57P03" => Kind::Transient,
        c if c.starts_with("08") => Kind::Transient,
        _ => Kind::Other,
    }
}

fn options(req: &Request<'_>) -> Result<PgConnectOptions> {
    let opts = PgConnectOptions::from_str(req.url.expose())
        .map_err(|e| session::error(req, Kind::Other, "invalid connection URL", &e.to_string()))?;
    let stmt = format!("{}s", req.connection.statement_timeout_secs);
    Ok(opts
        .application_name("mapwright-discover")
        .options([
            ("default_transaction_read_only", "on"),
            ("statement_timeout", stmt.as_str()),
            ("lock_timeout", stmt.as_str()),
            ("idle_in_transaction_session_timeout", stmt.as_str()),
            // The catalog queries are large enough to cross jit_above_cost, and compiling them
            // costs ~0.5 s per query on a 5,000-table catalog while saving nothing (measured by
            // bench/discover.py: 1.8x → ~1x the psql floor).
            ("jit", "off"),
        ])
        .log_statements(tracing::log::LevelFilter::Off)
        .log_slow_statements(tracing::log::LevelFilter::Off, std::time::Duration::ZERO))
}

/// A connection whose every transaction is read-only (`default_transaction_read_only=on`,
/// set at startup) and `SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY`, with the
/// statement timeout. Exposed so tests can prove a write fails.
pub async fn connect_read_only(req: &Request<'_>) -> Result<PgConnection> {
    let opts = options(req)?;
    let mut conn = session::connect(req, classify, opts.connect()).await?;
    session::query(
        req,
        "cannot make the session read-only",
        classify,
        sqlx::query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY").execute(&mut conn),
    )
    .await?;
    Ok(conn)
}

/// Databases on the server (templates and databases refusing connections excluded).
pub async fn databases(req: &Request<'_>) -> Result<Vec<String>> {
    session::with_retries(req, || async {
        let mut conn = connect_read_only(req).await?;
        let q = "SELECT datname::text FROM pg_database WHERE NOT datistemplate AND datallowconn ORDER BY 1";
        session::query(req, "cannot list databases", classify, sqlx::query_scalar(q).fetch_all(&mut conn)).await
    })
    .await
}

pub async fn catalog(req: &Request<'_>, filter: &Filter) -> Result<Catalog> {
    session::with_retries(req, || read(req, filter)).await
}

const HEADER: &str = "SELECT current_database()::text, current_setting('server_version'), current_user::text";

const SCHEMAS: &str = "SELECT n.oid, n.nspname::text, d.description, has_schema_privilege(n.oid, 'USAGE') \
     FROM pg_namespace n \
     LEFT JOIN pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0 \
     WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

const RELATIONS: &str = "SELECT c.oid, c.relnamespace, c.relname::text, c.relkind::text, c.reltuples::float8, d.description, \
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, \
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, \
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, \
       pn.nspname::text, pc.relname::text \
     FROM pg_class c \
     LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0 \
     LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid \
     LEFT JOIN pg_class pc ON pc.oid = i.inhparent \
     LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
     WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND c.relnamespace = ANY($1)";

const COLUMNS: &str = "SELECT a.attrelid, a.attnum::int4, a.attname::text, format_type(a.atttypid, a.atttypmod), \
       a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid, true), a.attidentity::text, a.attgenerated::text, \
       co.collname::text, d.description, t.typtype::text, a.atttypid, t.typelem, \
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END \
     FROM pg_attribute a \
     JOIN pg_class c ON c.oid = a.attrelid \
     JOIN pg_type t ON t.oid = a.atttypid \
     LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
     LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation \
     LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum \
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f') \
       AND c.relnamespace = ANY($1) AND ($2::oid[] IS NULL OR c.oid = ANY($2))";

const CONSTRAINTS: &str = "SELECT con.conrelid, con.conname::text, con.contype::text, \
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) \
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i), \
       fn.nspname::text, fc.relname::text, \
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) \
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i), \
       con.confupdtype::text, con.confdeltype::text, \
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END \
     FROM pg_constraint con \
     JOIN pg_class c ON c.oid = con.conrelid \
     LEFT JOIN pg_class fc ON fc.oid = con.confrelid \
     LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace \
     WHERE con.contype IN ('p', 'u', 'f', 'c') \
       AND c.relnamespace = ANY($1) AND ($2::oid[] IS NULL OR c.oid = ANY($2))";

const INDEXES: &str = "SELECT i.indrelid, ic.relname::text, i.indisunique, am.amname::text, \
       pg_get_expr(i.indpred, i.indrelid, true), \
       ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) \
                    ELSE (SELECT a.attname::text FROM pg_attribute a \
                          WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END \
             FROM generate_series(1, i.indnkeyatts::int4) k ORDER BY k) \
     FROM pg_index i \
     JOIN pg_class ic ON ic.oid = i.indexrelid \
     JOIN pg_class c ON c.oid = i.indrelid \
     JOIN pg_am am ON am.oid = ic.relam \
     WHERE c.relnamespace = ANY($1) AND ($2::oid[] IS NULL OR c.oid = ANY($2))";

const ENUMS: &str = "SELECT t.oid, t.typnamespace, t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) \
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.oid, t.typnamespace, t.typname";

fn get<'r, T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>>(
    req: &Request<'_>,
    row: &'r PgRow,
    i: usize,
) -> Result<T> {
    row.try_get(i).map_err(|e| session::error(req, Kind::Other, "unexpected catalog value", &e.to_string()))
}

/// One discovery attempt: connect, read everything in one read-only snapshot.
async fn read(req: &Request<'_>, filter: &Filter) -> Result<Catalog> {
    let mut conn = connect_read_only(req).await?;
    let c = &mut conn;
    let fetch = |sql: &'static str| sqlx::query(sql);
    session::query(
        req,
        "cannot start a read-only transaction",
        classify,
        sqlx::query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute(&mut *c),
    )
    .await?;
    let header = session::query(req, "cannot read server info", classify, fetch(HEADER).fetch_one(&mut *c)).await?;
    let (database, version, user): (String, String, String) =
        (get(req, &header, 0)?, get(req, &header, 1)?, get(req, &header, 2)?);
    let mut cat = Catalog::new(req.datasource, Engine::Postgres, &database);
    cat.server_version = Some(version);

    // Schemas in scope; a schema the user may not USE is an error, not a silent gap.
    let mut schemas: BTreeMap<u32, Schema> = BTreeMap::new();
    let mut denied = Vec::new();
    let mut present = Vec::new();
    for r in session::query(req, "cannot read pg_namespace", classify, fetch(SCHEMAS).fetch_all(&mut *c)).await? {
        let (oid, name, comment, usage): (Oid, String, Option<String>, bool) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?);
        present.push(name.clone());
        if !filter.schema(&name) {
            continue;
        }
        if !usage {
            denied.push(name.clone());
        }
        schemas.insert(oid.0, Schema { name, comment, tables: Vec::new(), enums: Vec::new() });
    }
    if let Some(missing) = filter.literal_schemas().and_then(|l| l.into_iter().find(|s| !present.contains(s))) {
        present.sort();
        return Err(Error::new(
            Class::Discovery,
            format!("datasource `{}`: schema `{missing}` not found in database `{database}`", req.datasource),
        )
        .with_hint(format!("schemas in this database: {}; fix the scope or the pipeline", present.join(", "))));
    }
    if let Some(first) = denied.first() {
        return Err(Error::new(
            Class::CatalogPermission,
            format!(
                "datasource `{}`: user `{user}` lacks USAGE on schema(s) {} in database `{database}`",
                req.datasource,
                denied.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            ),
        )
        .with_hint(format!(
            "GRANT USAGE ON SCHEMA {} TO {}; — or exclude the schema with `exclude_schemas` in the datasource scope",
            quote_ident(first),
            quote_ident(&user)
        )));
    }
    let ns: Vec<Oid> = schemas.keys().map(|o| Oid(*o)).collect();

    let rows =
        session::query(req, "cannot read pg_class", classify, fetch(RELATIONS).bind(&ns).fetch_all(&mut *c)).await?;
    let mut tables: HashMap<u32, (u32, Table)> = HashMap::with_capacity(rows.len());
    for r in rows {
        let (oid, nsp, name, kind): (Oid, Oid, String, String) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?);
        let Some(schema) = schemas.get(&nsp.0) else { continue };
        if !filter.table(&schema.name, &name) {
            continue;
        }
        tables.insert(oid.0, (nsp.0, relation(req, &r, name, &kind)?));
    }
    let only: Option<Vec<Oid>> = filter.filters_tables().then(|| tables.keys().map(|o| Oid(*o)).collect());

    let enum_rows = session::query(req, "cannot read pg_enum", classify, fetch(ENUMS).fetch_all(&mut *c)).await?;
    let mut enum_labels: HashMap<u32, Vec<String>> = HashMap::new();
    for r in enum_rows {
        let (oid, nsp, name, labels): (Oid, Oid, String, Vec<String>) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?);
        if let Some(s) = schemas.get_mut(&nsp.0) {
            s.enums.push(EnumType { name, labels: labels.clone() });
        }
        enum_labels.insert(oid.0, labels);
    }

    let rows = session::query(
        req,
        "cannot read pg_attribute",
        classify,
        fetch(COLUMNS).bind(&ns).bind(&only).fetch_all(&mut *c),
    )
    .await?;
    for r in rows {
        let rel: Oid = get(req, &r, 0)?;
        if let Some((_, t)) = tables.get_mut(&rel.0) {
            t.columns.push(column(req, &r, &enum_labels)?);
        }
    }
    let rows = session::query(
        req,
        "cannot read pg_constraint",
        classify,
        fetch(CONSTRAINTS).bind(&ns).bind(&only).fetch_all(&mut *c),
    )
    .await?;
    for r in rows {
        let rel: Oid = get(req, &r, 0)?;
        if let Some((_, t)) = tables.get_mut(&rel.0) {
            constraint(req, &r, t)?;
        }
    }
    let rows =
        session::query(req, "cannot read pg_index", classify, fetch(INDEXES).bind(&ns).bind(&only).fetch_all(&mut *c))
            .await?;
    for r in rows {
        let rel: Oid = get(req, &r, 0)?;
        if let Some((_, t)) = tables.get_mut(&rel.0) {
            let method: String = get(req, &r, 3)?;
            t.indexes.push(Index {
                name: get(req, &r, 1)?,
                unique: get(req, &r, 2)?,
                predicate: get(req, &r, 4)?,
                columns: get(req, &r, 5)?,
                method: (method != "btree").then_some(method),
            });
        }
    }
    let _ = sqlx::query("COMMIT").execute(&mut *c).await;
    let _ = conn.close().await;

    for (_, (nsp, t)) in tables {
        if let Some(s) = schemas.get_mut(&nsp) {
            s.tables.push(t);
        }
    }
    cat.schemas = schemas.into_values().collect();
    cat.normalize();
    Ok(cat)
}

fn relation(req: &Request<'_>, r: &PgRow, name: String, kind: &str) -> Result<Table> {
    let kind = match kind {
        "v" => TableKind::View,
        "m" => TableKind::MaterializedView,
        "p" => TableKind::PartitionedTable,
        "f" => TableKind::ForeignTable,
        _ => TableKind::Table,
    };
    let tuples: f64 = get(req, r, 4)?;
    let parent: (Option<String>, Option<String>) = (get(req, r, 9)?, get(req, r, 10)?);
    let partition_of = match parent {
        (Some(schema), Some(table)) => Some(PartitionOf { schema, table, bound: get(req, r, 8)? }),
        _ => None,
    };
    Ok(Table {
        name,
        kind,
        comment: get(req, r, 5)?,
        definition: get::<Option<String>>(req, r, 6)?.map(|d| d.trim().to_string()),
        partition_of,
        partition_key: get(req, r, 7)?,
        // reltuples is -1 until the first VACUUM/ANALYZE; views have none.
        row_estimate: (tuples >= 0.0 && !matches!(kind, TableKind::View | TableKind::ForeignTable))
            .then_some(tuples.round() as i64),
        columns: Vec::new(),
        primary_key: None,
        unique_constraints: Vec::new(),
        foreign_keys: Vec::new(),
        checks: Vec::new(),
        indexes: Vec::new(),
    })
}

fn column(req: &Request<'_>, r: &PgRow, enums: &HashMap<u32, Vec<String>>) -> Result<Column> {
    let (ordinal, name, raw_type): (i32, String, String) = (get(req, r, 1)?, get(req, r, 2)?, get(req, r, 3)?);
    let (notnull, expr, identity, generated): (bool, Option<String>, String, String) =
        (get(req, r, 4)?, get(req, r, 5)?, get(req, r, 6)?, get(req, r, 7)?);
    let (typtype, typid, typelem, base): (String, Oid, Oid, Option<String>) =
        (get(req, r, 10)?, get(req, r, 11)?, get(req, r, 12)?, get(req, r, 13)?);
    let logical = if let Some(labels) = enums.get(&typid.0) {
        LogicalType::Enum { labels: labels.clone() }
    } else if let Some(labels) = enums.get(&typelem.0).filter(|_| raw_type.ends_with("[]")) {
        LogicalType::Array { element: Box::new(LogicalType::Enum { labels: labels.clone() }) }
    } else if typtype == "d" {
        logical::normalize(Engine::Postgres, base.as_deref().unwrap_or(&raw_type))
    } else {
        logical::normalize(Engine::Postgres, &raw_type)
    };
    let is_generated = !generated.is_empty();
    let serial = expr.as_deref().is_some_and(|d| d.starts_with("nextval("));
    Ok(Column {
        name,
        ordinal: u32::try_from(ordinal).unwrap_or(0),
        raw_type,
        logical,
        nullable: !notnull,
        default: if is_generated { None } else { expr.clone() },
        auto_increment: !identity.is_empty() || serial,
        generated: if is_generated { expr } else { None },
        collation: get(req, r, 8)?,
        comment: get(req, r, 9)?,
    })
}

fn constraint(req: &Request<'_>, r: &PgRow, t: &mut Table) -> Result<()> {
    let (name, kind, columns): (String, String, Vec<String>) = (get(req, r, 1)?, get(req, r, 2)?, get(req, r, 3)?);
    match kind.as_str() {
        "p" => t.primary_key = Some(Key { name, columns }),
        "u" => t.unique_constraints.push(Key { name, columns }),
        "f" => {
            let (on_update, on_delete): (String, String) = (get(req, r, 7)?, get(req, r, 8)?);
            t.foreign_keys.push(ForeignKey {
                name,
                columns,
                referenced_schema: get::<Option<String>>(req, r, 4)?.unwrap_or_default(),
                referenced_table: get::<Option<String>>(req, r, 5)?.unwrap_or_default(),
                referenced_columns: get(req, r, 6)?,
                on_delete: fk_action(&on_delete),
                on_update: fk_action(&on_update),
            });
        }
        _ => {
            let def: Option<String> = get(req, r, 9)?;
            t.checks.push(Check { name, expression: check_expression(def.as_deref().unwrap_or_default()) });
        }
    }
    Ok(())
}

/// `CHECK ((qty > 0)) NOT VALID` → `(qty > 0)` without the keyword wrapper.
fn check_expression(def: &str) -> String {
    let d = def.trim();
    let d = d.strip_suffix("NOT VALID").map_or(d, str::trim_end);
    let d = d.strip_suffix("NO INHERIT").map_or(d, str::trim_end);
    match d.strip_prefix("CHECK (").and_then(|x| x.strip_suffix(')')) {
        Some(inner) => inner.to_string(),
        None => d.to_string(),
    }
}

fn fk_action(code: &str) -> Option<String> {
    match code {
        "r" => Some("RESTRICT".into()),
        "c" => Some("CASCADE".into()),
        "n" => Some("SET NULL".into()),
        "d" => Some("SET DEFAULT".into()),
        _ => None, // 'a' = NO ACTION, the default
    }
}

/// Quote an identifier for the GRANT hint.
fn quote_ident(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') && !name.is_empty() {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_definitions_lose_their_wrapper() {
        assert_eq!(check_expression("CHECK (qty > 0)"), "qty > 0");
        assert_eq!(check_expression("CHECK ((a > 0) AND (b < 1)) NOT VALID"), "(a > 0) AND (b < 1)");
        assert_eq!(quote_ident("Sales Team"), "\"Sales Team\"");
        assert_eq!(quote_ident("ro_user"), "ro_user");
    }
}
