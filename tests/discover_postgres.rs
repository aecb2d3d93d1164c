//! `mapwright discover` against the real PostgreSQL server: every object kind,
//! hostile identifiers, counts equal to pg_catalog's, read-only sessions and
//! failures (stopped server, bad credentials, unknown database, missing grant, timeout).

mod support;

use mapwright::catalog::{Catalog, LogicalType as L, TableKind};
use sqlx::{Connection, Executor, PgConnection};
use support::proxy::TcpProxy;
use support::{TestDb, Workspace, assert_exit, stderr};

const SETUP: &str = r#"
CREATE SCHEMA "Sales; ""Team""";
COMMENT ON SCHEMA "Sales; ""Team""" IS 'sales team';
CREATE TYPE "Sales; ""Team""".mood AS ENUM ('sad', 'ok', 'it''s fine');
CREATE TABLE "Sales; ""Team"""."order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "select" integer NOT NULL,
    "naïve `col`" varchar(40) COLLATE "C" DEFAULT 'x;y',
    qty int CHECK (qty > 0),
    price numeric(10,2),
    total numeric GENERATED ALWAYS AS (qty * price) STORED,
    created timestamptz(3) DEFAULT now(),
    local_ts timestamp,
    at_time time(2),
    mood "Sales; ""Team""".mood,
    moods "Sales; ""Team""".mood[],
    tags text[],
    uid uuid UNIQUE,
    doc jsonb,
    raw bytea,
    flag boolean,
    small smallint,
    code char(3),
    serial_no serial
);
COMMENT ON TABLE "Sales; ""Team"""."order" IS 'line1
line2 with ''single'' and "double" quotes';
COMMENT ON COLUMN "Sales; ""Team"""."order"."select" IS 'a reserved word';
CREATE INDEX "ix lower; x" ON "Sales; ""Team"""."order" (lower("naïve `col`"), "select") WHERE qty > 1;
CREATE INDEX ix_doc ON "Sales; ""Team"""."order" USING gin (doc);
CREATE TABLE parent (
    a int, b int, pa int, pb int,
    PRIMARY KEY (a, b),
    CONSTRAINT parent_self FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON DELETE CASCADE ON UPDATE SET NULL,
    CONSTRAINT parent_ba UNIQUE (b, a)
);
CREATE TABLE child (
    id int PRIMARY KEY, pa int, pb int,
    CONSTRAINT child_parent FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON DELETE SET NULL,
    CONSTRAINT child_order FOREIGN KEY (id) REFERENCES "Sales; ""Team"""."order" (id) ON DELETE RESTRICT
);
CREATE TABLE measurements (id int, at date NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE VIEW "big orders" AS SELECT id, total FROM "Sales; ""Team"""."order" WHERE total > 100;
CREATE MATERIALIZED VIEW parent_counts AS SELECT a, count(*) AS n FROM parent GROUP BY a;
CREATE FOREIGN DATA WRAPPER mwt_dummy;
CREATE SERVER mwt_srv FOREIGN DATA WRAPPER mwt_dummy;
CREATE FOREIGN TABLE remote_things (id int, name text) SERVER mwt_srv;
INSERT INTO parent (a, b) SELECT g, g FROM generate_series(1, 50) g;
ANALYZE parent;
"#;

fn workspace(connection: &str) -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "pipelines/datasources/pg.toml",
        &format!("engine = \"postgres\"\nurl_env = \"MW_TEST_PG_URL\"\nclass = \"test\"\n{connection}"),
    );
    ws
}

async fn scalar(db: &TestDb, sql: &'static str) -> i64 {
    let mut c = PgConnection::connect(&db.url).await.expect("connect");
    sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql)
}

