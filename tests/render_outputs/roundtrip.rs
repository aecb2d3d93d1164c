//! Round trips of `load.<dialect>.sql` on real engines: source tables with hostile
//! identifiers and data, target tables, `mapwright run` exports the script, the test runs it
//! and compares every target row with the expected transformation computed here, in Rust,
//! from the source rows (casts, defaults, constants, a join, a union, a row filter, an
//! expression and every mask kind).
//!
//! SQLite: source and target are separate files, the source attached (as the script says).
//! PostgreSQL: database `test`, one scratch schema for the source and one for the target.
//! MariaDB: two scratch databases on the server (source, target).

use super::support::{self, Workspace, assert_exit, stderr};
use mapwright::render::sql::mask::{FAKE_FIRST_NAMES, FAKE_LAST_NAMES};
use sha2::{Digest, Sha256};

pub const PIPELINE: &str = "rt";

// ------------------------------------------------------------------ names and data

const CLIENTS: &str = "order"; // reserved word
const NOTES: &str = "order notes";
const RET_A: &str = "returns \"2023\"";
const RET_B: &str = "returns `2024`";
const DIM: &str = "dim client; \"VIP\"";
const RETURNS: &str = "all returns";

/// Source columns of `order` (name, type).
const CLIENT_COLUMNS: &[(&str, &str)] = &[
    ("id", "INTEGER"),
    ("select", "VARCHAR(20)"),
    ("e-mail \"addr\"", "VARCHAR(100)"),
    ("phone; no", "VARCHAR(30)"),
    ("naïve `name`", "VARCHAR(60)"),
    ("card number", "VARCHAR(30)"),
    ("discount %", "NUMERIC(5,2)"),
    ("status", "VARCHAR(10)"),
    ("it's", "VARCHAR(50)"),
];

/// Target columns of `dim client; "VIP"` (name, type, constraint).
const DIM_COLUMNS: &[(&str, &str, &str)] = &[
    ("client id", "INTEGER", "PRIMARY KEY"),
    ("kind", "VARCHAR(5)", ""),
    ("email hash", "VARCHAR(64)", ""),
    ("email fake", "VARCHAR(100)", ""),
    ("phone digits", "VARCHAR(30)", ""),
    ("phone rand", "VARCHAR(30)", ""),
    ("phone fake", "VARCHAR(30)", ""),
    ("name fake", "VARCHAR(60)", ""),
    ("card", "VARCHAR(30)", ""),
    ("secret", "VARCHAR(20)", ""),
    ("nulled", "VARCHAR(50)", ""),
    ("rate", "NUMERIC(8,4)", ""),
    ("origin", "VARCHAR(40)", ""),
    ("status", "VARCHAR(10)", "NOT NULL"),
    ("note", "VARCHAR(100)", ""),
    ("loaded", "VARCHAR(10)", "NOT NULL DEFAULT 'yes'"),
];

struct Client {
    id: i64,
    select: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    name: Option<&'static str>,
    card: Option<&'static str>,
    discount: Option<&'static str>,
    status: Option<&'static str>,
    its: Option<&'static str>,
}

#[allow(clippy::too_many_arguments)] // one argument per source column keeps the rows readable
const fn c(
    id: i64,
    select: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    name: Option<&'static str>,
    card: Option<&'static str>,
    discount: Option<&'static str>,
    status: Option<&'static str>,
    its: Option<&'static str>,
) -> Client {
    Client { id, select, email, phone, name, card, discount, status, its }
}

const ROWS: &[Client] = &[
    c(
        1,
        "gold",
        Some("ada@example.com"),
        Some("+44 20 7946 0018"),
        Some("Ada Lovelace"),
        Some("4111 1111 1111 1111"),
        Some("12.5"),
        Some("active"),
        Some("it's; secret"),
    ),
    // 10.00 is stored as an integer by SQLite: the division must still give 0.1.
    c(
        2,
        "silver plus",
        Some("grace@example.com"),
        Some("(212) 555-0142"),
        Some("Grace Hopper"),
        Some("5500-0000-0000-0004"),
        Some("10"),
        None,
        Some("x"),
    ),
    c(3, "bronze", Some("alan@exämple.com"), None, Some("Alan Türing"), None, None, Some("active"), None),
    c(
        4,
        "tin",
        Some("del@example.com"),
        Some("123"),
        Some("Del"),
        Some("0000"),
        Some("1"),
        Some("deleted"),
        Some("gone"),
    ),
    c(
        5,
        "naïve 'q'",
        Some("o'brien@example.com"),
        Some("555 0100"),
        Some("O'Brien \"Bob\" `x`"),
        Some("12"),
        Some("0"),
        Some("active"),
        Some("a\\b;--"),
    ),
];

