//! The access model on real files and real git repositories: grants, the
//! reviewed-content gate, CODEOWNERS coverage and `access check`.

mod support;

use mapwright::access::{self, RequirementKind};
use mapwright::config::Workspace as Loaded;
use mapwright::error::Class;
use support::{Workspace, assert_exit, commit_all, git, stdout};

const SHOP: &str = r#"engine = "sqlite"
url = "sqlite://demo/shop.db"
class = "production"
grants = ["pipelines/sales/*.toml"]
"#;

const DWH: &str = r#"engine = "sqlite"
url = "sqlite://demo/dwh.db"
class = "test"
grants = ["pipelines/**/*.toml"]
"#;

const CRM: &str = r#"engine = "sqlite"
url = "sqlite://demo/crm.db"
class = "test"
grants = ["pipelines/**/*.toml"]
"#;

fn pipeline(name: &str, source: &str, target: &str) -> String {
    format!("name = \"{name}\"\n[source]\ndatasource = \"{source}\"\n[target]\ndatasource = \"{target}\"\n")
}

/// shop (production, grants sales/*) and dwh/crm (test, grant everything); two pipelines.
fn workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write("pipelines/datasources/shop.toml", SHOP);
    ws.write("pipelines/datasources/dwh.toml", DWH);
    ws.write("pipelines/datasources/crm.toml", CRM);
    ws.write("pipelines/sales/orders.toml", &pipeline("orders", "shop", "dwh"));
    ws.write("pipelines/marketing/leads.toml", &pipeline("leads", "crm", "dwh"));
    ws
}

fn load(ws: &Workspace) -> Loaded {
    Loaded::load(ws.path()).unwrap_or_else(|e| panic!("load: {e}"))
}

#[test]
fn pipeline_without_grant_is_refused_naming_pipeline_datasource_and_profile() {
    let ws = workspace();
    ws.write("pipelines/marketing/leads.toml", &pipeline("leads", "shop", "dwh"));
    let loaded = load(&ws);
    let pick = |n: &str| loaded.pipelines.iter().find(|p| p.name() == n).expect("pipeline");

    access::check_grant(&loaded, pick("orders")).expect("sales/* is granted");
    let err = access::check_grant(&loaded, pick("leads")).expect_err("marketing is not granted");
    assert_eq!(err.class, Class::AccessDenied);
    assert_eq!(err.exit_code(), 4);
    for part in ["`leads`", "pipelines/marketing/leads.toml", "`shop`", "pipelines/datasources/shop.toml"] {
        assert!(err.message.contains(part), "message lacks {part}: {}", err.message);
    }
    let hint = err.hint.expect("hint");
    assert!(hint.contains("grants") && hint.contains("CODEOWNERS"), "{hint}");
}

#[test]
fn unreviewed_content_is_refused_in_ci_and_reviewed_content_passes() {
    let ws = workspace();
    let dir = ws.path();
    let loaded = load(&ws);

    let outside = access::git_state(dir);
    assert!(!outside.in_repo);
    assert_eq!(access::check_reviewed(&loaded, &outside, false, true).expect_err("no repo").class, Class::AccessDenied);

    git(dir, &["init", "-q", "-b", "main"]);
    commit_all(dir, "initial");
    let clean = access::git_state(dir);
    assert!(clean.in_repo && clean.clean, "{clean:?}");
    assert_eq!(clean.git_ref.as_deref(), Some("refs/heads/main"));
    assert_eq!(clean.commit.as_deref(), Some(git(dir, &["rev-parse", "HEAD"]).trim()));
    access::check_reviewed(&loaded, &clean, false, true).expect("committed, clean, protected");

    // A local edit makes the tree unreviewed.
    ws.write("pipelines/sales/orders.toml", &pipeline("orders", "shop", "crm"));
    let dirty = access::git_state(dir);
    assert!(!dirty.clean);
    let err = access::check_reviewed(&loaded, &dirty, false, true).expect_err("dirty tree");
    assert_eq!(err.class, Class::AccessDenied);
    assert!(err.message.contains("pipelines/sales/orders.toml"), "{}", err.message);
    // --allow-unreviewed: refused under CI, accepted locally.
    let err = access::check_reviewed(&loaded, &dirty, true, true).expect_err("CI refuses --allow-unreviewed");
    assert!(err.message.contains("CI=true"), "{}", err.message);
    access::check_reviewed(&loaded, &dirty, true, false).expect("local development");

    // Files that do not decide the run (e.g. exports written into the checkout) keep it clean.
    git(dir, &["checkout", "-q", "--", "."]);
    ws.write("exports/orders/v1/mapping.csv", "x");
    assert!(access::git_state(dir).clean, "{:?}", access::git_state(dir));

    // Untracked pipeline files count, and so does a branch that is not protected.
    git(dir, &["checkout", "-q", "--", "."]);
    ws.write("pipelines/sales/extra.toml", &pipeline("extra", "shop", "dwh"));
    assert!(!access::git_state(dir).clean);
    std::fs::remove_file(dir.join("pipelines/sales/extra.toml")).expect("rm");
    git(dir, &["checkout", "-q", "-b", "feature"]);
    let err = access::check_reviewed(&loaded, &access::git_state(dir), false, true).expect_err("feature branch");
    assert!(err.message.contains("refs/heads/feature"), "{}", err.message);

    // The workspace may explicitly allow --allow-unreviewed in CI.
    ws.write("pipelines/mapwright.toml", "[access]\nallow_unreviewed_in_ci = true\n");
    let permissive = load(&ws);
    access::check_reviewed(&permissive, &dirty, true, true).expect("allowed by workspace");
}

