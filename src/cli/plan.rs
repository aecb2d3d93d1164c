//! `mapwright plan`: what `run` would export, as a reviewable diff — nothing is written.
//!
//! For each pipeline: generate the mapping, compare it with the latest exported
//! version (or with the mapping generated from `--base REF`'s configuration), and
//! report added/removed/changed mappings, findings, policy verdicts and — with
//! `--base` — the approvers the change requires. Markdown is sized for one PR comment.

use super::{Ctx, Format};
use crate::config::Workspace;
use crate::error::{Error, Result};
use crate::run::{CatalogCache, MAPPING_ARTIFACT, prepare};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pipelines to plan (names or paths); default: all.
    pub pipelines: Vec<String>,
    /// Compare with the configuration at this git ref instead of the latest exported version.
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write the plan as JSON to FILE (input for `run --reviewed-plan`).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct Plan {
    /// `sha256:` over every pipeline's input digests and catalog digests.
    pub inputs_digest: String,
    pub pipelines: Vec<PipelinePlan>,
    /// With `--base`: who must approve the change (CODEOWNERS, datasource grants, policy exemptions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approvals: Option<crate::access::ApprovalReport>,
}

#[derive(Debug, Serialize)]
pub struct PipelinePlan {
    pub pipeline: String,
    pub path: String,
    /// What the mapping is compared with: `v3`, `base <ref>`, or `nothing (first version)`.
    pub baseline: String,
    pub inputs_digest: String,
    pub source_catalog: String,
    pub target_catalog: String,
    pub summary: crate::mapping::Summary,
    pub diff: crate::mapping::diff::MappingDiff,
    pub findings: Vec<crate::mapping::Finding>,
    pub policy: crate::mapping::PolicyVerdicts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let selected = ws.select(&args.pipelines)?;
    let cache = CatalogCache::default();
    let base_ws = match &args.base {
        Some(r) => Some(workspace_at(&ws, r)?),
        None => None,
    };
    let store = crate::export::Store::open(&ws.settings.store.url, &ws.settings.store.options, &ws.root).ok();
    let mut plans = Vec::new();
    let mut worst = 0;
    for p in selected {
        let prepared = match prepare(&ws, p, &cache).await {
            Ok(x) => x,
            Err(e) => {
                worst = worst.max(e.exit_code());
                super::report_error(&e);
                continue;
            }
        };
        let m = &prepared.mapping;
        let (baseline, old) = match (&base_ws, &store) {
            (Some((bws, _dir)), _) => match bws.select(std::slice::from_ref(&p.spec.name)) {
                Ok(bp) => (
                    format!("base {}", args.base.as_deref().unwrap_or("")),
                    Some(prepare(bws, bp[0], &cache).await?.mapping),
                ),
                Err(_) => ("nothing (new pipeline)".to_string(), None),
            },
            (None, Some(store)) => match crate::export::latest(store, p.name()).await? {
                Some(v) => {
                    let bytes = crate::export::read_artifact(store, p.name(), v.version, MAPPING_ARTIFACT).await?;
                    let old = serde_json::from_slice(&bytes).map_err(|e| {
                        Error::internal(format!("{} v{}: unreadable {MAPPING_ARTIFACT}: {e}", p.name(), v.version))
                    })?;
                    (format!("v{}", v.version), Some(old))
                }
                None => ("nothing (first version)".to_string(), None),
            },
            (None, None) => ("nothing (store unavailable)".to_string(), None),
        };
        let diff = crate::mapping::diff::diff_mappings(old.as_ref(), m);
        let inputs_digest = prepared.inputs_digest();
        if !m.policy.deny.is_empty() {
            worst = worst.max(crate::error::exit::POLICY);
        }
        let mut findings = m.findings.clone();
        findings.extend(m.tables.iter().flat_map(|t| t.columns.iter().flat_map(|c| c.findings.iter().cloned())));
        findings.sort();
        plans.push(PipelinePlan {
            pipeline: p.spec.name.clone(),
            path: p.file.path.clone(),
            baseline,
            inputs_digest,
            source_catalog: prepared.source_digest().to_string(),
            target_catalog: prepared.target_digest().to_string(),
            summary: m.summary.clone(),
            diff,
            findings,
            policy: m.policy.clone(),
            error: None,
        });
    }
    let approvals = match &args.base {
        Some(base) => Some(crate::access::required_approvers(&ws, base)?),
        None => None,
    };
    let inputs_digest = crate::config::sha256_digest(
        plans.iter().map(|p| p.inputs_digest.as_str()).collect::<Vec<_>>().join("\n").as_bytes(),
    );
    let plan = Plan { inputs_digest, pipelines: plans, approvals };
    if let Some(out) = &args.out {
        let bytes = serde_json::to_vec_pretty(&plan).map_err(|e| Error::internal(e.to_string()))?;
        std::fs::write(out, bytes).map_err(|e| Error::io(out, "write", e))?;
    }
    match args.format {
        Format::Json => {
            println!("{}", serde_json::to_string_pretty(&plan).map_err(|e| Error::internal(e.to_string()))?)
        }
        Format::Markdown => print!("{}", markdown(&plan)),
        Format::Text => print!("{}", text(&plan)),
    }
    Ok(worst)
}

