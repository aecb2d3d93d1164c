//! Reading the audit trail back: a pipeline's history (versions with their
//! change summary), signed denial records, and the `audit export` over the
//! whole store with success metrics (time to first mapping, mappings per week,
//! findings per run).
//!
//! Everything here reads through the trusted keys: a record whose signature
//! does not verify is reported as unverified, never silently trusted.

use super::dsse::{Envelope, IN_TOTO_PAYLOAD_TYPE};
use super::keys::TrustedKeys;
use super::statement::{DENIAL_PREDICATE, DenialPredicate, Statement, parse_time};
use crate::error::{Class, Error, Result};
use crate::export::{self, DENIALS, Store, VersionInfo};
use crate::mapping::Mapping;
use crate::mapping::diff::{MappingDiff, diff_mappings};
use crate::run::MAPPING_ARTIFACT;
use serde::Serialize;
use std::collections::BTreeMap;

/// Open a denial record: signature by a trusted key, in-toto payload, denial predicate.
pub fn open_denial(bytes: &[u8], keys: &TrustedKeys) -> std::result::Result<DenialPredicate, String> {
    let (payload, _key) = Envelope::parse(bytes).and_then(|env| env.open(IN_TOTO_PAYLOAD_TYPE, keys))?;
    let v: serde_json::Value = serde_json::from_slice(&payload).map_err(|e| format!("payload is not JSON: {e}"))?;
    match v.get("predicateType").and_then(|t| t.as_str()) {
        Some(DENIAL_PREDICATE) => {}
        other => return Err(format!("predicateType {other:?}, expected `{DENIAL_PREDICATE}`")),
    }
    let st: Statement<DenialPredicate> =
        serde_json::from_value(v).map_err(|e| format!("denial predicate does not parse: {e}"))?;
    Ok(st.predicate)
}

/// A denial record as stored, with whether its signature verified.
#[derive(Debug, Clone, Serialize)]
pub struct DenialRecord {
    /// Path in the store (`_denials/<pipeline>/<time>-<id>.dsse.json`).
    pub path: String,
    pub verified: bool,
    /// Why it could not be opened (when not verified).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denial: Option<DenialPredicate>,
}

/// Every denial record of `pipeline`, oldest first (record names start with their time).
pub async fn denials(store: &Store, keys: &TrustedKeys, pipeline: &str) -> Result<Vec<DenialRecord>> {
    let mut entries = store.list(&format!("{DENIALS}/{pipeline}/")).await?;
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let Some(bytes) = store.get(&e.path).await? else { continue };
        let (verified, problem, denial) = match open_denial(&bytes, keys) {
            Ok(d) => (true, None, Some(d)),
            Err(why) => (false, Some(why), None),
        };
        out.push(DenialRecord { path: e.path, verified, problem, denial });
    }
    Ok(out)
}

/// One committed version with what changed since the one before.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub version: u64,
    pub sequence: u64,
    pub started_at: String,
    pub finished_at: String,
    pub commit: Option<String>,
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    pub allow_unreviewed: bool,
    pub runner: String,
    pub summary: crate::mapping::Summary,
    pub policy_deny: usize,
    pub policy_warn: usize,
    /// Column mappings added / removed / changed since the previous version.
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub manifest_digest: String,
}

/// The mapping stored with a version (digest-checked against its manifest).
pub async fn mapping_of(store: &Store, pipeline: &str, version: u64) -> Result<Mapping> {
    let bytes = export::read_artifact(store, pipeline, version, MAPPING_ARTIFACT).await?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Error::new(Class::Store, format!("{pipeline} v{version}: {MAPPING_ARTIFACT} does not parse: {e}"))
            .with_hint("the version was written by an incompatible mapwright; compare with `mapwright verify`")
    })
}

