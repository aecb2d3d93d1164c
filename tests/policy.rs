//! The shipped policies (pipelines/policies/*.rego) evaluated by regorus on
//! Mapping values, exemptions, compile errors, and `mapwright policy test`.

mod support;

use mapwright::catalog::{Engine, LogicalType};
use mapwright::config::Workspace as Loaded;
use mapwright::mapping::*;
use mapwright::policy;
use std::path::Path;
use support::{Workspace, assert_exit, stdout};

/// A workspace with the repository's policies, a production `shop` and a `test` `sandbox`.
fn workspace(settings: &str, pipeline_extra: &str) -> Workspace {
    let ws = Workspace::new();
    support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/policies"),
        &ws.path().join("pipelines/policies"),
    );
    ws.write("pipelines/mapwright.toml", settings);
    for (name, class) in [("shop", "production"), ("sandbox", "test"), ("warehouse", "production")] {
        ws.write(
            &format!("pipelines/datasources/{name}.toml"),
            &format!(
                "engine = \"sqlite\"\nurl = \"sqlite://{name}.db\"\nclass = \"{class}\"\ngrants = [\"pipelines/**\"]\n"
            ),
        );
    }
    ws.write(
        "pipelines/sales/orders.toml",
        &format!(
            "name = \"orders\"\n[source]\ndatasource = \"shop\"\n[target]\ndatasource = \"sandbox\"\n{pipeline_extra}"
        ),
    );
    ws
}

fn load(ws: &Workspace) -> Loaded {
    Loaded::load(ws.path()).unwrap_or_else(|e| panic!("load: {e}"))
}

fn info(name: &str, raw: &str, logical: LogicalType, nullable: bool, default: Option<&str>) -> ColumnInfo {
    ColumnInfo {
        name: name.into(),
        raw_type: raw.into(),
        logical,
        nullable,
        default: default.map(str::to_string),
        comment: None,
        pk_position: None,
    }
}

/// A column row fed from source column `s1.<name>` with the given verdict, steps and PII tags.
fn from_source(target: ColumnInfo, verdict: Verdict, steps: Vec<Step>, pii: &[&str]) -> ColumnMapping {
    let source = info(&target.name, "TEXT", LogicalType::Text, true, None);
    ColumnMapping {
        target,
        branch: None,
        value: Value::Column { alias: "s1".into(), source },
        steps,
        method: Method::Exact,
        confidence: 1.0,
        reason: "same name".into(),
        status: Status::Accepted,
        type_verdict: TypeVerdict { verdict, why: Some("length 200 → 50".into()), nullability_risk: false },
        pii: pii.iter().map(|s| s.to_string()).collect(),
        findings: Vec::new(),
    }
}

fn unmapped(target: ColumnInfo) -> ColumnMapping {
    ColumnMapping {
        value: Value::None,
        method: Method::Unmapped,
        status: Status::Unmapped,
        type_verdict: TypeVerdict { verdict: Verdict::NotApplicable, why: None, nullability_risk: false },
        ..from_source(target, Verdict::Same, Vec::new(), &[])
    }
}

fn endpoint(ds: &str, class: &str) -> Endpoint {
    Endpoint {
        datasource: ds.into(),
        engine: Engine::Sqlite,
        class: class.into(),
        database: "main".into(),
        schema: Some("main".into()),
        catalog_digest: "sha256:00".into(),
    }
}

/// `orders` from `shop` into `target` with one target table `analytics.customers`.
fn mapping(target: (&str, &str), columns: Vec<ColumnMapping>) -> Mapping {
    let table = TableMapping {
        target: TableRef { schema: "analytics".into(), name: "customers".into() },
        sources: vec![SourceTable {
            table: TableRef { schema: "main".into(), name: "customers".into() },
            alias: "s1".into(),
            join_on: Vec::new(),
        }],
        combine: Combine::Single,
        method: Method::Exact,
        confidence: 1.0,
        reason: "same name".into(),
        filter: None,
        columns,
        unmapped_source_columns: Vec::new(),
        unmapped_target_columns: Vec::new(),
    };
    let mut m = Mapping {
        format_version: MAPPING_FORMAT_VERSION,
        pipeline: "orders".into(),
        pipeline_path: "pipelines/sales/orders.toml".into(),
        description: None,
        source: endpoint("shop", "production"),
        target: endpoint(target.0, target.1),
        tables: vec![table],
        unmapped_source_tables: Vec::new(),
        unmapped_target_tables: Vec::new(),
        findings: Vec::new(),
        policy: PolicyVerdicts::default(),
        summary: Summary::default(),
    };
    m.summarize();
    m
}

