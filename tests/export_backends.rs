//! Versioned, signed exports on every backend: local files, memory, S3 (moto) and Azure (Azurite).
//! The emulators are real servers on 127.0.0.1 (`.ci/emulators.sh` starts them).

mod support;
use mapwright::audit::verify::verify;
use mapwright::audit::{Denial, statement::Subject};
use mapwright::error::{Class, Error};
use mapwright::export::store::Created;
use mapwright::export::{self, ExportRequest, Outcome};
use support::exports as ex;

async fn scenario(kind: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let Some(store) = ex::open(kind, dir.path()) else { return };
    let (signer, keys) = ex::signer();
    let p = "orders";

    assert!(export::latest(&store, p).await.expect("latest").is_none());
    let (a1, i1) = (ex::artifacts(p, 1, 2), ex::inputs(p, 1));
    let req = ExportRequest { pipeline: p, artifacts: &a1, inputs: &i1, force: false };
    let Outcome::Published { version: 1, manifest_digest: d1 } =
        export::publish(&store, &signer, &req).await.expect("v1")
    else {
        panic!("expected v1")
    };

    // Same inputs: nothing new. --force: a new version chained to v1.
    assert_eq!(export::publish(&store, &signer, &req).await.expect("again"), Outcome::Unchanged { version: 1 });
    let forced = ExportRequest { force: true, ..req };
    assert!(matches!(
        export::publish(&store, &signer, &forced).await.expect("v2"),
        Outcome::Published { version: 2, .. }
    ));
    let (a3, i3) = (ex::artifacts(p, 2, 2), ex::inputs(p, 2));
    let req3 = ExportRequest { pipeline: p, artifacts: &a3, inputs: &i3, force: false };
    assert!(matches!(
        export::publish(&store, &signer, &req3).await.expect("v3"),
        Outcome::Published { version: 3, .. }
    ));

    let latest = export::latest(&store, p).await.expect("latest").expect("some");
    assert_eq!((latest.version, latest.sequence), (3, 3));
    let prev = latest.predicate.previous.as_ref().expect("chained");
    assert_eq!(prev.version, 2);
    let v2 = export::list_versions(&store, p).await.expect("list");
    assert_eq!(v2.iter().map(|v| v.version).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(v2[1].predicate.previous.as_ref().expect("v2 prev").digest, d1);
    assert_eq!(latest.subjects.len(), a3.len());
    assert_eq!(latest.subjects[0], Subject::of(&a3[0].name, &a3[0].bytes));

    let bytes = export::read_artifact(&store, p, 3, "_mapwright/mapping.json").await.expect("read");
    assert_eq!(bytes, ex::mapping(p, 2).to_json());
    let err = export::read_artifact(&store, p, 9, "mapping.csv").await.expect_err("no v9");
    assert!(err.message.contains("not a committed version"), "{}", err.message);

    // Conditional create on this backend: the second create of the same claim loses.
    let claim = format!("{p}/v1/_claim.json");
    assert_eq!(store.put_if_absent(&claim, b"x".to_vec()).await.expect("create"), Created::AlreadyExists);
    assert_eq!(store.put_if_absent("probe/once", b"1".to_vec()).await.expect("create"), Created::Yes);
    assert_eq!(store.put_if_absent("probe/once", b"2".to_vec()).await.expect("create"), Created::AlreadyExists);
    assert_eq!(store.get("probe/once").await.expect("get").as_deref(), Some(&b"1"[..]));

    // Denials are signed records too.
    let mut denial = Denial::new(p, "pipelines/team/orders.toml", &Error::new(Class::PolicyDenied, "email unmasked"));
    denial.files.insert("pipelines/team/orders.toml".into(), format!("sha256:{}", "11".repeat(32)));
    let path = export::record_denial(&store, &signer, &denial).await.expect("denial");
    assert!(path.starts_with("_denials/orders/"), "{path}");

    let report = verify(&store, &keys, Some(p), None, None).await.expect("verify");
    assert!(report.ok, "{:#?}", report);
    assert_eq!(report.pipelines[0].versions.len(), 3);
    assert_eq!(report.pipelines[0].denials_checked, 1);
}

#[tokio::test]
async fn local_store() {
    scenario("local").await;
}

#[tokio::test]
async fn memory_store() {
    scenario("memory").await;
}

#[tokio::test]
async fn s3_store_on_moto() {
    scenario("s3").await;
}

#[tokio::test]
async fn azure_store_on_azurite() {
    scenario("azure").await;
}

#[tokio::test]
async fn moto_answers_if_none_match_with_412() {
    // The raw protocol behind conditional create: a second PUT with If-None-Match: * is refused.
    let Some(bucket) = ex::s3_bucket() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let store =
        mapwright::export::Store::build(&format!("s3://{bucket}"), &ex::s3_options(), dir.path()).expect("store");
    assert_eq!(store.put_if_absent("k", b"a".to_vec()).await.expect("first"), Created::Yes);
    assert_eq!(store.put_if_absent("k", b"b".to_vec()).await.expect("second"), Created::AlreadyExists);
    let ep = support::s3_endpoint();
    let hp = support::host_port(&ep);
    use std::io::{Read, Write};
    // moto does not check signatures but treats a request without credentials as anonymous (403).
    const AUTH: &str = "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, \
                        SignedHeaders=host, Signature=0\r\n";
    let mut s = std::net::TcpStream::connect(&hp).expect("connect");
    write!(
        s,
        "PUT /{bucket}/k HTTP/1.1\r\nHost: {hp}\r\nIf-None-Match: *\r\n{AUTH}Content-Length: 1\r\nConnection: close\r\n\r\nc"
    )
    .expect("send");
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 412"), "{resp}");
}

#[tokio::test]
async fn invalid_artifact_names_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = ex::open("local", dir.path()).expect("local");
    let (signer, _) = ex::signer();
    let inputs = ex::inputs("p", 1);
    for bad in ["../escape.sql", "manifest.dsse.json", "a#b", "/abs"] {
        let arts = vec![mapwright::render::Artifact { name: bad.into(), bytes: b"x".to_vec() }];
        let req = ExportRequest { pipeline: "p", artifacts: &arts, inputs: &inputs, force: false };
        let err = export::publish(&store, &signer, &req).await.expect_err(bad);
        assert!(err.message.contains(bad), "{}", err.message);
    }
    assert!(store.list("").await.expect("list").is_empty());
}
