//! MySQL 8 / MariaDB discovery over `information_schema`, bulk per schema.
//!
//! For each schema in scope: one query per object kind (tables, columns,
//! key columns, referential actions, checks, indexes; views and partitions
//! only when the schema has any), each filtered by `TABLE_SCHEMA = ?` so the
//! server only opens that schema's metadata. Every value is `CAST` in SQL so
//! the same decoding works on MySQL 8 and MariaDB, whose `information_schema`
//! column types differ. The two flavors differ where the catalogs do
//! (check-constraint table names, functional-index expressions, statement
//! timeout variable); see [`Flavor`].

use super::mysql_sql::{self as sql, Flavor};
use super::session::{self, Kind};
use super::{Request, logical, scope::Filter};
use crate::catalog::{Catalog, Check, Column, Engine, ForeignKey, Index, Key, LogicalType, Schema, Table, TableKind};
use crate::error::{Class, Error, Result};
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlDatabaseError, MySqlRow};
use sqlx::{ConnectOptions, Connection, Executor, Row};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Read a MySQL/MariaDB error by its server error number.
fn classify(e: &sqlx::Error) -> Kind {
    if let Some(k) = session::io_kind(e) {
        return k;
    }
    let Some(number) =
        e.as_database_error().and_then(|d| d.try_downcast_ref::<MySqlDatabaseError>()).map(|d| d.number())
    else {
        return Kind::Other;
    };
    match number {
        1045 | 1698 | 1251 => Kind::Auth,
        1049 => Kind::UnknownDatabase,
        1044 | 1142 | 1143 | 1227 | 1356 => Kind::Permission,
        1969 | 3024 | 1205 => Kind::Timeout,
        1040 | 1203 | 1053 | 2006 | 2013 => Kind::Transient,
        _ => Kind::Other,
    }
}

fn options(req: &Request<'_>) -> Result<MySqlConnectOptions> {
    let opts = MySqlConnectOptions::from_str(req.url.expose())
        .map_err(|e| session::error(req, Kind::Other, "invalid connection URL", &e.to_string()))?;
    Ok(opts
        .log_statements(tracing::log::LevelFilter::Off)
        .log_slow_statements(tracing::log::LevelFilter::Off, std::time::Duration::ZERO))
}

/// A session that is read-only (`SET SESSION TRANSACTION READ ONLY`) with the statement
/// timeout of its flavor. Exposed so tests can prove a write fails.
pub async fn connect_read_only(req: &Request<'_>) -> Result<(MySqlConnection, Flavor)> {
    let opts = options(req)?;
    let mut conn = session::connect(req, classify, opts.connect()).await.map_err(|e| {
        // 1044: the user exists but has no privilege on the URL's database.
        match (e.class, opts.get_database()) {
            (Class::CatalogPermission, Some(db)) => e.with_hint(format!(
                "GRANT SELECT, SHOW VIEW ON `{}`.* TO '{}'@'%'; (or point the URL at a database the user may read)",
                db.replace('`', "``"),
                opts.get_username()
            )),
            _ => e,
        }
    })?;
    let version: String = session::query(
        req,
        "cannot read the server version",
        classify,
        sqlx::query_scalar(sql::VERSION).fetch_one(&mut conn),
    )
    .await?;
    let flavor = Flavor::of(&version);
    let secs = req.connection.statement_timeout_secs;
    let timeout = match flavor {
        Flavor::MariaDb => sqlx::query(sql::MARIADB_TIMEOUT).bind(secs as f64),
        Flavor::MySql => sqlx::query(sql::MYSQL_TIMEOUT).bind(secs.saturating_mul(1000)),
    };
    session::query(req, "cannot set the statement timeout", classify, timeout.execute(&mut conn)).await?;
    session::query(req, "cannot make the session read-only", classify, conn.execute(sql::READ_ONLY)).await?;
    Ok((conn, flavor))
}

