//! The tamper-evident trail beyond the spine's cases: payloadType, untrusted keys, swapped
//! versions, rollback/replay against a trusted state, key rotation, secrets never written,
//! and interoperability with the reference DSSE implementation (securesystemslib).

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{Workspace, assert_exit, stderr, stdout};

const PIPELINE: &str = "shop_to_analytics";
const FILE: &str = "pipelines/sales/shop_to_analytics.toml";

fn vdir(ws: &Workspace, v: u64) -> PathBuf {
    ws.path().join(format!("exports/{PIPELINE}/v{v}"))
}

fn run(ws: &Workspace, env: &[(&str, &str)]) -> std::process::Output {
    ws.run_env(&["run", PIPELINE, "--allow-unreviewed"], env)
}

/// v1, then a rule change → v2 (signed with the development key).
fn two_versions() -> Workspace {
    let ws = Workspace::demo();
    assert_exit(&run(&ws, &[]), 0);
    ws.write(FILE, &(ws.read(FILE) + "\n[[columns]]\ntarget = \"dim_customer.telephone\"\nmask = \"hash\"\n"));
    assert_exit(&run(&ws, &[]), 0);
    assert_exit(&ws.run(&["verify", PIPELINE]), 0);
    ws
}

fn verify_fails(ws: &Workspace, args: &[&str], expect: &[&str]) {
    let out = ws.run(args);
    assert_exit(&out, 6);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    for e in expect {
        assert!(all.contains(e), "expected `{e}` in:\n{all}");
    }
}

fn edit_envelope(path: &Path, f: impl FnOnce(&mut Value)) {
    let mut env: Value = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json");
    f(&mut env);
    std::fs::write(path, serde_json::to_vec_pretty(&env).expect("json")).expect("write");
}

#[test]
fn payload_type_change_is_detected() {
    let ws = two_versions();
    edit_envelope(&vdir(&ws, 2).join("manifest.dsse.json"), |e| {
        e["payloadType"] = Value::String("application/json".into());
    });
    verify_fails(&ws, &["verify", PIPELINE], &["v2/manifest.dsse.json"]);
}

#[test]
fn swapped_versions_are_detected() {
    let ws = two_versions();
    let (a, b, tmp) = (vdir(&ws, 1), vdir(&ws, 2), vdir(&ws, 99));
    std::fs::rename(&a, &tmp).expect("mv");
    std::fs::rename(&b, &a).expect("mv");
    std::fs::rename(&tmp, &b).expect("mv");
    verify_fails(&ws, &["verify", PIPELINE], &["manifest.dsse.json"]);
}

#[test]
fn a_version_signed_by_an_untrusted_key_is_rejected_and_rotation_works() {
    let ws = two_versions();
    let keys = ws.path().join("keys-out");
    assert_exit(&ws.run(&["keygen", "--name", "ci-2027", "--out-dir", keys.to_str().expect("utf8")]), 0);
    let private = std::fs::read_to_string(keys.join("ci-2027.key")).expect("private key");
    assert!(
        !stdout(&ws.run(&["keygen", "--name", "x", "--out-dir", keys.to_str().expect("utf8")])).contains("PRIVATE")
    );

    // v3 signed with a key nobody trusts yet.
    ws.write(FILE, &(ws.read(FILE) + "\n[[columns]]\ntarget = \"dim_customer.email_address\"\nmask = \"hash\"\n"));
    let out = run(&ws, &[("MAPWRIGHT_SIGNING_KEY", &private)]);
    assert_exit(&out, 0);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains(private.trim()), "the private key leaked into the output");
    verify_fails(&ws, &["verify", PIPELINE], &["v3"]);

    // Security trusts the new key (rotation: old and new keys both trusted) → the chain verifies.
    std::fs::create_dir_all(ws.path().join("pipelines/keys")).expect("keys dir");
    std::fs::copy(keys.join("ci-2027.pub"), ws.path().join("pipelines/keys/ci-2027.pub")).expect("trust");
    assert_exit(&ws.run(&["verify", PIPELINE]), 0);

    // The private key appears in no exported object.
    let mut stack = vec![ws.path().join("exports")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).to_string();
                let key_body: String = private.lines().filter(|l| !l.starts_with("-----")).collect();
                assert!(!text.contains(&key_body), "{} contains the private key", p.display());
            }
        }
    }
}

