//! Stage: render. [`Mapping`] → artifacts through minijinja templates.
//!
//! An *output* is what a pipeline lists in `outputs`:
//!
//! - a file template `templates/<output>.j2` renders to the artifact `<output>`
//!   (`mapping.csv.j2` → `mapping.csv`);
//! - a folder `templates/<output>/` is a multi-file output: every `*.j2` inside renders to
//!   `<output>/<path without .j2>`, and a file whose name contains `[table]` renders once
//!   per target table with `table` in its context (`dbt/models/stg_[table].sql.j2` →
//!   `dbt/models/stg_dim_customer.sql`);
//! - `mapping.json` is the Mapping's canonical JSON (no template unless overridden).
//!
//! A workspace file overrides the built-in of the same path; paths with a segment starting
//! with `_` are partials (for `include`/`import`), never outputs. The context is the
//! Mapping (`mapping`); docs/templates.md documents it with every filter and function.

mod dbt;
mod env;
mod loader;
pub mod sql;
pub mod text;

use crate::config::SourceFile;
use crate::error::{Class, Error, Result};
use crate::mapping::Mapping;
use loader::Loader;
use minijinja::value::{Serde, Value as JValue};
use std::collections::BTreeMap;
use std::path::Path;

pub use loader::check_name as check_template_name;

/// One rendered output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path of the artifact inside the version folder, e.g. `mapping.csv`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The canonical JSON output (the Mapping itself).
pub const MAPPING_JSON: &str = "mapping.json";
/// Placeholder in a folder template's file name expanded once per target table.
pub const TABLE_PLACEHOLDER: &str = "[table]";

#[derive(Debug, Clone)]
enum Output {
    Json,
    File(String),
    Folder(Vec<String>),
}

fn is_partial(name: &str) -> bool {
    name.split('/').any(|c| c.starts_with('_'))
}

fn outputs(loader: &Loader) -> BTreeMap<String, Output> {
    let mut map = BTreeMap::new();
    map.insert(MAPPING_JSON.to_string(), Output::Json);
    for name in loader.names() {
        let Some(stem) = name.strip_suffix(".j2") else { continue };
        if is_partial(&name) {
            continue;
        }
        match stem.split_once('/') {
            None => {
                map.insert(stem.to_string(), Output::File(name.clone()));
            }
            Some((folder, _)) => match map.entry(folder.to_string()).or_insert_with(|| Output::Folder(Vec::new())) {
                Output::Folder(files) => files.push(name.clone()),
                _ => {
                    map.insert(folder.to_string(), Output::Folder(vec![name.clone()]));
                }
            },
        }
    }
    map
}

/// Output names available in this workspace (built-in plus `templates/` overrides/custom), sorted.
pub fn available_templates(root: &Path) -> Vec<String> {
    outputs(&Loader::new(root)).into_keys().collect()
}

fn unknown_output(name: &str, known: &BTreeMap<String, Output>) -> Error {
    let hint = match crate::config::diag::did_you_mean(name, known.keys().map(String::as_str)) {
        Some(s) => {
            format!("did you mean `{s}`? available outputs: {}", known.keys().cloned().collect::<Vec<_>>().join(", "))
        }
        None => format!("available outputs: {}", known.keys().cloned().collect::<Vec<_>>().join(", ")),
    };
    Error::new(Class::Template, format!("unknown output `{name}`")).with_hint(hint)
}

fn sorted_unique(outputs: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = outputs.iter().collect();
    v.sort();
    v.dedup();
    v
}

