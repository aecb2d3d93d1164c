//! `mapwright discover` on real SQLite files: depth, hostile names, read-only, errors.

mod support;

use mapwright::catalog::{Catalog, LogicalType, TableKind};
use sqlx::{ConnectOptions, Connection, Executor, sqlite::SqliteConnectOptions};
use support::{Workspace, assert_exit, stderr, stdout};

const SCHEMA: &str = r#"
CREATE TABLE "cust""omer; x" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "e-mail" VARCHAR(200) NOT NULL COLLATE NOCASE CHECK ("e-mail" LIKE '%@%'),
    "naïve name" TEXT DEFAULT 'it''s',
    "select" INT,
    created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    score NUMERIC(10,2),
    CONSTRAINT uq_email UNIQUE ("e-mail")
);
CREATE TABLE "order" (
    shop_id INTEGER NOT NULL,
    order_no BIGINT NOT NULL,
    customer_id INTEGER REFERENCES "cust""omer; x" (id) ON DELETE CASCADE,
    parent_shop INTEGER,
    parent_no BIGINT,
    qty INT NOT NULL,
    price REAL,
    total REAL GENERATED ALWAYS AS (qty * price) STORED,
    PRIMARY KEY (shop_id, order_no),
    CONSTRAINT fk_parent FOREIGN KEY (parent_shop, parent_no) REFERENCES "order" (shop_id, order_no) ON UPDATE SET NULL,
    CHECK (qty > 0)
) WITHOUT ROWID;
CREATE INDEX "ix lower" ON "cust""omer; x" (lower("e-mail"), "select" DESC) WHERE "select" IS NOT NULL;
CREATE INDEX ix_qty ON "order" (qty);
CREATE VIEW "big orders" AS SELECT shop_id, order_no, total FROM "order" WHERE total > 100;
"#;

async fn make_db(path: &std::path::Path) {
    let mut c = SqliteConnectOptions::new().filename(path).create_if_missing(true).connect().await.expect("create db");
    c.execute(SCHEMA).await.expect("schema");
    c.execute("INSERT INTO \"cust\"\"omer; x\" (\"e-mail\") VALUES ('a@b'), ('c@d'); ANALYZE;").await.expect("rows");
    c.close().await.expect("close");
}

fn workspace_with(url: &str) -> Workspace {
    let ws = Workspace::new();
    ws.write("pipelines/datasources/shop.toml", &format!("engine = \"sqlite\"\nurl = \"{url}\"\nclass = \"test\"\n"));
    ws
}

#[tokio::test]
async fn discovers_every_sqlite_object_kind_with_hostile_names() {
    let ws = workspace_with("sqlite://data/shop.db");
    std::fs::create_dir_all(ws.path().join("data")).expect("mkdir");
    let db = ws.path().join("data/shop.db");
    make_db(&db).await;

    let out = ws.run(&["discover", "shop", "--format", "json"]);
    assert_exit(&out, 0);
    let cat: Catalog = serde_json::from_slice(&out.stdout).expect("catalog json");
    assert_eq!(cat.schemas.len(), 1);
    let names: Vec<&str> = cat.schemas[0].tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["big orders", "cust\"omer; x", "order"]);

    let (_, cust) = cat.table(None, "cust\"omer; x").expect("customer table");
    let id = cust.column("id").expect("id");
    assert!(id.auto_increment && !id.nullable);
    assert_eq!(id.logical, LogicalType::Integer { bits: 64, signed: true });
    let email = cust.column("e-mail").expect("e-mail");
    assert_eq!(email.logical, LogicalType::Varchar { length: Some(200) });
    assert_eq!(email.collation.as_deref(), Some("NOCASE"));
    assert_eq!(cust.column("naïve name").and_then(|c| c.default.as_deref()), Some("'it''s'"));
    assert_eq!(
        cust.column("score").map(|c| &c.logical),
        Some(&LogicalType::Decimal { precision: Some(10), scale: Some(2) })
    );
    assert_eq!(cust.unique_constraints.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["uq_email"]);
    assert_eq!(cust.checks.len(), 1);
    assert_eq!(cust.checks[0].expression, "\"e-mail\" LIKE '%@%'");
    assert_eq!(cust.row_estimate, Some(2));
    let ix = cust.indexes.iter().find(|i| i.name == "ix lower").expect("expression index");
    assert_eq!(ix.columns, ["lower(\"e-mail\")", "select"]);
    assert_eq!(ix.predicate.as_deref(), Some("\"select\" IS NOT NULL"));

    let (_, order) = cat.table(None, "order").expect("order table");
    assert_eq!(order.primary_key.as_ref().map(|k| k.columns.clone()), Some(vec!["shop_id".into(), "order_no".into()]));
    assert_eq!(order.column("total").and_then(|c| c.generated.as_deref()), Some("qty * price"));
    assert!(!order.column("shop_id").expect("shop_id").auto_increment, "WITHOUT ROWID has no rowid alias");
    let parent = order.foreign_keys.iter().find(|f| f.name == "fk_parent").expect("self-referencing composite FK");
    assert_eq!(parent.referenced_table, "order");
    assert_eq!(parent.referenced_columns, ["shop_id", "order_no"]);
    assert_eq!(parent.on_update.as_deref(), Some("SET NULL"));
    let to_cust = order.foreign_keys.iter().find(|f| f.columns == ["customer_id"]).expect("fk to customer");
    assert_eq!((to_cust.referenced_table.as_str(), to_cust.on_delete.as_deref()), ("cust\"omer; x", Some("CASCADE")));
    assert_eq!(order.checks.iter().map(|c| c.expression.as_str()).collect::<Vec<_>>(), ["qty > 0"]);

    let (_, view) = cat.table(None, "big orders").expect("view");
    assert_eq!(view.kind, TableKind::View);
    assert!(view.definition.as_deref().is_some_and(|d| d.contains("total > 100")));
    assert_eq!(view.columns.len(), 3);

    // Counts equal what SQLite's own catalog reports.
    let mut c = SqliteConnectOptions::new().filename(&db).read_only(true).connect().await.expect("open");
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_one(&mut c)
    .await
    .expect("count");
    let columns: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_schema m, pragma_table_xinfo(m.name) WHERE m.type IN ('table','view') AND m.name NOT LIKE 'sqlite_%'",
    )
    .fetch_one(&mut c)
    .await
    .expect("count");
    let indexes: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_schema m, pragma_index_list(m.name) WHERE m.type = 'table'")
            .fetch_one(&mut c)
            .await
            .expect("count");
    let fks: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT m.name || '/' || f.id) FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
    )
    .fetch_one(&mut c)
    .await
    .expect("count");
    assert_eq!(cat.table_count() as i64, tables);
    assert_eq!(cat.column_count() as i64, columns);
    assert_eq!(cat.tables().map(|(_, t)| t.indexes.len()).sum::<usize>() as i64, indexes);
    assert_eq!(cat.tables().map(|(_, t)| t.foreign_keys.len()).sum::<usize>() as i64, fks);

    // Same inputs, same bytes; the text tree names every table.
    let again = ws.run(&["discover", "shop", "--format", "json"]);
    assert_eq!(again.stdout, out.stdout);
    let text = ws.run(&["discover", "shop"]);
    assert_exit(&text, 0);
    let tree = stdout(&text);
    assert!(tree.contains("cust\"omer; x (table, rows≈2)") && tree.contains("big orders (view)"), "{tree}");
    assert!(tree.contains("foreign key fk_parent (parent_shop, parent_no) → main.order (shop_id, order_no)"), "{tree}");
}