const NOTE_ROWS: &[(i64, &str)] = &[(1, "first; note"), (2, "second \"note\" `x`"), (5, "back\\slash")];
const RET_A_ROWS: &[(i64, &str)] = &[(1, "10.50"), (2, "20.00")];
const RET_B_ROWS: &[(i64, &str)] = &[(3, "30.25")];

const SALT: &str = "s4lt";
const PHONE_SEED: &str = "p";
const REDACTED: &str = "[gone; 'x']";
const ORIGIN: &str = "it's \"x\"; -- y \\ z";

/// A JSON string is a valid TOML basic string.
fn json(s: &str) -> String {
    serde_json::to_string(s).expect("json string")
}

fn pipeline_toml(outputs: &str, target_schema: Option<&str>) -> String {
    let schema = target_schema.map(|s| format!("schema = {}\n", json(s))).unwrap_or_default();
    format!(
        r#"name = "{PIPELINE}"
outputs = [{outputs}]

[source]
datasource = "src"

[target]
datasource = "dst"
{schema}
[[tables]]
sources = ['{CLIENTS}', '{NOTES}']
target = '{DIM}'
combine = "join"
join_on = ['{CLIENTS}.id = {NOTES}.order id']
filter = "status is null or status != 'deleted'"
columns = {{ id = "client id" }}

[[tables]]
sources = ['{RET_A}', '{RET_B}']
target = '{RETURNS}'
combine = "union"

[[columns]]
target = '{DIM}.kind'
from = 'select'
cast = "varchar(5)"

[[columns]]
target = '{DIM}.email hash'
from = 'e-mail "addr"'
mask = {{ kind = "hash", salt = "{SALT}" }}

[[columns]]
target = '{DIM}.email fake'
from = 'e-mail "addr"'
mask = "fake_email"

[[columns]]
target = '{DIM}.phone digits'
from = 'phone; no'
mask = {{ kind = "digits_mask", keep_last = 2 }}

[[columns]]
target = '{DIM}.phone rand'
from = 'phone; no'
mask = "digits_randomize"

[[columns]]
target = '{DIM}.phone fake'
from = 'phone; no'
mask = {{ kind = "fake_phone", seed = "{PHONE_SEED}" }}

[[columns]]
target = '{DIM}.name fake'
from = 'naïve `name`'
mask = "fake_name"

[[columns]]
target = '{DIM}.card'
from = 'card number'
mask = {{ kind = "partial", keep_last = 4 }}

[[columns]]
target = '{DIM}.secret'
from = "it's"
mask = {{ kind = "redact", text = {redacted} }}

[[columns]]
target = '{DIM}.nulled'
from = "it's"
mask = "null"

[[columns]]
target = '{DIM}.rate'
expr = '"discount %" / 100'

[[columns]]
target = '{DIM}.origin'
constant = {origin}

[[columns]]
target = '{DIM}.status'
from = 'status'
default = "unknown"

[[columns]]
target = '{DIM}.note'
from = '{NOTES}.note'
"#,
        redacted = json(REDACTED),
        origin = json(ORIGIN),
    )
}

// ------------------------------------------------------------------ SQL per dialect

#[derive(Clone, Copy, PartialEq)]
enum Engine {
    Sqlite,
    Postgres,
    Mysql,
}

