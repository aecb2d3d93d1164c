//! Stage: policy. A [`Mapping`] → `deny` / `warn` verdicts from Rego policies.
//!
//! Security teams write policies in OPA's language (`pipelines/policies/*.rego`,
//! package `mapwright.<name>`), evaluated in-process by the `regorus` crate.
//! Each policy sees this input:
//!
//! ```text
//! input.mapping      the Mapping as JSON (see docs/mapping.md)
//! input.pipeline     {name, path}
//! input.datasources  {<name>: {class, engine}} for every datasource profile
//! input.settings     {forbidden_class_pairs: [[source_class, target_class], …]}
//! ```
//!
//! and may define `deny` and `warn` as sets of messages. Files ending in
//! `_test.rego` hold policy unit tests (see [`unit`]) and are not evaluated on
//! mappings. A pipeline's `[[exemptions]]` turn matching denies into warnings.

mod exemptions;
pub mod unit;

use crate::config::{SourceFile, Workspace};
use crate::error::{Error, Result};
use crate::mapping::{Mapping, PolicyMessage, PolicyVerdicts};
use regorus::Engine;

/// Required package prefix, so policies cannot collide with other Rego in `data`.
pub const PACKAGE_PREFIX: &str = "data.mapwright.";

/// Whether a policy file holds unit tests rather than a policy.
pub fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}

/// Compile every policy (and test) file; one error per problem with file:line:col.
///
/// Also checks the package naming, that each policy file has its own package
/// (verdicts are attributed to files by package), and that pipeline exemptions
/// name existing policies.
pub fn compile(ws: &Workspace) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut engine = Engine::new();
    let mut packages: Vec<(String, &str)> = Vec::new();
    for f in &ws.policies {
        match add(&mut engine, f) {
            Ok(pkg) => {
                if !is_test_file(&f.path)
                    && let Some((_, other)) = packages.iter().find(|(p, _)| *p == pkg)
                {
                    errors.push(Error::config(format!(
                        "{}: package `{}` is also declared by {other}; give each policy file its own package",
                        f.path,
                        pkg.trim_start_matches("data.")
                    )));
                }
                packages.push((pkg, &f.path));
            }
            Err(e) => errors.push(e),
        }
    }
    errors.extend(exemptions::check(ws));
    errors
}

/// Parse one file into `engine`, returning its package (`data.mapwright.x`).
fn add(engine: &mut Engine, f: &SourceFile) -> Result<String> {
    let pkg = engine.add_policy(f.path.clone(), f.text.clone()).map_err(|e| located(&f.path, &e.to_string()))?;
    if !pkg.starts_with(PACKAGE_PREFIX) {
        let line = f.text.lines().position(|l| l.trim_start().starts_with("package ")).map_or(1, |i| i + 1);
        return Err(Error::config(format!(
            "{}:{line}: package `{}` must start with `mapwright.`",
            f.path,
            pkg.trim_start_matches("data.")
        ))
        .with_hint("name policy packages `mapwright.<policy name>`, e.g. `package mapwright.pii_masking`"));
    }
    Ok(pkg)
}

/// Turn a regorus message (`--> file:line:col` + excerpt + `error: msg`) into `file:line:col: msg` + excerpt.
fn located(path: &str, raw: &str) -> Error {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"-->\s*(\S+?):(\d+):(\d+)").expect("static regex"));
    let detail = raw.trim();
    match re.captures(detail) {
        Some(c) => {
            let msg = detail.lines().last().unwrap_or(detail).trim();
            let msg = msg.strip_prefix("error:").unwrap_or(msg).trim();
            let excerpt: Vec<&str> = detail.lines().skip(1).filter(|l| l.contains('|')).collect();
            Error::config(format!("{}:{}:{}: {msg}\n{}", &c[1], &c[2], &c[3], excerpt.join("\n")))
        }
        None => Error::config(format!("{path}: {detail}")),
    }
}

/// The input document policies see for `mapping` (serialized straight from the Mapping, with
/// no intermediate JSON tree: at 150,000 rows that tree cost more than evaluating the policies).
#[derive(serde::Serialize)]
pub struct Input<'a> {
    mapping: &'a Mapping,
    pipeline: PipelineRef<'a>,
    datasources: std::collections::BTreeMap<&'a str, DatasourceRef<'a>>,
    settings: Settings<'a>,
}

#[derive(serde::Serialize)]
struct PipelineRef<'a> {
    name: &'a str,
    path: &'a str,
}

#[derive(serde::Serialize)]
struct DatasourceRef<'a> {
    class: &'a str,
    engine: crate::catalog::Engine,
}

#[derive(serde::Serialize)]
struct Settings<'a> {
    forbidden_class_pairs: &'a [[String; 2]],
}

/// The input document policies see for `mapping`.
pub fn input<'a>(ws: &'a Workspace, mapping: &'a Mapping) -> Input<'a> {
    Input {
        mapping,
        pipeline: PipelineRef { name: &mapping.pipeline, path: &mapping.pipeline_path },
        datasources: ws
            .datasources
            .values()
            .map(|d| (d.name.as_str(), DatasourceRef { class: &d.spec.class, engine: d.spec.engine }))
            .collect(),
        settings: Settings { forbidden_class_pairs: &ws.settings.access.forbidden_class_pairs },
    }
}

/// Evaluate every policy on `mapping`: sorted `deny` / `warn` messages per policy file,
/// after applying the pipeline's exemptions. Never sets `mapping.policy` itself.
pub fn evaluate(ws: &Workspace, mapping: &Mapping) -> Result<PolicyVerdicts> {
    let mut engine = Engine::new();
    let mut modules = Vec::new();
    for f in ws.policies.iter().filter(|f| !is_test_file(&f.path)) {
        modules.push((f, add(&mut engine, f)?));
    }
    let doc = serde_json::to_string(&input(ws, mapping)).map_err(|e| Error::internal(format!("policy input: {e}")))?;
    let value: regorus::Value =
        serde_json::from_str(&doc).map_err(|e| Error::internal(format!("policy input: {e}")))?;
    engine.set_input(value);
    let mut verdicts = PolicyVerdicts::default();
    for (f, pkg) in modules {
        for (rule, out) in [("deny", &mut verdicts.deny), ("warn", &mut verdicts.warn)] {
            if !engine.has_declared_rule_rooted_at(&f.path, rule).unwrap_or(false) {
                continue;
            }
            let value = engine.eval_rule(format!("{pkg}.{rule}")).map_err(|e| {
                Error::config(format!("{}: evaluating `{rule}` failed: {e}", f.path))
                    .with_hint("run `mapwright policy test` and fix the policy")
            })?;
            out.extend(messages(&value).into_iter().map(|message| PolicyMessage { policy: f.path.clone(), message }));
        }
    }
    exemptions::apply(ws, mapping, &mut verdicts)?;
    for list in [&mut verdicts.deny, &mut verdicts.warn] {
        list.sort();
        list.dedup();
    }
    Ok(verdicts)
}

/// Messages of a `deny`/`warn` value: strings as they are, objects by their `msg`, else as JSON.
fn messages(value: &regorus::Value) -> Vec<String> {
    let json = value.to_json_str().ok().and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
    let items = match json {
        Some(serde_json::Value::Array(a)) => a,
        Some(serde_json::Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    };
    items
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Object(ref o) if o.get("msg").is_some_and(|m| m.is_string()) => {
                o.get("msg").and_then(|m| m.as_str()).unwrap_or_default().to_string()
            }
            other => other.to_string(),
        })
        .collect()
}