#[tokio::test]
async fn scope_snapshot_and_databases() {
    let ws = workspace_with("sqlite://shop.db");
    make_db(&ws.path().join("shop.db")).await;
    ws.write(
        "pipelines/datasources/narrow.toml",
        "engine = \"sqlite\"\nurl = \"sqlite://shop.db\"\nclass = \"test\"\n[scope]\nexclude = [\"order\", \"big *\"]\n",
    );
    let out = ws.run(&["discover", "narrow", "--format", "json"]);
    assert_exit(&out, 0);
    let cat: Catalog = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(cat.tables().map(|(_, t)| t.name.as_str()).collect::<Vec<_>>(), ["cust\"omer; x"]);

    // Snapshot round trip: same catalog bytes offline.
    let saved = ws.run(&["discover", "shop", "--out", "snap/shop.json"]);
    assert_exit(&saved, 0);
    ws.write(
        "pipelines/datasources/offline.toml",
        "engine = \"snapshot\"\nurl = \"snapshot://snap/shop.json\"\nclass = \"test\"\n",
    );
    let live = ws.run(&["discover", "shop", "--format", "json"]);
    let offline = ws.run(&["discover", "offline", "--format", "json"]);
    assert_exit(&offline, 0);
    assert_eq!(offline.stdout, live.stdout);

    // A snapshot from another format version is refused with a hint.
    let text = ws.read("snap/shop.json").replacen("\"format_version\": 1", "\"format_version\": 99", 1);
    ws.write("snap/shop.json", &text);
    let bad = ws.run(&["discover", "offline"]);
    assert_exit(&bad, 1);
    assert!(stderr(&bad).contains("format_version is 99") && stderr(&bad).contains("offline"), "{}", stderr(&bad));

    let dbs = ws.run(&["discover", "shop", "--databases"]);
    assert_exit(&dbs, 0);
    assert_eq!(stdout(&dbs), "main\n");
}

#[tokio::test]
async fn missing_or_corrupt_file_is_exit_1_naming_the_datasource() {
    let ws = workspace_with("sqlite://missing.db");
    let out = ws.run(&["discover", "shop"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("MW-DISCOVERY") && err.contains("datasource `shop`") && err.contains("missing.db"), "{err}");
    assert!(!ws.path().join("missing.db").exists(), "discovery must never create the file");

    ws.write("missing.db", "this is not a database file at all, just text padding padding padding");
    let out = ws.run(&["discover", "shop"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("datasource `shop`"), "{}", stderr(&out));
}

#[tokio::test]
async fn the_discovery_connection_cannot_write() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("w.db");
    make_db(&path).await;
    let url = mapwright::config::SecretUrl::from_raw(format!("sqlite://{}", path.display()));
    let (scope, conn) = (Default::default(), Default::default());
    let req = mapwright::discover::Request {
        datasource: "w",
        engine: mapwright::catalog::Engine::Sqlite,
        url: &url,
        url_env: None,
        scope: &scope,
        connection: &conn,
    };
    let mut c = mapwright::discover::sqlite::connect_read_only(&req).await.expect("connect");
    let err = c.execute("CREATE TABLE t2 (x INT)").await.expect_err("write must fail");
    assert!(err.to_string().contains("readonly"), "{err}");
}