fn email(steps: Vec<Step>) -> ColumnMapping {
    from_source(info("email", "TEXT", LogicalType::Text, true, None), Verdict::Same, steps, &["email"])
}

fn verdicts(ws: &Workspace, m: &Mapping) -> PolicyVerdicts {
    policy::evaluate(&load(ws), m).unwrap_or_else(|e| panic!("evaluate: {e}"))
}

fn msgs(list: &[PolicyMessage]) -> Vec<(String, String)> {
    list.iter().map(|p| (p.policy.clone(), p.message.clone())).collect()
}

#[test]
fn pii_from_production_to_non_production_must_be_masked() {
    let ws = workspace("", "");
    let v = verdicts(&ws, &mapping(("sandbox", "test"), vec![email(Vec::new())]));
    assert_eq!(
        msgs(&v.deny),
        [(
            "pipelines/policies/pii_masking.rego".to_string(),
            "analytics.customers.email: PII (email) from production datasource `shop` into test datasource `sandbox` must be masked".to_string()
        )]
    );
    let masked = email(vec![Step::Mask { mask: Mask::Hash { salt: "s".into() } }]);
    assert!(verdicts(&ws, &mapping(("sandbox", "test"), vec![masked])).deny.is_empty());
    assert!(verdicts(&ws, &mapping(("warehouse", "production"), vec![email(Vec::new())])).deny.is_empty());
}

#[test]
fn required_target_columns_must_be_mapped() {
    let ws = workspace("", "");
    let required = info("id", "INTEGER", LogicalType::Integer { bits: 64, signed: true }, false, None);
    let v = verdicts(&ws, &mapping(("sandbox", "test"), vec![unmapped(required.clone())]));
    assert_eq!(
        msgs(&v.deny),
        [(
            "pipelines/policies/required_columns.rego".to_string(),
            "analytics.customers.id: required target column (NOT NULL, no default) is not mapped".to_string()
        )]
    );
    let with_default = ColumnInfo { default: Some("0".into()), ..required.clone() };
    let nullable = ColumnInfo { nullable: true, ..required.clone() };
    // SQLite assigns an INTEGER PRIMARY KEY (the rowid alias) itself.
    let rowid = ColumnInfo { pk_position: Some(1), ..required.clone() };
    for col in [
        unmapped(with_default),
        unmapped(nullable),
        unmapped(rowid),
        from_source(required, Verdict::Same, Vec::new(), &[]),
    ] {
        assert!(verdicts(&ws, &mapping(("sandbox", "test"), vec![col])).deny.is_empty());
    }
}

#[test]
fn lossy_casts_warn_and_do_not_deny() {
    let ws = workspace("", "");
    let name = info("name", "VARCHAR(50)", LogicalType::Varchar { length: Some(50) }, true, None);
    let v =
        verdicts(&ws, &mapping(("sandbox", "test"), vec![from_source(name.clone(), Verdict::Narrowing, vec![], &[])]));
    assert!(v.deny.is_empty(), "{:?}", v.deny);
    assert_eq!(
        msgs(&v.warn),
        [(
            "pipelines/policies/lossy_casts.rego".to_string(),
            "analytics.customers.name: lossy conversion to VARCHAR(50) (length 200 → 50)".to_string()
        )]
    );
    let cast = vec![Step::Cast { to: LogicalType::Text, lossy: true }];
    assert_eq!(
        verdicts(&ws, &mapping(("sandbox", "test"), vec![from_source(name.clone(), Verdict::Same, cast, &[])]))
            .warn
            .len(),
        1
    );
    assert!(
        verdicts(&ws, &mapping(("sandbox", "test"), vec![from_source(name, Verdict::Widening, vec![], &[])]))
            .warn
            .is_empty()
    );
}

