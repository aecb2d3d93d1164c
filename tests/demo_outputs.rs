//! The bundled demo's load scripts executed for real on SQLite: the sandbox pipeline's masks
//! (seeded fakes, partial, digits, null) are deterministic and keep their format, and the star
//! schema's expression and lossy cast load as reviewed. (Golden files, CSV/JSON/Mermaid checks and
//! round trips on every engine are in render_outputs.rs.)

mod support;

use sqlx::{AssertSqlSafe, Connection, Row};
use std::path::{Path, PathBuf};
use support::{Workspace, assert_exit};

const ALL_OUTPUTS: &str = r#"outputs = ["mapping.csv", "mapping.md", "mapping.json", "load.postgres.sql", "load.mysql.sql", "load.sqlite.sql", "dbt"]"#;

/// The demo with every built-in output switched on, exported once.
fn exported() -> Workspace {
    let ws = Workspace::demo();
    for p in ["pipelines/sales/shop_to_analytics.toml", "pipelines/sales/customers_to_sandbox.toml"] {
        let text = ws.read(p);
        let line = text.lines().find(|l| l.starts_with("outputs = ")).expect("outputs line").to_string();
        ws.write(p, &text.replace(&line, ALL_OUTPUTS));
    }
    assert_exit(&ws.run(&["run", "--allow-unreviewed"]), 0);
    ws
}

fn v1(ws: &Workspace, pipeline: &str) -> PathBuf {
    ws.path().join("exports").join(pipeline).join("v1")
}

async fn sqlite(path: &Path) -> sqlx::SqliteConnection {
    let url = format!("sqlite://{}", path.display());
    sqlx::SqliteConnection::connect(&url).await.expect("open sqlite")
}

/// Copy the demo target, attach the demo source as the script says, execute the script.
async fn load(ws: &Workspace, pipeline: &str, target_db: &str, copy: &str) -> sqlx::SqliteConnection {
    let target = ws.path().join(copy);
    std::fs::copy(ws.path().join("demo").join(target_db), &target).expect("copy target");
    let script = std::fs::read_to_string(v1(ws, pipeline).join("load.sqlite.sql")).expect("script");
    let mut conn = sqlite(&target).await;
    let shop = ws.path().join("demo/shop.db");
    let attach = format!("ATTACH DATABASE '{}' AS \"shop\"", shop.display());
    sqlx::query(AssertSqlSafe(attach)).execute(&mut conn).await.expect("attach");
    sqlx::raw_sql(AssertSqlSafe(script))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{pipeline}: load.sqlite.sql failed: {e}"));
    conn
}

#[tokio::test]
async fn sqlite_load_scripts_run_and_masks_are_deterministic_and_keep_their_format() {
    let ws = exported();
    let mut a = load(&ws, "customers_to_sandbox", "sandbox.db", "a.db").await;
    let mut b = load(&ws, "customers_to_sandbox", "sandbox.db", "b.db").await;
    let q = "SELECT customer_id, full_name, email, phone, postal_code, birth_date, city FROM customer_profile ORDER BY customer_id";
    let rows_a = sqlx::query(q).fetch_all(&mut a).await.expect("rows");
    let rows_b = sqlx::query(q).fetch_all(&mut b).await.expect("rows");
    let mut src = sqlite(&ws.path().join("demo/shop.db")).await;
    let source =
        sqlx::query("SELECT id, first_name || ' ' || last_name, email, phone, zip, city FROM customers ORDER BY id")
            .fetch_all(&mut src)
            .await
            .expect("source rows");
    assert_eq!(rows_a.len(), source.len());
    let email_re = regex::Regex::new(r"^[a-z]+\.[a-z]+\.[0-9a-f]{6}@example\.com$").expect("re");
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    for ((ra, rb), s) in rows_a.iter().zip(&rows_b).zip(&source) {
        let get = |r: &sqlx::sqlite::SqliteRow, i: usize| r.try_get::<Option<String>, _>(i).expect("text");
        for i in 1..7 {
            assert_eq!(get(ra, i), get(rb, i), "masked column {i} differs between two loads");
        }
        assert_eq!(ra.get::<i64, _>(0), s.get::<i64, _>(0));
        // Name: replaced by a fake, never the source.
        assert_ne!(get(ra, 1), get(s, 1));
        // E-mail: a fake that is still an e-mail address.
        let email = get(ra, 2).expect("email");
        assert_ne!(Some(email.clone()), get(s, 2));
        assert!(email_re.is_match(&email), "{email}");
        // Phone: partial mask keeps the last 4 characters.
        match (get(ra, 3), get(s, 3)) {
            (Some(m), Some(orig)) => {
                assert_ne!(m, orig);
                assert!(m.ends_with(&orig[orig.len() - 4..]), "{m} vs {orig}");
            }
            (m, orig) => assert_eq!(m, orig, "NULL stays NULL"),
        }
        // Postal code: digits masked except the last 2; birth date nulled; city unchanged.
        if let (Some(m), Some(orig)) = (get(ra, 4), get(s, 4)) {
            let (md, od) = (digits(&m), digits(&orig));
            if od.len() > 2 {
                assert_ne!(m, orig);
                assert!(md.ends_with(&od[od.len() - 2..]), "{m} vs {orig}");
            }
        }
        assert_eq!(get(ra, 5), None);
        assert_eq!(get(ra, 6), get(s, 5));
    }

    // The star schema: every table loaded, the expression and the lossy cast applied.
    let mut dw = load(&ws, "shop_to_analytics", "analytics.db", "dw.db").await;
    for (table, n) in [("dim_customer", 4i64), ("dim_product", 4), ("fact_order", 3), ("fact_order_line", 4)] {
        let got: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(&mut dw)
            .await
            .expect("count");
        assert_eq!(got, n, "{table}");
    }
    let pairs: Vec<(Option<f64>, Option<f64>)> = sqlx::query_as(
        "SELECT l.discount_rate, s.discount_pct FROM fact_order_line l \
         JOIN shop.order_items s ON s.order_id = l.order_key AND s.line_no = l.line_number",
    )
    .fetch_all(&mut dw)
    .await
    .expect("discounts");
    assert_eq!(pairs.len(), 4);
    for (rate, pct) in pairs {
        match (rate, pct) {
            (Some(r), Some(p)) => assert!((r - p / 100.0).abs() < 1e-9, "{r} vs {p}"),
            (r, p) => assert_eq!(r.is_none(), p.is_none()),
        }
    }
    let longest: i64 =
        sqlx::query_scalar("SELECT max(length(product_name)) FROM dim_product").fetch_one(&mut dw).await.expect("len");
    assert!(longest <= 100);
}