/// Load the workspace as it was at git ref `r` (extracted into a temporary directory).
fn workspace_at(ws: &Workspace, r: &str) -> Result<(Workspace, tempfile::TempDir)> {
    let dir = tempfile::tempdir().map_err(|e| Error::internal(format!("temporary directory: {e}")))?;
    let archive = std::process::Command::new("git")
        .args(["archive", "--format=tar", r, "pipelines", "templates"])
        .current_dir(&ws.root)
        .output()
        .map_err(|e| Error::internal(format!("git archive: {e}")))?;
    if !archive.status.success() {
        return Err(Error::usage(format!(
            "cannot read pipelines/ at `{r}`: {}",
            String::from_utf8_lossy(&archive.stderr).trim()
        ))
        .with_hint("pass a ref that exists locally, e.g. `origin/main` after `git fetch`"));
    }
    let mut tar = std::process::Command::new("tar")
        .args(["-x", "-C"])
        .arg(dir.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Error::internal(format!("tar: {e}")))?;
    if let Some(stdin) = tar.stdin.as_mut() {
        use std::io::Write;
        stdin.write_all(&archive.stdout).map_err(|e| Error::internal(format!("tar: {e}")))?;
    }
    tar.wait().map_err(|e| Error::internal(format!("tar: {e}")))?;
    // Datasource files may point at paths relative to the root (demo SQLite files): link them.
    for entry in std::fs::read_dir(&ws.root).map_err(|e| Error::io(&ws.root, "read", e))?.flatten() {
        let name = entry.file_name();
        let target = dir.path().join(&name);
        if !target.exists() {
            #[cfg(unix)]
            let _ = std::os::unix::fs::symlink(entry.path(), &target);
        }
    }
    let base = Workspace::load(dir.path()).map_err(|e| e.context(format!("configuration at `{r}`")))?;
    Ok((base, dir))
}

fn text(plan: &Plan) -> String {
    let mut out = String::new();
    if let Some(a) = &plan.approvals {
        out.push_str(&a.to_text());
    }
    for p in &plan.pipelines {
        out.push_str(&format!(
            "{} ({}) vs {}: {} table(s), {} column(s), {} need review, {} unmapped target column(s)\n",
            p.pipeline,
            p.path,
            p.baseline,
            p.summary.tables,
            p.summary.columns,
            p.summary.needs_review,
            p.summary.unmapped_target_columns
        ));
        out.push_str(&p.diff.to_text());
        for d in &p.policy.deny {
            out.push_str(&format!("  DENY  {}: {}\n", d.policy, d.message));
        }
        for w in &p.policy.warn {
            out.push_str(&format!("  WARN  {}: {}\n", w.policy, w.message));
        }
    }
    out
}

fn markdown(plan: &Plan) -> String {
    let mut out = String::from("<!-- mapwright-plan -->\n## mapwright plan\n\n");
    for p in &plan.pipelines {
        let s = &p.summary;
        out.push_str(&format!(
            "### `{}`\n\n`{}` · compared with {} · {} table(s) · {} column(s) · {} accepted · **{} need review** · {} unmapped target column(s) · {} PII · {} masked\n\n",
            p.pipeline, p.path, p.baseline, s.tables, s.columns, s.accepted, s.needs_review, s.unmapped_target_columns, s.pii, s.masked
        ));
        if s.needs_review > 0 {
            out.push_str(&format!(
                "<sub>Why a match needs review: `mapwright explain {} <table.column>` lists the evidence and the alternatives.</sub>\n\n",
                p.pipeline
            ));
        }
        if !p.policy.deny.is_empty() || !p.policy.warn.is_empty() {
            out.push_str("**Policy verdicts**\n\n");
            for d in &p.policy.deny {
                out.push_str(&format!("- :no_entry: deny — `{}`: {}\n", d.policy, d.message));
            }
            for w in &p.policy.warn {
                out.push_str(&format!("- :warning: warn — `{}`: {}\n", w.policy, w.message));
            }
            out.push('\n');
        }
        out.push_str(&p.diff.to_markdown());
        let notable: Vec<_> = p.findings.iter().filter(|f| f.severity >= crate::mapping::Severity::Warning).collect();
        if !notable.is_empty() {
            out.push_str(&format!("<details><summary>{} finding(s)</summary>\n\n", notable.len()));
            for f in notable.iter().take(50) {
                out.push_str(&format!("- `{}` {}\n", f.code, f.message));
            }
            if notable.len() > 50 {
                out.push_str(&format!("- … {} more in mapping.md\n", notable.len() - 50));
            }
            out.push_str("\n</details>\n\n");
        }
        out.push_str(&format!("<sub>inputs {}</sub>\n\n", p.inputs_digest));
    }
    if let Some(a) = &plan.approvals {
        out.push_str("### Required approvals\n\n");
        out.push_str(&a.to_markdown());
    }
    out
}
