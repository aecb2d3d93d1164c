//! The mapping engine end to end on Rust-built catalogs: every rule action,
//! every matcher, conflicts and no-match warnings, determinism.

use mapwright::catalog::{Catalog, Column, Engine, ForeignKey, Key, Schema, Table, TableKind};
use mapwright::config::{Pipeline, PipelineFile, SourceFile, diag};
use mapwright::mapping::{self, Combine, Context, Mapping, Mask, Method, Status, Step, Value, Verdict};
use std::path::Path;

/// `("name type [pk] [notnull]")` column specs.
fn table(name: &str, cols: &[&str]) -> Table {
    let mut pk = Vec::new();
    let columns = cols
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let mut parts = spec.split_whitespace();
            let cname = parts.next().unwrap().to_string();
            let ty = parts.next().unwrap_or("text");
            let flags: Vec<&str> = parts.collect();
            if flags.contains(&"pk") {
                pk.push(cname.clone());
            }
            Column {
                name: cname,
                ordinal: i as u32 + 1,
                raw_type: ty.to_string(),
                logical: mapping::types::parse_type(ty).expect("test type"),
                nullable: !flags.contains(&"pk") && !flags.contains(&"notnull"),
                default: None,
                auto_increment: flags.contains(&"auto"),
                generated: None,
                collation: None,
                comment: None,
            }
        })
        .collect();
    Table {
        name: name.into(),
        kind: TableKind::Table,
        comment: None,
        definition: None,
        partition_of: None,
        partition_key: None,
        row_estimate: None,
        columns,
        primary_key: (!pk.is_empty()).then(|| Key { name: format!("{name}_pk"), columns: pk }),
        unique_constraints: vec![],
        foreign_keys: vec![],
        checks: vec![],
        indexes: vec![],
    }
}

fn catalog(ds: &str, tables: Vec<Table>) -> Catalog {
    let mut c = Catalog::new(ds, Engine::Sqlite, "main");
    c.schemas.push(Schema { name: "main".into(), comment: None, tables, enums: vec![] });
    c.normalize();
    c
}

fn pipeline(rules: &str) -> Pipeline {
    let text = format!(
        "name = \"p\"\nsource = {{ datasource = \"src\" }}\ntarget = {{ datasource = \"dst\" }}\n# rules\n#\n{rules}"
    );
    let spec: PipelineFile = diag::parse_toml("pipelines/t/p.toml", &text).unwrap_or_else(|e| panic!("{}", e.message));
    Pipeline { file: SourceFile { path: "pipelines/t/p.toml".into(), text }, spec }
}

fn shop() -> Catalog {
    catalog(
        "src",
        vec![
            table(
                "customers",
                &[
                    "id integer pk",
                    "first_name varchar(60) notnull",
                    "surname varchar(60)",
                    "email varchar(255)",
                    "phone varchar(32)",
                    "town varchar(80)",
                    "zip varchar(10)",
                    "balance decimal(12,2)",
                    "created_at timestamp",
                ],
            ),
            table(
                "orders",
                &["order_id integer pk", "customer_id integer", "order_dt date", "total_amt decimal(12,2)"],
            ),
            table(
                "orders_archive",
                &["order_id integer pk", "customer_id integer", "order_dt date", "total_amt decimal(12,2)"],
            ),
            table("payments", &["payment_id integer pk", "order_id integer", "paid_amt decimal(12,2)"]),
            table("audit_log", &["id integer pk", "blob_data binary"]),
        ],
    )
}

fn warehouse() -> Catalog {
    catalog(
        "dst",
        vec![
            table(
                "dim_customer",
                &[
                    "customer_key integer pk",
                    "given_name varchar(40) notnull",
                    "family_name varchar(60)",
                    "email_address varchar(255)",
                    "telephone varchar(32)",
                    "city varchar(80)",
                    "postal_code varchar(10)",
                    "balance decimal(10,2)",
                    "load_ts timestamp notnull",
                ],
            ),
            table(
                "fact_order",
                &["order_key integer pk", "customer_key integer", "order_date date", "total_amount decimal(12,2)"],
            ),
        ],
    )
}

fn generate_with(rules: &str, src: &Catalog, dst: &Catalog, root: &Path) -> Result<Mapping, String> {
    let p = pipeline(rules);
    let ctx = Context {
        pipeline: &p,
        source: src,
        target: dst,
        source_class: "test",
        target_class: "test",
        target_schema: None,
        threshold: 0.8,
        root,
    };
    mapping::generate(&ctx).map_err(|e| e.message)
}

fn gen_ok(rules: &str) -> Mapping {
    generate_with(rules, &shop(), &warehouse(), Path::new(".")).unwrap_or_else(|e| panic!("{e}"))
}

fn row<'a>(m: &'a Mapping, table: &str, col: &str) -> &'a mapping::ColumnMapping {
    m.tables
        .iter()
        .find(|t| t.target.name == table)
        .unwrap_or_else(|| panic!("no table {table}"))
        .columns
        .iter()
        .find(|c| c.target.name == col)
        .unwrap_or_else(|| panic!("no column {table}.{col}"))
}

fn source_of(m: &Mapping, table: &str, col: &str) -> Option<String> {
    match &row(m, table, col).value {
        Value::Column { alias, source } => Some(format!("{alias}.{}", source.name)),
        _ => None,
    }
}

fn codes(m: &Mapping) -> Vec<String> {
    m.findings.iter().map(|f| format!("{}: {}", f.code, f.message)).collect()
}

#[test]
fn inference_pairs_tables_and_columns_with_reasons() {
    let m = gen_ok("");
    let t = m.tables.iter().find(|t| t.target.name == "dim_customer").unwrap();
    assert_eq!(t.sources[0].table.name, "customers");
    assert_eq!(t.method, Method::Normalized, "{}", t.reason);
    assert_eq!(source_of(&m, "dim_customer", "given_name").as_deref(), Some("s1.first_name"));
    assert_eq!(row(&m, "dim_customer", "given_name").method, Method::Synonym);
    assert_eq!(source_of(&m, "dim_customer", "family_name").as_deref(), Some("s1.surname"));
    assert_eq!(source_of(&m, "dim_customer", "city").as_deref(), Some("s1.town"));
    assert_eq!(source_of(&m, "dim_customer", "postal_code").as_deref(), Some("s1.zip"));
    assert_eq!(source_of(&m, "dim_customer", "email_address").as_deref(), Some("s1.email"));
    assert_eq!(source_of(&m, "dim_customer", "telephone").as_deref(), Some("s1.phone"));
    assert_eq!(row(&m, "dim_customer", "balance").method, Method::Exact);
    assert_eq!(source_of(&m, "fact_order", "order_date").as_deref(), Some("s1.order_dt"));
    assert_eq!(row(&m, "fact_order", "order_date").method, Method::Abbreviation);
    assert_eq!(source_of(&m, "fact_order", "total_amount").as_deref(), Some("s1.total_amt"));
    // Unmapped lists.
    assert!(t.unmapped_target_columns.contains(&"load_ts".to_string()));
    let unmapped_required = row(&m, "dim_customer", "load_ts");
    assert_eq!(unmapped_required.status, Status::Unmapped);
    assert!(unmapped_required.findings.iter().any(|f| f.code == "unmapped_required"));
    assert!(t.unmapped_source_columns.iter().any(|c| c.column == "created_at"));
    assert!(m.unmapped_source_tables.iter().any(|t| t.name == "audit_log"));
    // Every row has a confidence in [0, 1] and a reason.
    for t in &m.tables {
        for c in &t.columns {
            assert!((0.0..=1.0).contains(&c.confidence), "{c:?}");
            assert!(!c.reason.is_empty());
        }
    }
    assert_eq!(m.summary.tables, 2);
    assert!(m.source.catalog_digest.starts_with("sha256:"));
}

#[test]
fn types_nullability_and_pii() {
    let m = gen_ok("");
    let bal = row(&m, "dim_customer", "balance");
    assert_eq!(bal.type_verdict.verdict, Verdict::Narrowing);
    assert!(bal.type_verdict.why.as_deref().unwrap().starts_with("precision"));
    assert!(matches!(bal.steps[0], Step::Cast { lossy: true, .. }));
    assert!(bal.findings.iter().any(|f| f.code == "lossy_cast"));
    let given = row(&m, "dim_customer", "given_name");
    assert!(given.type_verdict.why.as_deref().unwrap().starts_with("length"));
    assert_eq!(row(&m, "dim_customer", "email_address").pii, ["email"]);
    assert_eq!(row(&m, "dim_customer", "telephone").pii, ["phone"]);
    assert_eq!(row(&m, "dim_customer", "given_name").pii, ["name"]);
    assert_eq!(row(&m, "dim_customer", "postal_code").pii, ["address"]);
    let email = row(&m, "dim_customer", "email_address");
    assert_eq!(email.type_verdict.verdict, Verdict::Same);
    assert!(email.steps.is_empty());
}

#[test]
fn nullability_risk_is_a_finding_and_default_clears_it() {
    let src = catalog("src", vec![table("a", &["id integer pk", "label text"])]);
    let dst = catalog("dst", vec![table("a", &["id integer pk", "label text notnull"])]);
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert!(row(&m, "a", "label").type_verdict.nullability_risk);
    assert!(row(&m, "a", "label").findings.iter().any(|f| f.code == "nullability"));
    let m =
        generate_with("[[columns]]\ntarget = \"a.label\"\ndefault = \"n/a\"\n", &src, &dst, Path::new(".")).unwrap();
    assert!(!row(&m, "a", "label").type_verdict.nullability_risk);
}

#[test]
fn explicit_rules_win_over_inference() {
    let m = gen_ok(
        "[[tables]]\nsource = \"orders_archive\"\ntarget = \"fact_order\"\ncolumns = { customer_id = \"order_key\" }\n",
    );
    let t = m.tables.iter().find(|t| t.target.name == "fact_order").unwrap();
    assert_eq!(t.sources[0].table.name, "orders_archive");
    assert_eq!(t.method, Method::Rule);
    assert_eq!(source_of(&m, "fact_order", "order_key").as_deref(), Some("s1.customer_id"));
    assert_eq!(row(&m, "fact_order", "order_key").method, Method::Rule);
    assert!(m.unmapped_source_tables.iter().any(|t| t.name == "orders"), "inference never reuses the target");
}