const CODEOWNERS: &str = "* @org/platform\n\
    /pipelines/datasources/shop.toml @org/shop-admins\n\
    /pipelines/datasources/crm.toml @crm-admin\n\
    /pipelines/policies/ @org/security\n\
    /pipelines/marketing/ @marketer\n";

/// A repo on `main` whose feature branch switches `leads` to the production `shop`
/// datasource. shop's grant already covers the path, so only the grant's *use* is new.
fn repo_with_change() -> Workspace {
    let ws = workspace();
    let dir = ws.path();
    ws.write("pipelines/datasources/shop.toml", &SHOP.replace("pipelines/sales/*.toml", "pipelines/*/*.toml"));
    ws.write(".github/CODEOWNERS", CODEOWNERS);
    ws.write("teams.json", r#"{"@org/shop-admins": ["Alice"], "@org/security": ["sam"]}"#);
    git(dir, &["init", "-q", "-b", "main"]);
    commit_all(dir, "base");
    git(dir, &["checkout", "-q", "-b", "feature"]);
    ws.write("pipelines/marketing/leads.toml", &pipeline("leads", "shop", "dwh"));
    commit_all(dir, "leads reads shop");
    ws
}

fn review(login: &str, state: &str, at: &str) -> serde_json::Value {
    serde_json::json!({"user": {"login": login}, "state": state, "submitted_at": at})
}

fn check_with(ws: &Workspace, reviews: &[serde_json::Value]) -> std::process::Output {
    ws.write("reviews.json", &serde_json::to_string(reviews).expect("json"));
    ws.run(&["access", "check", "--base", "main", "--reviews", "reviews.json", "--teams", "teams.json"])
}

#[test]
fn newly_using_a_production_datasource_requires_its_owners() {
    let ws = repo_with_change();
    let report = access::required_approvers(&load(&ws), "main").expect("report");
    let kinds: Vec<(RequirementKind, Vec<String>, Vec<String>)> =
        report.requirements.iter().map(|r| (r.kind, r.files.clone(), r.owners.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (RequirementKind::CodeOwners, vec!["pipelines/marketing/leads.toml".into()], vec!["@marketer".into()]),
            (
                RequirementKind::DatasourceGrant,
                vec!["pipelines/datasources/shop.toml".into()],
                vec!["@org/shop-admins".into()]
            ),
        ]
    );
    assert!(report.requirements[1].reason.contains("`leads`") && report.requirements[1].reason.contains("`shop`"));
    assert!(!report.met);

    // The same through the binary, as JSON: unmet without reviews → exit 4.
    let out = ws.run(&["access", "check", "--base", "main", "--format", "json"]);
    assert_exit(&out, 4);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json output");
    assert_eq!(json["requirements"][1]["kind"], "datasource_grant");
    assert_eq!(json["changes"][0]["status"], "modified");
}

#[test]
fn reviews_satisfy_requirements_or_not() {
    let ws = repo_with_change();
    // Only the pipeline owner approved: the datasource owners are missing.
    let out = check_with(&ws, &[review("marketer", "APPROVED", "2026-01-01T10:00:00Z")]);
    assert_exit(&out, 4);
    assert!(stdout(&out).contains("[MISSING] datasource grant"), "{}", stdout(&out));

    // A member of @org/shop-admins (from --teams, case-insensitive) approves too: met.
    let approved = [
        review("alice", "CHANGES_REQUESTED", "2026-01-01T09:00:00Z"),
        review("marketer", "APPROVED", "2026-01-01T10:00:00Z"),
        review("ALICE", "APPROVED", "2026-01-01T11:00:00Z"),
        review("alice", "COMMENTED", "2026-01-01T12:00:00Z"),
    ];
    assert_exit(&check_with(&ws, &approved), 0);

    // Her approval dismissed, or changes requested after approving: unmet again.
    let mut dismissed = approved.to_vec();
    dismissed.push(review("alice", "DISMISSED", "2026-01-01T13:00:00Z"));
    assert_exit(&check_with(&ws, &dismissed), 4);
    let mut blocked = approved.to_vec();
    blocked.push(review("alice", "CHANGES_REQUESTED", "2026-01-01T13:00:00Z"));
    assert_exit(&check_with(&ws, &blocked), 4);

    // An approver outside the team does not count; the workspace's access.teams does.
    assert_exit(&check_with(&ws, &[review("marketer", "APPROVED", "x"), review("bob", "APPROVED", "x")]), 4);
    ws.write("pipelines/mapwright.toml", "[access.teams]\n\"@org/shop-admins\" = [\"bob\"]\n");
    ws.write(
        "reviews.json",
        &serde_json::to_string(&[review("marketer", "APPROVED", "x"), review("bob", "APPROVED", "x")]).expect("json"),
    );
    let out = ws.run(&["access", "check", "--base", "main", "--reviews", "reviews.json", "--format", "markdown"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("| ✅ | **datasource grant**"), "{}", stdout(&out));
}

#[test]
fn new_pipeline_with_policy_exemption_requires_datasource_and_policy_owners() {
    let ws = repo_with_change();
    let dir = ws.path();
    ws.write("pipelines/policies/pii_masking.rego", "package mapwright.pii_masking\n");
    commit_all(dir, "policy");
    let text = format!(
        "{}\n[[exemptions]]\npolicy = \"pii_masking\"\ncontains = \"email\"\nreason = \"SEC-1\"\n",
        pipeline("crm_copy", "crm", "dwh")
    );
    ws.write("pipelines/marketing/crm_copy.toml", &text);
    commit_all(dir, "new pipeline with exemption");
    let report = access::required_approvers(&load(&ws), "main").expect("report");
    let owners_of = |k: RequirementKind| -> Vec<Vec<String>> {
        report.requirements.iter().filter(|r| r.kind == k).map(|r| r.owners.clone()).collect()
    };
    // New pipeline: every datasource it uses is a new use (crm and dwh; dwh has only the catch-all owner).
    assert_eq!(
        owners_of(RequirementKind::DatasourceGrant),
        vec![vec!["@crm-admin".to_string()], vec!["@org/platform".to_string()], vec!["@org/shop-admins".to_string()]]
    );
    assert_eq!(owners_of(RequirementKind::PolicyExemption), vec![vec!["@org/security".to_string()]]);
    let exemption = report.requirements.iter().find(|r| r.kind == RequirementKind::PolicyExemption).expect("req");
    assert!(exemption.reason.contains("`crm_copy`") && exemption.reason.contains("`email`"), "{}", exemption.reason);
}

#[test]
fn coverage_requires_an_owner_for_every_controlled_file() {
    let ws = workspace();
    std::fs::remove_file(ws.path().join(".github/CODEOWNERS")).expect("rm default CODEOWNERS");
    let errors = access::coverage(&load(&ws));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("no CODEOWNERS file"), "{}", errors[0].message);

    ws.write(
        "CODEOWNERS",
        "/pipelines/ @org/data\n/pipelines/datasources/ @org/dba\n/pipelines/marketing/\n!/x @a\n/CODEOWNERS @org/data\n",
    );
    ws.write("templates/custom.md.j2", "x");
    let errors: Vec<String> = access::coverage(&load(&ws)).into_iter().map(|e| e.message).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("CODEOWNERS:4: invalid CODEOWNERS line"), "{}", errors[0]);
    assert!(errors[1].starts_with("pipelines/marketing/leads.toml: has no code owner") && errors[1].contains("line 3"));
    assert!(errors[2].starts_with("templates/custom.md.j2: has no code owner"), "{}", errors[2]);
}