/// Versions of `pipeline`, oldest first, each with its change summary against the previous one.
pub async fn history(store: &Store, pipeline: &str) -> Result<Vec<HistoryEntry>> {
    let versions = export::list_versions(store, pipeline).await?;
    let mut out = Vec::with_capacity(versions.len());
    let mut previous: Option<Mapping> = None;
    for v in &versions {
        let mapping = mapping_of(store, pipeline, v.version).await?;
        let (added, removed, changed) = diff_mappings(previous.as_ref(), &mapping).counts();
        out.push(entry(v, added, removed, changed));
        previous = Some(mapping);
    }
    Ok(out)
}

fn entry(v: &VersionInfo, added: usize, removed: usize, changed: usize) -> HistoryEntry {
    let p = &v.predicate;
    HistoryEntry {
        version: v.version,
        sequence: v.sequence,
        started_at: p.started_at.clone(),
        finished_at: p.finished_at.clone(),
        commit: p.git.commit.clone(),
        git_ref: p.git.ref_name.clone(),
        allow_unreviewed: p.allow_unreviewed,
        runner: p.runner.label(),
        summary: p.summary.clone(),
        policy_deny: p.policy.deny.len(),
        policy_warn: p.policy.warn.len(),
        added,
        removed,
        changed,
        manifest_digest: v.manifest_digest.clone(),
    }
}

/// Mapping-level diff between two committed versions of `pipeline`.
pub async fn diff_versions(store: &Store, pipeline: &str, a: u64, b: u64) -> Result<MappingDiff> {
    let known: Vec<u64> = export::list_versions(store, pipeline).await?.iter().map(|v| v.version).collect();
    for v in [a, b] {
        if !known.contains(&v) {
            let list = known.iter().map(|v| format!("v{v}")).collect::<Vec<_>>().join(", ");
            return Err(Error::usage(format!("{pipeline} has no committed version {v}")).with_hint(
                if list.is_empty() { "it has no versions yet".into() } else { format!("versions: {list}") },
            ));
        }
    }
    let old = mapping_of(store, pipeline, a).await?;
    let new = mapping_of(store, pipeline, b).await?;
    Ok(diff_mappings(Some(&old), &new))
}

/// One event of the audit export: a published version or a denial.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    /// RFC 3339 UTC.
    pub time: String,
    /// `version` or `denial`.
    pub kind: String,
    pub pipeline: String,
    pub pipeline_path: String,
    pub version: Option<u64>,
    pub commit: Option<String>,
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    pub runner: String,
    /// Denials: triage code (`MW-ACCESS`, `MW-POLICY`); versions: empty.
    pub code: String,
    /// Denials: the reason (redacted when recorded); versions: the change summary.
    pub detail: String,
    pub columns: usize,
    pub accepted: usize,
    pub needs_review: usize,
    pub findings: usize,
    pub policy_deny: usize,
    pub policy_warn: usize,
    pub allow_unreviewed: bool,
    /// Signature verified with a trusted key.
    pub verified: bool,
}

/// Success metrics of one pipeline.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineMetrics {
    pub pipeline: String,
    pub versions: usize,
    pub denials: usize,
    /// When the pipeline file was first committed (from the first version's git facts).
    pub pipeline_added_at: Option<String>,
    pub first_version_at: Option<String>,
    /// Hours from the pipeline's first commit to its first exported version.
    pub time_to_first_mapping_hours: Option<f64>,
}

/// Totals over the exported window.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub runs: usize,
    pub denials: usize,
    /// Published versions per ISO week (`2026-W47` → count).
    pub mappings_per_week: BTreeMap<String, usize>,
    /// Mean findings per published version.
    pub findings_per_run: f64,
    /// Median hours from a pipeline's first commit to its first version (pipelines where both are known).
    pub median_time_to_first_mapping_hours: Option<f64>,
    pub pipelines: Vec<PipelineMetrics>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditExport {
    pub store: String,
    pub since: Option<String>,
    pub events: Vec<AuditEvent>,
    pub metrics: Metrics,
}