#[tokio::test]
async fn discovers_every_postgres_object_kind() {
    let Some(db) = TestDb::postgres("disc_pg").await else { return };
    db.exec(SETUP).await;
    let ws = workspace("");
    let out = ws.run_env(&["discover", "pg", "--format", "json"], &[("MW_TEST_PG_URL", &db.url)]);
    assert_exit(&out, 0);
    let cat: Catalog = serde_json::from_slice(&out.stdout).expect("catalog");
    assert_eq!(cat.database, db.name);
    assert_eq!(cat.schemas.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Sales; \"Team\"", "public"]);
    let sales = &cat.schemas[0];
    assert_eq!(sales.comment.as_deref(), Some("sales team"));
    assert_eq!(sales.enums[0].labels, ["sad", "ok", "it's fine"]);

    let (_, order) = cat.table(Some("Sales; \"Team\""), "order").expect("order");
    assert_eq!(order.comment.as_deref(), Some("line1\nline2 with 'single' and \"double\" quotes"));
    let col = |n: &str| order.column(n).unwrap_or_else(|| panic!("column {n}"));
    assert!(col("id").auto_increment && col("serial_no").auto_increment);
    assert_eq!(col("id").logical, L::Integer { bits: 64, signed: true });
    assert_eq!(col("select").comment.as_deref(), Some("a reserved word"));
    assert!(!col("select").nullable);
    let naive = col("naïve `col`");
    assert_eq!((naive.collation.as_deref(), naive.default.as_deref()), (Some("C"), Some("'x;y'::character varying")));
    assert_eq!(naive.logical, L::Varchar { length: Some(40) });
    assert_eq!(col("total").generated.as_deref(), Some("qty::numeric * price"));
    assert_eq!(col("total").default, None);
    assert_eq!(col("price").logical, L::Decimal { precision: Some(10), scale: Some(2) });
    assert_eq!(col("created").logical, L::Timestamp { precision: Some(3), tz: true });
    assert_eq!(col("local_ts").logical, L::Timestamp { precision: None, tz: false });
    assert_eq!(col("at_time").logical, L::Time { precision: Some(2), tz: false });
    let mood = L::Enum { labels: vec!["sad".into(), "ok".into(), "it's fine".into()] };
    assert_eq!(col("mood").logical, mood);
    assert_eq!(col("moods").logical, L::Array { element: Box::new(mood) });
    assert_eq!(col("tags").logical, L::Array { element: Box::new(L::Text) });
    assert_eq!(
        [&col("uid").logical, &col("doc").logical, &col("raw").logical, &col("flag").logical, &col("code").logical],
        [&L::Uuid, &L::Json, &L::Binary { length: None }, &L::Boolean, &L::Char { length: Some(3) }]
    );
    assert_eq!(col("small").logical, L::Integer { bits: 16, signed: true });
    assert_eq!(order.checks.iter().map(|c| c.expression.as_str()).collect::<Vec<_>>(), ["qty > 0"]);
    assert_eq!(
        order.unique_constraints.iter().map(|u| u.columns.clone()).collect::<Vec<_>>(),
        [vec!["uid".to_string()]]
    );
    let ix = order.indexes.iter().find(|i| i.name == "ix lower; x").expect("expression index");
    assert_eq!(ix.columns, ["lower(\"naïve `col`\"::text)", "select"]);
    assert_eq!(ix.predicate.as_deref(), Some("qty > 1"));
    assert_eq!(order.indexes.iter().find(|i| i.name == "ix_doc").and_then(|i| i.method.as_deref()), Some("gin"));

    let (_, parent) = cat.table(Some("public"), "parent").expect("parent");
    assert_eq!(parent.row_estimate, Some(50));
    let selfref = &parent.foreign_keys[0];
    assert_eq!((selfref.name.as_str(), selfref.referenced_table.as_str()), ("parent_self", "parent"));
    assert_eq!(
        (selfref.columns.clone(), selfref.referenced_columns.clone()),
        (vec!["pa".into(), "pb".into()], vec!["a".into(), "b".into()])
    );
    assert_eq!((selfref.on_delete.as_deref(), selfref.on_update.as_deref()), (Some("CASCADE"), Some("SET NULL")));
    assert_eq!(parent.unique_constraints[0].columns, ["b", "a"]);
    let (_, child) = cat.table(Some("public"), "child").expect("child");
    let to_order = child.foreign_keys.iter().find(|f| f.name == "child_order").expect("cross-schema fk");
    assert_eq!(
        (to_order.referenced_schema.as_str(), to_order.on_delete.as_deref()),
        ("Sales; \"Team\"", Some("RESTRICT"))
    );

    let kind = |n: &str| cat.table(None, n).map(|(_, t)| t.kind).unwrap_or_else(|| panic!("table {n}"));
    assert_eq!(kind("measurements"), TableKind::PartitionedTable);
    assert_eq!(kind("big orders"), TableKind::View);
    assert_eq!(kind("parent_counts"), TableKind::MaterializedView);
    assert_eq!(kind("remote_things"), TableKind::ForeignTable);
    let (_, m) = cat.table(None, "measurements").expect("partitioned");
    assert_eq!(m.partition_key.as_deref(), Some("RANGE (at)"));
    let (_, p24) = cat.table(None, "measurements_2024").expect("partition");
    let of = p24.partition_of.as_ref().expect("partition_of");
    assert_eq!(
        (of.table.as_str(), of.bound.as_deref()),
        ("measurements", Some("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"))
    );
    assert!(
        cat.table(None, "big orders")
            .and_then(|(_, t)| t.definition.clone())
            .is_some_and(|d| d.contains("total > 100"))
    );
    assert!(
        cat.table(None, "parent_counts")
            .and_then(|(_, t)| t.definition.clone())
            .is_some_and(|d| d.contains("count(*)"))
    );

    // Counts equal what pg_catalog itself reports.
    let relations = scalar(
        &db,
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
        WHERE c.relkind IN ('r','v','m','p','f') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'",
    )
    .await;
    let columns = scalar(
        &db,
        "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped \
        AND c.relkind IN ('r','v','m','p','f') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'",
    )
    .await;
    let constraints = scalar(
        &db,
        "SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid \
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype IN ('p','u','f','c') \
        AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'",
    )
    .await;
    let indexes = scalar(
        &db,
        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'",
    )
    .await;
    let enums = scalar(
        &db,
        "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
        WHERE t.typtype = 'e' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'",
    )
    .await;
    let tables: Vec<_> = cat.tables().map(|(_, t)| t).collect();
    assert_eq!(cat.table_count() as i64, relations);
    assert_eq!(cat.column_count() as i64, columns);
    let found_constraints: usize = tables
        .iter()
        .map(|t| {
            usize::from(t.primary_key.is_some()) + t.unique_constraints.len() + t.foreign_keys.len() + t.checks.len()
        })
        .sum();
    assert_eq!(found_constraints as i64, constraints);
    assert_eq!(tables.iter().map(|t| t.indexes.len()).sum::<usize>() as i64, indexes);
    assert_eq!(cat.schemas.iter().map(|s| s.enums.len()).sum::<usize>() as i64, enums);

    // Scope: globs narrow, literal unknown schemas are errors.
    let ws2 = workspace("[scope]\nschemas = [\"public\"]\nexclude = [\"measurements_*\", \"public.parent*\"]\n");
    let out = ws2.run_env(&["discover", "pg", "--format", "json"], &[("MW_TEST_PG_URL", &db.url)]);
    assert_exit(&out, 0);
    let narrow: Catalog = serde_json::from_slice(&out.stdout).expect("catalog");
    let names: Vec<&str> = narrow.tables().map(|(_, t)| t.name.as_str()).collect();
    assert_eq!(names, ["big orders", "child", "measurements", "remote_things"]);
    let ws3 = workspace("[scope]\nschemas = [\"sales\"]\n");
    let out = ws3.run_env(&["discover", "pg"], &[("MW_TEST_PG_URL", &db.url)]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("schema `sales` not found") && stderr(&out).contains("Sales; \"Team\""),
        "{}",
        stderr(&out)
    );

    let dbs = ws.run_env(&["discover", "pg", "--databases", "--format", "json"], &[("MW_TEST_PG_URL", &db.url)]);
    assert_exit(&dbs, 0);
    let list: Vec<String> = serde_json::from_slice(&dbs.stdout).expect("json list");
    assert!(list.contains(&db.name) && !list.iter().any(|d| d.starts_with("template")), "{list:?}");
}

