//! Shared helpers for integration tests: real servers, temporary workspaces,
//! and running the real binary.
//!
//! Servers: PostgreSQL on 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306 (override
//! with `MAPWRIGHT_TEST_PG_URL` / `MAPWRIGHT_TEST_MYSQL_URL`). When a server is
//! missing, [`require`] fails the test under `CI=true` and skips it (printing why)
//! elsewhere.
#![allow(dead_code)]

pub mod exports;
pub mod proxy;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn pg_admin_url() -> String {
    std::env::var("MAPWRIGHT_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub fn mysql_admin_url() -> String {
    std::env::var("MAPWRIGHT_TEST_MYSQL_URL").unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Returns true when the server is reachable. Panics under CI when it is not;
/// otherwise prints the reason and returns false so the test can return early.
pub fn require(server: &str, reachable: bool) -> bool {
    if reachable {
        return true;
    }
    if in_ci() {
        panic!("{server} is required in CI (CI=true) but is not reachable; .ci/run must start it");
    }
    eprintln!("SKIP: {server} is not reachable on this machine (set CI=true to make this a failure)");
    false
}

/// A database created for one test and dropped when dropped.
pub struct TestDb {
    pub name: String,
    /// URL of the test database (no password on this machine; never printed by the tool anyway).
    pub url: String,
    admin_url: String,
    kind: &'static str,
}

fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("mwt_{prefix}_{}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst), nanos % 1_000_000)
}

fn replace_db(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let cut = base.rfind('/').expect("url has a path");
    let mut out = format!("{}/{}", &base[..cut], db);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl TestDb {
    /// Create a fresh PostgreSQL database; `None` when skipped (outside CI, server down).
    pub async fn postgres(prefix: &str) -> Option<TestDb> {
        use sqlx::Connection;
        let admin = pg_admin_url();
        let conn = sqlx::PgConnection::connect(&admin).await;
        if !require("PostgreSQL (127.0.0.1:5432)", conn.is_ok()) {
            return None;
        }
        let mut conn = conn.expect("checked");
        let name = unique_name(prefix);
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&mut conn)
            .await
            .expect("create database");
        Some(TestDb { url: replace_db(&admin, &name), name, admin_url: admin, kind: "postgres" })
    }

    /// Create a fresh MariaDB/MySQL database; `None` when skipped (outside CI, server down).
    pub async fn mysql(prefix: &str) -> Option<TestDb> {
        use sqlx::Connection;
        let admin = mysql_admin_url();
        let conn = sqlx::MySqlConnection::connect(&admin).await;
        if !require("MariaDB (127.0.0.1:3306)", conn.is_ok()) {
            return None;
        }
        let mut conn = conn.expect("checked");
        let name = unique_name(prefix);
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE `{name}`")))
            .execute(&mut conn)
            .await
            .expect("create database");
        Some(TestDb { url: replace_db(&admin, &name), name, admin_url: admin, kind: "mysql" })
    }

    /// Run a batch of SQL statements (separated by `;` at line ends) on the test database.
    pub async fn exec(&self, sql: &str) {
        use sqlx::{Connection, Executor};
        match self.kind {
            "postgres" => {
                let mut c = sqlx::PgConnection::connect(&self.url).await.expect("connect pg");
                c.execute(sqlx::AssertSqlSafe(sql.to_string()))
                    .await
                    .unwrap_or_else(|e| panic!("pg setup failed: {e}\n{sql}"));
            }
            _ => {
                let mut c = sqlx::MySqlConnection::connect(&self.url).await.expect("connect mysql");
                c.execute(sqlx::AssertSqlSafe(sql.to_string()))
                    .await
                    .unwrap_or_else(|e| panic!("mysql setup failed: {e}\n{sql}"));
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let (admin, name, kind) = (self.admin_url.clone(), self.name.clone(), self.kind);
        // Drop on a separate thread with its own runtime: Drop may run inside a tokio runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                use sqlx::Connection;
                if kind == "postgres" {
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        )))
                        .execute(&mut c)
                        .await;
                    }
                } else if let Ok(mut c) = sqlx::MySqlConnection::connect(&admin).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS `{name}`")))
                        .execute(&mut c)
                        .await;
                }
            })
        })
        .join();
    }
}

