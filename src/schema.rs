//! JSON Schemas of every file format, generated from the Rust types.
//!
//! `schemas/*.schema.json` are checked in so editors (taplo, VS Code "Even Better
//! TOML") validate and autocomplete pipeline files via the `#:schema` directive.
//! `mapwright schema --write` regenerates them; a test fails when they are stale.

use crate::error::{Error, Result};
use schemars::JsonSchema;
use std::path::Path;

/// `(file name, schema JSON)` for every published format, sorted by file name.
pub fn all() -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("catalog.schema.json", render::<crate::catalog::Catalog>("mapwright Catalog (discovery output)")),
        ("datasource.schema.json", render::<crate::config::DatasourceFile>("mapwright datasource profile")),
        ("mapping.schema.json", render::<crate::mapping::Mapping>("mapwright Mapping (template context)")),
        ("pipeline.schema.json", render::<crate::config::PipelineFile>("mapwright pipeline")),
        (
            "workspace.schema.json",
            render::<crate::config::WorkspaceFile>("mapwright workspace (pipelines/mapwright.toml)"),
        ),
    ];
    out.sort_by_key(|(n, _)| *n);
    out
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serializes");
    text.push('\n');
    text
}

/// Write every schema into `dir`.
pub fn write(dir: &Path) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "create", e))?;
    let mut written = Vec::new();
    for (name, text) in all() {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| Error::io(&path, "write", e))?;
        written.push(name.to_string());
    }
    Ok(written)
}

/// Names of schemas in `dir` that differ from the generated ones (missing counts as stale).
pub fn stale(dir: &Path) -> Vec<String> {
    all()
        .into_iter()
        .filter(|(name, text)| std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()))
        .map(|(name, _)| name.to_string())
        .collect()
}