/// Every version and denial in the store since `since` (RFC 3339), with metrics.
pub async fn export_trail(store: &Store, keys: &TrustedKeys, since: Option<&str>) -> Result<AuditExport> {
    let cutoff = match since {
        Some(s) => Some(parse_since(s)?),
        None => None,
    };
    let keep = |t: &str| match (&cutoff, parse_time(t)) {
        (Some(c), Some(t)) => t >= *c,
        (Some(_), None) => false,
        (None, _) => true,
    };
    let mut events = Vec::new();
    let mut per_pipeline = Vec::new();
    let mut pipelines = export::list_pipelines(store).await?;
    // Denials of pipelines that never published live only under `_denials/`.
    for d in store.dirs(DENIALS).await? {
        if crate::config::valid_name(&d) && !pipelines.contains(&d) {
            pipelines.push(d);
        }
    }
    pipelines.sort();
    for pipeline in &pipelines {
        let hist = history(store, pipeline).await?;
        let versions = export::list_versions(store, pipeline).await?;
        let added_at = versions.iter().find_map(|v| v.predicate.git.pipeline_added_at.clone());
        let first_at = versions.first().map(|v| v.predicate.finished_at.clone());
        let ttfm = match (added_at.as_deref().and_then(parse_time), first_at.as_deref().and_then(parse_time)) {
            (Some(a), Some(f)) => Some(((f - a).as_seconds_f64() / 3600.0 * 100.0).round() / 100.0),
            _ => None,
        };
        for (h, v) in hist.iter().zip(&versions) {
            if !keep(&h.finished_at) {
                continue;
            }
            events.push(AuditEvent {
                time: h.finished_at.clone(),
                kind: "version".into(),
                pipeline: pipeline.clone(),
                pipeline_path: v.predicate.pipeline_path.clone(),
                version: Some(h.version),
                commit: h.commit.clone(),
                git_ref: h.git_ref.clone(),
                runner: h.runner.clone(),
                code: String::new(),
                detail: format!("+{} -{} ~{} column mapping(s)", h.added, h.removed, h.changed),
                columns: h.summary.columns,
                accepted: h.summary.accepted,
                needs_review: h.summary.needs_review,
                findings: h.summary.findings,
                policy_deny: h.policy_deny,
                policy_warn: h.policy_warn,
                allow_unreviewed: h.allow_unreviewed,
                verified: true,
            });
        }
        let records = denials(store, keys, pipeline).await?;
        let mut denial_count = 0;
        for r in &records {
            let event = match &r.denial {
                Some(d) => AuditEvent {
                    time: d.denied_at.clone(),
                    kind: "denial".into(),
                    pipeline: pipeline.clone(),
                    pipeline_path: d.pipeline_path.clone(),
                    version: None,
                    commit: d.git.commit.clone(),
                    git_ref: d.git.ref_name.clone(),
                    runner: d.runner.label(),
                    code: d.code.clone(),
                    detail: d.reason.clone(),
                    columns: 0,
                    accepted: 0,
                    needs_review: 0,
                    findings: 0,
                    policy_deny: d.policy.as_ref().map_or(0, |p| p.deny.len()),
                    policy_warn: d.policy.as_ref().map_or(0, |p| p.warn.len()),
                    allow_unreviewed: false,
                    verified: true,
                },
                None => AuditEvent {
                    time: record_time(&r.path),
                    kind: "denial".into(),
                    pipeline: pipeline.clone(),
                    pipeline_path: String::new(),
                    version: None,
                    commit: None,
                    git_ref: None,
                    runner: String::new(),
                    code: "MW-VERIFY".into(),
                    detail: format!("{}: {}", r.path, r.problem.as_deref().unwrap_or("unreadable")),
                    columns: 0,
                    accepted: 0,
                    needs_review: 0,
                    findings: 0,
                    policy_deny: 0,
                    policy_warn: 0,
                    allow_unreviewed: false,
                    verified: false,
                },
            };
            if keep(&event.time) {
                denial_count += 1;
                events.push(event);
            }
        }
        per_pipeline.push(PipelineMetrics {
            pipeline: pipeline.clone(),
            versions: hist.iter().filter(|h| keep(&h.finished_at)).count(),
            denials: denial_count,
            pipeline_added_at: added_at,
            first_version_at: first_at,
            time_to_first_mapping_hours: ttfm,
        });
    }
    events.sort_by(|a, b| (&a.time, &a.pipeline, a.version).cmp(&(&b.time, &b.pipeline, b.version)));
    let runs: Vec<&AuditEvent> = events.iter().filter(|e| e.kind == "version").collect();
    let mut per_week = BTreeMap::new();
    for e in &runs {
        if let Some(t) = parse_time(&e.time) {
            let (year, week, _) = t.to_iso_week_date();
            *per_week.entry(format!("{year}-W{week:02}")).or_insert(0) += 1;
        }
    }
    let findings_per_run = if runs.is_empty() {
        0.0
    } else {
        let total: usize = runs.iter().map(|e| e.findings).sum();
        (total as f64 / runs.len() as f64 * 100.0).round() / 100.0
    };
    let mut ttfm: Vec<f64> = per_pipeline.iter().filter_map(|p| p.time_to_first_mapping_hours).collect();
    ttfm.sort_by(f64::total_cmp);
    let median = match ttfm.len() {
        0 => None,
        n if n % 2 == 1 => Some(ttfm[n / 2]),
        n => Some((ttfm[n / 2 - 1] + ttfm[n / 2]) / 2.0),
    };
    let metrics = Metrics {
        runs: runs.len(),
        denials: events.iter().filter(|e| e.kind == "denial").count(),
        mappings_per_week: per_week,
        findings_per_run,
        median_time_to_first_mapping_hours: median,
        pipelines: per_pipeline,
    };
    Ok(AuditExport { store: store.label().to_string(), since: since.map(str::to_string), events, metrics })
}

