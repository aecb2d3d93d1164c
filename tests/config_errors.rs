//! Error-message specs for configuration (run through the real binary, `just`-style).

mod support;
use support::{Workspace, assert_exit, stderr};

const DS: &str = "engine = \"sqlite\"\nurl = \"sqlite://db.sqlite\"\nclass = \"test\"\ngrants = [\"pipelines/**\"]\n";

fn pipeline(extra: &str) -> String {
    format!("name = \"p1\"\n[source]\ndatasource = \"src\"\n[target]\ndatasource = \"dst\"\n{extra}")
}

fn workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write("pipelines/datasources/src.toml", DS);
    ws.write("pipelines/datasources/dst.toml", DS);
    ws
}

#[test]
fn valid_workspace_validates() {
    let ws = workspace();
    ws.write("pipelines/team/p1.toml", &pipeline(""));
    let out = ws.run(&["validate"]);
    assert_exit(&out, 0);
}

#[test]
fn malformed_toml_is_exit_2_with_file_line_col() {
    let ws = workspace();
    ws.write("pipelines/team/p1.toml", "name = \"p1\"\n[source]\ndatasource = \"src\n");
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("pipelines/team/p1.toml:3:"), "{err}");
    assert!(err.contains("MW-CONFIG"), "{err}");
}

#[test]
fn unknown_key_is_exit_2_with_suggestion() {
    let ws = workspace();
    ws.write(
        "pipelines/team/p1.toml",
        "name = \"p1\"\ndescripton = \"x\"\n[source]\ndatasource = \"src\"\n[target]\ndatasource = \"dst\"\n",
    );
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("pipelines/team/p1.toml:2:1: unknown field `descripton`"), "{err}");
    assert!(err.contains("did you mean `description`?"), "{err}");
}

#[test]
fn unknown_datasource_reference_gets_suggestion() {
    let ws = workspace();
    ws.write("pipelines/team/p1.toml", &pipeline("").replace("datasource = \"dst\"", "datasource = \"dts\""));
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("pipelines/team/p1.toml:5:15: unknown datasource `dts`"), "{err}");
    assert!(err.contains("did you mean `dst`?"), "{err}");
}

#[test]
fn unknown_template_reference_gets_suggestion() {
    let ws = workspace();
    ws.write("pipelines/team/p1.toml", &pipeline("").replace("[source]", "outputs = [\"mapping.cvs\"]\n[source]"));
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("unknown template `mapping.cvs`"), "{err}");
    assert!(err.contains("did you mean `mapping.csv`?"), "{err}");
}

#[test]
fn all_errors_are_reported_together() {
    let ws = workspace();
    ws.write("pipelines/team/p1.toml", "name = \"p1\"\nbogus = 1\n");
    ws.write("pipelines/team/p2.toml", "name = [\n");
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("p1.toml:2:1") && err.contains("p2.toml:1:"), "{err}");
    assert!(err.contains("2 configuration error(s)"), "{err}");
}

#[test]
fn literal_server_url_with_password_is_refused_without_echoing_it() {
    let ws = workspace();
    ws.write(
        "pipelines/datasources/pg.toml",
        "engine = \"postgres\"\nurl = \"postgres://app:hunter2@db/x\"\nclass = \"production\"\n",
    );
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("url_env"), "{err}");
    assert!(!err.contains("hunter2"), "secret leaked: {err}");
}

#[test]
fn missing_workspace_is_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mapwright"))
        .current_dir(dir.path())
        .arg("validate")
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("no pipelines/mapwright.toml"), "{}", stderr(&out));
}

#[test]
fn committed_schemas_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let stale = mapwright::schema::stale(&dir);
    assert!(stale.is_empty(), "stale schemas {stale:?}: run `cargo run -- schema --write` and commit");
}

#[test]
fn validate_reports_rule_errors_without_a_database() {
    // A missing vocabulary file and a bad rename pattern are found before any database is reached.
    let ws = workspace();
    ws.write(
        "pipelines/team/p1.toml",
        &pipeline("[[renames]]\nregex = \"(unclosed\"\nreplacement = \"x\"\n[matching]\nvocabulary_files = [\"pipelines/vocab/sap.csv\"]\n"),
    );
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("cannot read vocabulary file pipelines/vocab/sap.csv"), "{err}");
    assert!(err.contains("pipelines/team/p1.toml:10:"), "{err}");
    assert!(err.contains("(unclosed"), "the rename pattern too: {err}");
    ws.write("pipelines/vocab/sap.csv", "kind,word,meaning\nabbreviation,lifnr,supplier number\n");
    let out = ws.run(&["validate"]);
    assert_exit(&out, 2);
    assert!(!stderr(&out).contains("vocabulary"), "{}", stderr(&out));
}