#[test]
fn workspace_in_a_subdirectory_uses_the_repository_codeowners() {
    let ws = Workspace::new();
    let dir = ws.path();
    ws.write("data/pipelines/mapwright.toml", "");
    ws.write("data/pipelines/datasources/shop.toml", &SHOP.replace("pipelines/sales/*.toml", "pipelines/*/*.toml"));
    ws.write("data/pipelines/datasources/dwh.toml", DWH);
    ws.write("data/pipelines/sales/orders.toml", &pipeline("orders", "dwh", "dwh"));
    ws.write(".github/CODEOWNERS", "* @org/platform\n/data/pipelines/datasources/shop.toml @org/shop-admins\n");
    git(dir, &["init", "-q", "-b", "main"]);
    commit_all(dir, "base");
    ws.write("data/pipelines/sales/orders.toml", &pipeline("orders", "shop", "dwh"));
    commit_all(dir, "orders reads shop");

    let loaded = Loaded::load(&dir.join("data")).unwrap_or_else(|e| panic!("load: {e}"));
    let report = access::required_approvers(&loaded, "main~1").expect("report");
    let grant = report.requirements.iter().find(|r| r.kind == RequirementKind::DatasourceGrant).expect("grant");
    assert_eq!(grant.files, ["data/pipelines/datasources/shop.toml"]);
    assert_eq!(grant.owners, ["@org/shop-admins"]);
    assert!(access::coverage(&loaded).is_empty(), "{:?}", access::coverage(&loaded));
}