#[test]
fn forbidden_class_pairs_are_denied_by_datasource_class() {
    let forbidden = workspace("[access]\nforbidden_class_pairs = [[\"production\", \"test\"]]\n", "");
    let m = mapping(("sandbox", "test"), Vec::new());
    let v = verdicts(&forbidden, &m);
    assert_eq!(v.deny.len(), 1, "{:?}", v.deny);
    assert_eq!(v.deny[0].policy, "pipelines/policies/forbidden_class_pairs.rego");
    assert!(v.deny[0].message.contains("`shop`") && v.deny[0].message.contains("`sandbox`"), "{}", v.deny[0].message);
    assert!(verdicts(&forbidden, &mapping(("warehouse", "production"), Vec::new())).deny.is_empty());
    assert!(verdicts(&workspace("", ""), &m).deny.is_empty());
}

#[test]
fn exemptions_turn_matching_denies_into_warnings_until_they_expire() {
    let exempt = "[[exemptions]]\npolicy = \"pii_masking\"\ncontains = \"email\"\nreason = \"SEC-42\"\n";
    let ws = workspace("", exempt);
    let m = mapping(("sandbox", "test"), vec![email(Vec::new())]);
    let v = verdicts(&ws, &m);
    assert!(v.deny.is_empty(), "{:?}", v.deny);
    assert!(
        v.warn[0].message.starts_with("exempted by pipelines/sales/orders.toml (SEC-42): analytics.customers.email")
    );

    let other = workspace("", &exempt.replace("\"email\"", "\"phone\""));
    assert_eq!(verdicts(&other, &m).deny.len(), 1);

    let expired = workspace("", &format!("{exempt}expires = \"2020-01-31\"\n"));
    let v = verdicts(&expired, &m);
    assert_eq!(v.deny.len(), 1);
    assert!(v.warn.iter().any(|w| w.message.contains("expired on 2020-01-31")), "{:?}", v.warn);
}

#[test]
fn compile_reports_syntax_errors_with_file_and_line() {
    let ws = workspace("", "");
    assert!(policy::compile(&load(&ws)).is_empty(), "shipped policies compile");
    ws.write(
        "pipelines/policies/broken.rego",
        "package mapwright.broken\n\nimport rego.v1\n\ndeny contains msg if {\n\tmsg := sprintf(\"%s\", [input.x]\n}\n",
    );
    ws.write("pipelines/policies/outside.rego", "package other\n\nimport rego.v1\n");
    ws.write("pipelines/sales/bad.toml", "name = \"bad\"\n[source]\ndatasource = \"shop\"\n[target]\ndatasource = \"sandbox\"\n[[exemptions]]\npolicy = \"pii_maskin\"\nreason = \"x\"\n");
    let errors: Vec<String> = policy::compile(&load(&ws)).into_iter().map(|e| e.message).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("pipelines/policies/broken.rego:6:"), "{}", errors[0]);
    assert!(errors[1].starts_with("pipelines/policies/outside.rego:1: package `other`"), "{}", errors[1]);
    assert!(errors[2].contains("pipelines/sales/bad.toml:7") && errors[2].contains("pii_masking"), "{}", errors[2]);
}

#[test]
fn policy_test_command_runs_unit_tests_and_fails_on_a_failing_one() {
    let ws = workspace("", "");
    let out = ws.run(&["policy", "test"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("PASS pipelines/policies/pii_masking_test.rego test_masked_pii_is_allowed"), "{text}");
    assert!(text.contains(" 0 failed"), "{text}");

    ws.write(
        "pipelines/policies/extra_test.rego",
        "package mapwright.extra_test\n\nimport rego.v1\n\nimport data.mapwright.required_columns\n\n\
         test_wrong_expectation if {\n\tcount(required_columns.deny) == 1 with input as {\"mapping\": {\"tables\": []}}\n}\n",
    );
    let out = ws.run(&["policy", "test", "--format", "json"]);
    assert_exit(&out, 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let failed: Vec<&serde_json::Value> =
        json["results"].as_array().expect("results").iter().filter(|r| r["passed"] == false).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["name"], "test_wrong_expectation");
}
