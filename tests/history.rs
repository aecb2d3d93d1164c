//! Reading the trail back on real runs: `history`, `diff`, `audit export` (runs, denials,
//! metrics) and `gc` of unfinished versions.

mod support;

use serde_json::Value;
use support::{Workspace, assert_exit, stderr, stdout};

const PIPELINE: &str = "shop_to_analytics";
const FILE: &str = "pipelines/sales/shop_to_analytics.toml";

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("JSON: {e}\n{}", stdout(out)))
}

/// Demo with v1, then a masking rule → v2.
fn two_versions() -> Workspace {
    let ws = Workspace::demo();
    assert_exit(&ws.run(&["run", PIPELINE, "--allow-unreviewed"]), 0);
    let text = ws.read(FILE) + "\n[[columns]]\ntarget = \"dim_customer.telephone\"\nmask = \"hash\"\n";
    ws.write(FILE, &text);
    assert_exit(&ws.run(&["run", PIPELINE, "--allow-unreviewed"]), 0);
    ws
}

#[test]
fn history_and_diff_show_the_one_changed_mapping() {
    let ws = two_versions();
    let out = ws.run(&["history", PIPELINE, "--format", "json"]);
    assert_exit(&out, 0);
    let h = json(&out);
    let h = h.as_array().expect("array");
    assert_eq!(h.len(), 2);
    assert_eq!((h[0]["version"].as_u64(), h[1]["version"].as_u64()), (Some(1), Some(2)));
    assert_eq!(h[0]["added"], h[0]["summary"]["columns"], "v1: everything is new");
    assert_eq!(
        (h[1]["added"].as_u64(), h[1]["removed"].as_u64(), h[1]["changed"].as_u64()),
        (Some(0), Some(0), Some(1))
    );
    assert_eq!(h[1]["allow_unreviewed"], true);

    let out = ws.run(&["history", PIPELINE]);
    assert_exit(&out, 0);
    assert!(stdout(&out).lines().filter(|l| l.starts_with('v')).count() == 2, "{}", stdout(&out));

    let out = ws.run(&["diff", PIPELINE, "1", "2", "--format", "json"]);
    assert_exit(&out, 0);
    let d = json(&out);
    let cols = d["columns"].as_array().expect("columns");
    assert_eq!(cols.len(), 1, "{d}");
    assert_eq!(cols[0]["column"], "telephone");
    assert_eq!(cols[0]["kind"], "changed");
    assert!(cols[0]["after"]["transform"].as_str().expect("after").contains("hash"), "{d}");

    let out = ws.run(&["diff", PIPELINE, "v1", "v2", "--format", "markdown"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("`telephone`"), "{}", stdout(&out));

    // Unknown version / pipeline: usage errors that say what exists.
    let out = ws.run(&["diff", PIPELINE, "1", "9"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("v1, v2"), "{}", stderr(&out));
    let out = ws.run(&["history", "shop_to_analytic"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("did you mean `shop_to_analytics`"), "{}", stderr(&out));
}

#[test]
fn audit_export_lists_runs_and_signed_denials_with_metrics() {
    let ws = two_versions();
    // An access denial: a pipeline in a folder no datasource grants.
    ws.write(
        "pipelines/marketing/leads.toml",
        "name = \"leads\"\n[source]\ndatasource = \"shop\"\n[target]\ndatasource = \"analytics\"\n",
    );
    let out = ws.run(&["run", "leads", "--allow-unreviewed"]);
    assert_exit(&out, 4);
    // A policy denial: unmask the sandbox e-mail (PII from production into staging).
    let sandbox = "pipelines/sales/customers_to_sandbox.toml";
    ws.write(sandbox, &ws.read(sandbox).replace("mask = \"fake_email\"", "lock = false"));
    let out = ws.run(&["run", "customers_to_sandbox", "--allow-unreviewed"]);
    assert_exit(&out, 3);

    let out = ws.run(&["audit", "export", "--format", "csv"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let kinds: Vec<(&str, &str, &str)> =
        rows.iter().map(|r| (&r[col("kind")], &r[col("pipeline")], &r[col("code")])).collect();
    assert_eq!(kinds.iter().filter(|k| k.0 == "version" && k.1 == PIPELINE).count(), 2, "{kinds:?}");
    assert!(kinds.contains(&("denial", "leads", "MW-ACCESS")), "{kinds:?}");
    assert!(kinds.contains(&("denial", "customers_to_sandbox", "MW-POLICY")), "{kinds:?}");
    assert!(rows.iter().all(|r| &r[col("verified")] == "true"));
    let leads = rows.iter().find(|r| &r[col("pipeline")] == "leads").expect("leads row");
    assert!(leads[col("detail")].contains("grant"), "{:?}", leads);

    let out = ws.run(&["audit", "export", "--format", "json"]);
    assert_exit(&out, 0);
    let a = json(&out);
    assert_eq!(a["metrics"]["runs"], 2);
    assert_eq!(a["metrics"]["denials"], 2);
    let weeks: u64 =
        a["metrics"]["mappings_per_week"].as_object().expect("weeks").values().filter_map(Value::as_u64).sum();
    assert_eq!(weeks, 2);
    assert!(a["metrics"]["findings_per_run"].as_f64().is_some());

    // --since in the future: nothing; a bad date: usage error.
    let out = ws.run(&["audit", "export", "--since", "2999-01-01"]);
    assert_exit(&out, 0);
    assert_eq!(json(&out)["events"].as_array().map(Vec::len), Some(0));
    assert_exit(&ws.run(&["audit", "export", "--since", "yesterday"]), 2);

    // The denial records are signed: verify checks them too.
    let out = ws.run(&["verify", "--all", "--format", "json"]);
    assert_exit(&out, 0);
}

#[test]
fn time_to_first_mapping_comes_from_the_pipeline_commit() {
    let ws = Workspace::demo();
    let dir = ws.path();
    support::git(dir, &["init", "-q", "-b", "main"]);
    support::commit_all(dir, "pipelines");
    let out = ws.run(&["run", PIPELINE]);
    assert_exit(&out, 0);
    let a = json(&ws.run(&["audit", "export"]));
    let m = a["metrics"]["pipelines"].as_array().expect("pipelines");
    let p = m.iter().find(|p| p["pipeline"] == PIPELINE).expect("metrics for the pipeline");
    assert!(p["pipeline_added_at"].is_string(), "{p}");
    let hours = p["time_to_first_mapping_hours"].as_f64().expect("hours");
    assert!((0.0..1.0).contains(&hours), "{hours}");
}

#[test]
fn gc_removes_only_unfinished_versions_past_the_grace_period() {
    let ws = two_versions();
    let v3 = ws.path().join("exports/shop_to_analytics/v3");
    std::fs::create_dir_all(&v3).expect("v3");
    std::fs::write(v3.join("_claim.json"), br#"{"host":"gone","pid":1,"at":0}"#).expect("claim");
    std::fs::write(v3.join("mapping.csv"), b"partial").expect("partial artifact");

    // Readers never see it.
    let h = json(&ws.run(&["history", PIPELINE, "--format", "json"]));
    assert_eq!(h.as_array().map(Vec::len), Some(2));

    let out = ws.run(&["gc", "--dry-run", "--grace-hours", "0", "--format", "json"]);
    assert_exit(&out, 0);
    assert_eq!(json(&out)["removed"][0]["version"], 3);
    assert!(v3.exists(), "dry run deleted");

    let out = ws.run(&["gc", "--grace-hours", "24"]);
    assert_exit(&out, 0);
    assert!(v3.exists(), "a fresh unfinished version is within the grace period");

    let out = ws.run(&["gc", "--grace-hours", "0"]);
    assert_exit(&out, 0);
    // Object stores have no folders: every object of v3 is gone, and the local store removes
    // the emptied directory as well.
    assert!(!v3.exists(), "{}", stdout(&out));
    assert!(ws.path().join("exports/shop_to_analytics/v2/manifest.dsse.json").is_file());
    assert_exit(&ws.run(&["verify", PIPELINE]), 0);
}
