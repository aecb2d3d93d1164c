//! Snapshot "engine": a Catalog saved by `discover --out FILE`, loaded offline.
//!
//! PR checks run against a committed snapshot so they need no database
//! credentials. The snapshot keeps its original engine, datasource and
//! server version, so its digest equals that of a live discovery of the same
//! schema (drift detection compares the two). The scope still applies.

use super::{Request, scope::Filter};
use crate::catalog::{CATALOG_FORMAT_VERSION, Catalog};
use crate::error::{Class, Error, Result};
use std::path::PathBuf;

fn path_of(req: &Request<'_>) -> Result<PathBuf> {
    let url = req.url.expose();
    let rest = url.strip_prefix("snapshot://").ok_or_else(|| {
        Error::new(
            Class::Discovery,
            format!("datasource `{}`: not a snapshot URL: {}", req.datasource, req.url.redacted()),
        )
        .with_hint("use snapshot://path/to/catalog.json (relative to the workspace root)")
    })?;
    Ok(PathBuf::from(rest.split_once('?').map_or(rest, |(p, _)| p)))
}

/// Load and validate the snapshot file.
pub fn load(req: &Request<'_>) -> Result<Catalog> {
    let path = path_of(req)?;
    let fail = |msg: String, hint: &str| {
        Error::new(Class::Discovery, format!("datasource `{}`: snapshot {}: {msg}", req.datasource, path.display()))
            .with_hint(hint.to_string())
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        fail(format!("cannot read: {e}"), "write one with `mapwright discover <datasource> --out FILE`")
    })?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| fail(format!("not valid JSON: {e}"), "regenerate the snapshot"))?;
    let version = value.get("format_version").and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(CATALOG_FORMAT_VERSION)) {
        let found = version.map_or("missing".to_string(), |v| v.to_string());
        return Err(fail(
            format!("format_version is {found}, this mapwright reads {CATALOG_FORMAT_VERSION}"),
            "regenerate the snapshot with this version of mapwright (`discover --out`)",
        ));
    }
    let cat: Catalog = serde_json::from_value(value)
        .map_err(|e| fail(format!("not a mapwright catalog: {e}"), "regenerate the snapshot"))?;
    Ok(cat)
}

/// The snapshot's catalog, restricted to the scope (judged by its original engine's system schemas).
pub fn catalog(req: &Request<'_>) -> Result<Catalog> {
    let mut cat = load(req)?;
    let filter = Filter::new(cat.engine, req.scope)?;
    cat.schemas.retain(|s| filter.schema(&s.name));
    for s in &mut cat.schemas {
        let schema = s.name.clone();
        s.tables.retain(|t| filter.table(&schema, &t.name));
    }
    Ok(cat)
}

/// The one database a snapshot holds.
pub fn databases(req: &Request<'_>) -> Result<Vec<String>> {
    Ok(vec![load(req)?.database])
}
