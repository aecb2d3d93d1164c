//! `mapwright doctor` against real servers: reachable PostgreSQL and MariaDB
//! databases are OK, a stopped database (nothing listening) is FAIL with its
//! triage code and hint, and secrets never reach the output.

mod support;

use support::{TestDb, Workspace, assert_exit, stderr, stdout};

const CODEOWNERS: &str = "* @acme/data-platform\n/pipelines/datasources/ @acme/dba\n";

fn datasource(ws: &Workspace, name: &str, engine: &str, url_env: &str) {
    ws.write(
        &format!("pipelines/datasources/{name}.toml"),
        &format!("engine = \"{engine}\"\nurl_env = \"{url_env}\"\nclass = \"test\"\n\n[connection]\nconnect_timeout_secs = 5\n"),
    );
}

fn checks(out: &std::process::Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("doctor json: {e}\n{}", stdout(out)));
    v["checks"].as_array().expect("checks").clone()
}

fn check<'a>(all: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    all.iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no check `{name}` in {all:?}"))
}

#[tokio::test]
async fn stopped_database_is_fail_with_hint_and_live_ones_are_ok() {
    let Some(pg) = TestDb::postgres("doctor").await else { return };
    let Some(my) = TestDb::mysql("doctor").await else { return };
    let ws = Workspace::new();
    ws.write(".github/CODEOWNERS", CODEOWNERS);
    datasource(&ws, "warehouse", "postgres", "DOCTOR_PG_URL");
    datasource(&ws, "crm", "mysql", "DOCTOR_MYSQL_URL");
    datasource(&ws, "stopped", "postgres", "DOCTOR_STOPPED_URL");
    let env = [
        ("DOCTOR_PG_URL", pg.url.as_str()),
        ("DOCTOR_MYSQL_URL", my.url.as_str()),
        // Port 1 on loopback: nothing listens there, like a stopped server.
        ("DOCTOR_STOPPED_URL", "postgres://app:hunter2-secret@127.0.0.1:1/shop"),
    ];

    let out = ws.run_env(&["doctor", "--format", "json"], &env);
    assert_exit(&out, 1);
    let all = checks(&out);
    for ok in ["datasource warehouse", "datasource crm", "store", "codeowners"] {
        assert_eq!(check(&all, ok)["state"], "ok", "{ok}: {:?}", check(&all, ok));
    }
    let stopped = check(&all, "datasource stopped");
    assert_eq!(stopped["state"], "fail");
    assert_eq!(stopped["code"], "MW-CONN-REFUSED");
    assert!(stopped["detail"].as_str().unwrap().contains("refused"), "{stopped}");
    assert!(stopped["hint"].as_str().is_some_and(|h| h.contains("127.0.0.1:1")), "{stopped}");

    let text = ws.run_env(&["doctor"], &env);
    assert_exit(&text, 1);
    let table = stdout(&text);
    let line = table.lines().find(|l| l.starts_with("datasource stopped")).expect("row");
    assert!(line.contains("FAIL"), "{table}");
    assert!(table.contains("code: MW-CONN-REFUSED") && table.contains("hint: "), "{table}");
    for o in [&out, &text] {
        assert!(!stdout(o).contains("hunter2") && !stderr(o).contains("hunter2"), "secret leaked");
    }
}

#[test]
fn missing_url_variable_unowned_files_and_a_broken_store_each_fail() {
    let ws = Workspace::new();
    // The store directory is a file: nothing can be written below it.
    ws.write("pipelines/mapwright.toml", "[store]\nurl = \"file://./exports\"\n");
    ws.write("exports", "not a directory");
    datasource(&ws, "shop", "postgres", "DOCTOR_UNSET_URL");
    // No CODEOWNERS at all.
    std::fs::remove_file(ws.path().join(".github/CODEOWNERS")).expect("remove CODEOWNERS");
    let out = ws.run(&["doctor", "--format", "json"]);
    assert_exit(&out, 1);
    let all = checks(&out);
    let shop = check(&all, "datasource shop");
    assert_eq!(shop["state"], "fail");
    assert_eq!(shop["code"], "MW-CONFIG");
    assert!(shop["detail"].as_str().unwrap().contains("DOCTOR_UNSET_URL"), "{shop}");
    let store = check(&all, "store");
    assert_eq!(store["state"], "fail", "{store}");
    assert_eq!(store["code"], "MW-STORE", "{store}");
    assert!(store["hint"].is_string(), "{store}");
    assert_eq!(check(&all, "codeowners")["state"], "fail");
}

#[test]
fn healthy_sqlite_workspace_exits_0() {
    let ws = Workspace::new();
    ws.write(".github/CODEOWNERS", CODEOWNERS);
    std::fs::create_dir_all(ws.path().join("db")).expect("mkdir");
    let db = ws.path().join("db/local.db");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use sqlx::Connection;
        let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(&db).create_if_missing(true);
        let mut c = sqlx::SqliteConnection::connect_with(&opts).await.expect("create sqlite");
        sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute(&mut c).await.expect("create table");
    });
    ws.write(
        "pipelines/datasources/local.toml",
        "engine = \"sqlite\"\nurl = \"sqlite://db/local.db\"\nclass = \"test\"\n",
    );
    let out = ws.run(&["doctor"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("0 failed"), "{}", stdout(&out));
    assert!(!ws.path().join("exports/_mapwright/doctor").read_dir().is_ok_and(|mut d| d.next().is_some()));
}