/// Render `outputs` for `mapping`. Same inputs → same bytes. Sorted by name.
/// `canonical_json` is `mapping.to_json()`, serialized once by the caller (it is also stored
/// as an internal artifact).
pub fn render(
    root: &Path,
    outputs_wanted: &[String],
    mapping: &Mapping,
    canonical_json: &[u8],
) -> Result<Vec<Artifact>> {
    let loader = Loader::new(root);
    let known = outputs(&loader);
    let env = env::environment(loader.clone());
    // The template context, built only when a template output is wanted (it is a full copy).
    let context = std::cell::OnceCell::new();
    let ctx_mapping = || context.get_or_init(|| JValue::from(Serde(mapping))).clone();
    let mut artifacts: Vec<Artifact> = Vec::new();
    let run = |template: &str, ctx: JValue| -> Result<Vec<u8>> {
        let tmpl = env.get_template(template).map_err(|e| env::template_failure(&e, &loader, template))?;
        let text = tmpl.render(ctx).map_err(|e| env::template_failure(&e, &loader, template))?;
        Ok(text.into_bytes())
    };
    for out in sorted_unique(outputs_wanted) {
        match known.get(out.as_str()) {
            None => return Err(unknown_output(out, &known)),
            Some(Output::Json) => artifacts.push(Artifact { name: out.clone(), bytes: canonical_json.to_vec() }),
            Some(Output::File(t)) => {
                let bytes = run(t, minijinja::context! { mapping => ctx_mapping() })?;
                artifacts.push(Artifact { name: out.clone(), bytes });
            }
            Some(Output::Folder(templates)) => {
                for t in templates {
                    let rel = t.strip_suffix(".j2").unwrap_or(t);
                    if rel.contains(TABLE_PLACEHOLDER) {
                        for (table, file) in mapping.tables.iter().zip(table_file_names(mapping)) {
                            let ctx = minijinja::context! {
                                mapping => ctx_mapping(),
                                table => JValue::from(Serde(table)),
                                table_file => file.clone(),
                            };
                            artifacts
                                .push(Artifact { name: rel.replace(TABLE_PLACEHOLDER, &file), bytes: run(t, ctx)? });
                        }
                    } else {
                        let bytes = run(t, minijinja::context! { mapping => ctx_mapping() })?;
                        artifacts.push(Artifact { name: rel.to_string(), bytes });
                    }
                }
            }
        }
    }
    artifacts.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(w) = artifacts.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(Error::new(Class::Template, format!("two outputs both produce the artifact `{}`", w[0].name))
            .with_hint("remove one of the outputs from the pipeline's `outputs`"));
    }
    Ok(artifacts)
}

/// Compile (without rendering) every template the given outputs use, plus every partial,
/// so syntax errors surface in `validate` — before any database is touched or anything is
/// exported. Unknown output names are left to the caller (config cross-checks report them
/// with file:line:col). One error per broken template file.
pub fn check_templates(root: &Path, outputs_wanted: &[String]) -> Vec<Error> {
    let loader = Loader::new(root);
    let known = outputs(&loader);
    let env = env::environment(loader.clone());
    let mut names: Vec<String> = loader.names().into_iter().filter(|n| is_partial(n)).collect();
    for out in sorted_unique(outputs_wanted) {
        match known.get(out.as_str()) {
            Some(Output::File(t)) => names.push(t.clone()),
            Some(Output::Folder(ts)) => names.extend(ts.iter().cloned()),
            Some(Output::Json) | None => {}
        }
    }
    names.sort();
    names.dedup();
    names
        .iter()
        .filter_map(|n| env.get_template(n).err().map(|e| (n, e)))
        .map(|(n, e)| {
            // Folded into the message: configuration errors are reported as one text block.
            let err = env::template_failure(&e, &loader, n);
            let help = err.hint.clone().map(|h| format!("\n  help: {h}")).unwrap_or_default();
            Error::new(Class::Template, format!("{}{help}", err.message))
        })
        .collect()
}

/// File-safe names for the target tables, unique: a name that would collide (after
/// sanitizing, or with the same name in another schema) gets a short digest of `schema.table`.
pub fn table_file_names(mapping: &Mapping) -> Vec<String> {
    let base: Vec<String> = mapping.tables.iter().map(|t| text::file_safe(&t.target.name)).collect();
    base.iter()
        .zip(&mapping.tables)
        .map(|(b, t)| {
            if base.iter().filter(|x| *x == b).count() > 1 || *b != t.target.name {
                let d = crate::config::sha256_digest(t.target.to_string().as_bytes());
                let hex = d.strip_prefix("sha256:").unwrap_or(&d);
                format!("{b}_{}", &hex[..8])
            } else {
                b.clone()
            }
        })
        .collect()
}

/// The template sources `outputs` use (path `templates/x.j2` or `builtin:templates/x.j2`),
/// for manifest input digests. Partials are included whenever a template is used, since
/// any template may include them. Sorted by path.
pub fn template_files(root: &Path, outputs_wanted: &[String]) -> Result<Vec<SourceFile>> {
    let loader = Loader::new(root);
    let known = outputs(&loader);
    let mut names: Vec<String> = Vec::new();
    for out in sorted_unique(outputs_wanted) {
        match known.get(out.as_str()) {
            None => return Err(unknown_output(out, &known)),
            Some(Output::Json) => {}
            Some(Output::File(t)) => names.push(t.clone()),
            Some(Output::Folder(ts)) => names.extend(ts.iter().cloned()),
        }
    }
    if !names.is_empty() {
        names.extend(loader.names().into_iter().filter(|n| is_partial(n)));
    }
    let mut files = Vec::new();
    for n in names {
        if let Some(src) = loader.load(&n)? {
            files.push(SourceFile { path: src.path, text: src.text });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(files)
}
