//! Issue 5 acceptance: outputs through templates.
//!
//! - golden files for every built-in output on the demo pipeline (`MAPWRIGHT_BLESS=1` rewrites);
//! - `mapping.csv` parsed back with the csv crate equals the Mapping rows; `mapping.json`
//!   validates against `schemas/mapping.schema.json`; `mapping.md`'s Mermaid block parses;
//! - template errors name file, line and variable, exit 2, and leave exports untouched;
//! - round trips of `load.<dialect>.sql` on SQLite, PostgreSQL and MariaDB (roundtrip.rs).

mod support;

#[path = "render_outputs/golden.rs"]
mod golden;
#[path = "render_outputs/mermaid.rs"]
mod mermaid;
#[path = "render_outputs/roundtrip.rs"]
mod roundtrip;

use mapwright::mapping::{Expr, Mapping, Value};
use mapwright::render::{self, Artifact};
use mapwright::run::{CatalogCache, prepare};
use support::{Workspace, assert_exit, stderr};

/// Every built-in output.
pub const ALL_OUTPUTS: &[&str] =
    &["dbt", "load.mysql.sql", "load.postgres.sql", "load.sqlite.sql", "mapping.csv", "mapping.json", "mapping.md"];

/// The demo workspace without its `templates/` copy, so the embedded built-ins render.
fn demo() -> Workspace {
    let ws = Workspace::demo();
    std::fs::remove_dir_all(ws.path().join("templates")).expect("remove templates copy");
    ws
}

/// Prepare `pipeline` of the workspace through the library and render `outputs`.
pub async fn render_pipeline(root: &std::path::Path, pipeline: &str, outputs: &[&str]) -> (Mapping, Vec<Artifact>) {
    let ws = mapwright::config::Workspace::load(root).unwrap_or_else(|e| panic!("{}", e.message));
    let p = ws.select(&[pipeline.to_string()]).unwrap_or_else(|e| panic!("{}", e.message))[0];
    let prepared = prepare(&ws, p, &CatalogCache::default()).await.unwrap_or_else(|e| panic!("{}", e.message));
    let outputs: Vec<String> = outputs.iter().map(|s| s.to_string()).collect();
    let artifacts = render::render(&ws.root, &outputs, &prepared.mapping, &prepared.mapping.to_json())
        .unwrap_or_else(|e| panic!("{}", e.message));
    (prepared.mapping, artifacts)
}

pub fn artifact<'a>(artifacts: &'a [Artifact], name: &str) -> &'a str {
    let a = artifacts.iter().find(|a| a.name == name).unwrap_or_else(|| panic!("no artifact {name}"));
    std::str::from_utf8(&a.bytes).expect("utf-8 artifact")
}

#[tokio::test]
async fn golden_files_for_every_builtin_output_on_the_demo() {
    let ws = demo();
    let (_, artifacts) = render_pipeline(ws.path(), "shop_to_analytics", ALL_OUTPUTS).await;
    let names: Vec<&str> = artifacts.iter().map(|a| a.name.as_str()).collect();
    for want in [
        "dbt/models/sources.yml",
        "dbt/models/stg_dim_customer.sql",
        "dbt/models/stg_fact_order_line.sql",
        "load.mysql.sql",
        "load.postgres.sql",
        "load.sqlite.sql",
        "mapping.csv",
        "mapping.json",
        "mapping.md",
    ] {
        assert!(names.contains(&want), "missing artifact {want} in {names:?}");
    }
    // Same inputs, same bytes (a second, independent render).
    let (_, again) = render_pipeline(ws.path(), "shop_to_analytics", ALL_OUTPUTS).await;
    assert_eq!(artifacts, again, "rendering is not deterministic");
    let files: Vec<(String, Vec<u8>)> = artifacts.into_iter().map(|a| (a.name, a.bytes)).collect();
    golden::check("shop_to_analytics", &files);
}