#[test]
fn deterministic_bytes() {
    let rules = "[[columns]]\ntarget = \"*.email_address\"\nmask = \"hash\"\n";
    assert_eq!(gen_ok(rules).to_json(), gen_ok(rules).to_json());
}

#[test]
fn union_join_and_split() {
    let m = gen_ok(
        "[[tables]]\nsources = [\"orders\", \"orders_archive\"]\ntarget = \"fact_order\"\ncombine = \"union\"\n",
    );
    let t = m.tables.iter().find(|t| t.target.name == "fact_order").unwrap();
    assert_eq!(t.combine, Combine::Union);
    assert_eq!(t.columns.len(), 8, "one row per target column per branch");
    assert!(t.columns.iter().any(|c| c.branch.as_deref() == Some("s2")));

    let m = gen_ok(
        "[[tables]]\nsources = [\"orders\", \"payments\"]\ntarget = \"fact_order\"\ncombine = \"join\"\njoin_on = [\"orders.order_id = payments.order_id\"]\n\n[[columns]]\ntarget = \"fact_order.total_amount\"\nfrom = \"payments.paid_amt\"\n",
    );
    let t = m.tables.iter().find(|t| t.target.name == "fact_order").unwrap();
    assert_eq!(t.combine, Combine::Join);
    assert_eq!(t.sources[1].join_on[0].left_alias, "s1");
    assert_eq!(t.sources[1].join_on[0].right_column, "order_id");
    assert_eq!(source_of(&m, "fact_order", "total_amount").as_deref(), Some("s2.paid_amt"));

    // One-to-many: the same source feeds two targets.
    let m = gen_ok(
        "[[tables]]\nsource = \"customers\"\ntarget = \"dim_customer\"\n\n[[tables]]\nsource = \"customers\"\ntarget = \"fact_order\"\ncolumns = { id = \"customer_key\" }\n",
    );
    assert_eq!(source_of(&m, "fact_order", "customer_key").as_deref(), Some("s1.id"));
    assert_eq!(m.tables.iter().filter(|t| t.sources[0].table.name == "customers").count(), 2);
}

#[test]
fn selection_by_pattern_and_type() {
    let m = gen_ok(
        "[select]\nexclude_tables = [\"re:^orders\"]\nexclude_columns = [\"customers.e*\"]\nexclude_types = [\"decimal\"]\n",
    );
    assert!(!m.tables.iter().any(|t| t.target.name == "fact_order"));
    assert_eq!(source_of(&m, "dim_customer", "email_address"), None);
    assert_eq!(source_of(&m, "dim_customer", "balance"), None);
    let m = gen_ok("[select]\ntables = [\"customers\"]\ncolumns = [\"*.id\", \"*name\"]\n");
    assert_eq!(m.tables.len(), 1);
    assert_eq!(source_of(&m, "dim_customer", "city"), None);
    assert_eq!(source_of(&m, "dim_customer", "given_name").as_deref(), Some("s1.first_name"));
    let m = gen_ok("[select]\nexclude_tables = [\"nothing_*\"]\n");
    assert!(codes(&m).iter().any(|c| c.starts_with("rule_no_match") && c.contains("nothing_*")), "{:?}", codes(&m));
}

#[test]
fn transforms_cast_default_constant_expr_add_drop() {
    let m = gen_ok(
        r#"
[[columns]]
target = "dim_customer.balance"
cast = "decimal(10,2)"
default = 0

[[columns]]
target = "dim_customer.load_ts"
expr = "coalesce(created_at, '1970-01-01')"

[[columns]]
target = "dim_customer.source_system"
add = "varchar(10)"
constant = "shop"

[[columns]]
target = "dim_customer.telephone"
drop = true
"#,
    );
    let bal = row(&m, "dim_customer", "balance");
    assert!(matches!(&bal.steps[0], Step::Cast { lossy: true, .. }));
    assert!(matches!(&bal.steps[1], Step::Default { .. }));
    let ts = row(&m, "dim_customer", "load_ts");
    assert!(matches!(&ts.value, Value::Expression { text, .. } if text.starts_with("coalesce")));
    assert_eq!(ts.method, Method::Rule);
    let added = row(&m, "dim_customer", "source_system");
    assert!(matches!(&added.value, Value::Constant { .. }));
    assert_eq!(added.target.raw_type, "varchar(10)");
    let tel = row(&m, "dim_customer", "telephone");
    assert!(matches!(tel.value, Value::None));
    assert_eq!(tel.reason, "dropped by rule");
    let t = m.tables.iter().find(|t| t.target.name == "dim_customer").unwrap();
    assert!(t.unmapped_source_columns.iter().any(|c| c.column == "phone"), "dropped target frees its source");
    assert!(!t.unmapped_source_columns.iter().any(|c| c.column == "created_at"), "used in the expression");
    assert!(!codes(&m).iter().any(|c| c.starts_with("rule_no_match")), "{:?}", codes(&m));
}

#[test]
fn every_mask_kind() {
    let kinds = [
        ("\"hash\"", "hash"),
        ("{ kind = \"digits_mask\", keep_last = 4 }", "digits_mask"),
        ("\"digits_randomize\"", "digits_randomize"),
        ("\"redact\"", "redact"),
        ("{ kind = \"partial\", keep_last = 3 }", "partial"),
        ("\"fake_email\"", "fake"),
        ("\"fake_phone\"", "fake"),
        ("\"fake_name\"", "fake"),
        ("\"null\"", "null"),
    ];
    for (spec, kind) in kinds {
        let m = gen_ok(&format!("[[columns]]\ntarget = \"*.email_address\"\nmask = {spec}\n"));
        let r = row(&m, "dim_customer", "email_address");
        let mask = r.mask().unwrap_or_else(|| panic!("no mask for {spec}"));
        let json = serde_json::to_value(mask).unwrap();
        assert_eq!(json["kind"], kind, "{spec}");
        assert_eq!(m.summary.masked, 1);
    }
    let m = gen_ok("[[columns]]\ntarget = \"dim_customer.email_address\"\nmask = { kind = \"hash\", salt = \"s\" }\n");
    assert_eq!(row(&m, "dim_customer", "email_address").mask(), Some(&Mask::Hash { salt: "s".into() }));
}

#[test]
fn renames_map_file_and_patterns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("renames.csv"),
        "source_table,source_column,target_table,target_column\norders,,fact_order,\norders,customer_id,fact_order,order_key\n",
    )
    .unwrap();
    let m = generate_with("renames_file = \"renames.csv\"\n", &shop(), &warehouse(), dir.path()).unwrap();
    let t = m.tables.iter().find(|t| t.target.name == "fact_order").unwrap();
    assert_eq!(t.method, Method::RenameFile);
    assert_eq!(row(&m, "fact_order", "order_key").method, Method::RenameFile);
    assert_eq!(source_of(&m, "fact_order", "order_key").as_deref(), Some("s1.customer_id"));

    let src = catalog(
        "src",
        vec![table("Customer", &["CustomerId integer pk", "FirstName text", "c_town text", "x_dt date"])],
    );
    let dst = catalog(
        "dst",
        vec![table("dim_customer", &["customer_id integer pk", "first_name text", "cust_town text", "x_date date"])],
    );
    let rules = r#"
[[renames]]
apply_to = "tables"
case = "snake"
add_prefix = "dim_"

[[renames]]
case = "snake"

[[renames]]
remove_prefix = "c_"
add_prefix = "cust_"

[[renames]]
regex = "^(.*)_dt$"
replacement = "${1}_date"
"#;
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(m.tables[0].method, Method::Pattern);
    for (t, s) in
        [("customer_id", "CustomerId"), ("first_name", "FirstName"), ("cust_town", "c_town"), ("x_date", "x_dt")]
    {
        assert_eq!(row(&m, "dim_customer", t).method, Method::Pattern, "{t}");
        assert_eq!(source_of(&m, "dim_customer", t), Some(format!("s1.{s}")));
    }
}

#[test]
fn matching_controls_strategies_synonyms_abbreviations_lock() {
    let m = gen_ok("[matching]\nstrategies = [\"exact\"]\n");
    assert_eq!(source_of(&m, "dim_customer", "city"), None, "synonyms disabled");
    assert_eq!(source_of(&m, "dim_customer", "balance").as_deref(), Some("s1.balance"));

    let src = catalog("src", vec![table("t", &["patron_hh integer"])]);
    let dst = catalog("dst", vec![table("t", &["customer_household integer"])]);
    let m = generate_with(
        "[matching]\nsynonyms = [[\"patron\", \"customer\"]]\nabbreviations = { hh = \"household\" }\n",
        &src,
        &dst,
        Path::new("."),
    )
    .unwrap();
    assert_eq!(source_of(&m, "t", "customer_household").as_deref(), Some("s1.patron_hh"));
    assert_eq!(row(&m, "t", "customer_household").status, Status::Accepted);

    let m = gen_ok("[[columns]]\ntarget = \"dim_customer.city\"\nfrom = \"zip\"\nlock = true\n");
    assert_eq!(row(&m, "dim_customer", "city").method, Method::Locked);
    assert_eq!(source_of(&m, "dim_customer", "city").as_deref(), Some("s1.zip"));
    assert_ne!(source_of(&m, "dim_customer", "postal_code").as_deref(), Some("s1.zip"));

    let m = gen_ok("[matching]\ninfer = false\n");
    assert!(m.tables.is_empty());
}

#[test]
fn row_filters() {
    let m = gen_ok(
        "[[tables]]\nsource = \"orders\"\ntarget = \"fact_order\"\nfilter = \"total_amt > 0 and (order_dt >= '2020-01-01' or customer_id is not null)\"\n",
    );
    let f = m.tables.iter().find(|t| t.target.name == "fact_order").unwrap().filter.clone().unwrap();
    let json = serde_json::to_string(&f).unwrap();
    assert!(json.contains("\"alias\":\"s1\""), "{json}");
    assert!(json.contains("\"operator\":\"and\""));
}

