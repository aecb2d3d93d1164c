//! Helpers for export/audit tests: stores on every backend (real emulators),
//! keys, and a small but real Mapping with its rendered artifacts.

use super::{azurite_endpoint, host_port, python, require, s3_endpoint, tcp_reachable};
use mapwright::audit::{Inputs, Signer, TrustedKeys, keys};
use mapwright::catalog::{Engine, LogicalType};
use mapwright::export::Store;
use mapwright::mapping::*;
use mapwright::render::Artifact;
use std::collections::BTreeMap;
use std::path::Path;

/// The well-known, public Azurite development account key (documented by Microsoft).
pub const AZURITE_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}-{}-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst), nanos % 1_000_000_000)
}

/// Create an S3 bucket on moto (unsigned PUT, which moto accepts).
fn create_bucket(endpoint: &str, bucket: &str) {
    use std::io::{Read, Write};
    let hp = host_port(endpoint);
    let mut s = std::net::TcpStream::connect(&hp).expect("connect moto");
    write!(s, "PUT /{bucket} HTTP/1.1\r\nHost: {hp}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").expect("send");
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 200"), "create bucket {bucket}: {resp}");
}

/// S3 store options for moto (test credentials, which moto accepts).
pub fn s3_options() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("aws_endpoint".into(), s3_endpoint()),
        ("aws_allow_http".into(), "true".into()),
        ("aws_region".into(), "us-east-1".into()),
        ("aws_access_key_id".into(), "testing".into()),
        ("aws_secret_access_key".into(), "testing".into()),
    ])
}

/// A fresh bucket on moto; `None` when skipped (no emulator outside CI).
pub fn s3_bucket() -> Option<String> {
    let ep = s3_endpoint();
    if !require(&format!("S3 emulator (moto) at {ep}"), tcp_reachable(&host_port(&ep))) {
        return None;
    }
    let bucket = unique("mw").to_lowercase();
    create_bucket(&ep, &bucket);
    Some(bucket)
}

pub fn azure_options() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("azure_storage_account_name".into(), "devstoreaccount1".into()),
        ("azure_storage_account_key".into(), AZURITE_KEY.into()),
        ("azure_storage_endpoint".into(), azurite_endpoint()),
        ("azure_allow_http".into(), "true".into()),
    ])
}

/// A fresh container on Azurite; `None` when skipped.
pub fn azure_container() -> Option<String> {
    let ep = azurite_endpoint();
    if !require(&format!("Azurite at {ep}"), tcp_reachable(&host_port(&ep))) {
        return None;
    }
    let container = unique("mw").to_lowercase();
    let py = if python().exists() { python() } else { "python3".into() };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/azurite_container.py");
    let out = std::process::Command::new(py).arg(script).arg(&ep).arg(&container).output().expect("run python");
    assert!(out.status.success(), "create container: {}", String::from_utf8_lossy(&out.stderr));
    Some(container)
}

/// (URL, options) of a fresh store on `backend` (`local`, `memory`, `s3`, `azure`); `None` when skipped.
pub fn backend(kind: &str, dir: &Path) -> Option<(String, BTreeMap<String, String>)> {
    match kind {
        "local" => Some((format!("file://{}", dir.join("store").display()), BTreeMap::new())),
        "memory" => Some((format!("memory://{}", unique("mem")), BTreeMap::new())),
        "s3" => s3_bucket().map(|b| (format!("s3://{b}/exports"), s3_options())),
        "azure" => azure_container().map(|c| (format!("az://{c}/exports"), azure_options())),
        other => panic!("unknown backend {other}"),
    }
}

pub fn open(kind: &str, dir: &Path) -> Option<Store> {
    let (url, opts) = backend(kind, dir)?;
    Some(Store::build(&url, &opts, dir).expect("open store"))
}

/// A signer and the trusted keys that accept it.
pub fn signer() -> (Signer, TrustedKeys) {
    let s = Signer::from_key(keys::generate().expect("key"), "test".into());
    let mut k = TrustedKeys::default();
    k.add(s.public_key(), "pipelines/keys/test.pub".into());
    (s, k)
}

fn col(name: &str, logical: LogicalType) -> ColumnInfo {
    ColumnInfo {
        name: name.into(),
        raw_type: "TEXT".into(),
        logical,
        nullable: true,
        default: None,
        comment: None,
        pk_position: None,
    }
}