/// Quote an identifier (written here independently of the code under test).
fn q(name: &str, e: Engine) -> String {
    match e {
        Engine::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

fn lit(v: Option<&str>, e: Engine) -> String {
    match v {
        None => "NULL".into(),
        // MySQL: backslash is an escape character in string literals by default.
        Some(s) if e == Engine::Mysql => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''")),
        Some(s) => format!("'{}'", s.replace('\'', "''")),
    }
}

fn table_sql(schema: Option<&str>, name: &str, e: Engine) -> String {
    match schema {
        Some(s) => format!("{}.{}", q(s, e), q(name, e)),
        None => q(name, e),
    }
}

fn source_ddl(schema: Option<&str>, e: Engine) -> String {
    let t = |n: &str| table_sql(schema, n, e);
    let cols = CLIENT_COLUMNS
        .iter()
        .map(|(n, ty)| format!("{} {ty}{}", q(n, e), if *n == "id" { " PRIMARY KEY" } else { "" }))
        .collect::<Vec<_>>()
        .join(", ");
    let mut sql = format!("CREATE TABLE {} ({cols});\n", t(CLIENTS));
    sql +=
        &format!("CREATE TABLE {} ({} INTEGER NOT NULL, {} VARCHAR(100));\n", t(NOTES), q("order id", e), q("note", e));
    for r in [RET_A, RET_B] {
        sql += &format!("CREATE TABLE {} ({} INTEGER, {} NUMERIC(10,2));\n", t(r), q("id", e), q("amount", e));
    }
    for r in ROWS {
        let vals = [
            r.id.to_string(),
            lit(Some(r.select), e),
            lit(r.email, e),
            lit(r.phone, e),
            lit(r.name, e),
            lit(r.card, e),
            r.discount.unwrap_or("NULL").to_string(),
            lit(r.status, e),
            lit(r.its, e),
        ];
        sql += &format!("INSERT INTO {} VALUES ({});\n", t(CLIENTS), vals.join(", "));
    }
    for (id, note) in NOTE_ROWS {
        sql += &format!("INSERT INTO {} VALUES ({id}, {});\n", t(NOTES), lit(Some(note), e));
    }
    for (table, rows) in [(RET_A, RET_A_ROWS), (RET_B, RET_B_ROWS)] {
        for (id, amount) in rows {
            sql += &format!("INSERT INTO {} VALUES ({id}, {amount});\n", t(table));
        }
    }
    sql
}

fn target_ddl(schema: Option<&str>, e: Engine) -> String {
    let cols = DIM_COLUMNS.iter().map(|(n, ty, extra)| format!("{} {ty} {extra}", q(n, e))).collect::<Vec<_>>();
    format!(
        "CREATE TABLE {} ({});\nCREATE TABLE {} ({} INTEGER, {} NUMERIC(10,2));\n",
        table_sql(schema, DIM, e),
        cols.join(", "),
        table_sql(schema, RETURNS, e),
        q("id", e),
        q("amount", e)
    )
}

/// `SELECT` of every target column as text, in key order.
fn select_dim(schema: Option<&str>, e: Engine) -> String {
    let text = |c: &str| match e {
        Engine::Mysql => format!("CAST({} AS CHAR)", q(c, e)),
        _ => format!("CAST({} AS TEXT)", q(c, e)),
    };
    let cols = DIM_COLUMNS.iter().map(|(n, _, _)| text(n)).collect::<Vec<_>>().join(", ");
    format!("SELECT {cols} FROM {} ORDER BY {}", table_sql(schema, DIM, e), q("client id", e))
}

fn select_returns(schema: Option<&str>, e: Engine) -> String {
    let text = |c: &str| match e {
        Engine::Mysql => format!("CAST({} AS CHAR)", q(c, e)),
        _ => format!("CAST({} AS TEXT)", q(c, e)),
    };
    format!("SELECT {}, {} FROM {} ORDER BY {}", text("id"), text("amount"), table_sql(schema, RETURNS, e), q("id", e))
}

// ------------------------------------------------------------------ expected rows

fn sha(input: &str) -> [u8; 32] {
    Sha256::digest(input.as_bytes()).into()
}

fn digits_randomize(v: &str, seed: &str) -> String {
    let h = sha(&format!("{seed}{v}"));
    v.chars()
        .enumerate()
        .map(|(i, ch)| if ch.is_ascii_digit() { char::from(b'0' + h[i % 32] % 10) } else { ch })
        .collect()
}

fn fake_names(v: &str, seed: &str) -> (&'static str, &'static str, String) {
    let h = sha(&format!("{seed}{v}"));
    (FAKE_FIRST_NAMES[h[0] as usize % 32], FAKE_LAST_NAMES[h[1] as usize % 32], hex::encode(h))
}

fn keep_tail(v: &str, keep: usize, f: impl Fn(char) -> char) -> String {
    let chars: Vec<char> = v.chars().collect();
    let cut = chars.len().saturating_sub(keep);
    chars[..cut].iter().map(|&c| f(c)).chain(chars[cut..].iter().copied()).collect()
}

/// The target rows of `dim client` the load must produce, as text (numbers compared numerically).
fn expected_dim() -> Vec<Vec<Option<String>>> {
    ROWS.iter()
        .filter(|r| r.status != Some("deleted"))
        .map(|r| {
            let email_fake = r.email.map(|v| {
                let (f, l, hex) = fake_names(v, PIPELINE);
                format!("{}.{}.{}@example.com", f.to_lowercase(), l.to_lowercase(), &hex[4..10])
            });
            vec![
                Some(r.id.to_string()),
                Some(r.select.chars().take(5).collect()),
                r.email.map(|v| hex::encode(sha(&format!("{SALT}{v}")))),
                email_fake,
                r.phone.map(|v| keep_tail(v, 2, |c| if c.is_ascii_digit() { '*' } else { c })),
                r.phone.map(|v| digits_randomize(v, PIPELINE)),
                r.phone.map(|v| digits_randomize(v, PHONE_SEED)),
                r.name.map(|v| {
                    let (f, l, _) = fake_names(v, PIPELINE);
                    format!("{f} {l}")
                }),
                r.card.map(|v| keep_tail(v, 4, |_| '*')),
                r.its.map(|_| REDACTED.to_string()),
                None,
                r.discount.map(|d| (d.parse::<f64>().expect("number") / 100.0).to_string()),
                Some(ORIGIN.to_string()),
                Some(r.status.unwrap_or("unknown").to_string()),
                NOTE_ROWS.iter().find(|(id, _)| *id == r.id).map(|(_, n)| n.to_string()),
                Some("yes".to_string()),
            ]
        })
        .collect()
}

fn expected_returns() -> Vec<Vec<Option<String>>> {
    let mut rows: Vec<Vec<Option<String>>> = RET_A_ROWS
        .iter()
        .chain(RET_B_ROWS)
        .map(|(id, amount)| vec![Some(id.to_string()), Some(amount.to_string())])
        .collect();
    rows.sort_by_key(|r| r[0].as_deref().and_then(|s| s.parse::<i64>().ok()));
    rows
}

const NUMERIC: &[&str] = &["rate", "amount"];

fn assert_rows(what: &str, names: &[&str], got: &[Vec<Option<String>>], want: &[Vec<Option<String>>]) {
    assert_eq!(got.len(), want.len(), "{what}: row count\n got {got:?}\nwant {want:?}");
    for (g, w) in got.iter().zip(want) {
        for ((name, gv), wv) in names.iter().zip(g).zip(w) {
            let same = match (gv, wv) {
                (Some(a), Some(b)) if NUMERIC.contains(name) => {
                    (a.parse::<f64>().expect("number") - b.parse::<f64>().expect("number")).abs() < 1e-9
                }
                _ => gv == wv,
            };
            assert!(same, "{what}: row {:?} column `{name}`: got {gv:?}, want {wv:?}", g[0]);
        }
    }
}

/// The masks keep the formats they promise and differ from the source values.
fn assert_mask_formats(got: &[Vec<Option<String>>]) {
    let col = |n: &str| DIM_COLUMNS.iter().position(|c| c.0 == n).expect("column");
    let email_re = regex::Regex::new(r"^[a-z]+\.[a-z]+\.[0-9a-f]{6}@example\.com$").expect("regex");
    for (row, src) in got.iter().zip(ROWS.iter().filter(|r| r.status != Some("deleted"))) {
        if let (Some(phone), Some(rand)) = (src.phone, &row[col("phone rand")]) {
            assert_eq!(rand.chars().count(), phone.chars().count(), "digits_randomize keeps the length");
            for (a, b) in phone.chars().zip(rand.chars()) {
                assert_eq!(a.is_ascii_digit(), b.is_ascii_digit(), "digits stay digits: {phone} → {rand}");
                if !a.is_ascii_digit() {
                    assert_eq!(a, b, "non-digits are kept: {phone} → {rand}");
                }
            }
        }
        if let Some(e) = &row[col("email fake")] {
            assert!(email_re.is_match(e), "fake e-mail {e}");
            assert_ne!(Some(e.as_str()), src.email);
        }
        if let Some(h) = &row[col("email hash")] {
            assert!(h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()), "hash {h}");
        }
        if let (Some(card), Some(masked)) = (src.card, &row[col("card")]) {
            assert_eq!(masked.chars().count(), card.chars().count(), "partial keeps the length");
            if card.chars().count() > 4 {
                assert_ne!(masked, card);
            }
        }
    }
}

// ------------------------------------------------------------------ workspaces

pub struct RoundTrip {
    pub ws: Workspace,
}

fn datasources(ws: &Workspace, engine: &str, src: &str, dst: &str) {
    for (name, body) in [("src", src), ("dst", dst)] {
        ws.write(
            &format!("pipelines/datasources/{name}.toml"),
            &format!("engine = \"{engine}\"\nclass = \"test\"\ngrants = [\"pipelines/**/*.toml\"]\n{body}"),
        );
    }
}

const OUTPUTS_SQLITE: &str = r#""mapping.csv", "mapping.md", "mapping.json", "load.sqlite.sql", "dbt""#;

/// The SQLite workspace: `src.db` and `dst.db` built from the DDL above.
pub async fn sqlite_workspace() -> RoundTrip {
    use sqlx::{Connection, Executor};
    let ws = Workspace::new();
    datasources(&ws, "sqlite", "url = \"sqlite://src.db\"\n", "url = \"sqlite://dst.db\"\n");
    ws.write("pipelines/team/rt.toml", &pipeline_toml(OUTPUTS_SQLITE, None));
    for (file, sql) in [("src.db", source_ddl(None, Engine::Sqlite)), ("dst.db", target_ddl(None, Engine::Sqlite))] {
        let url = format!("sqlite://{}?mode=rwc", ws.path().join(file).display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap_or_else(|e| panic!("create {file}: {e}"));
        conn.execute(sqlx::AssertSqlSafe(sql.clone())).await.unwrap_or_else(|e| panic!("{file}: {e}\n{sql}"));
        conn.close().await.expect("close");
    }
    RoundTrip { ws }
}

/// `mapwright run` in the workspace; returns the exported load script.
fn export_script(ws: &Workspace, env: &[(&str, &str)], dialect: &str) -> String {
    let out = ws.run_env(&["run", "--allow-unreviewed", "-q"], env);
    assert_exit(&out, 0);
    let script = ws.read(&format!("exports/{PIPELINE}/v1/load.{dialect}.sql"));
    assert!(!stderr(&out).contains("rule_unresolved"), "{}", stderr(&out));
    script
}

// ------------------------------------------------------------------ SQLite

async fn sqlite_rows(conn: &mut sqlx::SqliteConnection, sql: &str, n: usize) -> Vec<Vec<Option<String>>> {
    use sqlx::Row;
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_string())).fetch_all(&mut *conn).await.expect(sql);
    rows.iter().map(|r| (0..n).map(|i| r.try_get::<Option<String>, _>(i).expect("text")).collect()).collect()
}