#[tokio::test]
async fn the_binary_exports_the_same_bytes_as_the_goldens() {
    let ws = demo();
    assert_exit(&ws.run(&["run", "--allow-unreviewed", "-q"]), 0);
    let v1 = ws.path().join("exports/shop_to_analytics/v1");
    for name in ["mapping.csv", "mapping.md", "mapping.json", "load.sqlite.sql", "dbt/models/sources.yml"] {
        let exported = std::fs::read(v1.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let golden = std::fs::read(golden::dir("shop_to_analytics").join(name)).expect("golden exists");
        assert!(
            exported == golden,
            "exported {name} differs from its golden:\n{}",
            golden::diff(&String::from_utf8_lossy(&golden), &String::from_utf8_lossy(&exported))
        );
    }
}

// ------------------------------------------------------------------ mapping.csv

/// The columns an expression reads, in order of appearance, without repeats.
fn expr_columns(e: &Expr, out: &mut Vec<(String, String)>) {
    match e {
        Expr::Column { alias, name } => {
            if !out.contains(&(alias.clone(), name.clone())) {
                out.push((alias.clone(), name.clone()));
            }
        }
        Expr::Literal { .. } => {}
        Expr::Call { args, .. } => args.iter().for_each(|a| expr_columns(a, out)),
        Expr::Binary { left, right, .. } => {
            expr_columns(left, out);
            expr_columns(right, out);
        }
        Expr::Not { expr } | Expr::IsNull { expr, .. } => expr_columns(expr, out),
    }
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).expect("serialize").as_str().expect("string enum").to_string()
}

/// Reverse the CSV-injection guard: a field starting with `'` had one `'` prepended.
fn unguard(f: &str) -> &str {
    f.strip_prefix('\'').unwrap_or(f)
}

/// Parse `csv` with the csv crate and compare every record with the Mapping's rows.
pub fn assert_csv_matches_mapping(csv_text: &str, m: &Mapping) {
    let body = csv_text.strip_prefix('\u{feff}').expect("mapping.csv starts with a UTF-8 byte-order mark");
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(body.as_bytes());
    let headers: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "source_schema",
            "source_table",
            "source_column",
            "source_type",
            "target_schema",
            "target_table",
            "target_column",
            "target_type",
            "transform",
            "type_verdict",
            "type_verdict_why",
            "nullability",
            "pii",
            "method",
            "confidence",
            "status",
            "notes"
        ]
    );
    let records: Vec<csv::StringRecord> = r.records().map(|x| x.expect("valid CSV record")).collect();
    let rows: Vec<(&mapwright::mapping::TableMapping, &mapwright::mapping::ColumnMapping)> =
        m.tables.iter().flat_map(|t| t.columns.iter().map(move |c| (t, c))).collect();
    assert_eq!(records.len(), rows.len(), "one CSV record per target column row");
    for (rec, (t, c)) in records.iter().zip(rows) {
        let f = |name: &str| unguard(&rec[headers.iter().position(|h| h == name).expect("column")]).to_string();
        let ctx = format!("{}.{}", t.target.name, c.target.name);
        let table_of = |alias: &str| t.sources.iter().find(|s| s.alias == alias).expect("alias").table.clone();
        let (sources, source_type): (Vec<(String, String, String)>, String) = match &c.value {
            Value::Column { alias, source } => {
                let tr = table_of(alias);
                (vec![(tr.schema, tr.name, source.name.clone())], source.raw_type.clone())
            }
            Value::Expression { expr, .. } => {
                let mut refs = Vec::new();
                expr_columns(expr, &mut refs);
                let v = refs
                    .into_iter()
                    .map(|(a, n)| {
                        let tr = table_of(&a);
                        (tr.schema, tr.name, n)
                    })
                    .collect();
                (v, String::new())
            }
            Value::Constant { .. } | Value::None => (vec![], String::new()),
        };
        let join = |k: usize| sources.iter().map(|s| [&s.0, &s.1, &s.2][k].as_str()).collect::<Vec<_>>().join("; ");
        assert_eq!(f("source_schema"), join(0), "{ctx}");
        assert_eq!(f("source_table"), join(1), "{ctx}");
        assert_eq!(f("source_column"), join(2), "{ctx}");
        assert_eq!(f("source_type"), source_type, "{ctx}");
        assert_eq!(f("target_schema"), t.target.schema, "{ctx}");
        assert_eq!(f("target_table"), t.target.name, "{ctx}");
        assert_eq!(f("target_column"), c.target.name, "{ctx}");
        assert_eq!(f("target_type"), c.target.raw_type, "{ctx}");
        assert_eq!(f("transform"), mapwright::render::text::transform_text(c), "{ctx}");
        assert_eq!(f("type_verdict"), snake(&c.type_verdict.verdict), "{ctx}");
        assert_eq!(f("type_verdict_why"), c.type_verdict.why.clone().unwrap_or_default(), "{ctx}");
        let target_null = if c.target.nullable { "NULL" } else { "NOT NULL" };
        assert!(f("nullability").contains(target_null), "{ctx}: {}", f("nullability"));
        assert_eq!(f("pii"), c.pii.join("; "), "{ctx}");
        assert_eq!(f("method"), snake(&c.method), "{ctx}");
        assert_eq!(f("confidence").parse::<f64>().expect("number"), c.confidence, "{ctx}");
        assert_eq!(f("status"), snake(&c.status), "{ctx}");
        let mut notes = vec![c.reason.clone()];
        notes.extend(c.findings.iter().map(|x| x.message.clone()));
        assert_eq!(f("notes"), notes.join("; "), "{ctx}");
    }
}