#[tokio::test]
async fn the_discovery_session_cannot_write() {
    let Some(db) = TestDb::postgres("disc_pg_ro").await else { return };
    let url = mapwright::config::SecretUrl::from_raw(db.url.clone());
    let (scope, connection) = (Default::default(), Default::default());
    let req = mapwright::discover::Request {
        datasource: "pg",
        engine: mapwright::catalog::Engine::Postgres,
        url: &url,
        url_env: None,
        scope: &scope,
        connection: &connection,
    };
    let mut c = mapwright::discover::postgres::connect_read_only(&req).await.expect("connect");
    let err = c.execute("CREATE TABLE written (x int)").await.expect_err("write must fail");
    assert!(err.to_string().contains("read-only transaction"), "{err}");
    let err = c.execute("BEGIN; INSERT INTO pg_temp.nothing VALUES (1)").await.expect_err("write must fail");
    assert!(err.to_string().contains("read-only") || err.to_string().contains("does not exist"), "{err}");
}

/// A role that is dropped with the test.
struct Role {
    name: String,
    admin: String,
}

impl Role {
    async fn create(admin: &str, prefix: &str, options: &str) -> Role {
        let name = format!("mwt_{prefix}_{}", std::process::id());
        let mut c = PgConnection::connect(admin).await.expect("admin");
        c.execute(sqlx::AssertSqlSafe(format!("DROP ROLE IF EXISTS {name}; CREATE ROLE {name} {options}")))
            .await
            .expect("create role");
        Role { name, admin: admin.to_string() }
    }
}

