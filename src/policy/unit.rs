//! `mapwright policy test`: policy unit tests in OPA's convention.
//!
//! Tests live next to the policies in `*_test.rego` files; every rule named
//! `test_*` is a test that passes when it evaluates to `true` (typically using
//! `with input as {...}` to feed a small mapping). All policy files are loaded
//! together so tests can query `data.mapwright.<policy>.deny`.

use crate::config::Workspace;
use crate::error::{Error, Result};
use regorus::Engine;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    /// Test file relative to the workspace root.
    pub file: String,
    /// Rule name (`test_…`).
    pub name: String,
    pub passed: bool,
    /// Why it failed: `false`, `undefined` (a condition did not hold) or an evaluation error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TestReport {
    /// In file order, then rule order.
    pub results: Vec<TestResult>,
}

impl TestReport {
    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| !r.passed).count()
    }
}

/// Compile all policy files and run every `test_*` rule of the `*_test.rego` files.
///
/// Compile errors are returned as one config error listing each with file:line:col.
pub fn run_tests(ws: &Workspace) -> Result<TestReport> {
    let errors = super::compile(ws);
    if !errors.is_empty() {
        let n = errors.len();
        let msg = errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("\n\n");
        return Err(Error::config(format!("{msg}\n\n{n} policy error(s)")));
    }
    let mut engine = Engine::new();
    let mut test_files = Vec::new();
    for f in &ws.policies {
        let pkg = super::add(&mut engine, f)?;
        if super::is_test_file(&f.path) {
            test_files.push((f, pkg));
        }
    }
    let rule_re = regex::Regex::new(r"(?m)^(test_[A-Za-z0-9_]*)\b").expect("static regex");
    let mut report = TestReport::default();
    for (f, pkg) in test_files {
        let mut names: Vec<&str> =
            rule_re.captures_iter(&f.text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
        names.dedup();
        for name in names {
            let (passed, detail) = match engine.eval_rule(format!("{pkg}.{name}")) {
                Ok(v) if v == regorus::Value::from(true) => (true, None),
                Ok(regorus::Value::Undefined) => (false, Some("undefined (a condition did not hold)".into())),
                Ok(v) => (false, Some(format!("evaluated to {}", v.to_json_str().unwrap_or_default()))),
                Err(e) => (false, Some(format!("error: {e}"))),
            };
            report.results.push(TestResult { file: f.path.clone(), name: name.to_string(), passed, detail });
        }
    }
    Ok(report)
}