#[test]
fn low_confidence_matches_need_review() {
    let src = catalog("src", vec![table("t", &["cust_full_nm text", "id integer pk"])]);
    let dst = catalog("dst", vec![table("t", &["customer_name text", "id integer pk"])]);
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "t", "customer_name");
    assert_eq!(r.method, Method::Fuzzy);
    assert_eq!(r.status, Status::NeedsReview, "{r:?}");
    assert!(r.findings.iter().any(|f| f.code == "needs_review"));
    assert_eq!(m.summary.needs_review, 1);
}

#[test]
fn tpch_prefix_stripping_and_structure() {
    let src = catalog(
        "src",
        vec![table(
            "customer",
            &[
                "c_custkey integer pk",
                "c_name varchar(25)",
                "c_address varchar(40)",
                "c_phone char(15)",
                "c_acctbal decimal(15,2)",
            ],
        )],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "dim_customer",
            &[
                "customer_key integer pk",
                "name varchar(25)",
                "address varchar(40)",
                "phone char(15)",
                "account_balance decimal(15,2)",
            ],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(row(&m, "dim_customer", "name").method, Method::Prefix);
    assert_eq!(source_of(&m, "dim_customer", "address").as_deref(), Some("s1.c_address"));
    assert_eq!(source_of(&m, "dim_customer", "customer_key").as_deref(), Some("s1.c_custkey"));
    assert_eq!(source_of(&m, "dim_customer", "account_balance").as_deref(), Some("s1.c_acctbal"));
}

#[test]
fn foreign_keys_do_not_break_inference() {
    let mut orders = table("orders", &["id integer pk", "cust integer"]);
    orders.foreign_keys.push(ForeignKey {
        name: "fk".into(),
        columns: vec!["cust".into()],
        referenced_schema: "main".into(),
        referenced_table: "customers".into(),
        referenced_columns: vec!["id".into()],
        on_delete: None,
        on_update: None,
    });
    let src = catalog("src", vec![orders]);
    let dst = catalog("dst", vec![table("order", &["id integer pk", "customer integer"])]);
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "order", "customer").as_deref(), Some("s1.cust"));
}

#[test]
fn conflicting_rules_are_errors_naming_both() {
    let err = generate_with(
        "[[tables]]\nsource = \"orders\"\ntarget = \"fact_order\"\n\n[[tables]]\nsource = \"orders_archive\"\ntarget = \"fact_order\"\n",
        &shop(),
        &warehouse(),
        Path::new("."),
    )
    .unwrap_err();
    assert!(err.contains("pipelines/t/p.toml:12:10: table rule #2 conflicts with table rule #1 (line 6)"), "{err}");

    let err = generate_with(
        "[[columns]]\ntarget = \"dim_customer.city\"\nfrom = \"town\"\n\n[[columns]]\ntarget = \"dim_customer.city\"\nconstant = \"x\"\n",
        &shop(),
        &warehouse(),
        Path::new("."),
    )
    .unwrap_err();
    assert!(err.contains(":11:10: column rule #2 conflicts with column rule #1 (line 6)"), "{err}");

    let err = generate_with(
        "[[tables]]\nsource = \"customers\"\ntarget = \"dim_customer\"\ncolumns = { town = \"city\" }\n\n[[columns]]\ntarget = \"dim_customer.city\"\nconstant = \"x\"\n",
        &shop(),
        &warehouse(),
        Path::new("."),
    )
    .unwrap_err();
    assert!(err.contains("column rule #1 conflicts with table rule #1 (line 6)"), "{err}");
}

#[test]
fn rules_that_match_nothing_are_warnings() {
    let m = gen_ok(
        r#"
[[tables]]
source = "nope"
target = "fact_order"

[[tables]]
source = "customers"
target = "dim_customer"
columns = { ghost = "city" }

[[columns]]
target = "dim_customer.no_such_column"
mask = "hash"

[[renames]]
add_suffix = "_zzz"
"#,
    );
    let c = codes(&m);
    assert!(c.iter().any(|x| x.contains("table rule #1 matches nothing: source table `nope` not found")), "{c:?}");
    assert!(c.iter().any(|x| x.contains("table rule #2 renames `ghost`")), "{c:?}");
    assert!(
        c.iter().any(|x| x.contains("column rule #1 (`dim_customer.no_such_column`) matches no target column")),
        "{c:?}"
    );
    assert!(c.iter().any(|x| x.contains("rename rule #1 renames nothing")), "{c:?}");
    assert!(m.findings.iter().all(|f| f.code != "rule_no_match" || f.severity == mapping::Severity::Warning));
}

#[test]
fn static_checks_locate_every_error() {
    let p = pipeline(
        r#"
[select]
exclude_tables = ["re:("]

[[columns]]
target = "dim_customer.email_address"
mask = "hsah"

[[columns]]
target = "dim_customer.city"
expr = "concat(town, "

[[columns]]
target = "dim_customer.x"
cast = "varchr(10)"

[[renames]]
case = "kebab"

[matching]
strategies = ["fuzy"]

[[tables]]
source = "a"
target = "b"
filter = "x = = 1"
"#,
    );
    let errs: Vec<String> = mapping::check_rules(&p, Path::new(".")).into_iter().map(|e| e.message).collect();
    let all = errs.join("\n");
    assert!(all.contains("p.toml:12:8: unknown mask kind `hsah`") && all.contains("did you mean `hash`?"), "{all}");
    assert!(all.contains("p.toml:16:22: invalid `expr` expression"), "{all}");
    assert!(all.contains("invalid regular expression"), "{all}");
    assert!(all.contains("unknown type `varchr(10)` in `cast`"), "{all}");
    assert!(all.contains("unknown case `kebab`"), "{all}");
    assert!(all.contains("unknown matching strategy `fuzy`") && all.contains("did you mean `fuzzy`?"), "{all}");
    assert!(all.contains("invalid `filter` expression"), "{all}");
    assert_eq!(errs.len(), 7, "{all}");
    assert!(mapping::check_rules(&pipeline(""), Path::new(".")).is_empty());
}

#[test]
fn pii_patterns_from_the_pipeline() {
    let src = catalog("src", vec![table("t", &["loyalty_no text", "note text"])]);
    let dst = catalog("dst", vec![table("t", &["loyalty_no text", "note text"])]);
    let m = generate_with("[pii]\npatterns = { loyalty = \"_loyalty_\" }\n", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(row(&m, "t", "loyalty_no").pii, ["loyalty"]);
    assert!(row(&m, "t", "note").pii.is_empty());
}

fn table_of<'a>(m: &'a Mapping, target: &str) -> &'a mapping::TableMapping {
    m.tables.iter().find(|t| t.target.name == target).unwrap_or_else(|| panic!("no plan for {target}: {m:#?}"))
}

fn source_names(t: &mapping::TableMapping) -> Vec<&str> {
    t.sources.iter().map(|s| s.table.name.as_str()).collect()
}