impl Drop for Role {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
            rt.block_on(async move {
                if let Ok(mut c) = PgConnection::connect(&admin).await {
                    let _ = c
                        .execute(sqlx::AssertSqlSafe(format!("DROP OWNED BY {name}; DROP ROLE IF EXISTS {name}")))
                        .await;
                }
            })
        })
        .join();
    }
}

#[tokio::test]
async fn failures_exit_1_with_the_hint_and_never_the_password() {
    let Some(db) = TestDb::postgres("disc_pg_fail").await else { return };
    db.exec(SETUP).await;
    let fast = "[connection]\nconnect_timeout_secs = 2\nstatement_timeout_secs = 5\nretries = 1\n";
    let ws = workspace(fast);
    let run = |url: &str| {
        let started = std::time::Instant::now();
        let out = ws.run_env(&["discover", "pg"], &[("MW_TEST_PG_URL", url)]);
        assert!(started.elapsed().as_secs() < 30, "must fail within the configured timeouts");
        assert_exit(&out, 1);
        let err = stderr(&out);
        assert!(err.contains("datasource `pg`"), "{err}");
        assert!(!err.contains("Hunter2-Secret"), "password leaked: {err}");
        err
    };

    // Unknown database.
    let err = run(&support::url_with_user(&db.url.replace(&db.name, "mwt_no_such_db"), "postgres", "Hunter2-Secret"));
    assert!(err.contains("MW-DISCOVERY") && err.contains("--databases"), "{err}");

    // Credentials refused (trust auth here, so a role that may not log in).
    let nologin = Role::create(&support::pg_admin_url(), "nologin", "NOLOGIN PASSWORD 'Hunter2-Secret'").await;
    let err = run(&support::url_with_user(&db.url, &nologin.name, "Hunter2-Secret"));
    assert!(err.contains("MW-AUTH") && err.contains("MW_TEST_PG_URL"), "{err}");

    // A schema the user may not use.
    let reader = Role::create(&support::pg_admin_url(), "nousage", "LOGIN").await;
    let err = run(&support::url_with_user(&db.url, &reader.name, "Hunter2-Secret"));
    assert!(err.contains("MW-CATALOG-PERM") && err.contains("GRANT USAGE ON SCHEMA \"Sales; \"\"Team\"\"\""), "{err}");

    // The server stops in the middle of discovery (a proxy in front of it is cut).
    let proxy = TcpProxy::start(&support::url_host_port(&db.url), Some(6_000));
    let err = run(&support::url_with_user(&support::url_via_port(&db.url, proxy.port), "postgres", "Hunter2-Secret"));
    assert!(proxy.has_stopped(), "the proxy cut the session mid-run");
    assert!(err.contains("cannot read pg_"), "the first failure happened during the catalog reads: {err}");
    assert!(err.contains("MW-CONN-REFUSED") && err.contains("host, port") && err.contains("after 2 attempts"), "{err}");

    // A server that accepts TCP but never answers: the connect timeout fires.
    let hole = TcpProxy::black_hole();
    let err = run(&support::url_with_user(&support::url_via_port(&db.url, hole.port), "postgres", "Hunter2-Secret"));
    assert!(err.contains("MW-TIMEOUT") && err.contains("no answer within 2s"), "{err}");
}