#[tokio::test]
async fn sqlite_load_script_round_trips_hostile_names_and_masks() {
    use sqlx::{Connection, Executor};
    let rt = sqlite_workspace().await;
    let script = export_script(&rt.ws, &[], "sqlite");
    assert!(script.contains("ATTACH DATABASE"), "the script explains the attach");
    let dim_names: Vec<&str> = DIM_COLUMNS.iter().map(|c| c.0).collect();
    let mut runs = Vec::new();
    for _ in 0..2 {
        let url = format!("sqlite://{}", rt.ws.path().join("dst.db").display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("open dst.db");
        let src = rt.ws.path().join("src.db").display().to_string().replace('\'', "''");
        conn.execute(sqlx::AssertSqlSafe(format!("ATTACH DATABASE '{src}' AS \"src\""))).await.expect("attach");
        conn.execute(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {}; DELETE FROM {};",
            q(DIM, Engine::Sqlite),
            q(RETURNS, Engine::Sqlite)
        )))
        .await
        .expect("empty targets");
        conn.execute(sqlx::AssertSqlSafe(script.clone()))
            .await
            .unwrap_or_else(|e| panic!("load failed: {e}\n{script}"));
        let dim = sqlite_rows(&mut conn, &select_dim(None, Engine::Sqlite), DIM_COLUMNS.len()).await;
        assert_rows("sqlite dim", &dim_names, &dim, &expected_dim());
        assert_mask_formats(&dim);
        let ret = sqlite_rows(&mut conn, &select_returns(None, Engine::Sqlite), 2).await;
        assert_rows("sqlite returns", &["id", "amount"], &ret, &expected_returns());
        runs.push(dim);
    }
    assert_eq!(runs[0], runs[1], "masked values are deterministic across runs");
}

