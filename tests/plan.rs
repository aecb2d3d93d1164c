//! `plan`: what `run` would export, as a reviewable diff; `run --reviewed-plan` records what
//! changed since the plan reviewers approved.

mod support;

use serde_json::Value;
use std::process::Command;
use support::{Workspace, assert_exit, git, stdout};

const PIPELINE_FILE: &str = "pipelines/sales/shop_to_analytics.toml";

fn plan_json(ws: &Workspace, extra: &[&str]) -> Value {
    let mut args = vec!["plan", "shop_to_analytics", "--format", "json"];
    args.extend(extra);
    let out = ws.run(&args);
    assert_exit(&out, 0);
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("plan JSON: {e}\n{}", stdout(&out)))
}

/// Mask the customer e-mail: one rule, one changed column mapping.
fn add_mask_rule(ws: &Workspace) {
    let text = ws.read(PIPELINE_FILE) + "\n[[columns]]\ntarget = \"dim_customer.email_address\"\nmask = \"hash\"\n";
    ws.write(PIPELINE_FILE, &text);
}

fn column_changes(plan: &Value) -> Vec<(String, String, String)> {
    plan["pipelines"][0]["diff"]["columns"]
        .as_array()
        .expect("diff.columns")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap_or_default().to_string(),
                format!("{}.{}", c["table"].as_str().unwrap_or_default(), c["column"].as_str().unwrap_or_default()),
                c["fields"].as_array().map(|f| format!("{f:?}")).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn plan_after_editing_a_rule_shows_exactly_that_change() {
    let ws = Workspace::demo();
    // Before anything is exported, everything is new.
    let first = plan_json(&ws, &[]);
    assert_eq!(first["pipelines"][0]["baseline"], "nothing (first version)");
    assert!(first["pipelines"][0]["diff"]["first"].as_bool().expect("first"));
    assert!(column_changes(&first).iter().all(|c| c.0 == "added"));

    assert_exit(&ws.run(&["run", "--allow-unreviewed"]), 0);
    let same = plan_json(&ws, &[]);
    assert_eq!(same["pipelines"][0]["baseline"], "v1");
    assert!(column_changes(&same).is_empty(), "unchanged config must plan no change: {:?}", column_changes(&same));

    add_mask_rule(&ws);
    let plan = plan_json(&ws, &[]);
    let changes = column_changes(&plan);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].0, "changed");
    assert_eq!(changes[0].1, "main.dim_customer.email_address");
    assert!(changes[0].2.contains("transform"), "{changes:?}");
    assert!(plan["pipelines"][0]["diff"]["tables"].as_array().expect("tables").is_empty());

    // Nothing was written by plan.
    assert!(!ws.path().join("exports/shop_to_analytics/v2").exists());

    // Markdown for the PR comment: marker, one collapsible block per changed table.
    let out = ws.run(&["plan", "shop_to_analytics", "--format", "markdown"]);
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(md.starts_with("<!-- mapwright-plan -->"), "{md}");
    assert_eq!(md.matches("<details><summary><code>").count(), 1, "{md}");
    assert!(md.contains("`email_address`") && md.contains("hash"), "{md}");
    // Matches that need review point at the command that explains them.
    let review = plan["pipelines"][0]["summary"]["needs_review"].as_u64().expect("needs_review");
    assert_eq!(md.contains("`mapwright explain shop_to_analytics <table.column>`"), review > 0, "{md}");
}

#[test]
fn plan_against_a_base_ref_lists_the_change_and_its_approvers() {
    let ws = Workspace::demo();
    let dir = ws.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    add_mask_rule(&ws);
    git(dir, &["commit", "-q", "-am", "mask e-mail"]);

    let plan = plan_json(&ws, &["--base", "HEAD~1"]);
    let changes = column_changes(&plan);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].1, "main.dim_customer.email_address");
    assert_eq!(plan["pipelines"][0]["baseline"], "base HEAD~1");
    // The pipeline file's CODEOWNERS owners must approve.
    let reqs = plan["approvals"]["requirements"].as_array().expect("approvals.requirements");
    assert!(
        reqs.iter().any(|r| r["owners"].as_array().is_some_and(|o| o.iter().any(|x| x == "@acme/sales-analytics"))),
        "{reqs:?}"
    );

    let out = ws.run(&["plan", "--base", "no-such-ref"]);
    assert_exit(&out, 2);
    assert!(support::stderr(&out).contains("no-such-ref"), "{}", support::stderr(&out));
}

