//! End to end on the bundled demo: SQLite sources, local file store, signed versions.

mod support;
use std::path::Path;
use support::{Workspace, assert_exit, stderr, stdout};

const PIPELINE: &str = "shop_to_analytics";

fn version_dir(ws: &Workspace, v: u64) -> std::path::PathBuf {
    ws.path().join(format!("exports/{PIPELINE}/v{v}"))
}

fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("prefix").to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn run(ws: &Workspace) -> std::process::Output {
    ws.run(&["run", "--allow-unreviewed"])
}

#[test]
fn demo_runs_versions_chain_and_verify() {
    let ws = Workspace::demo();
    let out = run(&ws);
    assert_exit(&out, 0);
    assert!(stderr(&out).to_lowercase().contains("development key"), "dev key notice missing: {}", stderr(&out));
    let v1 = version_dir(&ws, 1);
    assert!(v1.join("manifest.dsse.json").is_file(), "manifest missing in {}", v1.display());
    for f in ["mapping.csv", "mapping.md", "mapping.json"] {
        assert!(v1.join(f).is_file(), "{f} missing");
    }

    // Nothing changed: no new version.
    let out = run(&ws);
    assert_exit(&out, 0);
    assert!(!version_dir(&ws, 2).exists(), "unchanged inputs wrote v2");

    // A rule change writes v2, chained to v1.
    let path = "pipelines/sales/shop_to_analytics.toml";
    let text = ws
        .read(path)
        .replace("street_addr = \"address_line\"", "street_addr = \"address_line\", zip = \"postal_code\"");
    ws.write(path, &text);
    let out = run(&ws);
    assert_exit(&out, 0);
    assert!(version_dir(&ws, 2).join("manifest.dsse.json").is_file());
    let out = ws.run(&["verify", PIPELINE]);
    assert_exit(&out, 0);
    let out = ws.run(&["verify", "--all", "--format", "json"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains(PIPELINE), "{}", stdout(&out));
}

#[test]
fn artifacts_are_byte_identical_across_runs() {
    let a = Workspace::demo();
    let b = Workspace::demo();
    assert_exit(&run(&a), 0);
    assert_exit(&run(&b), 0);
    let strip = |files: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        files.into_iter().filter(|(n, _)| !n.starts_with("manifest") && !n.starts_with("_claim")).collect()
    };
    let fa = strip(files_under(&version_dir(&a, 1)));
    let fb = strip(files_under(&version_dir(&b, 1)));
    assert!(!fa.is_empty());
    assert_eq!(fa.iter().map(|f| &f.0).collect::<Vec<_>>(), fb.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{name} differs between two runs on the same inputs");
    }
}

fn tamper_case(mutate: impl FnOnce(&Workspace), expect_in_err: &str) {
    let ws = Workspace::demo();
    assert_exit(&run(&ws), 0);
    let path = "pipelines/sales/shop_to_analytics.toml";
    let text = ws
        .read(path)
        .replace("street_addr = \"address_line\"", "street_addr = \"address_line\", zip = \"postal_code\"");
    ws.write(path, &text);
    assert_exit(&run(&ws), 0);
    assert_exit(&ws.run(&["verify", PIPELINE]), 0);
    mutate(&ws);
    let out = ws.run(&["verify", PIPELINE]);
    assert_exit(&out, 6);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains(expect_in_err), "expected `{expect_in_err}` in:\n{all}");
}

#[test]
fn verify_detects_a_changed_artifact_byte() {
    tamper_case(
        |ws| {
            let p = version_dir(ws, 2).join("mapping.csv");
            let mut bytes = std::fs::read(&p).expect("read");
            bytes[10] ^= 0x01;
            std::fs::write(&p, bytes).expect("write");
        },
        "mapping.csv",
    );
}

#[test]
fn verify_detects_a_changed_manifest_payload() {
    tamper_case(
        |ws| {
            let p = version_dir(ws, 2).join("manifest.dsse.json");
            let mut env: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).expect("read")).expect("json");
            let payload = env["payload"].as_str().expect("payload").to_string();
            // Flip one base64 character of the payload.
            let mut chars: Vec<char> = payload.chars().collect();
            chars[20] = if chars[20] == 'A' { 'B' } else { 'A' };
            env["payload"] = serde_json::Value::String(chars.into_iter().collect());
            std::fs::write(&p, serde_json::to_vec_pretty(&env).expect("json")).expect("write");
        },
        "manifest.dsse.json",
    );
}

#[test]
fn verify_detects_a_changed_signature() {
    tamper_case(
        |ws| {
            let p = version_dir(ws, 2).join("manifest.dsse.json");
            let mut env: serde_json::Value = serde_json::from_slice(&std::fs::read(&p).expect("read")).expect("json");
            let sig = env["signatures"][0]["sig"].as_str().expect("sig").to_string();
            let mut chars: Vec<char> = sig.chars().collect();
            chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
            env["signatures"][0]["sig"] = serde_json::Value::String(chars.into_iter().collect());
            std::fs::write(&p, serde_json::to_vec_pretty(&env).expect("json")).expect("write");
        },
        "signature",
    );
}

#[test]
fn verify_detects_v1_deleted_under_v2() {
    tamper_case(|ws| std::fs::remove_dir_all(version_dir(ws, 1)).expect("rm v1"), "v1");
}

#[test]
fn missing_url_env_is_exit_2_naming_the_variable_not_its_value() {
    let ws = Workspace::demo();
    ws.write(
        "pipelines/datasources/analytics.toml",
        "engine = \"sqlite\"\nurl_env = \"ANALYTICS_DB_URL\"\nclass = \"production\"\ngrants = [\"pipelines/**\"]\n",
    );
    let out = run(&ws);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("ANALYTICS_DB_URL"), "{err}");
    // Set to something secret-looking but empty-equivalent is still "not set"; a set value is never echoed.
    let out = ws.run_env(&["discover", "analytics"], &[("ANALYTICS_DB_URL", "postgres://u:topsecret@127.0.0.1:1/x")]);
    assert_ne!(out.status.code(), Some(0));
    assert!(!format!("{}{}", stdout(&out), stderr(&out)).contains("topsecret"), "secret leaked");
}

#[test]
fn unreadable_sqlite_file_is_exit_1_naming_the_datasource() {
    let ws = Workspace::demo();
    std::fs::remove_file(ws.path().join("demo/analytics.db")).expect("rm");
    std::fs::create_dir(ws.path().join("demo/analytics.db")).expect("dir in its place");
    let out = run(&ws);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("analytics"), "{}", stderr(&out));
    assert!(!version_dir(&ws, 1).exists());
}