/// Databases visible to the user, system schemas excluded.
pub async fn databases(req: &Request<'_>) -> Result<Vec<String>> {
    session::with_retries(req, || async {
        let (mut conn, _) = connect_read_only(req).await?;
        let names: Vec<String> = session::query(
            req,
            "cannot list databases",
            classify,
            sqlx::query_scalar(sql::SCHEMATA).fetch_all(&mut conn),
        )
        .await?;
        Ok(names.into_iter().filter(|n| !super::scope::is_system_schema(Engine::Mysql, n)).collect())
    })
    .await
}

pub async fn catalog(req: &Request<'_>, filter: &Filter) -> Result<Catalog> {
    session::with_retries(req, || read(req, filter)).await
}

fn get<'r, T: sqlx::Decode<'r, sqlx::MySql> + sqlx::Type<sqlx::MySql>>(
    req: &Request<'_>,
    row: &'r MySqlRow,
    i: usize,
) -> Result<T> {
    row.try_get(i).map_err(|e| session::error(req, Kind::Other, "unexpected catalog value", &e.to_string()))
}

async fn rows(
    req: &Request<'_>,
    c: &mut MySqlConnection,
    what: &str,
    q: &'static str,
    schema: &str,
) -> Result<Vec<MySqlRow>> {
    session::query(req, what, classify, sqlx::query(q).bind(schema).fetch_all(c)).await
}

async fn read(req: &Request<'_>, filter: &Filter) -> Result<Catalog> {
    let (mut conn, flavor) = connect_read_only(req).await?;
    let c = &mut conn;
    session::query(req, "cannot start a read-only transaction", classify, c.execute(sql::START)).await?;
    let head =
        session::query(req, "cannot read server info", classify, sqlx::query(sql::HEADER).fetch_one(&mut *c)).await?;
    let (database, version, user): (Option<String>, String, String) =
        (get(req, &head, 0)?, get(req, &head, 1)?, get(req, &head, 2)?);
    let database = database.unwrap_or_default();
    let mut cat = Catalog::new(req.datasource, Engine::Mysql, &database);
    cat.server_version = Some(version);

    let visible: Vec<String> =
        session::query(req, "cannot read SCHEMATA", classify, sqlx::query_scalar(sql::SCHEMATA).fetch_all(&mut *c))
            .await?;
    // Default scope: the URL's database; with schema globs: every visible schema they match.
    let wanted: Vec<String> = match filter.literal_schemas() {
        Some(lit) => lit,
        None if !filter.has_schema_globs() && !database.is_empty() => vec![database.clone()],
        None => visible.iter().filter(|s| filter.schema(s)).cloned().collect(),
    };
    if let Some(missing) = wanted.iter().find(|w| !visible.contains(w)) {
        return Err(Error::new(
            Class::CatalogPermission,
            format!(
                "datasource `{}`: schema `{missing}` does not exist or user `{user}` has no privilege on it",
                req.datasource
            ),
        )
        .with_hint(format!(
            "GRANT SELECT, SHOW VIEW ON `{}`.* TO {user}; — or fix the schema name in the scope",
            missing.replace('`', "``")
        )));
    }
    for name in wanted.iter().filter(|s| filter.schema(s)) {
        let tables = read_schema(req, c, flavor, filter, name).await?;
        cat.schemas.push(Schema { name: name.clone(), comment: None, tables, enums: Vec::new() });
    }
    let _ = c.execute("COMMIT").await;
    let _ = conn.close().await;
    cat.normalize();
    Ok(cat)
}

