//! `mapwright discover` against the real MariaDB server: every object kind MySQL
//! has, hostile identifiers, counts equal to information_schema's, read-only
//! sessions and failures (stopped server, wrong password, unknown database, no privilege).

mod support;

use mapwright::catalog::{Catalog, LogicalType as L, TableKind};
use sqlx::{Connection, Executor, MySqlConnection};
use support::proxy::TcpProxy;
use support::{TestDb, Workspace, assert_exit, stderr};

const SETUP: &str = r#"
CREATE TABLE `cu``st; "x" ñ` (
    id int unsigned AUTO_INCREMENT PRIMARY KEY,
    `select` varchar(200) NOT NULL COLLATE utf8mb4_bin COMMENT 'reserved\nword ''quoted''',
    mood enum('sad','it''s ok','a,b') DEFAULT 'sad',
    tags set('x','y'),
    doc json,
    price decimal(10,2) CHECK (price >= 0),
    qty smallint,
    total decimal(12,2) AS (qty * price) PERSISTENT,
    half decimal(12,2) AS (price / 2) VIRTUAL,
    flag tinyint(1),
    big bigint unsigned,
    created datetime(3) DEFAULT current_timestamp(3),
    stamp timestamp NULL,
    uid binary(16),
    code char(3),
    UNIQUE KEY `uq ; select` (`select`),
    KEY ix_q (qty, price),
    CONSTRAINT ck_qty CHECK (qty > 0)
) COMMENT = 'line1\nline2 with ''single'' and "double" quotes';
CREATE TABLE parent (
    a int, b int, pa int, pb int,
    PRIMARY KEY (a, b),
    CONSTRAINT fk_self FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON DELETE CASCADE ON UPDATE SET NULL
);
CREATE TABLE child (
    id int PRIMARY KEY, pa int, pb int,
    CONSTRAINT fk_child FOREIGN KEY (pa, pb) REFERENCES parent (a, b) ON DELETE SET NULL
);
CREATE VIEW `big orders` AS SELECT id, total FROM `cu``st; "x" ñ` WHERE total > 100;
CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (year(at)) (
    PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE
);
"#;

fn workspace(connection: &str) -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "pipelines/datasources/my.toml",
        &format!("engine = \"mysql\"\nurl_env = \"MW_TEST_MY_URL\"\nclass = \"test\"\n{connection}"),
    );
    ws
}

async fn count(db: &TestDb, sql: &'static str) -> i64 {
    let mut c = MySqlConnection::connect(&db.url).await.expect("connect");
    sqlx::query_scalar(sql).bind(&db.name).fetch_one(&mut c).await.expect(sql)
}