// ------------------------------------------------------------------ PostgreSQL

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}{}_{}", std::process::id(), nanos % 1_000_000_000)
}

fn pg_test_url() -> String {
    let admin = support::pg_admin_url();
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let cut = base.rfind('/').expect("url path");
    format!("{}/test{}", &base[..cut], query.map(|q| format!("?{q}")).unwrap_or_default())
}

/// Drops the scratch schemas/databases even when the test panics.
struct Scratch {
    url: String,
    drop_sql: String,
    pg: bool,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let (url, sql, pg) = (self.url.clone(), self.drop_sql.clone(), self.pg);
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                use sqlx::{Connection, Executor};
                if pg {
                    if let Ok(mut c) = sqlx::PgConnection::connect(&url).await {
                        let _ = c.execute(sqlx::AssertSqlSafe(sql)).await;
                    }
                } else if let Ok(mut c) = sqlx::MySqlConnection::connect(&url).await {
                    let _ = c.execute(sqlx::AssertSqlSafe(sql)).await;
                }
            })
        })
        .join();
    }
}

#[tokio::test]
async fn postgres_load_script_round_trips_hostile_names_and_masks() {
    use sqlx::{Connection, Executor, Row};
    let url = pg_test_url();
    let conn = sqlx::PgConnection::connect(&url).await;
    if !support::require("PostgreSQL (127.0.0.1:5432, database test)", conn.is_ok()) {
        return;
    }
    let mut conn = conn.expect("checked");
    let (src, dst) = (unique("mw src \"rt\" "), unique("mw dst; rt "));
    let e = Engine::Postgres;
    let _scratch = Scratch {
        url: url.clone(),
        drop_sql: format!(
            "DROP SCHEMA IF EXISTS {} CASCADE; DROP SCHEMA IF EXISTS {} CASCADE;",
            q(&src, e),
            q(&dst, e)
        ),
        pg: true,
    };
    let setup = format!(
        "CREATE SCHEMA {}; CREATE SCHEMA {};\n{}{}",
        q(&src, e),
        q(&dst, e),
        source_ddl(Some(&src), e),
        target_ddl(Some(&dst), e)
    );
    conn.execute(sqlx::AssertSqlSafe(setup.clone())).await.unwrap_or_else(|err| panic!("setup: {err}\n{setup}"));

    let ws = Workspace::new();
    let scope = |s: &str| {
        format!("url_env = \"MW_RT_PG_URL\"\nscope = {{ schemas = [{}] }}\n", serde_json::to_string(s).expect("json"))
    };
    datasources(&ws, "postgres", &scope(&src), &scope(&dst));
    let outputs = r#""mapping.csv", "mapping.md", "mapping.json", "load.postgres.sql", "dbt""#;
    ws.write("pipelines/team/rt.toml", &pipeline_toml(outputs, Some(&dst.replace('\'', "\\'"))));
    let script = export_script(&ws, &[("MW_RT_PG_URL", &url)], "postgres");

    let dim_names: Vec<&str> = DIM_COLUMNS.iter().map(|c| c.0).collect();
    let mut runs = Vec::new();
    for _ in 0..2 {
        conn.execute(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {}; DELETE FROM {};",
            table_sql(Some(&dst), DIM, e),
            table_sql(Some(&dst), RETURNS, e)
        )))
        .await
        .expect("empty targets");
        conn.execute(sqlx::AssertSqlSafe(script.clone()))
            .await
            .unwrap_or_else(|err| panic!("load failed: {err}\n{script}"));
        let rows =
            sqlx::query(sqlx::AssertSqlSafe(select_dim(Some(&dst), e))).fetch_all(&mut conn).await.expect("select");
        let dim: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|r| (0..DIM_COLUMNS.len()).map(|i| r.try_get::<Option<String>, _>(i).expect("text")).collect())
            .collect();
        assert_rows("postgres dim", &dim_names, &dim, &expected_dim());
        assert_mask_formats(&dim);
        let rows =
            sqlx::query(sqlx::AssertSqlSafe(select_returns(Some(&dst), e))).fetch_all(&mut conn).await.expect("select");
        let ret: Vec<Vec<Option<String>>> =
            rows.iter().map(|r| (0..2).map(|i| r.try_get::<Option<String>, _>(i).expect("text")).collect()).collect();
        assert_rows("postgres returns", &["id", "amount"], &ret, &expected_returns());
        runs.push(dim);
    }
    assert_eq!(runs[0], runs[1], "masked values are deterministic across runs");
}