#[tokio::test]
async fn mapping_csv_parses_back_to_the_mapping_rows() {
    let ws = demo();
    let (m, artifacts) = render_pipeline(ws.path(), "shop_to_analytics", &["mapping.csv"]).await;
    assert_csv_matches_mapping(artifact(&artifacts, "mapping.csv"), &m);
    // Hostile names (quotes, `;`, backticks, unicode, line-break-free but comma-rich values)
    // and formula-looking text are covered by the SQLite round-trip workspace.
    let rt = roundtrip::sqlite_workspace().await;
    let (m, artifacts) = render_pipeline(rt.ws.path(), roundtrip::PIPELINE, &["mapping.csv"]).await;
    assert_csv_matches_mapping(artifact(&artifacts, "mapping.csv"), &m);
}

// ------------------------------------------------------------------ mapping.json

fn mapping_schema() -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/mapping.schema.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("schema file")).expect("json");
    jsonschema::validator_for(&schema).expect("valid JSON Schema")
}

#[tokio::test]
async fn mapping_json_validates_against_its_published_schema() {
    let ws = demo();
    let (m, artifacts) = render_pipeline(ws.path(), "shop_to_analytics", &["mapping.json"]).await;
    let json: serde_json::Value = serde_json::from_str(artifact(&artifacts, "mapping.json")).expect("mapping.json");
    let validator = mapping_schema();
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "mapping.json does not match schemas/mapping.schema.json:\n{}", errors.join("\n"));
    // It *is* the Mapping, and the schema is not vacuous.
    let back: Mapping = serde_json::from_value(json.clone()).expect("deserializes as Mapping");
    assert_eq!(back, m);
    let mut broken = json.clone();
    broken["tables"][0]["columns"][0]["confidence"] = serde_json::json!("high");
    assert!(!validator.is_valid(&broken), "schema accepted a string confidence");
    broken = json;
    broken.as_object_mut().expect("object").remove("pipeline");
    assert!(!validator.is_valid(&broken), "schema accepted a mapping without `pipeline`");
    // `mapwright schema` publishes it and the checked-in file is current.
    let out = ws.run(&["schema", "--help"]);
    assert_exit(&out, 0);
    assert!(mapwright::schema::all().iter().any(|(n, _)| *n == "mapping.schema.json"));
    let stale = mapwright::schema::stale(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas"));
    assert!(!stale.contains(&"mapping.schema.json".to_string()), "schemas/mapping.schema.json is stale");
}

// ------------------------------------------------------------------ mapping.md

/// Findings come before the tables, and the Mermaid block parses with one edge per source→target flow.
pub fn assert_markdown_sound(md: &str, m: &Mapping) {
    let findings = md.find("\n## Findings").expect("findings section");
    let tables = md.find("\n## Tables").expect("tables section");
    assert!(md.find("\n## Summary").expect("summary") < findings && findings < tables, "sections out of order");
    let blocks = mermaid::blocks(md);
    assert_eq!(blocks.len(), 1, "one Mermaid block");
    let chart = mermaid::parse(&blocks[0]).unwrap_or_else(|e| panic!("Mermaid block rejected: {e}\n{}", blocks[0]));
    let flows: usize = m.tables.iter().map(|t| t.sources.len()).sum();
    assert_eq!(chart.edges.len(), flows, "one edge per table-level flow");
    for t in &m.tables {
        let label = |s: &str| {
            // Labels are the names with Mermaid entity codes for special characters.
            s.replace('"', "#quot;").replace('`', "#96;")
        };
        let target = format!("{}: {}.{}", m.target.datasource, t.target.schema, t.target.name);
        assert!(chart.nodes.values().any(|l| *l == label(&target)), "no node for {target}: {:?}", chart.nodes);
    }
}

#[tokio::test]
async fn mapping_md_has_findings_first_and_a_valid_mermaid_flow() {
    let ws = demo();
    let (m, artifacts) = render_pipeline(ws.path(), "shop_to_analytics", &["mapping.md"]).await;
    let md = artifact(&artifacts, "mapping.md");
    assert_markdown_sound(md, &m);
    assert!(md.contains("### Policy verdicts") && md.contains("lossy"), "policy warning on the lossy cast is listed");
    assert!(md.contains("### Needs review"), "needs-review rows are listed");

    let rt = roundtrip::sqlite_workspace().await;
    let (m, artifacts) = render_pipeline(rt.ws.path(), roundtrip::PIPELINE, &["mapping.md"]).await;
    assert_markdown_sound(artifact(&artifacts, "mapping.md"), &m);
}