#[tokio::test]
async fn discovers_every_mysql_object_kind() {
    let Some(db) = TestDb::mysql("disc_my").await else { return };
    db.exec(SETUP).await;
    let ws = workspace("");
    let out = ws.run_env(&["discover", "my", "--format", "json"], &[("MW_TEST_MY_URL", &db.url)]);
    assert_exit(&out, 0);
    let cat: Catalog = serde_json::from_slice(&out.stdout).expect("catalog");
    assert_eq!(cat.schemas.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), [db.name.as_str()]);

    let (_, t) = cat.table(None, "cu`st; \"x\" ñ").expect("hostile table");
    assert_eq!(t.comment.as_deref(), Some("line1\nline2 with 'single' and \"double\" quotes"));
    let col = |n: &str| t.column(n).unwrap_or_else(|| panic!("column {n}"));
    assert!(col("id").auto_increment);
    assert_eq!(col("id").logical, L::Integer { bits: 32, signed: false });
    assert_eq!(col("big").logical, L::Integer { bits: 64, signed: false });
    assert_eq!(col("qty").logical, L::Integer { bits: 16, signed: true });
    assert_eq!(col("select").comment.as_deref(), Some("reserved\nword 'quoted'"));
    assert_eq!(col("select").collation.as_deref(), Some("utf8mb4_bin"));
    assert_eq!(col("mood").logical, L::Enum { labels: vec!["sad".into(), "it's ok".into(), "a,b".into()] });
    assert_eq!(col("mood").default.as_deref(), Some("'sad'"));
    assert_eq!(col("tags").logical, L::Set { labels: vec!["x".into(), "y".into()] });
    assert_eq!(col("doc").logical, L::Json);
    assert_eq!(col("total").generated.as_deref(), Some("`qty` * `price`"));
    assert_eq!(col("half").generated.as_deref(), Some("`price` / 2"));
    assert_eq!(col("flag").logical, L::Boolean);
    assert_eq!(col("created").logical, L::Timestamp { precision: Some(3), tz: false });
    assert_eq!(col("stamp").logical, L::Timestamp { precision: None, tz: true });
    assert_eq!(col("uid").logical, L::Binary { length: Some(16) });
    assert_eq!(col("code").logical, L::Char { length: Some(3) });
    assert_eq!(col("price").logical, L::Decimal { precision: Some(10), scale: Some(2) });
    let mut checks: Vec<(&str, &str)> = t.checks.iter().map(|c| (c.name.as_str(), c.expression.as_str())).collect();
    checks.sort();
    assert_eq!(checks, [("ck_qty", "`qty` > 0"), ("price", "`price` >= 0")]);
    assert_eq!(t.unique_constraints.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), ["uq ; select"]);
    assert_eq!(t.primary_key.as_ref().map(|k| k.columns.clone()), Some(vec!["id".to_string()]));
    assert!(t.indexes.iter().any(|i| i.name == "ix_q" && i.columns == ["qty", "price"] && !i.unique));

    let (_, parent) = cat.table(None, "parent").expect("parent");
    let fk = &parent.foreign_keys[0];
    assert_eq!((fk.name.as_str(), fk.referenced_table.as_str()), ("fk_self", "parent"));
    assert_eq!(
        (fk.columns.clone(), fk.referenced_columns.clone()),
        (vec!["pa".into(), "pb".into()], vec!["a".into(), "b".into()])
    );
    assert_eq!((fk.on_delete.as_deref(), fk.on_update.as_deref()), (Some("CASCADE"), Some("SET NULL")));
    let (_, child) = cat.table(None, "child").expect("child");
    assert_eq!(child.foreign_keys[0].on_delete.as_deref(), Some("SET NULL"));
    assert_eq!(child.foreign_keys[0].on_update, None);

    let (_, view) = cat.table(None, "big orders").expect("view");
    assert_eq!(view.kind, TableKind::View);
    assert!(view.definition.as_deref().is_some_and(|d| d.contains("100")), "{:?}", view.definition);
    let (_, events) = cat.table(None, "events").expect("partitioned");
    assert_eq!(events.kind, TableKind::PartitionedTable);
    assert_eq!(events.partition_key.as_deref(), Some("RANGE (year(`at`))"));

    // Counts equal what information_schema reports.
    let tables = count(&db, "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?").await;
    let columns = count(&db, "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?").await;
    let indexes = count(
        &db,
        "SELECT count(DISTINCT TABLE_NAME, INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?",
    )
    .await;
    let keys = count(
        &db,
        "SELECT count(DISTINCT TABLE_NAME, CONSTRAINT_NAME) FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?",
    )
    .await;
    let checks =
        count(&db, "SELECT count(*) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?").await;
    let all: Vec<_> = cat.tables().map(|(_, t)| t).collect();
    assert_eq!(cat.table_count() as i64, tables);
    assert_eq!(cat.column_count() as i64, columns);
    assert_eq!(all.iter().map(|t| t.indexes.len()).sum::<usize>() as i64, indexes);
    let found_keys: usize = all
        .iter()
        .map(|t| usize::from(t.primary_key.is_some()) + t.unique_constraints.len() + t.foreign_keys.len())
        .sum();
    assert_eq!(found_keys as i64, keys);
    let json_columns = all.iter().flat_map(|t| &t.columns).filter(|c| c.logical == L::Json).count();
    assert_eq!(
        (all.iter().map(|t| t.checks.len()).sum::<usize>() + json_columns) as i64,
        checks,
        "json_valid checks become Json columns"
    );

    let dbs = ws.run_env(&["discover", "my", "--databases"], &[("MW_TEST_MY_URL", &db.url)]);
    assert_exit(&dbs, 0);
    let listed = support::stdout(&dbs);
    assert!(listed.lines().any(|l| l == db.name) && !listed.lines().any(|l| l == "mysql" || l == "information_schema"));
}