/// Everything of one schema, one query per object kind.
async fn read_schema(
    req: &Request<'_>,
    c: &mut MySqlConnection,
    flavor: Flavor,
    filter: &Filter,
    schema: &str,
) -> Result<Vec<Table>> {
    let mut tables: BTreeMap<String, (Table, Option<String>)> = BTreeMap::new();
    let (mut views, mut partitioned) = (false, false);
    for r in rows(req, c, "cannot read TABLES", sql::TABLES, schema).await? {
        let (name, ttype, rows_est, comment, options, collation): (
            String,
            String,
            Option<i64>,
            String,
            String,
            String,
        ) = (
            get(req, &r, 0)?,
            get(req, &r, 1)?,
            get(req, &r, 2)?,
            get(req, &r, 3)?,
            get(req, &r, 4)?,
            get(req, &r, 5)?,
        );
        if !filter.table(schema, &name) || ttype == "SEQUENCE" {
            continue;
        }
        let is_view = ttype == "VIEW";
        let is_partitioned = options.to_ascii_lowercase().contains("partitioned");
        views |= is_view;
        partitioned |= is_partitioned;
        let kind = match (is_view, is_partitioned) {
            (true, _) => TableKind::View,
            (_, true) => TableKind::PartitionedTable,
            _ => TableKind::Table,
        };
        let t = Table {
            name: name.clone(),
            kind,
            comment: (!comment.is_empty() && !is_view).then_some(comment),
            definition: None,
            partition_of: None,
            partition_key: None,
            row_estimate: if is_view { None } else { rows_est },
            columns: Vec::new(),
            primary_key: None,
            unique_constraints: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            indexes: Vec::new(),
        };
        tables.insert(name, (t, (!collation.is_empty()).then_some(collation)));
    }
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    if views {
        for r in rows(req, c, "cannot read VIEWS", sql::VIEWS, schema).await? {
            let (name, def): (String, String) = (get(req, &r, 0)?, get(req, &r, 1)?);
            if let Some((t, _)) = tables.get_mut(&name) {
                t.definition = Some(def);
            }
        }
    }
    if partitioned {
        for r in rows(req, c, "cannot read PARTITIONS", sql::PARTITIONS, schema).await? {
            let (name, method, expr): (String, String, String) = (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?);
            if let Some((t, _)) = tables.get_mut(&name) {
                t.partition_key = Some(format!("{method} ({expr})"));
            }
        }
    }
    // Checks first: MariaDB's JSON columns are longtext guarded by an automatic json_valid() check.
    let mut checks: BTreeMap<String, Vec<Check>> = BTreeMap::new();
    for r in rows(req, c, "cannot read CHECK_CONSTRAINTS", flavor.checks_sql(), schema).await? {
        let (table, name, expression): (String, String, String) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?);
        checks.entry(table).or_default().push(Check { name, expression });
    }
    for r in rows(req, c, "cannot read COLUMNS", sql::COLUMNS, schema).await? {
        let table: String = get(req, &r, 0)?;
        let Some((t, table_collation)) = tables.get_mut(&table) else { continue };
        let mut col = column(req, &r, flavor, table_collation.as_deref())?;
        if let Some(list) = checks.get_mut(&table) {
            let json_check = format!("json_valid(`{}`)", col.name.replace('`', "``"));
            if let Some(pos) = list.iter().position(|k| k.name == col.name && k.expression == json_check) {
                list.remove(pos);
                col.logical = LogicalType::Json;
            }
        }
        t.columns.push(col);
    }
    for (table, list) in checks {
        if let Some((t, _)) = tables.get_mut(&table) {
            t.checks = list;
        }
    }
    read_keys(req, c, schema, &mut tables).await?;
    for r in rows(req, c, "cannot read STATISTICS", flavor.indexes_sql(), schema).await? {
        let (table, name, non_unique, column, itype): (String, String, i64, Option<String>, String) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?, get(req, &r, 4)?);
        let expression: Option<String> = get(req, &r, 5)?;
        let Some((t, _)) = tables.get_mut(&table) else { continue };
        let entry = match t.indexes.last_mut() {
            Some(i) if i.name == name => i,
            _ => {
                let method = (itype != "BTREE").then(|| itype.to_ascii_lowercase());
                t.indexes.push(Index { name, unique: non_unique == 0, columns: Vec::new(), predicate: None, method });
                t.indexes.last_mut().expect("just pushed")
            }
        };
        entry.columns.push(column.or(expression).unwrap_or_default());
    }
    Ok(tables.into_values().map(|(t, _)| t).collect())
}

