//! Fault tests of the export: a runner killed at random points, runners racing on the same
//! pipeline, and a store that fails mid-export. In every case nothing partial becomes visible,
//! nothing already exported changes, and the next run succeeds with the chain intact.

mod support;

use mapwright::audit::verify::verify;
use mapwright::export::{self, ExportRequest, Store};
use std::process::{Command, Stdio};
use std::time::Duration;
use support::exports as ex;
use support::{Workspace, assert_exit, stdout};

const PIPELINE: &str = "shop_to_analytics";
const FILE: &str = "pipelines/sales/shop_to_analytics.toml";

/// A tiny deterministic PRNG (xorshift) so failures are reproducible from the printed seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn verify_ok(ws: &Workspace) -> serde_json::Value {
    let out = ws.run(&["verify", "--all", "--format", "json"]);
    assert_exit(&out, 0);
    serde_json::from_str(&stdout(&out)).expect("verify JSON")
}

fn committed_versions(report: &serde_json::Value) -> Vec<u64> {
    report["pipelines"]
        .as_array()
        .expect("pipelines")
        .iter()
        .filter(|p| p["pipeline"] == PIPELINE)
        .flat_map(|p| p["versions"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| v["version"].as_u64())
        .collect()
}

#[test]
fn killed_mid_export_leaves_nothing_visible_and_the_next_run_succeeds() {
    let ws = Workspace::demo();
    assert_exit(&ws.run(&["run", PIPELINE, "--allow-unreviewed"]), 0);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut killed_before_commit = 0;
    for trial in 0..50 {
        // Each trial has something new to export.
        ws.write(FILE, &(ws.read(FILE) + &format!("\n# trial {trial}\n")));
        let before = committed_versions(&verify_ok(&ws));
        let mut child = Command::new(env!("CARGO_BIN_EXE_mapwright"))
            .current_dir(ws.path())
            .args(["run", PIPELINE, "--allow-unreviewed", "--force"])
            .env_remove("CI")
            .env("MAPWRIGHT_LOG", "mapwright=error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.next() % 120));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().expect("wait");
        // Readers see only committed versions: the chain verifies and nothing old changed.
        let after = committed_versions(&verify_ok(&ws));
        assert!(after.starts_with(&before), "trial {trial}: committed versions changed: {before:?} → {after:?}");
        assert!(after.len() <= before.len() + 1, "trial {trial}: {after:?}");
        if !status.success() && after.len() == before.len() {
            killed_before_commit += 1;
        }
    }
    assert!(killed_before_commit > 0, "no trial was killed before its manifest: the test did not exercise crashes");
    // The next run succeeds and chains to the last committed version; gc clears the leftovers.
    ws.write(FILE, &(ws.read(FILE) + "\n# final\n"));
    assert_exit(&ws.run(&["run", PIPELINE, "--allow-unreviewed", "--force"]), 0);
    verify_ok(&ws);
    assert_exit(&ws.run(&["gc", "--grace-hours", "0"]), 0);
    verify_ok(&ws);
}

#[test]
fn two_runners_racing_never_collide_and_lose_nothing() {
    let ws = Workspace::demo();
    assert_exit(&ws.run(&["run", PIPELINE, "--allow-unreviewed"]), 0);
    for round in 0..20 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_mapwright"))
                .current_dir(ws.path())
                .args(["run", PIPELINE, "--allow-unreviewed", "--force", "--format", "json"])
                .env_remove("CI")
                .env("MAPWRIGHT_LOG", "mapwright=error")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (a, b) = (spawn(), spawn());
        let (a, b) = (a.wait_with_output().expect("a"), b.wait_with_output().expect("b"));
        let version = |o: &std::process::Output| -> u64 {
            assert!(o.status.success(), "round {round}: {}{}", stdout(o), String::from_utf8_lossy(&o.stderr));
            let s: serde_json::Value = serde_json::from_str(&stdout(o)).expect("summary");
            s["pipelines"][0]["version"].as_u64().expect("version")
        };
        let (va, vb) = (version(&a), version(&b));
        assert_ne!(va, vb, "round {round}: both runners published v{va}");
    }
    // 1 + 2 × 20 versions, one chain without gaps.
    let versions = committed_versions(&verify_ok(&ws));
    assert_eq!(versions, (1..=41).collect::<Vec<u64>>());
}

#[tokio::test]
async fn a_store_failing_mid_export_changes_nothing_visible() {
    let dir = tempfile::tempdir().expect("tmp");
    let Some(bucket) = ex::s3_bucket() else { return };
    let direct = Store::build(&format!("s3://{bucket}/exports"), &ex::s3_options(), dir.path()).expect("store");
    let (signer, keys) = ex::signer();
    let p = "orders";
    let (a1, i1) = (ex::artifacts(p, 1, 3), ex::inputs(p, 1));
    export::publish(&direct, &signer, &ExportRequest { pipeline: p, artifacts: &a1, inputs: &i1, force: false })
        .await
        .expect("v1");
    let (a2, i2) = (ex::artifacts(p, 2, 30), ex::inputs(p, 2));

    // The connection to the store is cut after a growing number of bytes: every attempt fails
    // somewhere in the claim/artifacts/manifest sequence.
    let upstream = support::host_port(&support::s3_endpoint());
    for cut in [200, 2_000, 8_000, 20_000] {
        let proxy = support::proxy::TcpProxy::start(&upstream, Some(cut));
        let mut opts = ex::s3_options();
        opts.insert("aws_endpoint".into(), format!("http://127.0.0.1:{}", proxy.port));
        let flaky = Store::build(&format!("s3://{bucket}/exports"), &opts, dir.path()).expect("store");
        let req = ExportRequest { pipeline: p, artifacts: &a2, inputs: &i2, force: false };
        let result = export::publish(&flaky, &signer, &req).await;
        let err = result.expect_err("a store cut mid-export must fail");
        assert!(err.exit_code() == 1, "cut {cut}: {}", err.message);
        assert!(!err.message.contains("testing"), "credentials in the error: {}", err.message);
        // Nothing visible changed: v1 is still the latest and everything verifies.
        let latest = export::latest(&direct, p).await.expect("latest").expect("v1");
        assert_eq!(latest.version, 1, "cut {cut}");
        let report = verify(&direct, &keys, Some(p), None, None).await.expect("verify");
        assert!(report.ok, "cut {cut}: {report:#?}");
    }
    // The store recovers: the next export succeeds, chained to v1.
    let req = ExportRequest { pipeline: p, artifacts: &a2, inputs: &i2, force: false };
    let out = export::publish(&direct, &signer, &req).await.expect("after recovery");
    let export::Outcome::Published { version, .. } = out else { panic!("expected a new version") };
    let latest = export::latest(&direct, p).await.expect("latest").expect("some");
    assert_eq!(latest.version, version);
    assert_eq!(latest.predicate.previous.as_ref().map(|x| x.version), Some(1));
    assert!(verify(&direct, &keys, Some(p), None, None).await.expect("verify").ok);
}
