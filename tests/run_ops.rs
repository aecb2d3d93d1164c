//! Nightly operations on real runs: shards, bounded concurrency with a failing pipeline,
//! drift detection and `--fail-on-drift`, and the run summary in every format.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use support::{Workspace, assert_exit, stderr, stdout};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("JSON: {e}\n{}\n{}", stdout(out), stderr(out)))
}

/// The demo plus `n` copies of the star-schema pipeline (`copy_00` …) in the granted folder.
fn many(n: usize) -> Workspace {
    let ws = Workspace::demo();
    let text = ws.read("pipelines/sales/shop_to_analytics.toml");
    for i in 0..n {
        ws.write(
            &format!("pipelines/sales/copy_{i:02}.toml"),
            &text.replace("name = \"shop_to_analytics\"", &format!("name = \"copy_{i:02}\"")),
        );
    }
    ws
}

fn pipelines_in(summary: &Value) -> Vec<String> {
    summary["pipelines"]
        .as_array()
        .expect("pipelines")
        .iter()
        .map(|p| p["pipeline"].as_str().expect("name").to_string())
        .collect()
}

fn sharded(ws: &Workspace, n: usize) -> Vec<Vec<String>> {
    (1..=n)
        .map(|i| {
            let out = ws.run(&["run", "--allow-unreviewed", "--format", "json", "--shard", &format!("{i}/{n}")]);
            assert_exit(&out, 0);
            if stdout(&out).trim().is_empty() {
                return Vec::new(); // an empty shard prints no summary
            }
            pipelines_in(&json(&out))
        })
        .collect()
}

#[test]
fn shards_partition_the_pipelines_exactly_and_stay_stable() {
    let ws = many(10);
    let all: BTreeSet<String> = (0..10)
        .map(|i| format!("copy_{i:02}"))
        .chain(["shop_to_analytics".into(), "customers_to_sandbox".into()])
        .collect();
    for n in [1, 3, 5] {
        let shards = sharded(&ws, n);
        let flat: Vec<&String> = shards.iter().flatten().collect();
        let uniq: BTreeSet<String> = flat.iter().map(|s| s.to_string()).collect();
        assert_eq!(flat.len(), uniq.len(), "n={n}: a pipeline ran in two shards: {shards:?}");
        assert_eq!(uniq, all, "n={n}: shards lost or invented pipelines: {shards:?}");
    }
    // Stable: the same shard gets the same pipelines again, and adding a pipeline moves no other one.
    let before = sharded(&ws, 3);
    assert_eq!(before, sharded(&ws, 3));
    ws.write(
        "pipelines/sales/copy_new.toml",
        &ws.read("pipelines/sales/copy_00.toml").replace("name = \"copy_00\"", "name = \"copy_new\""),
    );
    let after = sharded(&ws, 3);
    for (b, a) in before.iter().zip(&after) {
        let a: Vec<&String> = a.iter().filter(|p| *p != "copy_new").collect();
        assert_eq!(b.iter().collect::<Vec<_>>(), a, "adding a pipeline moved another one");
    }

    // More shards than pipelines: the empty ones succeed with nothing to do.
    let small = Workspace::demo();
    let counts: Vec<usize> = sharded(&small, 8).iter().map(Vec::len).collect();
    assert_eq!(counts.iter().sum::<usize>(), 2);
    assert!(counts.contains(&0));

    assert_exit(&ws.run(&["run", "--shard", "0/3"]), 2);
    assert_exit(&ws.run(&["run", "--shard", "two/3"]), 2);
}