fn column(req: &Request<'_>, r: &MySqlRow, flavor: Flavor, table_collation: Option<&str>) -> Result<Column> {
    let (name, ordinal, default, nullable): (String, i64, Option<String>, String) =
        (get(req, r, 1)?, get(req, r, 2)?, get(req, r, 3)?, get(req, r, 4)?);
    let (data_type, raw_type, collation, extra): (String, String, Option<String>, String) =
        (get(req, r, 5)?, get(req, r, 6)?, get(req, r, 7)?, get(req, r, 8)?);
    let (comment, generated): (String, Option<String>) = (get(req, r, 9)?, get(req, r, 10)?);
    let generated = generated.filter(|g| !g.is_empty());
    let extra_l = extra.to_ascii_lowercase();
    Ok(Column {
        ordinal: u32::try_from(ordinal).unwrap_or(0),
        logical: logical::normalize(Engine::Mysql, &raw_type),
        default: if generated.is_some() { None } else { flavor.default_sql(default, &data_type, &extra_l) },
        nullable: nullable == "YES",
        auto_increment: extra_l.contains("auto_increment"),
        generated,
        collation: collation.filter(|c| Some(c.as_str()) != table_collation),
        comment: (!comment.is_empty()).then_some(comment),
        raw_type,
        name,
    })
}

/// Primary keys, unique constraints and foreign keys from KEY_COLUMN_USAGE (+ actions).
async fn read_keys(
    req: &Request<'_>,
    c: &mut MySqlConnection,
    schema: &str,
    tables: &mut BTreeMap<String, (Table, Option<String>)>,
) -> Result<()> {
    let mut actions: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
    for r in rows(req, c, "cannot read REFERENTIAL_CONSTRAINTS", sql::REFERENTIAL, schema).await? {
        let (table, name, upd, del): (String, String, String, String) =
            (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?, get(req, &r, 3)?);
        actions.insert((table, name), (upd, del));
    }
    for r in rows(req, c, "cannot read KEY_COLUMN_USAGE", sql::KEY_COLUMNS, schema).await? {
        let (table, name, column): (String, String, String) = (get(req, &r, 0)?, get(req, &r, 1)?, get(req, &r, 2)?);
        let (ref_schema, ref_table, ref_column): (Option<String>, Option<String>, Option<String>) =
            (get(req, &r, 3)?, get(req, &r, 4)?, get(req, &r, 5)?);
        let Some((t, _)) = tables.get_mut(&table) else { continue };
        if let (Some(rs), Some(rt)) = (ref_schema, ref_table) {
            let fk = match t.foreign_keys.last_mut() {
                Some(f) if f.name == name => f,
                _ => {
                    let (upd, del) = actions.get(&(table.clone(), name.clone())).cloned().unwrap_or_default();
                    t.foreign_keys.push(ForeignKey {
                        name,
                        columns: Vec::new(),
                        referenced_schema: rs,
                        referenced_table: rt,
                        referenced_columns: Vec::new(),
                        on_delete: fk_action(del),
                        on_update: fk_action(upd),
                    });
                    t.foreign_keys.last_mut().expect("just pushed")
                }
            };
            fk.columns.push(column);
            fk.referenced_columns.extend(ref_column);
        } else if name == "PRIMARY" {
            t.primary_key.get_or_insert_with(|| Key { name, columns: Vec::new() }).columns.push(column);
        } else {
            match t.unique_constraints.last_mut() {
                Some(k) if k.name == name => k.columns.push(column),
                _ => t.unique_constraints.push(Key { name, columns: vec![column] }),
            }
        }
    }
    Ok(())
}

/// InnoDB treats RESTRICT and NO ACTION identically (MariaDB reports an omitted
/// action as RESTRICT, MySQL 8 as NO ACTION), so both mean "no action" here.
fn fk_action(rule: String) -> Option<String> {
    (!rule.is_empty() && rule != "NO ACTION" && rule != "RESTRICT").then_some(rule)
}