fn row(target: &str, source: Option<&str>, steps: Vec<Step>) -> ColumnMapping {
    let value = match source {
        Some(s) => Value::Column { alias: "s1".into(), source: col(s, LogicalType::Text) },
        None => Value::None,
    };
    ColumnMapping {
        target: col(target, LogicalType::Text),
        branch: None,
        value,
        steps,
        method: if source.is_some() { Method::Exact } else { Method::Unmapped },
        confidence: if source.is_some() { 1.0 } else { 0.0 },
        reason: "same name".into(),
        status: if source.is_some() { Status::Accepted } else { Status::Unmapped },
        type_verdict: TypeVerdict { verdict: Verdict::Same, why: None, nullability_risk: false },
        pii: Vec::new(),
        findings: Vec::new(),
    }
}

/// A real Mapping; `variant` changes it: 1 = base, 2 = email masked + phone added, 3 = name removed.
pub fn mapping(pipeline: &str, variant: u64) -> Mapping {
    let mut cols = vec![row("id", Some("id"), vec![]), row("email", Some("email"), vec![])];
    if variant != 3 {
        cols.push(row("name", Some("full_name"), vec![]));
    }
    if variant >= 2 {
        cols[1].steps.push(Step::Mask { mask: Mask::Hash { salt: "s".into() } });
        cols.push(row("phone", Some("phone_number"), vec![]));
    }
    let endpoint = |ds: &str| Endpoint {
        datasource: ds.into(),
        engine: Engine::Sqlite,
        class: "test".into(),
        database: "main".into(),
        schema: None,
        catalog_digest: format!("sha256:{}", "ab".repeat(32)),
    };
    let mut m = Mapping {
        format_version: MAPPING_FORMAT_VERSION,
        pipeline: pipeline.into(),
        pipeline_path: format!("pipelines/team/{pipeline}.toml"),
        description: None,
        source: endpoint("shop"),
        target: endpoint("analytics"),
        tables: vec![TableMapping {
            target: TableRef { schema: "main".into(), name: "dim_customer".into() },
            sources: vec![SourceTable {
                table: TableRef { schema: "main".into(), name: "customers".into() },
                alias: "s1".into(),
                join_on: vec![],
            }],
            combine: Combine::Single,
            method: Method::Exact,
            confidence: 1.0,
            reason: "same name".into(),
            filter: None,
            columns: cols,
            unmapped_source_columns: vec![],
            unmapped_target_columns: vec![],
        }],
        unmapped_source_tables: vec![],
        unmapped_target_tables: vec![],
        findings: vec![],
        policy: PolicyVerdicts::default(),
        summary: Summary::default(),
    };
    m.summarize();
    m
}

/// Rendered-looking outputs plus the internal artifacts, for mapping `variant` (+ `extra` outputs).
pub fn artifacts(pipeline: &str, variant: u64, extra: usize) -> Vec<Artifact> {
    let m = mapping(pipeline, variant);
    let mut out = vec![
        Artifact {
            name: "mapping.csv".into(),
            bytes: format!("target,source\nid,id\n# variant {variant}\n").into_bytes(),
        },
        Artifact { name: "mapping.md".into(), bytes: format!("# {pipeline}\n\nvariant {variant}\n").into_bytes() },
        Artifact { name: "_mapwright/mapping.json".into(), bytes: m.to_json() },
        Artifact { name: "_mapwright/source.catalog.json".into(), bytes: b"{\"catalog\":\"source\"}\n".to_vec() },
        Artifact { name: "_mapwright/target.catalog.json".into(), bytes: b"{\"catalog\":\"target\"}\n".to_vec() },
    ];
    for i in 0..extra {
        out.push(Artifact {
            name: format!("sql/part_{i:03}.sql"),
            bytes: format!("-- part {i} of {variant}\n").repeat(50).into_bytes(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Inputs for `variant` (the pipeline file digest changes with it).
pub fn inputs(pipeline: &str, variant: u64) -> Inputs {
    let m = mapping(pipeline, variant);
    let files = BTreeMap::from([
        (m.pipeline_path.clone(), format!("sha256:{:064x}", variant)),
        ("pipelines/mapwright.toml".to_string(), format!("sha256:{}", "cd".repeat(32))),
    ]);
    Inputs::from_mapping(&m, files)
}