#[test]
fn one_failing_pipeline_never_stops_the_others_and_sets_the_exit_code() {
    let ws = many(6);
    // A datasource whose SQLite file does not exist, used by one extra pipeline.
    ws.write(
        "pipelines/datasources/broken.toml",
        "engine = \"sqlite\"\nurl = \"sqlite://demo/missing.db?mode=ro\"\nclass = \"test\"\ngrants = [\"pipelines/**\"]\n",
    );
    ws.write(
        "pipelines/sales/broken_source.toml",
        "name = \"broken_source\"\n[source]\ndatasource = \"broken\"\n[target]\ndatasource = \"analytics\"\n",
    );
    let summary_file = ws.path().join("step-summary.md");
    let out = ws.run_env(
        &["run", "--allow-unreviewed", "--concurrency", "4", "--format", "json"],
        &[("GITHUB_STEP_SUMMARY", summary_file.to_str().expect("utf8"))],
    );
    assert_exit(&out, 1);
    let s = json(&out);
    assert_eq!(s["exit_code"], 1);
    let by_status = |st: &str| -> Vec<String> {
        s["pipelines"]
            .as_array()
            .expect("pipelines")
            .iter()
            .filter(|p| p["status"] == st)
            .map(|p| p["pipeline"].as_str().expect("name").to_string())
            .collect()
    };
    assert_eq!(by_status("failed"), vec!["broken_source".to_string()]);
    assert_eq!(by_status("published").len(), 8, "{s}");
    let failed = s["pipelines"].as_array().expect("p").iter().find(|p| p["status"] == "failed").expect("failed");
    assert!(failed["error"]["code"].as_str().expect("code").starts_with("MW-"), "{failed}");
    assert!(failed["error"]["hint"].is_string(), "{failed}");
    assert!(failed["error"]["owner"].is_string(), "{failed}");

    // GitHub step summary: a Markdown table with every pipeline.
    let md = std::fs::read_to_string(&summary_file).expect("step summary written");
    assert!(md.contains("broken_source") && md.contains("copy_05") && md.contains('|'), "{md}");

    // Logs are JSON lines when stderr is not a terminal.
    let log_line = stderr(&out).lines().find(|l| l.starts_with('{')).map(str::to_string).expect("a JSON log line");
    let v: Value = serde_json::from_str(&log_line).expect("log line is JSON");
    assert!(v["level"].is_string() && v["message"].is_string(), "{v}");

    // Text and Markdown renderings of the same run.
    let out = ws.run(&["run", "--allow-unreviewed", "--format", "markdown"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("| ") && stdout(&out).contains("broken_source"));
    let out = ws.run(&["run", "--allow-unreviewed"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("unchanged") && stdout(&out).contains("failed"), "{}", stdout(&out));
}

fn sqlite_exec(db: &std::path::Path, sql: &str) {
    let status = std::process::Command::new("python3")
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()"])
        .arg(db)
        .arg(sql)
        .status()
        .expect("python3");
    assert!(status.success());
}

#[test]
fn drift_is_reported_and_fail_on_drift_exits_5_only_when_the_mapping_changes() {
    let ws = Workspace::demo();
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "shop_to_analytics", "--allow-unreviewed", "--format", "json"];
        args.extend(extra);
        ws.run(&args)
    };
    assert_exit(&run(&[]), 0);
    let shop = ws.path().join("demo/shop.db");

    // An index changes the catalog but not the mapping: reported, not fatal.
    sqlite_exec(&shop, "CREATE INDEX idx_products_sku ON products (sku);");
    let out = run(&["--fail-on-drift"]);
    assert_exit(&out, 0);
    let s = json(&out);
    let drift = s["pipelines"][0]["drift"].to_string();
    assert!(drift.contains("idx_products_sku"), "drift should name the index: {s}");

    // A new source column changes the mapping: exit 5 and nothing exported.
    sqlite_exec(&shop, "ALTER TABLE customers ADD COLUMN loyalty_tier TEXT;");
    let versions_before = std::fs::read_dir(ws.path().join("exports/shop_to_analytics")).expect("exports").count();
    let out = run(&["--fail-on-drift"]);
    assert_exit(&out, 5);
    let s = json(&out);
    assert_eq!(s["pipelines"][0]["status"], "drift");
    assert!(s["pipelines"][0]["drift"].to_string().contains("loyalty_tier"), "{s}");
    let versions_after = std::fs::read_dir(ws.path().join("exports/shop_to_analytics")).expect("exports").count();
    assert_eq!(versions_before, versions_after, "--fail-on-drift exported anyway");

    // Without the flag the change is exported (and listed in the summary).
    let out = run(&[]);
    assert_exit(&out, 0);
    assert_eq!(json(&out)["pipelines"][0]["status"], "published");
    // Nothing changed since: 0, unchanged.
    let out = run(&["--fail-on-drift"]);
    assert_exit(&out, 0);
    assert_eq!(json(&out)["pipelines"][0]["status"], "unchanged");
}