/// `--since`: a date (`2026-01-31`, midnight UTC) or an RFC 3339 time.
fn parse_since(s: &str) -> Result<time::OffsetDateTime> {
    if let Some(t) = parse_time(s) {
        return Ok(t);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).map(|d| d.midnight().assume_utc()).map_err(|_| {
        Error::usage(format!("--since `{s}` is not a date"))
            .with_hint("use YYYY-MM-DD (midnight UTC) or an RFC 3339 time like 2026-01-31T12:00:00Z")
    })
}

/// Time encoded at the start of a denial record's name (`20261122T120000Z-…`), as RFC 3339.
fn record_time(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stamp = name.split('-').next().unwrap_or("");
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(stamp, &fmt)
        .ok()
        .and_then(|t| t.assume_utc().format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

impl AuditExport {
    /// One CSV row per event (the metrics are in the JSON form).
    pub fn to_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| Error::internal(format!("csv: {e}"));
        w.write_record([
            "time",
            "kind",
            "pipeline",
            "pipeline_path",
            "version",
            "commit",
            "ref",
            "runner",
            "code",
            "detail",
            "columns",
            "accepted",
            "needs_review",
            "findings",
            "policy_deny",
            "policy_warn",
            "allow_unreviewed",
            "verified",
        ])
        .map_err(fail)?;
        for e in &self.events {
            w.write_record([
                e.time.clone(),
                e.kind.clone(),
                e.pipeline.clone(),
                e.pipeline_path.clone(),
                e.version.map(|v| v.to_string()).unwrap_or_default(),
                e.commit.clone().unwrap_or_default(),
                e.git_ref.clone().unwrap_or_default(),
                e.runner.clone(),
                e.code.clone(),
                e.detail.clone(),
                e.columns.to_string(),
                e.accepted.to_string(),
                e.needs_review.to_string(),
                e.findings.to_string(),
                e.policy_deny.to_string(),
                e.policy_warn.to_string(),
                e.allow_unreviewed.to_string(),
                e.verified.to_string(),
            ])
            .map_err(fail)?;
        }
        let bytes = w.into_inner().map_err(|e| Error::internal(format!("csv: {e}")))?;
        String::from_utf8(bytes).map_err(|e| Error::internal(format!("csv: {e}")))
    }
}
