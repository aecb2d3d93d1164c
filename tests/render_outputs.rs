//! Outputs through templates, on the bundled demo: golden files for every built-in template,
//! the CSV parsed back, the JSON against its schema, the Mermaid block's syntax, and the
//! SQLite load scripts executed for real (masks deterministic and format-keeping).
//!
//! `MAPWRIGHT_BLESS=1 cargo test --test render_outputs` rewrites the golden files.

mod support;

use serde_json::Value;
use sqlx::{AssertSqlSafe, Connection, Row};
use std::path::{Path, PathBuf};
use support::{Workspace, assert_exit, stderr};

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

fn files(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, base, out);
        } else {
            out.push(p.strip_prefix(base).expect("prefix").to_path_buf());
        }
    }
}

#[test]
fn golden_files_for_every_built_in_template() {
    let ws = exported();
    let bless = std::env::var_os("MAPWRIGHT_BLESS").is_some();
    let golden_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut mismatches = Vec::new();
    for pipeline in ["shop_to_analytics", "customers_to_sandbox"] {
        let dir = v1(&ws, pipeline);
        let mut names = Vec::new();
        files(&dir, &dir, &mut names);
        names.retain(|n| {
            let s = n.to_string_lossy();
            !s.starts_with("manifest") && !s.starts_with("_claim") && !s.starts_with("_mapwright")
        });
        names.sort();
        for want in
            ["mapping.csv", "mapping.md", "mapping.json", "load.postgres.sql", "load.mysql.sql", "load.sqlite.sql"]
        {
            assert!(names.iter().any(|n| n == Path::new(want)), "{pipeline}: {want} not rendered: {names:?}");
        }
        assert!(names.iter().any(|n| n.ends_with("sources.yml")), "{pipeline}: dbt sources.yml missing");
        for name in &names {
            let got = std::fs::read(dir.join(name)).expect("artifact");
            let golden = golden_root.join(pipeline).join(name);
            if bless {
                std::fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
                std::fs::write(&golden, &got).expect("bless");
                continue;
            }
            match std::fs::read(&golden) {
                Ok(want) if want == got => {}
                Ok(want) => mismatches.push(format!(
                    "{pipeline}/{}: differs from {}\n{}",
                    name.display(),
                    golden.display(),
                    first_difference(&want, &got)
                )),
                Err(_) => {
                    mismatches.push(format!("{pipeline}/{}: no golden file {}", name.display(), golden.display()))
                }
            }
        }
        // Every golden file is still produced (a template that stopped rendering is a failure too).
        let gdir = golden_root.join(pipeline);
        if !bless && gdir.is_dir() {
            let mut goldens = Vec::new();
            files(&gdir, &gdir, &mut goldens);
            for g in goldens {
                if !names.contains(&g) {
                    mismatches.push(format!("{pipeline}/{}: golden file exists but nothing rendered it", g.display()));
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n\nIf the change is intended: MAPWRIGHT_BLESS=1 cargo test --test render_outputs",
        mismatches.join("\n\n")
    );
}

fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    for (i, (a, b)) in w.lines().zip(g.lines()).enumerate() {
        if a != b {
            return format!("line {}:\n  golden: {a}\n  actual: {b}", i + 1);
        }
    }
    format!("golden has {} line(s), actual {}", w.lines().count(), g.lines().count())
}

#[test]
fn csv_parses_back_to_the_mapping_rows_and_json_matches_its_schema() {
    let ws = exported();
    for pipeline in ["shop_to_analytics", "customers_to_sandbox"] {
        let dir = v1(&ws, pipeline);
        let mapping: Value =
            serde_json::from_slice(&std::fs::read(dir.join("mapping.json")).expect("json")).expect("parse");

        // mapping.json validates against the committed schema.
        let schema: Value = serde_json::from_str(
            &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/mapping.schema.json"))
                .expect("schema"),
        )
        .expect("schema JSON");
        let validator = jsonschema::validator_for(&schema).expect("compile schema");
        let errors: Vec<String> =
            validator.iter_errors(&mapping).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{pipeline}: mapping.json violates its schema: {errors:#?}");

        // mapping.csv: UTF-8 with BOM for spreadsheet tools, one row per target column.
        let raw = std::fs::read(dir.join("mapping.csv")).expect("csv");
        let text = String::from_utf8(raw).expect("UTF-8");
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let header = rdr.headers().expect("header").clone();
        let col = |n: &str| header.iter().position(|h| h == n).unwrap_or_else(|| panic!("CSV lacks column {n}"));
        let mut from_csv: Vec<(String, String, String, String)> = rdr
            .records()
            .map(|r| {
                let r = r.expect("row");
                (
                    r[col("target_table")].into(),
                    r[col("target_column")].into(),
                    r[col("status")].into(),
                    r[col("method")].into(),
                )
            })
            .collect();
        let mut from_json: Vec<(String, String, String, String)> = mapping["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .flat_map(|t| {
                let table = t["target"]["name"].as_str().unwrap_or_default().to_string();
                t["columns"].as_array().cloned().unwrap_or_default().into_iter().map(move |c| {
                    (
                        table.clone(),
                        c["target"]["name"].as_str().unwrap_or_default().to_string(),
                        c["status"].as_str().unwrap_or_default().to_string(),
                        c["method"].as_str().unwrap_or_default().to_string(),
                    )
                })
            })
            .collect();
        from_csv.sort();
        from_json.sort();
        assert!(!from_json.is_empty());
        assert_eq!(from_csv, from_json, "{pipeline}: CSV rows differ from the Mapping");
    }
}

/// GitHub renders `flowchart` blocks; check the grammar subset the template emits, line by line.
#[test]
fn markdown_has_a_well_formed_mermaid_flowchart() {
    let ws = exported();
    let md = std::fs::read_to_string(v1(&ws, "shop_to_analytics").join("mapping.md")).expect("md");
    let start = md.find("```mermaid\n").expect("mermaid block") + "```mermaid\n".len();
    let block = &md[start..start + md[start..].find("\n```").expect("block end")];
    let mut lines = block.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let node = regex::Regex::new(r#"^([A-Za-z][A-Za-z0-9_]*)\["([^"\[\]]*)"\]$"#).expect("re");
    let mut labels: std::collections::HashMap<String, String> = Default::default();
    let mut edges = 0;
    for line in lines {
        let line = line.trim();
        let (l, r) = line.split_once(" --> ").unwrap_or_else(|| panic!("not an edge: {line}"));
        for side in [l, r] {
            let c = node.captures(side).unwrap_or_else(|| panic!("not a node `id[\"label\"]`: {side}"));
            let prev = labels.insert(c[1].to_string(), c[2].to_string());
            assert!(prev.is_none() || prev.as_deref() == Some(&c[2]), "node id {} reused for two labels", &c[1]);
        }
        edges += 1;
    }
    assert_eq!(edges, 4, "one edge per table pair:\n{block}");
    assert!(labels.values().any(|l| l == "shop: main.customers"), "{labels:?}");
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

#[test]
fn template_errors_name_the_template_and_line_and_leave_exports_alone() {
    let ws = Workspace::demo();
    assert_exit(&ws.run(&["run", "shop_to_analytics", "--allow-unreviewed"]), 0);
    let before = std::fs::read(v1(&ws, "shop_to_analytics").join("mapping.md")).expect("v1 md");

    // A workspace template overriding the built-in, with an undefined variable on line 3.
    ws.write("templates/mapping.md.j2", "# {{ mapping.pipeline }}\n\n{{ mapping.no_such_field.deeper }}\n");
    let out = ws.run(&["run", "shop_to_analytics", "--allow-unreviewed"]);
    assert_ne!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains("mapping.md.j2") && err.contains('3'), "{err}");
    assert!(!v1(&ws, "shop_to_analytics").with_file_name("v2").exists());
    assert_eq!(std::fs::read(v1(&ws, "shop_to_analytics").join("mapping.md")).expect("v1 md"), before);

    // A syntax error.
    ws.write("templates/mapping.md.j2", "{% for t in mapping.tables %}\n{{ t.target.name }\n");
    let out = ws.run(&["validate"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("mapping.md.j2"), "{}", stderr(&out));

    // An unknown output name and a path escaping templates/ are configuration errors.
    std::fs::remove_file(ws.path().join("templates/mapping.md.j2")).expect("rm");
    let p = "pipelines/sales/shop_to_analytics.toml";
    let text = ws.read(p);
    let line = text.lines().find(|l| l.starts_with("outputs = ")).expect("outputs").to_string();
    ws.write(p, &text.replace(&line, r#"outputs = ["mapping.cvs"]"#));
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("mapping.csv"), "did-you-mean expected: {}", stderr(&out));
    ws.write(p, &text.replace(&line, r#"outputs = ["../../etc/passwd"]"#));
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
}