#[tokio::test]
async fn the_discovery_session_cannot_write() {
    let Some(db) = TestDb::mysql("disc_my_ro").await else { return };
    db.exec("CREATE TABLE t (x int)").await;
    let url = mapwright::config::SecretUrl::from_raw(db.url.clone());
    let (scope, connection) = (Default::default(), Default::default());
    let req = mapwright::discover::Request {
        datasource: "my",
        engine: mapwright::catalog::Engine::Mysql,
        url: &url,
        url_env: None,
        scope: &scope,
        connection: &connection,
    };
    let (mut c, _) = mapwright::discover::mysql::connect_read_only(&req).await.expect("connect");
    for write in ["INSERT INTO t VALUES (1)", "CREATE TABLE t2 (x int)", "DROP TABLE t"] {
        let err = c.execute(write).await.expect_err("write must fail");
        assert!(err.to_string().contains("READ ONLY"), "{write}: {err}");
    }
}

/// A user that is dropped with the test.
struct User {
    name: String,
    admin: String,
}

impl User {
    async fn create(admin: &str, prefix: &str, password: &str) -> User {
        let name = format!("mwt_{prefix}_{}", std::process::id());
        let mut c = MySqlConnection::connect(admin).await.expect("admin");
        c.execute(sqlx::AssertSqlSafe(format!(
            "DROP USER IF EXISTS '{name}'@'%'; CREATE USER '{name}'@'%' IDENTIFIED BY '{password}'"
        )))
        .await
        .expect("create user");
        User { name, admin: admin.to_string() }
    }
}

impl Drop for User {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
            rt.block_on(async move {
                if let Ok(mut c) = MySqlConnection::connect(&admin).await {
                    let _ = c.execute(sqlx::AssertSqlSafe(format!("DROP USER IF EXISTS '{name}'@'%'"))).await;
                }
            })
        })
        .join();
    }
}

#[tokio::test]
async fn failures_exit_1_with_the_hint_and_never_the_password() {
    let Some(db) = TestDb::mysql("disc_my_fail").await else { return };
    db.exec(SETUP).await;
    let ws = workspace("[connection]\nconnect_timeout_secs = 2\nstatement_timeout_secs = 5\nretries = 1\n");
    let run = |url: &str| {
        let started = std::time::Instant::now();
        let out = ws.run_env(&["discover", "my"], &[("MW_TEST_MY_URL", url)]);
        assert!(started.elapsed().as_secs() < 30, "must fail within the configured timeouts");
        assert_exit(&out, 1);
        let err = stderr(&out);
        assert!(err.contains("datasource `my`"), "{err}");
        assert!(!err.contains("Hunter2-Secret"), "password leaked: {err}");
        err
    };
    let user = User::create(&support::mysql_admin_url(), "ro", "Hunter2-Secret").await;

    // Wrong password.
    let err = run(&support::url_with_user(&db.url, &user.name, "wrong-Hunter2-Secret"));
    assert!(err.contains("MW-AUTH") && err.contains("MW_TEST_MY_URL"), "{err}");

    // Unknown database.
    let err = run(&db.url.replace(&db.name, "mwt_no_such_db"));
    assert!(err.contains("MW-DISCOVERY") && err.contains("--databases"), "{err}");

    // No privilege on the schema.
    let err = run(&support::url_with_user(&db.url, &user.name, "Hunter2-Secret"));
    assert!(
        err.contains("MW-CATALOG-PERM") && err.contains(&format!("GRANT SELECT, SHOW VIEW ON `{}`.*", db.name)),
        "{err}"
    );

    // The server stops in the middle of discovery.
    let proxy = TcpProxy::start(&support::url_host_port(&db.url), Some(4_000));
    let err = run(&support::url_via_port(&db.url, proxy.port));
    assert!(proxy.has_stopped(), "the proxy cut the session mid-run");
    assert!(err.contains("cannot read "), "the first failure happened during the catalog reads: {err}");
    assert!(err.contains("MW-CONN-REFUSED") && err.contains("host, port") && err.contains("after 2 attempts"), "{err}");

    // A server that never answers.
    let hole = TcpProxy::black_hole();
    let err = run(&support::url_via_port(&db.url, hole.port));
    assert!(err.contains("MW-TIMEOUT") && err.contains("no answer within 2s"), "{err}");
}