#[test]
fn trusted_state_rejects_rollback_and_replay() {
    let ws = two_versions();
    let state = ws.path().join("trusted-state.json");
    let s = state.to_str().expect("utf8");
    assert_exit(&ws.run(&["verify", "--all", "--trusted-state", s]), 0);
    // Roll the store back to v1 (v2 removed): internally consistent, but older than what was verified.
    let saved = ws.path().join("saved-v2");
    std::fs::rename(vdir(&ws, 2), &saved).expect("mv v2");
    assert_exit(&ws.run(&["verify", PIPELINE]), 0);
    verify_fails(&ws, &["verify", "--all", "--trusted-state", s], &[PIPELINE]);
    // Replay: the old v1 manifest copied in as the latest version.
    std::fs::create_dir_all(vdir(&ws, 2)).expect("v2");
    for e in std::fs::read_dir(vdir(&ws, 1)).expect("v1").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), vdir(&ws, 2).join(e.file_name())).expect("copy");
        }
    }
    verify_fails(&ws, &["verify", "--all", "--trusted-state", s], &["v2"]);
    // The real store passes again.
    std::fs::remove_dir_all(vdir(&ws, 2)).expect("rm");
    std::fs::rename(&saved, vdir(&ws, 2)).expect("restore");
    assert_exit(&ws.run(&["verify", "--all", "--trusted-state", s]), 0);
}

#[test]
fn manifests_verify_with_the_reference_dsse_implementation() {
    let python = support::python();
    let ok = std::process::Command::new(&python)
        .args(["-c", "import securesystemslib.dsse, cryptography"])
        .status()
        .is_ok_and(|s| s.success());
    if !support::require("Python with securesystemslib (pip install -r .ci/requirements.txt)", ok) {
        return;
    }
    let ws = two_versions();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/dsse_verify.py");
    let public = ws.path().join(".mapwright/dev-key.pub");
    for v in [1, 2] {
        let manifest = vdir(&ws, v).join("manifest.dsse.json");
        let env: Value = serde_json::from_slice(&std::fs::read(&manifest).expect("manifest")).expect("json");
        let keyid = env["signatures"][0]["keyid"].as_str().expect("keyid").to_string();
        let check =
            || std::process::Command::new(&python).arg(&script).arg(&manifest).arg(&public).arg(&keyid).output();
        let out = check().expect("python");
        assert!(out.status.success(), "securesystemslib rejected v{v}: {}{}", stdout(&out), stderr(&out));
        assert!(stdout(&out).starts_with("https://mapwright.dev/manifest/v1"), "{}", stdout(&out));

        // And it rejects a manifest whose payload was altered.
        edit_envelope(&manifest, |e| {
            let p = e["payload"].as_str().expect("payload").to_string();
            let mut c: Vec<char> = p.chars().collect();
            c[12] = if c[12] == 'A' { 'B' } else { 'A' };
            e["payload"] = Value::String(c.into_iter().collect());
        });
        let out = check().expect("python");
        assert!(!out.status.success(), "securesystemslib accepted a tampered v{v}");
    }
}

#[test]
fn a_version_deleted_from_the_middle_breaks_the_chain() {
    let ws = two_versions();
    ws.write(FILE, &(ws.read(FILE) + "\n[[columns]]\ntarget = \"dim_customer.email_address\"\nmask = \"hash\"\n"));
    assert_exit(&run(&ws, &[]), 0);
    assert_exit(&ws.run(&["verify", PIPELINE]), 0);
    std::fs::remove_dir_all(vdir(&ws, 2)).expect("rm v2");
    verify_fails(&ws, &["verify", PIPELINE], &["v3", "v2"]);
}