#[test]
fn run_records_whether_catalogs_changed_since_the_reviewed_plan() {
    let ws = Workspace::demo();
    let plan_file = ws.path().join("plan.json");
    let out = ws.run(&["plan", "shop_to_analytics", "--format", "json", "--out", plan_file.to_str().expect("utf8")]);
    assert_exit(&out, 0);

    // The target gains a column after the plan was reviewed.
    let con = ws.path().join("demo/analytics.db");
    let status = Command::new("python3")
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('ALTER TABLE dim_customer ADD COLUMN segment TEXT'); c.commit()"])
        .arg(&con)
        .status()
        .expect("python3");
    assert!(status.success());

    let out = ws.run(&[
        "run",
        "--allow-unreviewed",
        "--format",
        "json",
        "--reviewed-plan",
        plan_file.to_str().expect("utf8"),
    ]);
    assert_exit(&out, 0);
    let summary: Value = serde_json::from_str(&stdout(&out)).expect("summary JSON");
    let text = summary.to_string();
    assert!(text.contains("target catalog changed since the reviewed plan"), "{text}");

    // The manifest carries the evidence (DSSE payload is base64 of the in-toto statement).
    let env: Value = serde_json::from_slice(
        &std::fs::read(ws.path().join("exports/shop_to_analytics/v1/manifest.dsse.json")).expect("manifest"),
    )
    .expect("envelope");
    let payload = base64_decode(env["payload"].as_str().expect("payload"));
    let statement: Value = serde_json::from_slice(&payload).expect("statement");
    let evidence = statement.to_string();
    assert!(evidence.contains("\"target_catalog_changed\":true"), "{evidence}");
    assert!(evidence.contains("\"source_catalog_changed\":false"), "{evidence}");

    let out = ws.run(&["run", "--allow-unreviewed", "--reviewed-plan", "missing.json"]);
    assert_exit(&out, 2);
}

fn manifest_inputs(ws: &Workspace, version: u32) -> Value {
    let path = ws.path().join(format!("exports/shop_to_analytics/v{version}/manifest.dsse.json"));
    let env: Value = serde_json::from_slice(&std::fs::read(path).expect("manifest")).expect("envelope");
    let statement: Value =
        serde_json::from_slice(&base64_decode(env["payload"].as_str().expect("payload"))).expect("statement");
    statement["predicate"]["inputs"].clone()
}

#[test]
fn a_vocabulary_file_is_an_input_of_the_version() {
    // Its digest is signed into the manifest, and editing it alone makes a new version.
    let ws = Workspace::demo();
    let vocab = "pipelines/sales/vocabulary.csv";
    ws.write(vocab, "kind,word,meaning\nabbreviation,descr,description\n");
    let text = ws.read(PIPELINE_FILE) + "\n[matching]\nvocabulary_files = [\"pipelines/sales/vocabulary.csv\"]\n";
    ws.write(PIPELINE_FILE, &text);
    assert_exit(&ws.run(&["run", "--allow-unreviewed"]), 0);
    let first = manifest_inputs(&ws, 1)[vocab].as_str().expect("vocabulary digest in the manifest").to_string();
    assert!(first.starts_with("sha256:"), "{first}");

    ws.write(vocab, "kind,word,meaning\n# reviewed by the data platform team\nabbreviation,descr,description\n");
    assert_exit(&ws.run(&["run", "--allow-unreviewed"]), 0);
    let second = manifest_inputs(&ws, 2)[vocab].as_str().expect("vocabulary digest in v2").to_string();
    assert_ne!(first, second);
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).expect("base64")
}