#[test]
fn inferred_join_adds_a_source_that_explains_other_columns() {
    let src = catalog(
        "src",
        vec![
            table(
                "staff",
                &["staff_no integer pk", "full_name text", "dept_id integer", "salary_amount decimal(10,2)"],
            ),
            table("departments", &["dept_id integer pk", "department_name text", "office_city text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "employee_profile",
            &[
                "employee_number integer pk",
                "full_name text",
                "department_name text",
                "office_city text",
                "salary_amount decimal(10,2)",
            ],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let t = table_of(&m, "employee_profile");
    assert_eq!(source_names(t), ["staff", "departments"]);
    assert_eq!(t.combine, Combine::Join);
    assert_eq!(t.method, Method::ColumnSet);
    let key = &t.sources[1].join_on;
    assert_eq!(
        (key[0].left_alias.as_str(), key[0].left_column.as_str(), key[0].right_column.as_str()),
        ("s1", "dept_id", "dept_id")
    );
    assert_eq!(source_of(&m, "employee_profile", "department_name").as_deref(), Some("s2.department_name"));
    assert_eq!(source_of(&m, "employee_profile", "salary_amount").as_deref(), Some("s1.salary_amount"));
    assert!(
        m.findings.iter().any(|f| f.code == "needs_review" && f.message.contains("review the combination")),
        "an inferred combination is always put to the reviewer: {:?}",
        m.findings
    );
    // `[matching] combine = false` keeps inferred pairs 1:1.
    let m = generate_with("[matching]\ncombine = false\n", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_names(table_of(&m, "employee_profile")), ["staff"]);
    assert_ne!(row(&m, "employee_profile", "department_name").status, Status::Accepted);
}

#[test]
fn inferred_union_of_sources_with_rows_of_the_same_kind() {
    let cols = |extra: &str| {
        vec![
            "order_no integer pk".to_string(),
            "placed_ts timestamp".into(),
            "amount_usd decimal(12,2)".into(),
            "customer_email text".into(),
            extra.to_string(),
        ]
    };
    let web = cols("browser text");
    let pos = cols("terminal_serial text");
    let src = catalog(
        "src",
        vec![
            table("web_checkout", &web.iter().map(String::as_str).collect::<Vec<_>>()),
            table("pos_checkout", &pos.iter().map(String::as_str).collect::<Vec<_>>()),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "sale_event",
            &[
                "order_number integer pk",
                "placed_timestamp timestamp",
                "amount_usd decimal(12,2)",
                "customer_email text",
                "sales_channel text",
            ],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let t = table_of(&m, "sale_event");
    assert_eq!(t.combine, Combine::Union, "{t:#?}");
    let mut names = source_names(t);
    names.sort();
    assert_eq!(names, ["pos_checkout", "web_checkout"]);
    for branch in ["s1", "s2"] {
        let row = t
            .columns
            .iter()
            .find(|c| c.branch.as_deref() == Some(branch) && c.target.name == "amount_usd")
            .expect("every branch maps the shared columns");
        assert_eq!(row.status, Status::Accepted);
    }
}

#[test]
fn one_source_splits_into_two_targets() {
    let src = catalog(
        "src",
        vec![table(
            "customer_orders",
            &[
                "order_id integer pk",
                "order_date date",
                "total_amount decimal(12,2)",
                "customer_name text",
                "customer_email text",
                "customer_city text",
            ],
        )],
    );
    let dst = catalog(
        "dst",
        vec![
            table("order_header", &["order_id integer pk", "order_date date", "total_amount decimal(12,2)"]),
            table("customer_contact", &["customer_name text", "customer_email text", "customer_city text"]),
        ],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_names(table_of(&m, "order_header")), ["customer_orders"]);
    assert_eq!(source_names(table_of(&m, "customer_contact")), ["customer_orders"]);
    assert_eq!(source_of(&m, "customer_contact", "customer_email").as_deref(), Some("s1.customer_email"));
    assert_eq!(source_of(&m, "order_header", "order_date").as_deref(), Some("s1.order_date"));
}

#[test]
fn unrelated_tables_are_not_combined() {
    // `payments` shares only a foreign key (`order_id`) with `fact_order`: that names the
    // target's table but says nothing about payments being orders.
    let src = catalog(
        "src",
        vec![
            table("payments", &["payment_id integer pk", "order_id integer", "paid_amt decimal(12,2)"]),
            table("audit_log", &["id integer pk", "blob_data binary"]),
        ],
    );
    let dst =
        catalog("dst", vec![table("fact_order", &["order_key integer pk", "customer_key integer", "order_date date"])]);
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert!(m.tables.is_empty(), "{:#?}", m.tables);
    assert_eq!(m.unmapped_target_tables.len(), 1);
}

/// Every source table carries `subject_id`, every target table `person_id`.
fn hub_schemas() -> (Catalog, Catalog) {
    let src = catalog(
        "src",
        vec![
            table("patients", &["subject_id integer pk", "gender text"]),
            table("admissions", &["hadm_id integer pk", "subject_id integer", "admit_time timestamp"]),
            table("lab_events", &["lab_event_id integer pk", "subject_id integer", "value_text text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![
            table("person", &["person_id integer pk", "gender_source_value text"]),
            table("visit", &["visit_id integer pk", "person_id integer", "provider_id integer"]),
            table("measurement", &["measurement_id integer pk", "person_id integer", "provider_id integer"]),
        ],
    );
    (src, dst)
}

#[test]
fn hub_keys_match_by_structure() {
    // Every source table carries `subject_id`, every target table `person_id`: the schemas'
    // main entity keys, matched although their names share nothing but `id`.
    let (src, dst) = hub_schemas();
    let rules = "[[tables]]\nsource = \"patients\"\ntarget = \"person\"\n\n[[tables]]\nsource = \"admissions\"\ntarget = \"visit\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "visit", "person_id");
    assert_eq!(source_of(&m, "visit", "person_id").as_deref(), Some("s1.subject_id"));
    assert_eq!(r.method, Method::Structure);
    assert!(r.reason.contains("identifier most tables"), "{}", r.reason);
    assert_eq!(source_of(&m, "person", "person_id").as_deref(), Some("s1.subject_id"));
    // Without a clear hub (two identifiers tie, neither names a table) there is no such evidence.
    let dst = catalog(
        "dst",
        vec![
            table("a", &["x_id integer", "y_id integer"]),
            table("b", &["x_id integer", "y_id integer"]),
            table("visit", &["x_id integer", "y_id integer", "provider_id integer"]),
        ],
    );
    let m =
        generate_with("[[tables]]\nsource = \"admissions\"\ntarget = \"visit\"\n", &src, &dst, Path::new(".")).unwrap();
    assert!(table_of(&m, "visit").columns.iter().all(|c| c.method != Method::Structure), "{m:#?}");
}

#[test]
fn lookup_tables_join_by_their_own_key() {
    // `regions` adds one column (`region_name`) through its own key: a lookup join, the way
    // a star-schema dimension is denormalized.
    let src = catalog(
        "src",
        vec![
            table("shops", &["shop_id integer pk", "shop_name text", "opening_date date", "region_id integer"]),
            table("regions", &["region_id integer pk", "region_name text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "dim_store",
            &["store_key integer pk", "shop_name text", "opening_date date", "region_id integer", "region_name text"],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let t = table_of(&m, "dim_store");
    assert_eq!(source_names(t), ["shops", "regions"]);
    assert_eq!(t.combine, Combine::Join);
    assert_eq!(t.sources[1].join_on[0].right_column, "region_id");
    assert_eq!(source_of(&m, "dim_store", "region_name").as_deref(), Some("s2.region_name"));
    // Without its own key (`code` names nothing), one extra column is not enough.
    let src = catalog(
        "src",
        vec![
            table("shops", &["shop_id integer pk", "shop_name text", "opening_date date", "region_code text"]),
            table("area_lookup", &["region_code text", "region_name text"]),
        ],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_names(table_of(&m, "dim_store")), ["shops"]);
}

#[test]
fn many_tables_map_the_same_bytes_on_every_run() {
    // Enough tables that columns are matched on several threads: the result must not depend
    // on how the work was split.
    let side = |prefix: &str, col: &str| -> Vec<Table> {
        (0..300)
            .map(|i| {
                let cols = [
                    format!("{col}_{i}_id integer pk"),
                    format!("customer_nm_{i} text"),
                    "amt decimal(12,2)".to_string(),
                    "created_ts timestamp".to_string(),
                    format!("note_{} text", i % 7),
                ];
                table(&format!("{prefix}entity_{i}"), &cols.iter().map(String::as_str).collect::<Vec<_>>())
            })
            .collect()
    };
    let src = catalog("src", side("tbl_", "src"));
    let dst = catalog("dst", side("dim_", "dst"));
    let first = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert_eq!(first.tables.len(), 300);
    for _ in 0..3 {
        assert_eq!(generate_with("", &src, &dst, Path::new(".")).unwrap().to_json(), first.to_json());
    }
}

#[test]
fn hub_keys_count_tables_that_select_leaves_out() {
    // `[select]` narrows the source to `admissions`, but the hub is a property of the whole
    // schema: `subject_id` is still the key most source tables share.
    let (src, dst) = hub_schemas();
    let rules = "[select]\ntables = [\"admissions\"]\n\n[[tables]]\nsource = \"admissions\"\ntarget = \"visit\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "visit", "person_id").as_deref(), Some("s1.subject_id"), "{m:#?}");
    assert_eq!(row(&m, "visit", "person_id").method, Method::Structure);
}

#[test]
fn a_table_name_is_implicit_in_its_columns() {
    // `measurement_datetime` of `measurement` and `chart_time` differ in `chart` only once the
    // target table's own name is discounted; matched, that word still counts in full.
    let src = catalog(
        "src",
        vec![table("lab_events", &["lab_event_id integer pk", "chart_time timestamp", "result_value real"])],
    );
    let with_ctx = catalog(
        "dst",
        vec![table(
            "measurement",
            &["measurement_id integer pk", "measurement_datetime timestamp", "value_as_number real"],
        )],
    );
    let rules = "[[tables]]\nsource = \"lab_events\"\ntarget = \"measurement\"\n";
    let m = generate_with(rules, &src, &with_ctx, Path::new(".")).unwrap();
    let in_own_table = row(&m, "measurement", "measurement_datetime").confidence;
    assert_eq!(source_of(&m, "measurement", "measurement_datetime").as_deref(), Some("s1.chart_time"));
    // The same column name in a table of another name: `measurement` is then a real difference.
    let other = catalog(
        "dst",
        vec![table(
            "observation",
            &["observation_id integer pk", "measurement_datetime timestamp", "value_as_number real"],
        )],
    );
    let m =
        generate_with("[[tables]]\nsource = \"lab_events\"\ntarget = \"observation\"\n", &src, &other, Path::new("."))
            .unwrap();
    let elsewhere = row(&m, "observation", "measurement_datetime").confidence;
    assert!(in_own_table > elsewhere, "own table {in_own_table} vs another table {elsewhere}");
}

#[test]
fn a_reference_to_another_table_does_not_match_its_text() {
    // `customer.address_id` points at table `address`; `customer_address` is address text.
    let src = catalog(
        "src",
        vec![
            table("address", &["address_id integer pk", "address text", "district text"]),
            table("customer", &["customer_id integer pk", "first_name text", "address_id integer", "email text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "dim_customer",
            &["customer_key integer pk", "customer_first_name text", "customer_address text", "customer_email text"],
        )],
    );
    let rules = "[[tables]]\nsource = \"customer\"\ntarget = \"dim_customer\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "dim_customer", "customer_address");
    assert!(r.status != Status::Accepted, "{r:#?}");
    assert!(!r.reason.contains("clear best"), "doubtful evidence is never raised: {}", r.reason);
    // Without a table `address`, `address_id` is the only address there is: not discounted.
    let src = catalog(
        "src",
        vec![table("customer", &["customer_id integer pk", "first_name text", "address_id integer", "email text"])],
    );
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r2 = row(&m, "dim_customer", "customer_address");
    assert_eq!(source_of(&m, "dim_customer", "customer_address").as_deref(), Some("s1.address_id"));
    assert!(!r2.reason.contains("reference to another table"), "{}", r2.reason);
    assert!(r.confidence < r2.confidence, "{} vs {}", r.confidence, r2.confidence);
}

#[test]
fn a_generated_surrogate_key_is_not_filled_by_position() {
    // `patron_key` is generated by the warehouse (auto-increment, `…_key`); the source's own key
    // goes to the business key `patron_id` when the names say so, never to the surrogate by position.
    let src = catalog("src", vec![table("borrowers", &["borrowernumber integer pk", "surname text", "email text"])]);
    let dst = |key: &str| {
        catalog(
            "dst",
            vec![table("dim_patron", &[key, "patron_id integer notnull", "last_name text", "email_address text"])],
        )
    };
    let rules = "[[tables]]\nsource = \"borrowers\"\ntarget = \"dim_patron\"\n";
    let m = generate_with(rules, &src, &dst("patron_key integer pk auto"), Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "dim_patron", "patron_key"), None, "{:#?}", row(&m, "dim_patron", "patron_key"));
    assert_eq!(source_of(&m, "dim_patron", "last_name").as_deref(), Some("s1.surname"));
    // A key the target does not generate, or one not named as a surrogate, still pairs by position.
    let m = generate_with(rules, &src, &dst("patron_key integer pk"), Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "dim_patron", "patron_key").as_deref(), Some("s1.borrowernumber"));
    let m = generate_with(rules, &src, &dst("patron_no integer pk auto"), Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "dim_patron", "patron_no").as_deref(), Some("s1.borrowernumber"));
}

#[test]
fn an_abbreviation_of_the_own_table_name_reads_as_that_name() {
    // `GRD_ID` of `GUARDIAN` is the guardian's id, not `grades` (g-r-d abbreviates both).
    let src = catalog(
        "src",
        vec![table("GUARDIAN", &["GRD_ID integer pk", "FIRST_NM text", "LAST_NM text", "EMAIL_ADDR text"])],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "users",
            &["user_id integer pk", "grades text", "given_name text", "family_name text", "email text"],
        )],
    );
    let rules = "[[tables]]\nsource = \"GUARDIAN\"\ntarget = \"users\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "users", "grades"), None, "{:#?}", row(&m, "users", "grades"));
    assert_eq!(source_of(&m, "users", "given_name").as_deref(), Some("s1.FIRST_NM"));
}

#[test]
fn people_of_several_roles_union_into_one_target() {
    // Students, teachers and guardians all become `users` rows; the first source explains more
    // target columns than the others, which still feed the same columns (rows of the same kind).
    let src = catalog(
        "src",
        vec![
            table(
                "GUARDIAN",
                &[
                    "GRD_ID integer pk",
                    "GRD_FNAME text",
                    "GRD_LNAME text",
                    "EMAIL_ADDR text",
                    "PHONE_NO text",
                    "USER_NM text",
                    "MIDDLE_NM text",
                ],
            ),
            table(
                "TEACHER",
                &[
                    "TCHR_ID integer pk",
                    "TCHR_FNAME text",
                    "TCHR_LNAME text",
                    "EMAIL_ADDR text",
                    "PHONE_NO text",
                    "HIRE_DT date",
                ],
            ),
            table(
                "STUDENT",
                &[
                    "STU_ID integer pk",
                    "STU_FNAME text",
                    "STU_LNAME text",
                    "EMAIL_ADDR text",
                    "PHONE_NO text",
                    "BIRTH_DT date",
                ],
            ),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "users",
            &[
                "sourcedId integer pk",
                "givenName text",
                "familyName text",
                "email text",
                "phone text",
                "username text",
                "middleName text",
            ],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let t = table_of(&m, "users");
    assert_eq!(t.combine, Combine::Union, "{t:#?}");
    let mut names = source_names(t);
    names.sort();
    assert_eq!(names, ["GUARDIAN", "STUDENT", "TEACHER"]);
}

#[test]
fn a_foreign_key_to_a_surrogate_key_is_a_lookup_for_review() {
    // `FactSalesOrder.CustomerKey` references the generated `DimCustomer.CustomerKey`: the load
    // looks it up by `customer_id`, so the inferred match goes to review, not straight in.
    let src = catalog(
        "src",
        vec![table("orders", &["order_id integer pk", "customer_id integer", "grand_total decimal(12,2)"])],
    );
    let mut fact = table(
        "FactSalesOrder",
        &["OrderKey integer pk auto", "OrderId integer", "CustomerKey integer", "GrandTotal decimal(12,2)"],
    );
    fact.foreign_keys.push(ForeignKey {
        name: "fk_customer".into(),
        columns: vec!["CustomerKey".into()],
        referenced_schema: "main".into(),
        referenced_table: "DimCustomer".into(),
        referenced_columns: vec!["CustomerKey".into()],
        on_delete: None,
        on_update: None,
    });
    let dim = table("DimCustomer", &["CustomerKey integer pk auto", "CustomerId integer", "FullName text"]);
    let dst = catalog("dst", vec![dim, fact]);
    let rules = "[[tables]]\nsource = \"orders\"\ntarget = \"FactSalesOrder\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "FactSalesOrder", "CustomerKey");
    assert_eq!(source_of(&m, "FactSalesOrder", "CustomerKey").as_deref(), Some("s1.customer_id"));
    assert_eq!(r.status, Status::NeedsReview, "{r:#?}");
    assert!(r.reason.contains("surrogate key, filled by a lookup"), "{}", r.reason);
    assert_eq!(source_of(&m, "FactSalesOrder", "OrderKey"), None, "a generated key has no source");
    assert_eq!(row(&m, "FactSalesOrder", "OrderId").status, Status::Accepted);
    // The same column name on both sides is a copy, not a lookup.
    let src = catalog("src", vec![table("orders", &["order_id integer pk", "CustomerKey integer"])]);
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(row(&m, "FactSalesOrder", "CustomerKey").status, Status::Accepted);
}

#[test]
fn a_joined_tables_key_is_not_mapped_again_and_a_generated_key_is_no_position_bonus() {
    // `tbl_EmpAddr.c_EmpNo` equals `tbl_Emp.c_EmpNo` (the join key): it is not a second source
    // for `employeeNumber`. `workerId`, generated by the target, gains nothing from being the
    // first key column: `c_EmpNo` is the employee number by name.
    let src = catalog(
        "src",
        vec![
            table("tbl_Emp", &["c_EmpNo integer pk", "c_FirstNm text", "c_LastNm text"]),
            table("tbl_EmpAddr", &["c_EmpNo integer pk", "c_City text", "c_PostCd text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "worker",
            &[
                "workerId integer pk auto",
                "employeeNumber integer",
                "firstName text",
                "lastName text",
                "city text",
                "postalCode text",
            ],
        )],
    );
    let rules = "[[tables]]\nsources = [\"tbl_Emp\", \"tbl_EmpAddr\"]\ntarget = \"worker\"\ncombine = \"join\"\n\
                 join_on = [\"tbl_Emp.c_EmpNo = tbl_EmpAddr.c_EmpNo\"]\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "worker", "employeeNumber").as_deref(), Some("s1.c_EmpNo"));
    assert_eq!(source_of(&m, "worker", "workerId"), None, "{:#?}", row(&m, "worker", "workerId"));
    assert_eq!(source_of(&m, "worker", "city").as_deref(), Some("s2.c_City"));
}

#[test]
fn a_shared_vocabulary_file_teaches_the_matcher_a_systems_abbreviations() {
    // SAP's `LFA1.LIFNR` (Lieferantennummer) means supplier number; no general dictionary has it.
    let src = catalog("src", vec![table("LFA1", &["LIFNR varchar(10) pk", "NAME1 varchar(35)", "ORT01 varchar(35)"])]);
    let dst = catalog(
        "dst",
        vec![table(
            "dim_supplier",
            &["supplier_number varchar(10) pk", "supplier_name varchar(80)", "city varchar(60)"],
        )],
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pipelines/vocab")).unwrap();
    std::fs::write(
        dir.path().join("pipelines/vocab/sap.csv"),
        "kind,word,meaning\nabbreviation,lifnr,supplier number\nabbreviation,name1,supplier name\nabbreviation,ort01,city\n",
    )
    .unwrap();
    let rules = "[[tables]]\nsource = \"LFA1\"\ntarget = \"dim_supplier\"\n";
    let without = generate_with(rules, &src, &dst, dir.path()).unwrap();
    assert_eq!(source_of(&without, "dim_supplier", "city"), None);
    let with = format!("{rules}[matching]\nvocabulary_files = [\"pipelines/vocab/sap.csv\"]\n");
    let m = generate_with(&with, &src, &dst, dir.path()).unwrap();
    for (t, s) in [("supplier_number", "s1.LIFNR"), ("supplier_name", "s1.NAME1"), ("city", "s1.ORT01")] {
        assert_eq!(source_of(&m, "dim_supplier", t).as_deref(), Some(s), "{t}");
        assert_eq!(row(&m, "dim_supplier", t).status, Status::Accepted, "{t}");
    }
    // A missing file is an error naming the pipeline file, the setting and the file.
    let bad = format!("{rules}[matching]\nvocabulary_files = [\"pipelines/vocab/nope.csv\"]\n");
    let e = generate_with(&bad, &src, &dst, dir.path()).unwrap_err();
    assert!(e.contains("cannot read vocabulary file pipelines/vocab/nope.csv") && e.contains("p.toml"), "{e}");
}

#[test]
fn identifiers_of_incompatible_types_are_for_review() {
    // A Salesforce `Id` (18 characters) is not a HubSpot `id` (an integer): another system's key.
    let dst = catalog("dst", vec![table("hs_owners", &["id integer pk", "email text", "first_name text"])]);
    let rules = "[[tables]]\nsource = \"sf_User\"\ntarget = \"hs_owners\"\n";
    let src = catalog("src", vec![table("sf_User", &["Id varchar(18) pk", "Email text", "FirstName text"])]);
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "hs_owners", "id");
    assert_eq!(r.status, Status::NeedsReview, "{r:#?}");
    assert!(r.reason.contains("identifiers of incompatible types"), "{}", r.reason);
    assert_eq!(row(&m, "hs_owners", "email").status, Status::Accepted);
    let src = catalog("src", vec![table("sf_User", &["Id integer pk", "Email text", "FirstName text"])]);
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(row(&m, "hs_owners", "id").status, Status::Accepted);
}

#[test]
fn a_whole_name_match_is_not_traded_for_two_half_matches() {
    // Summed scores prefer `failure_code` → `FailureReason` plus `failure_message` →
    // `FailureCode` (two half-matches) over `failure_code` → `FailureCode` alone, because the
    // remaining `failure_message` → `FailureReason` is below the floor. A whole-name match that
    // is the only one of both its columns is kept.
    // (Stripe's charges and a finance mart's payment fact, as a blind benchmark case has them.)
    let src = catalog(
        "src",
        vec![table(
            "charges",
            &[
                "id text pk",
                "customer text",
                "invoice text",
                "payment_intent text",
                "amount integer",
                "amount_captured integer",
                "amount_refunded integer",
                "currency text",
                "status text",
                "paid boolean",
                "captured boolean",
                "refunded boolean",
                "failure_code text",
                "failure_message text",
                "payment_method_details_type text",
                "payment_method_details_card_brand text",
                "payment_method_details_card_last4 text",
                "payment_method_details_card_country text",
                "balance_transaction text",
                "statement_descriptor text",
                "created integer",
            ],
        )],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "payments",
            &[
                "PaymentKey integer pk",
                "ChargeId varchar(32)",
                "CustomerKey integer",
                "InvoiceKey integer",
                "PaymentDateKey integer",
                "PaymentCreatedAt timestamp",
                "GrossAmount decimal(18,2)",
                "RefundedAmount decimal(18,2)",
                "CurrencyCode char(3)",
                "PaymentStatus varchar(20)",
                "FailureCode varchar(50)",
                "FailureReason varchar(500)",
                "PaymentMethodType varchar(20)",
                "CardBrand varchar(20)",
                "CardLast4 char(4)",
                "ProcessingFee decimal(18,2)",
                "NetSettledAmount decimal(18,2)",
                "SettlementCurrency char(3)",
                "SettlementDate date",
            ],
        )],
    );
    let rules = "[[tables]]\nsource = \"charges\"\ntarget = \"payments\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "payments", "FailureCode").as_deref(), Some("s1.failure_code"));
    assert_eq!(row(&m, "payments", "FailureCode").status, Status::Accepted);
    assert_ne!(source_of(&m, "payments", "FailureReason").as_deref(), Some("s1.failure_code"));
}

#[test]
fn dates_and_flags_stored_as_other_types_are_matched_for_a_cast() {
    // A mainframe keeps dates as numbers and flags as characters; the names agree, the
    // types differ in storage only. The type verdict still asks for a cast.
    let src = catalog(
        "src",
        vec![table(
            "ACCOUNT",
            &[
                "ACCT_NO char(12) pk",
                "OPEN_DT decimal(8,0)",
                "CLS_DT decimal(8,0)",
                "TAX_EXMPT_IND char(1)",
                "REGION text",
            ],
        )],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "account",
            &["account_number varchar(12) pk", "opened_on date", "closed_on date", "tax_exempt boolean", "region text"],
        )],
    );
    let rules = "[[tables]]\nsource = \"ACCOUNT\"\ntarget = \"account\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    for (t, s) in [("opened_on", "s1.OPEN_DT"), ("closed_on", "s1.CLS_DT"), ("tax_exempt", "s1.TAX_EXMPT_IND")] {
        let r = row(&m, "account", t);
        assert_eq!(source_of(&m, "account", t).as_deref(), Some(s), "{t}");
        assert_eq!(r.status, Status::Accepted, "{t}: {r:#?}");
        assert!(r.reason.contains("stored as another type"), "{t}: {}", r.reason);
        assert_eq!(r.type_verdict.verdict, Verdict::Incompatible, "{t}");
    }
    // A date dimension's key is an identifier, not a date: still doubted.
    let src = catalog("src", vec![table("orders", &["order_id integer pk", "order_date date"])]);
    let dst = catalog("dst", vec![table("fact_orders", &["order_id integer pk", "order_date_key integer"])]);
    let rules = "[[tables]]\nsource = \"orders\"\ntarget = \"fact_orders\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "fact_orders", "order_date_key");
    assert_ne!(r.status, Status::Accepted, "{r:#?}");
}

#[test]
fn a_number_stored_as_text_is_matched_for_a_cast() {
    // NYC open data: the tax block is TEXT in one export and INTEGER in the other.
    let src = catalog("src", vec![table("art", &["RecordID integer pk", "BlkNum text", "Title text"])]);
    let dst = catalog("dst", vec![table("artwork", &["record_id integer pk", "block integer", "title text"])]);
    let rules = "[[tables]]\nsource = \"art\"\ntarget = \"artwork\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "artwork", "block");
    assert_eq!(source_of(&m, "artwork", "block").as_deref(), Some("s1.BlkNum"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted, "{r:#?}");
    assert!(r.reason.contains("a number stored as text"), "{}", r.reason);
    assert_eq!(r.type_verdict.verdict, Verdict::Incompatible, "the cast is still a finding");
}

#[test]
fn a_bare_id_is_its_tables_id() {
    // Stripe, Rails and Django name every key `id`; a warehouse names it after the table.
    let src = catalog(
        "src",
        vec![
            table("refunds", &["id text pk", "charge text", "amount integer", "reason text"]),
            table("charges", &["id text pk", "amount integer", "currency text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "FactRefund",
            &[
                "RefundKey integer pk auto",
                "RefundId varchar(32)",
                "ChargeId varchar(32)",
                "Amount integer",
                "Reason text",
            ],
        )],
    );
    let rules = "[[tables]]\nsource = \"refunds\"\ntarget = \"FactRefund\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "FactRefund", "RefundId");
    assert_eq!(source_of(&m, "FactRefund", "RefundId").as_deref(), Some("s1.id"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted);
    assert!(r.reason.contains("`id` names its table's id: both mean `refund id`"), "{}", r.reason);
    assert_ne!(source_of(&m, "FactRefund", "ChargeId").as_deref(), Some("s1.id"));
}

#[test]
fn the_lineage_key_keeps_the_source_rows_key() {
    // The target has its own key and keeps the old system's key beside it.
    let src =
        catalog("src", vec![table("SUBSCR", &["SB_SUB_ID decimal(11,0) pk", "SB_STAT_CD char(2)", "SB_ACT_DT date"])]);
    let dst = |cols: &[&str]| catalog("dst", vec![table("subscription", cols)]);
    let rules = "[[tables]]\nsource = \"SUBSCR\"\ntarget = \"subscription\"\n";
    let base = ["subscription_id bigint pk", "status_code char(2)", "activated_on date"];
    let with = |extra: &[&str]| {
        let cols: Vec<&str> = base.iter().chain(extra).copied().collect();
        generate_with(rules, &src, &dst(&cols), Path::new(".")).unwrap()
    };
    let m = with(&["legacy_subscriber_id bigint"]);
    let r = row(&m, "subscription", "legacy_subscriber_id");
    assert_eq!(source_of(&m, "subscription", "legacy_subscriber_id").as_deref(), Some("s1.SB_SUB_ID"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted);
    assert!(r.reason.contains("the target keeps the source row's key"), "{}", r.reason);
    assert_eq!(source_of(&m, "subscription", "subscription_id"), None, "the target's own key is new");
    // Where an activation came from is an attribute, not a second lineage key.
    let m = with(&["legacy_subscriber_id bigint", "activation_source_code char(2)"]);
    assert_eq!(source_of(&m, "subscription", "legacy_subscriber_id").as_deref(), Some("s1.SB_SUB_ID"));
    // Without a lineage column the source key fills the target's key, as before.
    let m = with(&[]);
    assert_eq!(source_of(&m, "subscription", "subscription_id").as_deref(), Some("s1.SB_SUB_ID"));
    // A source system's id is load metadata; two candidates say nothing.
    for extra in [&["source_system_id integer"][..], &["legacy_subscriber_id bigint", "source_account_id bigint"]] {
        let m = with(extra);
        for c in extra {
            let name = c.split_whitespace().next().unwrap();
            assert_ne!(source_of(&m, "subscription", name).as_deref(), Some("s1.SB_SUB_ID"), "{extra:?}");
        }
    }
}

#[test]
fn a_surrogate_keyed_table_keeps_the_source_key_in_its_system_entity_id() {
    // A warehouse keys `dim_patient` by `patient_key` and keeps the EHR's key as
    // `ehr_patient_id`; the source names its key after an abbreviated table (`pt_id`).
    let src = catalog(
        "src",
        vec![table("pt", &["pt_id integer pk", "mrn varchar(20)", "pt_last_nm varchar(60)", "birth_dt date"])],
    );
    let dst = |cols: &[&str]| catalog("dst", vec![table("dim_patient", cols)]);
    let rules = "[[tables]]\nsource = \"pt\"\ntarget = \"dim_patient\"\n";
    let base = ["patient_key integer pk auto", "last_name varchar(60)", "birth_date date"];
    let with = |extra: &[&str]| {
        let cols: Vec<&str> = base.iter().chain(extra).copied().collect();
        generate_with(rules, &src, &dst(&cols), Path::new(".")).unwrap()
    };
    let m = with(&["ehr_patient_id integer"]);
    let r = row(&m, "dim_patient", "ehr_patient_id");
    assert_eq!(source_of(&m, "dim_patient", "ehr_patient_id").as_deref(), Some("s1.pt_id"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted);
    assert!(r.reason.contains("the target keeps the source row's key"), "{}", r.reason);
    // Not with two such columns, not for another entity, and not when the target's key is
    // not a surrogate.
    for extra in [&["ehr_patient_id integer", "crm_patient_id integer"][..], &["ehr_visit_id integer"]] {
        let m = with(extra);
        for c in extra {
            let name = c.split_whitespace().next().unwrap();
            assert_ne!(source_of(&m, "dim_patient", name).as_deref(), Some("s1.pt_id"), "{extra:?}");
        }
    }
    let natural =
        catalog("dst", vec![table("dim_patient", &["patient_code varchar(10) pk", "ehr_patient_id integer"])]);
    let m = generate_with(rules, &src, &natural, Path::new(".")).unwrap();
    assert_ne!(source_of(&m, "dim_patient", "ehr_patient_id").as_deref(), Some("s1.pt_id"));
}

#[test]
fn load_metadata_is_left_to_the_load() {
    // `dw_inserted_at` is when the warehouse loaded the row, not when the contact was created.
    let src = catalog(
        "src",
        vec![table("Contact", &["Id varchar(18) pk", "Email text", "CreatedDate timestamp", "dw_load_ts timestamp"])],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "dim_person",
            &[
                "person_key integer pk auto",
                "email_address text",
                "dw_inserted_at timestamp",
                "load_dts timestamp",
                "dw_load_ts timestamp",
            ],
        )],
    );
    let rules = "[[tables]]\nsource = \"Contact\"\ntarget = \"dim_person\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "dim_person", "email_address").as_deref(), Some("s1.Email"));
    assert_eq!(source_of(&m, "dim_person", "dw_inserted_at"), None, "{:#?}", row(&m, "dim_person", "dw_inserted_at"));
    assert_eq!(source_of(&m, "dim_person", "load_dts"), None);
    assert!(row(&m, "dim_person", "load_dts").reason.starts_with("load metadata: the load fills it"));
    // A warehouse copied into another keeps its own bookkeeping column of the same name.
    assert_eq!(source_of(&m, "dim_person", "dw_load_ts").as_deref(), Some("s1.dw_load_ts"));
}

#[test]
fn a_source_whose_name_settles_one_pair_also_feeds_a_target_it_fits_far_better() {
    // `fault_codes` pairs with `dim_fault_code` by name; its events make up `fact_fault_event`,
    // which `devices` would otherwise take as a weak 1:1 partner.
    let src = catalog(
        "src",
        vec![
            table(
                "fault_codes",
                &[
                    "fault_id varchar(36) pk",
                    "device_id varchar(32)",
                    "detected_at timestamp",
                    "cleared_at timestamp",
                    "dtc_code varchar(10)",
                    "spn integer",
                    "fmi integer",
                    "severity varchar(10)",
                    "occurrence_count integer",
                    "odometer_km decimal(10,1)",
                    "engine_hours decimal(9,1)",
                ],
            ),
            table(
                "devices",
                &["device_id varchar(32) pk", "imei varchar(20)", "firmware_version text", "installed_at date"],
            ),
        ],
    );
    let dst = catalog(
        "dst",
        vec![
            table(
                "dim_fault_code",
                &["fault_code_key integer pk auto", "dtc_code varchar(10)", "spn integer", "fmi integer"],
            ),
            table(
                "fact_fault_event",
                &[
                    "fault_event_key integer pk auto",
                    "detected_ts timestamp",
                    "cleared_ts timestamp",
                    "severity varchar(10)",
                    "occurrence_count integer",
                    "odometer_at_fault_km decimal(10,1)",
                    "engine_hours_at_fault decimal(9,1)",
                    "device_serial varchar(32)",
                ],
            ),
        ],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let sources = |t: &str| -> Vec<String> { table_of(&m, t).sources.iter().map(|s| s.table.name.clone()).collect() };
    assert_eq!(sources("dim_fault_code"), ["fault_codes"]);
    assert_eq!(sources("fact_fault_event"), ["fault_codes"], "{:#?}", table_of(&m, "fact_fault_event").reason);
    assert_eq!(source_of(&m, "fact_fault_event", "severity").as_deref(), Some("s1.severity"));
    assert_eq!(source_of(&m, "fact_fault_event", "detected_ts").as_deref(), Some("s1.detected_at"));
}

#[test]
fn a_data_vault_hub_takes_its_business_key_from_the_table_its_satellite_reads() {
    let src = catalog(
        "src",
        vec![table(
            "tblCarrier",
            &["carrierId integer pk", "scac char(4)", "carrierName varchar(100)", "transportMode varchar(10)"],
        )],
    );
    let dst = catalog(
        "dst",
        vec![
            table(
                "hub_carrier",
                &["hk_carrier char(32) pk", "carrier_scac char(4)", "load_dts timestamp", "record_source text"],
            ),
            table(
                "sat_carrier_details",
                &[
                    "hk_carrier char(32) pk",
                    "load_dts timestamp",
                    "carrier_name varchar(100)",
                    "transport_mode varchar(10)",
                    "hash_diff char(32)",
                    "record_source text",
                ],
            ),
            // A link holds only hash keys and load metadata: nothing explains it.
            table(
                "lnk_carrier_lane",
                &["hk_link char(32) pk", "hk_lane char(32)", "load_dts timestamp", "record_source text"],
            ),
        ],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let sources = |t: &str| -> Vec<String> {
        m.tables
            .iter()
            .filter(|x| x.target.name == t)
            .flat_map(|x| x.sources.iter().map(|s| s.table.name.clone()))
            .collect()
    };
    assert_eq!(sources("sat_carrier_details"), ["tblCarrier"]);
    assert_eq!(sources("hub_carrier"), ["tblCarrier"]);
    assert_eq!(source_of(&m, "hub_carrier", "carrier_scac").as_deref(), Some("s1.scac"));
    assert!(
        sources("lnk_carrier_lane").is_empty(),
        "a first primary-key column alone explains no table: {:?}",
        sources("lnk_carrier_lane")
    );
}

#[test]
fn a_reference_is_an_identifier_role() {
    // `shipmentRef` and `shipment_number` both name the shipment's business identifier.
    let src = catalog(
        "src",
        vec![table("tblShipment", &["shipmentId integer pk", "shipmentRef varchar(20)", "weightKg decimal(8,2)"])],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "shipment",
            &["shipment_key integer pk auto", "shipment_number varchar(20)", "weight_kg decimal(8,2)"],
        )],
    );
    let rules = "[[tables]]\nsource = \"tblShipment\"\ntarget = \"shipment\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "shipment", "shipment_number");
    assert_eq!(source_of(&m, "shipment", "shipment_number").as_deref(), Some("s1.shipmentRef"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted, "{r:#?}");
}

#[test]
fn a_url_is_a_role_word() {
    // Salesforce's `Website` holds the URL a warehouse calls `website_url`.
    let src = catalog("src", vec![table("Account", &["Id varchar(18) pk", "Website varchar(255)", "Industry text"])]);
    let dst = catalog(
        "dst",
        vec![table("dim_account", &["account_key integer pk auto", "website_url varchar(255)", "industry text"])],
    );
    let rules = "[[tables]]\nsource = \"Account\"\ntarget = \"dim_account\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "dim_account", "website_url");
    assert_eq!(source_of(&m, "dim_account", "website_url").as_deref(), Some("s1.Website"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted, "{r:#?}");
}

#[test]
fn a_source_with_other_columns_and_no_join_key_is_not_unioned_in() {
    // A term calendar's begin/end dates fit an enrollment's begin/end dates, but its rows are
    // terms, not enrollments, and nothing joins the two: no union, no join.
    let src = catalog(
        "src",
        vec![
            table(
                "ENRL",
                &[
                    "STU_ID char(9) pk",
                    "TERM_CD char(6) pk",
                    "CRN char(5) pk",
                    "ENRL_STAT char(2)",
                    "ENRL_DT date",
                    "CR_HRS_ATT decimal(3,1)",
                    "REPEAT_IND char(1)",
                ],
            ),
            table("TERM_CAL", &["TERM_CD char(6) pk", "TERM_BEG_DT date", "TERM_END_DT date", "ACAD_YR char(4)"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "studentSectionAssociation",
            &[
                "studentSectionAssociationId integer pk auto",
                "beginDate date",
                "endDate date",
                "enrollmentStatusDescriptor varchar(50)",
                "attemptedCredits decimal(9,3)",
                "repeatIdentifierDescriptor varchar(50)",
            ],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let t = table_of(&m, "studentSectionAssociation");
    let sources: Vec<&str> = t.sources.iter().map(|s| s.table.name.as_str()).collect();
    assert_eq!(sources, ["ENRL"], "{}", t.reason);
}

#[test]
fn a_bare_number_is_its_tables_number_and_known_words_are_no_typos() {
    let src = catalog(
        "src",
        vec![table("invoices", &["id text pk", "number text", "status text", "customer_count integer"])],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "FactInvoice",
            &["InvoiceKey integer pk auto", "InvoiceNumber varchar(40)", "state_code text", "country text"],
        )],
    );
    let rules = "[[tables]]\nsource = \"invoices\"\ntarget = \"FactInvoice\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "FactInvoice", "InvoiceNumber");
    assert_eq!(source_of(&m, "FactInvoice", "InvoiceNumber").as_deref(), Some("s1.number"), "{r:#?}");
    assert!(r.reason.contains("`number` names its table's number"), "{}", r.reason);
    // `status` is not a misspelt `state`, nor `count` a misspelt `country`.
    assert_eq!(source_of(&m, "FactInvoice", "state_code"), None);
    assert_eq!(source_of(&m, "FactInvoice", "country"), None);
}

#[test]
fn a_declared_foreign_key_joins_tables_whose_key_names_differ() {
    // Stripe: `prices.product` references `products.id`; both tables have `active`, `name`-like
    // and currency columns, which alone looks like rows of one kind. The foreign key says the
    // product is looked up, so it is a join on the declared columns.
    let mut prices = table(
        "prices",
        &[
            "id text pk",
            "product text",
            "active boolean",
            "currency text",
            "nickname text",
            "type text",
            "unit_amount integer",
            "recurring_interval text",
        ],
    );
    prices.foreign_keys.push(ForeignKey {
        name: "fk".into(),
        columns: vec!["product".into()],
        referenced_schema: "main".into(),
        referenced_table: "products".into(),
        referenced_columns: vec!["id".into()],
        on_delete: None,
        on_update: None,
    });
    let products = table(
        "products",
        &["id text pk", "active boolean", "name text", "description text", "tax_code text", "type text"],
    );
    let src = catalog("src", vec![prices, products]);
    let dst = catalog(
        "dst",
        vec![table(
            "DimProductPrice",
            &[
                "ProductPriceKey integer pk auto",
                "PriceId varchar(40)",
                "IsPriceActive boolean",
                "PriceCurrency char(3)",
                "PriceNickname text",
                "PriceType text",
                "ProductName text",
                "ProductDescription text",
                "ProductTaxCode text",
                "UnitAmount integer",
                "RecurringInterval text",
            ],
        )],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let t = table_of(&m, "DimProductPrice");
    assert_eq!(source_names(t), ["prices", "products"], "{t:#?}");
    assert_eq!(t.combine, Combine::Join, "{t:#?}");
    let key = &t.sources[1].join_on;
    assert_eq!(
        (key[0].left_alias.as_str(), key[0].left_column.as_str(), key[0].right_column.as_str()),
        ("s1", "product", "id")
    );
    assert_eq!(source_of(&m, "DimProductPrice", "ProductName").as_deref(), Some("s2.name"));
    assert_eq!(source_of(&m, "DimProductPrice", "IsPriceActive").as_deref(), Some("s1.active"));
}

#[test]
fn a_name_of_role_words_only_is_not_the_same_content() {
    // `IH_PER_TO_DT` (period-to date) is only function words and a date word once `PER` reads
    // as "per"; `invoice_date` differs from it in `invoice`, the table's name. That is no
    // evidence of the same content. A bare `date`, though, is its table's date.
    let src = catalog(
        "src",
        vec![
            table("INVHDR", &["IH_INV_NO char(12) pk", "IH_TAX_AMT decimal(9,2)", "IH_PER_TO_DT date"]),
            table("orders", &["order_no integer pk", "date date", "total decimal(9,2)"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![
            table("invoice", &["invoice_number varchar(12) pk", "tax_amount decimal(9,2)", "invoice_date date"]),
            table("fact_order", &["order_number integer pk", "order_date date", "total decimal(9,2)"]),
        ],
    );
    let rules = "[[tables]]\nsource = \"INVHDR\"\ntarget = \"invoice\"\n[[tables]]\nsource = \"orders\"\ntarget = \"fact_order\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_ne!(
        row(&m, "invoice", "invoice_date").status,
        Status::Accepted,
        "{:#?}",
        row(&m, "invoice", "invoice_date")
    );
    let r = row(&m, "fact_order", "order_date");
    assert_eq!(source_of(&m, "fact_order", "order_date").as_deref(), Some("s1.date"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted);
    assert!(r.reason.contains("`date` names its table's date"), "{}", r.reason);
}

#[test]
fn a_tables_point_in_time_matches_the_other_tables() {
    // A lab-results table's only timestamp is when the measurement was taken: the target names
    // that `measurement_datetime`, and keeps a date beside it. Names alone share nothing.
    let src = catalog(
        "src",
        vec![table(
            "labevents",
            &["labevent_id integer pk", "itemid integer", "charttime timestamp", "value text", "valueuom text"],
        )],
    );
    let dst = catalog(
        "dst",
        vec![table(
            "measurement",
            &[
                "measurement_id integer pk",
                "measurement_date date",
                "measurement_datetime timestamp",
                "value_source_value text",
                "unit_source_value text",
            ],
        )],
    );
    let rules = "[[tables]]\nsource = \"labevents\"\ntarget = \"measurement\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "measurement", "measurement_datetime");
    assert_eq!(source_of(&m, "measurement", "measurement_datetime").as_deref(), Some("s1.charttime"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted, "{r:#?}");
    assert!(r.reason.contains("both are their row's point in time"), "{}", r.reason);
    assert_eq!(source_of(&m, "measurement", "measurement_date"), None, "the timestamp goes to the timestamp");

    // A date where the target keeps only a timestamp: still its time (a widening).
    let src = catalog("src", vec![table("payment", &["payment_id integer pk", "amount decimal(9,2)", "paid_on date"])]);
    let dst = catalog(
        "dst",
        vec![table("fact_payment", &["payment_id integer pk", "amount decimal(9,2)", "payment_ts timestamp"])],
    );
    let rules = "[[tables]]\nsource = \"payment\"\ntarget = \"fact_payment\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "fact_payment", "payment_ts").as_deref(), Some("s1.paid_on"));

    // Neither side's only date named as its table's time: a customer's creation is not a birth.
    let src = catalog("src", vec![table("customers", &["id integer pk", "name text", "created date"])]);
    let dst = catalog("dst", vec![table("dim_customer", &["customer_id integer pk", "name text", "birth_date date"])]);
    let rules = "[[tables]]\nsource = \"customers\"\ntarget = \"dim_customer\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    assert_eq!(source_of(&m, "dim_customer", "birth_date"), None);

    // Two unnamed dates on the source: neither is the row's time.
    let src = catalog(
        "src",
        vec![table("prescriptions", &["rx_id integer pk", "drug text", "starttime timestamp", "stoptime timestamp"])],
    );
    let dst = catalog(
        "dst",
        vec![table("drug_exposure", &["drug_exposure_id integer pk", "drug text", "drug_exposure_datetime timestamp"])],
    );
    let rules = "[[tables]]\nsource = \"prescriptions\"\ntarget = \"drug_exposure\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "drug_exposure", "drug_exposure_datetime");
    assert!(!r.reason.contains("point in time"), "{r:#?}");

    // Times line up only once the tables are paired: a customer's only timestamp against an
    // order fact's order date does not make customers the facts' source.
    let src = catalog(
        "src",
        vec![
            table("customers", &["id integer pk", "full_name text", "created_at timestamp"]),
            table("products", &["sku text pk", "title text"]),
        ],
    );
    let dst = catalog(
        "dst",
        vec![
            table("fact_order", &["order_key integer pk", "order_date date", "total_amount decimal"]),
            table("dim_region", &["region_code text pk", "region_name text"]),
        ],
    );
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    assert!(!m.tables.iter().any(|t| t.target.name == "fact_order" && !t.sources.is_empty()), "{m:#?}");
}

/// An IBM i core-banking library (six-letter files, every field prefixed with two letters) and
/// a Data Vault fed from it.
fn ibm_i_loans() -> (Catalog, Catalog) {
    let mast = table(
        "LNMAST",
        &[
            "LNACCT text pk",
            "LNCIF# text",
            "LNORAM decimal(15,2)",
            "LNRATE decimal(7,5)",
            "LNBRCH text",
            "LNPURP text",
            "LNSTAT text",
        ],
    );
    let mut coll = table(
        "LNCOLL",
        &["LCCID integer pk", "LCACCT text notnull", "LCTYPE text", "LCDESC text", "LCAPVL decimal(15,2)"],
    );
    coll.foreign_keys.push(ForeignKey {
        name: "coll_loan".into(),
        columns: vec!["LCACCT".into()],
        referenced_schema: "main".into(),
        referenced_table: "LNMAST".into(),
        referenced_columns: vec!["LNACCT".into()],
        on_delete: None,
        on_update: None,
    });
    let src = catalog("src", vec![mast, coll]);
    let dst = catalog(
        "dst",
        vec![
            table(
                "hub_loan",
                &["loan_hk char(32) pk", "loan_account_number text", "load_dts timestamp", "record_source text"],
            ),
            table(
                "sat_loan_terms",
                &[
                    "loan_hk char(32) pk",
                    "load_dts timestamp pk",
                    "branch_code text",
                    "purpose_code text",
                    "loan_status text",
                    "hash_diff char(32)",
                    "record_source text",
                ],
            ),
            table(
                "sat_loan_collateral",
                &[
                    "collateral_hk char(32) pk",
                    "load_dts timestamp pk",
                    "collateral_type text",
                    "collateral_description text",
                    "hash_diff char(32)",
                    "record_source text",
                ],
            ),
        ],
    );
    (src, dst)
}

#[test]
fn a_two_letter_prefix_glued_onto_upper_case_names_is_read_as_a_prefix() {
    let (src, dst) = ibm_i_loans();
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    for (t, c, s) in [
        ("sat_loan_terms", "branch_code", "s1.LNBRCH"),
        ("sat_loan_terms", "purpose_code", "s1.LNPURP"),
        ("sat_loan_collateral", "collateral_type", "s1.LCTYPE"),
        ("sat_loan_collateral", "collateral_description", "s1.LCDESC"),
    ] {
        assert_eq!(source_of(&m, t, c).as_deref(), Some(s), "{t}.{c}: {:#?}", row(&m, t, c));
        assert_eq!(row(&m, t, c).status, Status::Accepted, "{t}.{c}: {:#?}", row(&m, t, c));
    }
    // A longer shared start is a word, not a file prefix: `CUSTNO` is not `CU STNO`.
    let src = catalog("src", vec![table("CUSTMAST", &["CUSTNO text pk", "CUSTNAME text", "CUSTCITY text"])]);
    let dst = catalog("dst", vec![table("customer", &["customer_number text pk", "customer_name text", "city text"])]);
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "customer", "customer_name");
    assert_eq!(source_of(&m, "customer", "customer_name").as_deref(), Some("s1.CUSTNAME"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted, "{r:#?}");
}

#[test]
fn a_hash_key_is_computed_by_the_load_and_a_hub_reads_the_table_that_owns_its_key() {
    let (src, dst) = ibm_i_loans();
    let m = generate_with("", &src, &dst, Path::new(".")).unwrap();
    // The loan's account number is the loan file's key; the collateral file only refers to it.
    let hub = table_of(&m, "hub_loan");
    assert_eq!(hub.sources.iter().map(|s| s.table.name.as_str()).collect::<Vec<_>>(), ["LNMAST"], "{hub:#?}");
    assert_eq!(source_of(&m, "hub_loan", "loan_account_number").as_deref(), Some("s1.LNACCT"));
    // A hash key is no source column, however well its position fits.
    for t in ["hub_loan", "sat_loan_terms", "sat_loan_collateral"] {
        let hk = table_of(&m, t).columns[0].target.name.clone();
        assert_eq!(source_of(&m, t, &hk), None, "{t}.{hk}: {:#?}", row(&m, t, &hk));
    }
}

#[test]
fn a_glued_name_splits_on_its_tables_name_in_the_singular() {
    // Koha's `issues.issuedate` is the issue date: `issue` is a word of the schema only as the
    // table's plural name.
    let src = catalog("src", vec![table("issues", &["id integer pk", "issuedate date", "note text"])]);
    let dst = catalog("dst", vec![table("loans", &["loan_id integer pk", "date_issued date", "note text"])]);
    let rules = "[[tables]]\nsource = \"issues\"\ntarget = \"loans\"\n";
    let m = generate_with(rules, &src, &dst, Path::new(".")).unwrap();
    let r = row(&m, "loans", "date_issued");
    assert_eq!(source_of(&m, "loans", "date_issued").as_deref(), Some("s1.issuedate"), "{r:#?}");
    assert_eq!(r.status, Status::Accepted, "{r:#?}");
}