// ------------------------------------------------------------------ MariaDB

fn mysql_url(db: &str) -> String {
    let admin = support::mysql_admin_url();
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let cut = base.rfind('/').expect("url path");
    format!("{}/{db}{}", &base[..cut], query.map(|q| format!("?{q}")).unwrap_or_default())
}

#[tokio::test]
async fn mariadb_load_script_round_trips_hostile_names_and_masks() {
    use sqlx::{Connection, Executor, Row};
    let admin = mysql_url("test");
    let conn = sqlx::MySqlConnection::connect(&admin).await;
    if !support::require("MariaDB (127.0.0.1:3306, database test)", conn.is_ok()) {
        return;
    }
    let mut conn = conn.expect("checked");
    let (src, dst) = (unique("mwt_rt_src_"), unique("mwt_rt_dst_"));
    let e = Engine::Mysql;
    let _scratch = Scratch {
        url: admin.clone(),
        drop_sql: format!("DROP DATABASE IF EXISTS {}; DROP DATABASE IF EXISTS {};", q(&src, e), q(&dst, e)),
        pg: false,
    };
    let setup = format!(
        "CREATE DATABASE {} CHARACTER SET utf8mb4; CREATE DATABASE {} CHARACTER SET utf8mb4;\n{}{}",
        q(&src, e),
        q(&dst, e),
        source_ddl(Some(&src), e),
        target_ddl(Some(&dst), e)
    );
    conn.execute(sqlx::AssertSqlSafe(setup.clone())).await.unwrap_or_else(|err| panic!("setup: {err}\n{setup}"));

    let ws = Workspace::new();
    datasources(&ws, "mysql", "url_env = \"MW_RT_SRC_URL\"\n", "url_env = \"MW_RT_DST_URL\"\n");
    let outputs = r#""mapping.csv", "mapping.md", "mapping.json", "load.mysql.sql", "dbt""#;
    ws.write("pipelines/team/rt.toml", &pipeline_toml(outputs, None));
    let script =
        export_script(&ws, &[("MW_RT_SRC_URL", &mysql_url(&src)), ("MW_RT_DST_URL", &mysql_url(&dst))], "mysql");

    // The script runs on a session whose default database is the target.
    let mut conn = sqlx::MySqlConnection::connect(&mysql_url(&dst)).await.expect("connect target db");
    let dim_names: Vec<&str> = DIM_COLUMNS.iter().map(|c| c.0).collect();
    let mut runs = Vec::new();
    for _ in 0..2 {
        conn.execute(sqlx::AssertSqlSafe(format!("DELETE FROM {}; DELETE FROM {};", q(DIM, e), q(RETURNS, e))))
            .await
            .expect("empty targets");
        conn.execute(sqlx::AssertSqlSafe(script.clone()))
            .await
            .unwrap_or_else(|err| panic!("load failed: {err}\n{script}"));
        let rows = sqlx::query(sqlx::AssertSqlSafe(select_dim(None, e))).fetch_all(&mut conn).await.expect("select");
        let dim: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|r| (0..DIM_COLUMNS.len()).map(|i| r.try_get::<Option<String>, _>(i).expect("text")).collect())
            .collect();
        assert_rows("mariadb dim", &dim_names, &dim, &expected_dim());
        assert_mask_formats(&dim);
        let rows =
            sqlx::query(sqlx::AssertSqlSafe(select_returns(None, e))).fetch_all(&mut conn).await.expect("select");
        let ret: Vec<Vec<Option<String>>> =
            rows.iter().map(|r| (0..2).map(|i| r.try_get::<Option<String>, _>(i).expect("text")).collect()).collect();
        assert_rows("mariadb returns", &["id", "amount"], &ret, &expected_returns());
        runs.push(dim);
    }
    assert_eq!(runs[0], runs[1], "masked values are deterministic across runs");
}