// ------------------------------------------------------------------ template errors

/// Every file under `exports/` with its bytes.
fn exports_snapshot(ws: &Workspace) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![ws.path().join("exports")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).expect("read export")));
            }
        }
    }
    out.sort();
    out
}

/// A demo workspace that already exported v1, for "nothing exported is touched".
fn demo_with_v1() -> (Workspace, Vec<(std::path::PathBuf, Vec<u8>)>) {
    let ws = demo();
    assert_exit(&ws.run(&["run", "--allow-unreviewed", "-q"]), 0);
    let before = exports_snapshot(&ws);
    assert!(before.iter().any(|(p, _)| p.ends_with("v1/mapping.md")));
    (ws, before)
}

#[test]
fn template_syntax_error_names_file_line_and_exits_2_without_touching_exports() {
    let (ws, before) = demo_with_v1();
    ws.write(
        "templates/mapping.md.j2",
        "# {{ mapping.pipeline }}\n{% for t in mapping.tables %}\n{{ t.target.name }\n{% endfor %}\n",
    );
    for cmd in [&["validate"][..], &["plan", "-q"], &["run", "--allow-unreviewed", "-q", "--force"]] {
        let out = ws.run(cmd);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(err.contains("templates/mapping.md.j2:3:"), "{cmd:?}: no file:line in\n{err}");
        assert!(err.contains("syntax error"), "{cmd:?}: {err}");
        assert!(err.contains("   3 | {{ t.target.name }"), "{cmd:?}: no source line in\n{err}");
    }
    assert_eq!(exports_snapshot(&ws), before, "exports changed");
}

#[test]
fn undefined_variable_names_the_variable_file_and_line() {
    let (ws, before) = demo_with_v1();
    ws.write("templates/mapping.md.j2", "# {{ mapping.pipeline }}\n\n{{ mapping.pipline_path }}\n");
    let out = ws.run(&["plan", "-q"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("templates/mapping.md.j2:3:"), "{err}");
    assert!(err.contains("undefined") && err.contains("pipline_path"), "{err}");
    let out = ws.run(&["run", "--allow-unreviewed", "-q", "--force"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("templates/mapping.md.j2:3:"), "{}", stderr(&out));
    assert_eq!(exports_snapshot(&ws), before, "exports changed");
}

#[test]
fn unknown_template_name_in_a_pipeline_is_a_located_config_error() {
    let (ws, before) = demo_with_v1();
    let path = "pipelines/sales/shop_to_analytics.toml";
    let text = ws.read(path).replace("\"load.sqlite.sql\"", "\"load.sqlit.sql\"");
    ws.write(path, &text);
    for cmd in [&["validate"][..], &["run", "--allow-unreviewed", "-q", "--force"]] {
        let out = ws.run(cmd);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(err.contains(&format!("{path}:5:")), "{cmd:?}: {err}");
        assert!(err.contains("load.sqlit.sql") && err.contains("load.sqlite.sql"), "did-you-mean missing: {err}");
    }
    assert_eq!(exports_snapshot(&ws), before, "exports changed");
}

#[test]
fn includes_cannot_leave_templates_and_overrides_win() {
    let ws = demo();
    std::fs::write(ws.path().join("secret.txt"), "TOP SECRET").expect("write");
    ws.write("templates/mapping.md.j2", "{% include \"../secret.txt\" %}\n");
    let out = ws.run(&["plan", "-q"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("refused") && err.contains("../secret.txt"), "{err}");
    assert!(!err.contains("TOP SECRET"), "{err}");
    // A same-named workspace file overrides the built-in; a new file is a custom output.
    ws.write("templates/mapping.md.j2", "custom {{ mapping.pipeline }}\n");
    ws.write(
        "templates/columns.txt.j2",
        "{% for t in mapping.tables %}{{ t.target.name }}={{ t.columns | length }}\n{% endfor %}",
    );
    let path = "pipelines/sales/shop_to_analytics.toml";
    ws.write(path, &ws.read(path).replace("\"dbt\"]", "\"dbt\", \"columns.txt\"]"));
    assert_exit(&ws.run(&["run", "--allow-unreviewed", "-q"]), 0);
    assert_eq!(ws.read("exports/shop_to_analytics/v1/mapping.md"), "custom shop_to_analytics\n");
    assert_eq!(
        ws.read("exports/shop_to_analytics/v1/columns.txt"),
        "dim_customer=11\ndim_product=7\nfact_order=5\nfact_order_line=6\n"
    );
}
