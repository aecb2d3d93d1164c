//! The run summary: one line per pipeline (status, version, counts, drift,
//! error with triage code/hint/owner, timing) and the process exit code.
//!
//! `run` fills a [`RunSummary`]; [`emit`] prints it as text, JSON or Markdown
//! and, under GitHub Actions, appends the Markdown to `$GITHUB_STEP_SUMMARY`.
//! Pipelines are sorted by path so the same run always prints the same table.
//! The exit code is the most urgent outcome of any pipeline — see
//! [`Status::precedence`] and docs/exit-codes.md.

use crate::error::{Class, Error, Result, exit, redact};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// Outcome of one pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A new version was exported.
    Published,
    /// Nothing changed; the latest version stands.
    Unchanged,
    /// Not run on purpose (e.g. filtered out after selection).
    Skipped,
    /// With `--fail-on-drift`: the catalogs changed the mapping; not exported.
    Drift,
    /// Discovery, mapping, rendering or export failed.
    Failed,
    /// The pipeline's configuration or a template is invalid (e.g. a template error found
    /// while rendering); retrying cannot help, the file must be fixed.
    Invalid,
    /// A policy denied the mapping; a signed denial was recorded.
    DeniedPolicy,
    /// The access model refused the pipeline; a signed denial was recorded.
    DeniedAccess,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Published,
        Status::Unchanged,
        Status::Skipped,
        Status::Drift,
        Status::Failed,
        Status::Invalid,
        Status::DeniedPolicy,
        Status::DeniedAccess,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Unchanged => "unchanged",
            Status::Skipped => "skipped",
            Status::Drift => "drift",
            Status::Failed => "failed",
            Status::Invalid => "invalid",
            Status::DeniedPolicy => "denied_policy",
            Status::DeniedAccess => "denied_access",
        }
    }

    /// The exit code this outcome alone would give.
    pub fn exit_code(self) -> i32 {
        match self {
            Status::Published | Status::Unchanged | Status::Skipped => exit::OK,
            Status::Drift => exit::DRIFT,
            Status::Failed => exit::RUNTIME,
            Status::Invalid => exit::CONFIG,
            Status::DeniedPolicy => exit::POLICY,
            Status::DeniedAccess => exit::ACCESS,
        }
    }

    /// Which outcome decides the exit code when pipelines disagree (higher wins):
    /// access denied (4) > policy denied (3) > invalid (2) > failed (1) > drift (5) > ok (0).
    /// Refusals a human must act on are never hidden behind a run-time failure
    /// (a scheduler would retry that, and the retry cannot fix a refusal); a
    /// run-time failure outranks drift, which is a warning the operator opted into.
    pub fn precedence(self) -> u8 {
        match self {
            Status::Published | Status::Unchanged | Status::Skipped => 0,
            Status::Drift => 1,
            Status::Failed => 2,
            Status::Invalid => 3,
            Status::DeniedPolicy => 4,
            Status::DeniedAccess => 5,
        }
    }

    /// The status a pipeline gets when it stops with `class`.
    pub fn of_class(class: Class) -> Status {
        match class {
            Class::PolicyDenied => Status::DeniedPolicy,
            Class::AccessDenied => Status::DeniedAccess,
            Class::Drift => Status::Drift,
            Class::Usage | Class::Config | Class::Template => Status::Invalid,
            _ => Status::Failed,
        }
    }
}

/// Mapping counts of one pipeline (zero when it stopped before mapping).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub tables: usize,
    pub columns: usize,
    pub accepted: usize,
    pub needs_review: usize,
    pub unmapped_source: usize,
    pub unmapped_target: usize,
    pub findings: usize,
}

impl Counts {
    pub fn from_summary(s: &crate::mapping::model::Summary) -> Counts {
        Counts {
            tables: s.tables,
            columns: s.columns,
            accepted: s.accepted,
            needs_review: s.needs_review,
            unmapped_source: s.unmapped_source_columns,
            unmapped_target: s.unmapped_target_columns,
            findings: s.findings,
        }
    }
}

/// Why a pipeline stopped: the triage fields of [`Error`], secrets redacted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// Triage code (`MW-…`, see docs/troubleshooting.md).
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Role that usually owns the fix.
    pub owner: String,
}

impl From<&Error> for Failure {
    fn from(e: &Error) -> Failure {
        Failure {
            code: e.class.code().to_string(),
            message: redact(&e.message),
            hint: e.hint.as_deref().map(redact),
            owner: e.class.owner().to_string(),
        }
    }
}