#[test]
fn access_check_usage_errors_name_the_problem() {
    let ws = repo_with_change();
    let out = ws.run(&["access", "check", "--base", "no-such-branch"]);
    assert_exit(&out, 2);
    assert!(support::stderr(&out).contains("`no-such-branch` is not a commit"), "{}", support::stderr(&out));

    ws.write("reviews.json", "{\"not\": \"a list\"}");
    let out = ws.run(&["access", "check", "--base", "main", "--reviews", "reviews.json"]);
    assert_exit(&out, 2);
    assert!(support::stderr(&out).contains("reviews.json: not a GitHub reviews list"), "{}", support::stderr(&out));

    // No change at all: nothing to approve.
    git(ws.path(), &["checkout", "-q", "main"]);
    assert_exit(&ws.run(&["access", "check", "--base", "main"]), 0);
}

#[test]
fn a_changed_vocabulary_file_lists_the_pipelines_that_read_it() {
    let ws = workspace();
    let dir = ws.path();
    let vocab = "kind,word,meaning\nabbreviation,lifnr,supplier number\n";
    ws.write("pipelines/vocab/sap.csv", vocab);
    let reads = "\n[matching]\nvocabulary_files = [\"pipelines/vocab/sap.csv\"]\n";
    ws.write("pipelines/sales/orders.toml", &format!("{}{reads}", pipeline("orders", "shop", "dwh")));
    ws.write("pipelines/marketing/leads.toml", &format!("{}{reads}", pipeline("leads", "crm", "dwh")));
    ws.write("pipelines/marketing/other.toml", &pipeline("other", "crm", "dwh"));
    ws.write(".github/CODEOWNERS", "* @org/platform\n/pipelines/vocab/ @sap-team\n");
    git(dir, &["init", "-q", "-b", "main"]);
    commit_all(dir, "base");
    git(dir, &["checkout", "-q", "-b", "feature"]);
    ws.write("pipelines/vocab/sap.csv", &format!("{vocab}abbreviation,ebeln,purchase order number\n"));
    commit_all(dir, "vocabulary grows");
    let report = access::required_approvers(&load(&ws), "main").expect("report");
    assert_eq!(
        report.shared_rule_files,
        [access::SharedRuleFile {
            file: "pipelines/vocab/sap.csv".into(),
            pipelines: vec!["pipelines/marketing/leads.toml".into(), "pipelines/sales/orders.toml".into()],
        }]
    );
    // The file's own owners approve it; the list is for the reviewers, not another requirement.
    assert_eq!(report.requirements.len(), 1, "{:?}", report.requirements);
    assert_eq!(report.requirements[0].owners, ["@sap-team"]);
    let out = ws.run(&["access", "check", "--base", "main"]);
    assert!(
        stdout(&out).contains(
            "rule file pipelines/vocab/sap.csv changes the mappings of: pipelines/marketing/leads.toml, pipelines/sales/orders.toml"
        ),
        "{}",
        stdout(&out)
    );
}