/// A temporary workspace directory with helpers to write files and run the binary.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    /// An empty workspace with a minimal `pipelines/mapwright.toml`.
    pub fn new() -> Workspace {
        let ws = Workspace { dir: tempfile::tempdir().expect("tempdir") };
        ws.write("pipelines/mapwright.toml", "[store]\nurl = \"file://./exports\"\n");
        ws.write(".github/CODEOWNERS", "* @acme/test-owners\n");
        ws
    }

    /// A copy of the repository's bundled demo (pipelines, templates, demo databases).
    pub fn demo() -> Workspace {
        let ws = Workspace { dir: tempfile::tempdir().expect("tempdir") };
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for sub in ["pipelines", "templates", "demo", ".github"] {
            copy_dir(&repo.join(sub), &ws.path().join(sub));
        }
        ws
    }

    /// A workspace with a benchmark case's `source.sql`/`target.sql` (`bench/<batch>/<case>`)
    /// loaded into two SQLite files and one rule-less pipeline named `case`.
    pub async fn from_case(case_dir: &str) -> Workspace {
        use sqlx::{ConnectOptions, Connection, Executor, sqlite::SqliteConnectOptions};
        let ws = Workspace::new();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(case_dir);
        std::fs::create_dir_all(ws.path().join("data")).expect("mkdir");
        for side in ["source", "target"] {
            let ddl = std::fs::read_to_string(dir.join(format!("{side}.sql"))).expect("case sql");
            let db = ws.path().join(format!("data/{side}.db"));
            let mut c = SqliteConnectOptions::new().filename(&db).create_if_missing(true).connect().await.expect("db");
            let ddl: &'static str = Box::leak(ddl.into_boxed_str()); // sqlx takes static SQL
            c.execute(ddl).await.expect("load ddl");
            c.close().await.expect("close");
            ws.write(
                &format!("pipelines/datasources/{side}.toml"),
                &format!(
                    "engine = \"sqlite\"\nurl = \"sqlite://data/{side}.db\"\nclass = \"test\"\ngrants = [\"pipelines/**\"]\n"
                ),
            );
        }
        ws.write(
            "pipelines/bench/case.toml",
            "name = \"case\"\noutputs = [\"mapping.json\"]\n[source]\ndatasource = \"source\"\n[target]\ndatasource = \"target\"\n",
        );
        ws
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, content).expect("write");
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Run the mapwright binary in this workspace (CI unset unless given in `env`).
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mapwright"));
        cmd.current_dir(self.path()).args(args).env_remove("CI").env_remove("MAPWRIGHT_SIGNING_KEY");
        cmd.env("MAPWRIGHT_LOG", "mapwright=warn");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run mapwright")
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    if !from.exists() {
        return;
    }
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Assert the exit code, printing stdout/stderr on mismatch.
#[track_caller]
pub fn assert_exit(o: &Output, code: i32) {
    assert_eq!(o.status.code(), Some(code), "exit code\n--- stdout\n{}\n--- stderr\n{}", stdout(o), stderr(o));
}

/// `url` with its user and password replaced (for credential tests).
pub fn url_with_user(url: &str, user: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("url");
    let rest = rest.split_once('@').map_or(rest, |(_, r)| r);
    format!("{scheme}://{user}:{password}@{rest}")
}

/// `url` pointing at 127.0.0.1:`port` (e.g. a [`proxy::TcpProxy`]) instead of its host.
pub fn url_via_port(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").expect("url");
    let (user, rest) = rest.split_once('@').map_or(("", rest), |(u, r)| (u, r));
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let at = if user.is_empty() { String::new() } else { format!("{user}@") };
    format!("{scheme}://{at}127.0.0.1:{port}{path}")
}

/// `host:port` of a server URL.
pub fn url_host_port(url: &str) -> String {
    let rest = url.split_once("://").expect("url").1;
    let rest = rest.split_once('@').map_or(rest, |(_, r)| r);
    rest.split('/').next().expect("host").to_string()
}

/// True when something accepts TCP connections at `host:port` (within 500 ms).
pub fn tcp_reachable(addr: &str) -> bool {
    use std::net::ToSocketAddrs;
    addr.to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_millis(500)).is_ok())
}

/// `host:port` of an `http://host:port/...` URL.
pub fn host_port(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// S3 emulator (moto server) endpoint: `MAPWRIGHT_TEST_S3_ENDPOINT`, default `http://127.0.0.1:5055`.
pub fn s3_endpoint() -> String {
    std::env::var("MAPWRIGHT_TEST_S3_ENDPOINT").unwrap_or_else(|_| "http://127.0.0.1:5055".into())
}

/// Azurite blob endpoint incl. account: `MAPWRIGHT_TEST_AZURITE`, default `http://127.0.0.1:10000/devstoreaccount1`.
pub fn azurite_endpoint() -> String {
    std::env::var("MAPWRIGHT_TEST_AZURITE").unwrap_or_else(|_| "http://127.0.0.1:10000/devstoreaccount1".into())
}

/// Python with the test tools (securesystemslib): `MAPWRIGHT_TEST_PYTHON`, default `<repo>/.venv/bin/python`.
pub fn python() -> PathBuf {
    std::env::var_os("MAPWRIGHT_TEST_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"))
}

/// Run git in `dir` with a fixed identity; panics with git's stderr on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .env_remove("GITHUB_REF")
        .env_remove("GITHUB_SHA")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn commit_all(dir: &Path, msg: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", msg]);
}