/// One pipeline's line in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineResult {
    pub pipeline: String,
    /// Pipeline file relative to the workspace root.
    pub path: String,
    pub status: Status,
    /// The version exported (published) or still current (unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    pub counts: Counts,
    /// What changed in the source/target catalogs since the previous version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drift: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Failure>,
    pub duration_ms: u64,
}

impl PipelineResult {
    /// A result not yet decided (`skipped` until the run records an outcome).
    pub fn new(pipeline: &str, path: &str) -> PipelineResult {
        PipelineResult {
            pipeline: pipeline.to_string(),
            path: path.to_string(),
            status: Status::Skipped,
            version: None,
            counts: Counts::default(),
            drift: Vec::new(),
            error: None,
            duration_ms: 0,
        }
    }
    pub fn published(&mut self, version: u64) {
        self.status = Status::Published;
        self.version = Some(version);
    }
    pub fn unchanged(&mut self, version: u64) {
        self.status = Status::Unchanged;
        self.version = Some(version);
    }
    /// Record the error that stopped the pipeline; its class decides the status.
    pub fn fail(&mut self, e: &Error) {
        self.status = Status::of_class(e.class);
        self.error = Some(Failure::from(e));
    }
}

/// Every pipeline of one `run` invocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Start time, RFC 3339 UTC.
    pub started: String,
    pub duration_ms: u64,
    /// `i/n` when the run was one shard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    pub pipelines: Vec<PipelineResult>,
}

impl RunSummary {
    /// A summary of a run that took `elapsed` and ends now.
    pub fn new(pipelines: Vec<PipelineResult>, elapsed: Duration) -> RunSummary {
        let now = time::OffsetDateTime::now_utc();
        let started = (now - elapsed).replace_nanosecond(0).unwrap_or(now);
        let started = started.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        RunSummary { started, duration_ms: elapsed.as_millis() as u64, shard: None, pipelines }
    }

    /// Sort pipelines by path (stable output).
    pub fn sort(&mut self) {
        self.pipelines.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.pipeline.cmp(&b.pipeline)));
    }

    /// The most urgent outcome (see [`Status::precedence`]); `None` for an empty run.
    pub fn worst(&self) -> Option<Status> {
        self.pipelines.iter().map(|p| p.status).max_by_key(|s| s.precedence())
    }

    /// Process exit code: the exit code of the most urgent outcome, 0 when all succeeded.
    pub fn exit_code(&self) -> i32 {
        self.worst().map_or(exit::OK, Status::exit_code)
    }

    /// Number of pipelines per status (only statuses that occur).
    pub fn totals(&self) -> BTreeMap<Status, usize> {
        let mut t = BTreeMap::new();
        for p in &self.pipelines {
            *t.entry(p.status).or_insert(0) += 1;
        }
        t
    }

    /// `3 pipelines: 1 failed, 2 published` — most urgent first.
    pub fn headline(&self) -> String {
        let mut parts: Vec<(Status, usize)> = self.totals().into_iter().collect();
        parts.sort_by_key(|(s, _)| std::cmp::Reverse(s.precedence()));
        let parts: Vec<String> = parts.iter().map(|(s, n)| format!("{n} {}", s.as_str())).collect();
        let n = self.pipelines.len();
        let plural = if n == 1 { "" } else { "s" };
        let shard = self.shard.as_deref().map(|s| format!(" (shard {s})")).unwrap_or_default();
        if parts.is_empty() {
            format!("0 pipelines{shard}")
        } else {
            format!("{n} pipeline{plural}{shard}: {}", parts.join(", "))
        }
    }

    /// JSON: the summary plus `exit_code` and `totals`, for schedulers and dashboards.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            exit_code: i32,
            totals: BTreeMap<&'static str, usize>,
            #[serde(flatten)]
            summary: &'a RunSummary,
        }
        let totals = self.totals().into_iter().map(|(s, n)| (s.as_str(), n)).collect();
        let out = Out { exit_code: self.exit_code(), totals, summary: self };
        let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}

