//! `explain`: why a target column got its value — the decided row, the table pair and the
//! source columns inference weighed, consistent with what `plan`/`run` decide.

mod support;

use serde_json::Value;
use support::{Workspace, assert_exit, stderr, stdout};

const PIPELINE_FILE: &str = "pipelines/sales/shop_to_analytics.toml";

/// The demo pipeline with no table or column rules: every decision is inference's.
fn rule_less(ws: &Workspace, source_exclude: &[&str]) {
    let exclude: Vec<String> = source_exclude.iter().map(|t| format!("{t:?}")).collect();
    ws.write(
        PIPELINE_FILE,
        &format!(
            "name = \"shop_to_analytics\"\noutputs = [\"mapping.json\"]\n[source]\ndatasource = \"shop\"\nexclude = [{}]\n[target]\ndatasource = \"analytics\"\n",
            exclude.join(", ")
        ),
    );
}

fn explain_json(ws: &Workspace, pipeline: &str, column: &str) -> Value {
    let out = ws.run(&["explain", pipeline, column, "--format", "json", "--top", "100"]);
    assert_exit(&out, 0);
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("explain JSON: {e}\n{}", stdout(&out)))
}

/// Export the pipeline, then explain every target column of the mapping: explain shows the
/// exported rows, lists candidates best first, and every candidate's `assigned_to` is where
/// the export put that source column. Returns how many inferred rows were checked.
fn explain_agrees_with_run(ws: &Workspace, pipeline: &str) -> usize {
    let out = ws.run(&["run", "--allow-unreviewed", pipeline]);
    assert_exit(&out, 0);
    let mapping: Value =
        serde_json::from_str(&ws.read(&format!("exports/{pipeline}/v1/mapping.json"))).expect("mapping.json");
    let mut checked = 0;
    for t in mapping["tables"].as_array().expect("tables") {
        let table = t["target"]["name"].as_str().expect("table name");
        let sources = t["sources"].as_array().expect("sources");
        let rows = t["columns"].as_array().expect("columns");
        // Where the export put each source column (`table.column` → target column).
        let source_of = |r: &Value| {
            let s = sources.iter().find(|s| s["alias"] == r["value"]["alias"]).expect("alias");
            format!(
                "{}.{}",
                s["table"]["name"].as_str().expect("table"),
                r["value"]["source"]["name"].as_str().expect("name")
            )
        };
        let placed: std::collections::HashMap<String, &str> = rows
            .iter()
            .filter(|r| r["value"]["kind"] == "column")
            .map(|r| (source_of(r), r["target"]["name"].as_str().expect("target")))
            .collect();
        let mut columns: Vec<&str> = rows.iter().map(|r| r["target"]["name"].as_str().expect("name")).collect();
        columns.dedup();
        for column in columns {
            let e = explain_json(ws, pipeline, &format!("{table}.{column}"));
            let mine: Vec<&Value> = rows.iter().filter(|r| r["target"]["name"] == column).collect();
            assert_eq!(e["rows"].as_array().expect("rows").iter().collect::<Vec<_>>(), mine, "{table}.{column}");
            let candidates = e["candidates"].as_array().expect("candidates");
            let scores: Vec<f64> = candidates.iter().map(|c| c["score"].as_f64().expect("score")).collect();
            assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{table}.{column}: not best first: {scores:?}");
            for c in candidates {
                let at = c.get("assigned_to").and_then(Value::as_str);
                let source = c["source"].as_str().expect("source");
                assert_eq!(
                    at,
                    placed.get(source).copied(),
                    "{table}.{column}: candidate {c} disagrees with the export"
                );
            }
            for r in mine.iter().filter(|r| r["value"]["kind"] == "column") {
                let source = source_of(r);
                assert!(
                    candidates.iter().any(|c| c["source"] == source.as_str() && c["method"] == r["method"]),
                    "{table}.{column}: the exported source {source} is not among the candidates: {e}"
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn explain_agrees_with_the_export_on_the_demo() {
    let ws = Workspace::demo();
    rule_less(&ws, &["open_orders"]);
    // Rule-less, two required columns stay unmapped: the demo's policy would deny the export.
    for f in ["required_columns.rego", "required_columns_test.rego"] {
        std::fs::remove_file(ws.path().join("pipelines/policies").join(f)).expect("remove policy");
    }
    let checked = explain_agrees_with_run(&ws, "shop_to_analytics");
    assert!(checked >= 15, "only {checked} inferred rows checked");
}

#[tokio::test]
async fn explain_agrees_with_the_export_on_a_whole_schema() {
    // Northwind → CRM: joins, a union and columns in a different order on each side.
    let ws = Workspace::from_case("bench/heldout/northwind-to-crm").await;
    let checked = explain_agrees_with_run(&ws, "case");
    assert!(checked >= 30, "only {checked} inferred rows checked");
}

#[test]
fn a_rule_decided_column_says_so_and_lists_no_candidates() {
    let ws = Workspace::demo();
    let e = explain_json(&ws, "shop_to_analytics", "dim_customer.customer_key");
    assert_eq!(e["rows"][0]["method"], "rule", "{e}");
    assert_eq!(e["candidates"].as_array().map(Vec::len), Some(0), "{e}");
    assert_eq!(e["table_pair"]["method"], "rule", "{e}");
    let out = ws.run(&["explain", "shop_to_analytics", "dim_customer.customer_key"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("decided by the pipeline's rules"), "{}", stdout(&out));
    // Markdown for a PR comment.
    let out = ws.run(&["explain", "shop_to_analytics", "dim_customer.email_address", "--format", "markdown"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("| score | method | source | assigned to | reason |"), "{}", stdout(&out));
}

#[test]
fn an_unpaired_target_table_lists_the_source_tables_that_fit_it() {
    let ws = Workspace::demo();
    rule_less(&ws, &["open_orders", "orders"]);
    let e = explain_json(&ws, "shop_to_analytics", "fact_order.order_dt");
    assert!(e.get("table_pair").is_none(), "fact_order must be unpaired without orders: {e}");
    assert_eq!(e["rows"].as_array().map(Vec::len), Some(0), "{e}");
    let tables = e["table_candidates"].as_array().expect("table_candidates");
    assert!(!tables.is_empty() && tables.len() <= 5, "{e}");
    assert!(tables.iter().all(|t| t["columns_matched"].as_u64().unwrap_or(0) > 0), "{e}");
    let out = ws.run(&["explain", "shop_to_analytics", "fact_order.order_dt"]);
    assert!(stdout(&out).contains("no source table is paired"), "{}", stdout(&out));
}

#[test]
fn a_whole_table_lists_its_rows_and_the_source_tables_that_fit_it() {
    let ws = Workspace::demo();
    let e = explain_json(&ws, "shop_to_analytics", "dim_customer");
    assert!(e.get("column").is_none(), "{e}");
    assert_eq!(e["table_pair"]["sources"][0], "s1 main.customers", "{e}");
    let rows = e["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 11, "one row per target column: {e}");
    let tables = e["table_candidates"].as_array().expect("table_candidates");
    assert_eq!(tables[0]["source"], "main.customers", "the paired source fits best: {e}");
    // Qualified, and as Markdown.
    let out = ws.run(&["explain", "shop_to_analytics", "main.dim_customer", "--format", "markdown"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("| `email_address` | `s1.email` |"), "{}", stdout(&out));
}

#[test]
fn unknown_names_are_usage_errors_with_a_suggestion() {
    let ws = Workspace::demo();
    for (arg, want) in [
        ("dim_custmer.email_address", "did you mean `dim_customer`?"),
        ("dim_customer.email_adress", "did you mean `email_address`?"),
        ("email_address", "table.column"),
    ] {
        let out = ws.run(&["explain", "shop_to_analytics", arg]);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(want), "{arg}: {}", stderr(&out));
    }
    let out = ws.run(&["explain", "shop_to_analytic", "dim_customer.email_address"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("did you mean `shop_to_analytics`?"), "{}", stderr(&out));
}