/// Print the summary on stdout in `format`; under GitHub Actions also append
/// the Markdown rendering to `$GITHUB_STEP_SUMMARY`.
pub fn emit(summary: &RunSummary, format: crate::cli::Format) -> Result<()> {
    use crate::cli::Format;
    let text = match format {
        Format::Text => super::report::text(summary),
        Format::Json => summary.to_json(),
        Format::Markdown => super::report::markdown(summary),
    };
    #[allow(clippy::print_stdout)] // the command's report
    {
        print!("{text}");
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        append_step_summary(std::path::Path::new(&path), summary)?;
    }
    Ok(())
}

/// Append the Markdown summary to a GitHub step-summary file.
pub fn append_step_summary(path: &std::path::Path, summary: &RunSummary) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, "open $GITHUB_STEP_SUMMARY", e))?;
    f.write_all(super::report::markdown(summary).as_bytes()).map_err(|e| Error::io(path, "write", e))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn result(name: &str, status: Status) -> PipelineResult {
        let mut r = PipelineResult::new(name, &format!("pipelines/team/{name}.toml"));
        r.status = status;
        r
    }

    pub fn summary(statuses: &[Status]) -> RunSummary {
        let pipelines = statuses.iter().enumerate().map(|(i, s)| result(&format!("p{i}"), *s)).collect();
        RunSummary::new(pipelines, Duration::from_millis(1234))
    }

    #[test]
    fn exit_code_is_the_most_urgent_outcome() {
        use Status::*;
        for (statuses, code) in [
            (vec![], 0),
            (vec![Published, Unchanged, Skipped], 0),
            (vec![Published, Drift], 5),
            (vec![Drift, Failed], 1),
            (vec![Failed, DeniedPolicy, Drift], 3),
            (vec![DeniedPolicy, DeniedAccess, Failed], 4),
            (vec![Unchanged, DeniedAccess], 4),
        ] {
            assert_eq!(summary(&statuses).exit_code(), code, "{statuses:?}");
        }
    }

    #[test]
    fn precedence_orders_every_status_distinctly_except_successes() {
        let mut seen = BTreeMap::new();
        for s in Status::ALL {
            if s.exit_code() != 0 {
                assert!(seen.insert(s.precedence(), s).is_none(), "{s:?} shares a precedence");
            } else {
                assert_eq!(s.precedence(), 0);
            }
        }
    }

    #[test]
    fn fail_maps_class_to_status_and_redacts_secrets() {
        let mut r = PipelineResult::new("p", "pipelines/p.toml");
        let e = Error::new(Class::ConnectionRefused, "connect postgres://app:hunter2@db:5432/x: refused")
            .with_hint("check postgres://app:hunter2@db");
        r.fail(&e);
        assert_eq!(r.status, Status::Failed);
        let f = r.error.as_ref().unwrap();
        assert_eq!(f.code, "MW-CONN-REFUSED");
        assert_eq!(f.owner, "datasource admin");
        assert!(!f.message.contains("hunter2") && !f.hint.as_deref().unwrap().contains("hunter2"));
        for (class, status) in [
            (Class::PolicyDenied, Status::DeniedPolicy),
            (Class::AccessDenied, Status::DeniedAccess),
            (Class::Drift, Status::Drift),
            (Class::StoreConflict, Status::Failed),
        ] {
            r.fail(&Error::new(class, "x"));
            assert_eq!(r.status, status);
        }
    }

    #[test]
    fn json_carries_exit_code_totals_and_round_trips() {
        let mut s = summary(&[Status::Published, Status::Failed, Status::Published]);
        s.pipelines[1].fail(&Error::new(Class::Timeout, "statement timeout").with_hint("raise it"));
        s.pipelines[0].published(3);
        let json: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(json["exit_code"], 1);
        assert_eq!(json["totals"]["published"], 2);
        assert_eq!(json["totals"]["failed"], 1);
        assert_eq!(json["pipelines"][0]["version"], 3);
        assert_eq!(json["pipelines"][1]["error"]["code"], "MW-TIMEOUT");
        let back: RunSummary = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn sort_orders_by_path() {
        let mut s = summary(&[]);
        s.pipelines = vec![result("zeta", Status::Published), result("alpha", Status::Failed)];
        s.sort();
        assert_eq!(s.pipelines[0].pipeline, "alpha");
    }

    #[test]
    fn step_summary_is_appended_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        std::fs::write(&path, "previous step\n").unwrap();
        let s = summary(&[Status::Published]);
        append_step_summary(&path, &s).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("previous step\n"));
        assert!(text.contains("| ✅ published | `p0` |"), "{text}");
    }
}
