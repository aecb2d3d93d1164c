//! Orchestration: one pipeline through every stage, many pipelines at once.
//!
//! ```text
//! access gate → discover (source ∥ target) → map → policy → render → drift → export
//! ```
//! [`prepare`] is shared by `plan` (which stops before export) and `run`. A
//! failing pipeline never stops the others; its outcome is recorded in the
//! [`RunSummary`] whose worst status decides the exit code.

use crate::audit;
use crate::catalog::Catalog;
use crate::config::{Pipeline, Workspace, config_digests};
use crate::error::{Class, Error, Result};
use crate::export::{self, Store};
use crate::mapping::{self, Mapping};
use crate::ops::summary::{Counts, PipelineResult, RunSummary};
use crate::render::{self, Artifact};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{Mutex, OnceCell};
use tracing::Instrument;

/// Names of the internal artifacts every version carries besides the outputs.
pub const MAPPING_ARTIFACT: &str = "_mapwright/mapping.json";
pub const SOURCE_CATALOG_ARTIFACT: &str = "_mapwright/source.catalog.json";
pub const TARGET_CATALOG_ARTIFACT: &str = "_mapwright/target.catalog.json";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Export a new version even when nothing changed.
    pub force: bool,
    /// Allow uncommitted / unprotected content (local development; recorded in the manifest).
    pub allow_unreviewed: bool,
    /// Do not export a pipeline whose catalogs drifted in a way that changes the mapping; exit 5.
    pub fail_on_drift: bool,
    /// Pipelines processed at once.
    pub concurrency: usize,
    /// Running in CI (`CI=true`).
    pub ci: bool,
    /// The plan reviewers approved (`plan --out`), to record whether anything changed since.
    pub reviewed_plan: Option<Arc<ReviewedPlan>>,
    /// Draw a one-line progress indicator on stderr (only on a terminal with pretty logs).
    pub progress: bool,
}

/// The part of a `plan --out` JSON file that `run --reviewed-plan` compares against.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReviewedPlan {
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub file_digest: String,
    pub inputs_digest: String,
    pub pipelines: Vec<ReviewedPipeline>,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReviewedPipeline {
    pub pipeline: String,
    pub inputs_digest: String,
    pub source_catalog: String,
    pub target_catalog: String,
}

impl ReviewedPlan {
    /// Read a plan written by `plan --out FILE`.
    pub fn load(path: &std::path::Path) -> Result<ReviewedPlan> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::usage(format!("--reviewed-plan {}: {e}", path.display()))
                .with_hint("pass the JSON file that `mapwright plan --out FILE` wrote for the reviewed change")
        })?;
        let mut plan: ReviewedPlan = serde_json::from_slice(&bytes).map_err(|e| {
            Error::usage(format!("{}: not a plan written by `mapwright plan --out`: {e}", path.display()))
                .with_hint("pass the JSON file that `mapwright plan --out FILE` wrote for the reviewed change")
        })?;
        plan.file = path.display().to_string();
        plan.file_digest = crate::config::sha256_digest(&bytes);
        Ok(plan)
    }

    /// Evidence for the manifest: which plan was reviewed and what changed since.
    fn evidence(&self, pipeline: &str, prepared: &Prepared) -> (serde_json::Value, Vec<String>) {
        let Some(entry) = self.pipelines.iter().find(|e| e.pipeline == pipeline) else {
            let v = serde_json::json!({"reviewed_plan": {
                "file_digest": self.file_digest, "inputs_digest": self.inputs_digest, "in_plan": false,
            }});
            return (v, vec![format!("pipeline {pipeline} is not in the reviewed plan {}", self.file)]);
        };
        let source_changed = entry.source_catalog != prepared.source_digest();
        let target_changed = entry.target_catalog != prepared.target_digest();
        let inputs_changed = entry.inputs_digest != prepared.inputs_digest();
        let mut notes = Vec::new();
        if source_changed {
            notes.push("source catalog changed since the reviewed plan".to_string());
        }
        if target_changed {
            notes.push("target catalog changed since the reviewed plan".to_string());
        }
        if inputs_changed && !source_changed && !target_changed {
            notes.push("configuration changed since the reviewed plan".to_string());
        }
        let v = serde_json::json!({"reviewed_plan": {
            "file_digest": self.file_digest,
            "inputs_digest": self.inputs_digest,
            "in_plan": true,
            "source_catalog_changed": source_changed,
            "target_catalog_changed": target_changed,
            "inputs_changed": inputs_changed,
        }});
        (v, notes)
    }
}

/// Discovery results shared by all pipelines of one process (keyed by datasource + scope),
/// so 100 pipelines over the same datasource discover it once.
#[derive(Default)]
pub struct CatalogCache {
    cells: Mutex<HashMap<String, Arc<OnceCell<Arc<Catalog>>>>>,
}

impl CatalogCache {
    async fn get(&self, ws: &Workspace, datasource: &str, scope: crate::config::Scope) -> Result<Arc<Catalog>> {
        let key = format!("{datasource}\u{0}{}", serde_json::to_string(&scope).unwrap_or_default());
        let cell = self.cells.lock().await.entry(key).or_default().clone();
        cell.get_or_try_init(|| async {
            let ds = ws.datasource(datasource)?;
            let url = ds.resolve_url(&ws.root)?;
            let req = crate::discover::Request {
                datasource: &ds.name,
                engine: ds.spec.engine,
                url: &url,
                url_env: ds.spec.url_env.as_deref(),
                scope: &scope,
                connection: &ds.spec.connection,
            };
            crate::discover::discover(&req).await.map(Arc::new)
        })
        .await
        .cloned()
    }
}

/// Everything a pipeline produced before export.
pub struct Prepared {
    pub mapping: Mapping,
    pub source: Arc<Catalog>,
    pub target: Arc<Catalog>,
    /// Rendered outputs plus the internal artifacts, sorted by name.
    pub artifacts: Vec<Artifact>,
    /// Workspace files that determined this result (path → sha256 digest).
    pub input_digests: std::collections::BTreeMap<String, String>,
}

impl Prepared {
    /// Digest of everything that determined this result: input files and both catalogs
    /// (what `plan` prints and `run --reviewed-plan` compares).
    /// Digest of the source catalog (computed once, by the mapping stage).
    pub fn source_digest(&self) -> &str {
        &self.mapping.source.catalog_digest
    }

    /// Digest of the target catalog (computed once, by the mapping stage).
    pub fn target_digest(&self) -> &str {
        &self.mapping.target.catalog_digest
    }

    pub fn inputs_digest(&self) -> String {
        crate::config::sha256_digest(
            serde_json::to_string(&(&self.input_digests, self.source_digest(), self.target_digest()))
                .unwrap_or_default()
                .as_bytes(),
        )
    }
}

/// Both catalogs of a pipeline, each narrowed to the pipeline's scope (discovered once per
/// datasource and scope through `cache`).
pub async fn catalogs(ws: &Workspace, p: &Pipeline, cache: &CatalogCache) -> Result<(Arc<Catalog>, Arc<Catalog>)> {
    let src_ds = ws.datasource(&p.spec.source.datasource)?;
    let dst_ds = ws.datasource(&p.spec.target.datasource)?;
    let src_scope = crate::discover::narrow(
        &src_ds.spec.scope,
        &p.spec.source.schemas,
        &p.spec.source.include,
        &p.spec.source.exclude,
    );
    let target_schemas: Vec<String> = p.spec.target.schema.iter().cloned().collect();
    let dst_scope =
        crate::discover::narrow(&dst_ds.spec.scope, &target_schemas, &p.spec.target.include, &p.spec.target.exclude);
    tokio::try_join!(cache.get(ws, &src_ds.name, src_scope), cache.get(ws, &dst_ds.name, dst_scope))
}

/// The mapping stage's input for a pipeline over its two catalogs.
pub fn mapping_context<'a>(
    ws: &'a Workspace,
    p: &'a Pipeline,
    source: &'a Catalog,
    target: &'a Catalog,
) -> Result<mapping::Context<'a>> {
    Ok(mapping::Context {
        pipeline: p,
        source,
        target,
        source_class: &ws.datasource(&p.spec.source.datasource)?.spec.class,
        target_class: &ws.datasource(&p.spec.target.datasource)?.spec.class,
        target_schema: p.spec.target.schema.as_deref(),
        threshold: p.spec.threshold.unwrap_or(ws.settings.defaults.threshold),
        root: &ws.root,
    })
}

/// Discover, map, evaluate policies and render one pipeline (no export).
pub async fn prepare(ws: &Workspace, p: &Pipeline, cache: &CatalogCache) -> Result<Prepared> {
    let (source, target) = catalogs(ws, p, cache).await?;
    let ctx = mapping_context(ws, p, &source, &target)?;
    let t = Instant::now();
    let mut mapping = mapping::generate(&ctx).map_err(|e| e.context(format!("pipeline {}", p.name())))?;
    tracing::debug!(ms = t.elapsed().as_millis() as u64, columns = mapping.summary.columns, "mapped");
    let t = Instant::now();
    mapping.policy = crate::policy::evaluate(ws, &mapping)?;
    tracing::debug!(ms = t.elapsed().as_millis() as u64, "policies evaluated");

    let outputs = ws.outputs(p);
    let t = Instant::now();
    let json = mapping.to_json();
    let mut artifacts = render::render(&ws.root, outputs, &mapping, &json)?;
    tracing::debug!(ms = t.elapsed().as_millis() as u64, "rendered");
    artifacts.push(Artifact { name: MAPPING_ARTIFACT.into(), bytes: json });
    artifacts.push(Artifact { name: SOURCE_CATALOG_ARTIFACT.into(), bytes: source.to_json() });
    artifacts.push(Artifact { name: TARGET_CATALOG_ARTIFACT.into(), bytes: target.to_json() });
    artifacts.sort_by(|a, b| a.name.cmp(&b.name));

    let mut input_digests = config_digests(ws, p);
    for t in render::template_files(&ws.root, outputs)? {
        input_digests.insert(t.path.clone(), t.digest());
    }
    Ok(Prepared { mapping, source, target, artifacts, input_digests })
}

/// Shared state of one `run` invocation.
pub struct Runner<'a> {
    pub ws: &'a Workspace,
    pub store: Store,
    pub signer: audit::Signer,
    pub git: crate::access::GitState,
    pub opts: Options,
    pub cache: CatalogCache,
}

impl Runner<'_> {
    /// Run every pipeline in `pipelines` with bounded concurrency; never stops on a failure.
    pub async fn run_all(&self, pipelines: &[&Pipeline]) -> RunSummary {
        use futures::StreamExt;
        let started = Instant::now();
        let total = pipelines.len();
        let mut done = 0;
        let results: Vec<PipelineResult> = futures::stream::iter(pipelines.iter().map(|p| self.run_one(p)))
            .buffer_unordered(self.opts.concurrency.max(1))
            .inspect(|r| {
                done += 1;
                #[allow(clippy::print_stderr)] // the progress line (`--progress`)
                if self.opts.progress {
                    // \r + erase line: one line that updates in place, cleared at the end.
                    eprint!("\r\x1b[2K[{done}/{total}] {} {}", r.status.as_str(), r.pipeline);
                }
            })
            .collect()
            .await;
        #[allow(clippy::print_stderr)] // clears the progress line
        if self.opts.progress && total > 0 {
            eprint!("\r\x1b[2K");
        }
        let mut summary = RunSummary::new(results, started.elapsed());
        summary.sort();
        summary
    }

    /// Run one pipeline and classify its outcome.
    pub async fn run_one(&self, p: &Pipeline) -> PipelineResult {
        let started = Instant::now();
        let span = tracing::info_span!("pipeline", pipeline = %p.name());
        let mut result = PipelineResult::new(p.name(), &p.file.path);
        match self.execute(p, &mut result).instrument(span.clone()).await {
            Ok(()) => {}
            Err(e) => {
                let _enter = span.enter();
                tracing::error!(code = e.class.code(), "{}", crate::error::redact(&e.message));
                result.fail(&e);
            }
        }
        result.duration_ms = started.elapsed().as_millis() as u64;
        result
    }

    async fn execute(&self, p: &Pipeline, result: &mut PipelineResult) -> Result<()> {
        if let Err(e) = crate::access::check_grant(self.ws, p) {
            self.deny(p, &e, None).await;
            return Err(e);
        }
        let prepared = prepare(self.ws, p, &self.cache).await?;
        let m = &prepared.mapping;
        result.counts = Counts::from_summary(&m.summary);
        if !m.policy.deny.is_empty() {
            let msgs: Vec<String> = m.policy.deny.iter().map(|d| format!("{}: {}", d.policy, d.message)).collect();
            let e = Error::new(Class::PolicyDenied, format!("policy denied pipeline {}:\n  {}", p.name(), msgs.join("\n  ")))
                .with_hint("mask or map the columns the policy names, or ask security (owners of pipelines/policies/) for an exemption");
            self.deny(p, &e, Some(m)).await;
            return Err(e);
        }

        // Drift against the previous version's catalogs.
        let previous = export::latest(&self.store, p.name()).await?;
        if let Some(prev) = &previous {
            let drift = self.drift(p.name(), prev.version, &prepared).await?;
            if !drift.is_empty() {
                result.drift = drift;
                let prev_mapping = export::read_artifact(&self.store, p.name(), prev.version, MAPPING_ARTIFACT).await?;
                let mapping_changed = mapping_changed(&prev_mapping, m);
                if self.opts.fail_on_drift && mapping_changed {
                    return Err(Error::new(
                        Class::Drift,
                        format!("pipeline {}: source/target changed since v{}; not exported", p.name(), prev.version),
                    )
                    .with_hint("review the changes listed in the summary, then re-run without --fail-on-drift"));
                }
            }
        }

        let mut inputs = audit::Inputs::from_mapping(m, prepared.input_digests.clone());
        inputs.git = git_info(&self.git, self.ws, p);
        inputs.allow_unreviewed = self.opts.allow_unreviewed;
        if let Some(plan) = &self.opts.reviewed_plan {
            let (evidence, notes) = plan.evidence(p.name(), &prepared);
            for n in &notes {
                tracing::warn!("{}: {n}", p.name());
            }
            result.drift.extend(notes);
            inputs.approvals = Some(evidence);
        }
        let req = export::ExportRequest {
            pipeline: p.name(),
            artifacts: &prepared.artifacts,
            inputs: &inputs,
            force: self.opts.force,
        };
        match export::publish(&self.store, &self.signer, &req).await? {
            export::Outcome::Published { version, .. } => result.published(version),
            export::Outcome::Unchanged { version } => result.unchanged(version),
        }
        Ok(())
    }

    async fn drift(&self, pipeline: &str, version: u64, prepared: &Prepared) -> Result<Vec<String>> {
        let mut changes = Vec::new();
        for (side, name, now) in [
            ("source", SOURCE_CATALOG_ARTIFACT, &prepared.source),
            ("target", TARGET_CATALOG_ARTIFACT, &prepared.target),
        ] {
            let bytes = export::read_artifact(&self.store, pipeline, version, name).await?;
            let old: Catalog = serde_json::from_slice(&bytes)
                .map_err(|e| Error::new(Class::Store, format!("{pipeline} v{version}: unreadable {name}: {e}")))?;
            changes.extend(crate::drift::diff_catalogs(side, &old, now));
        }
        Ok(changes)
    }

    /// Record a signed denial in the audit trail (best effort: a failure to record is logged, the denial stands).
    async fn deny(&self, p: &Pipeline, e: &Error, mapping: Option<&Mapping>) {
        let mut denial = audit::Denial::new(p.name(), &p.file.path, e);
        denial.git = git_info(&self.git, self.ws, p);
        denial.files = config_digests(self.ws, p);
        denial.policy = mapping.map(|m| m.policy.clone());
        if let Err(err) = export::record_denial(&self.store, &self.signer, &denial).await {
            tracing::error!("could not record denial for {}: {}", p.name(), err.message);
        }
    }
}

/// Git facts recorded in a manifest or denial: commit, ref, dirtiness and when the
/// pipeline file was first committed (for "time to first mapping").
fn git_info(state: &crate::access::GitState, ws: &Workspace, p: &Pipeline) -> audit::GitInfo {
    let added = if state.in_repo {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&ws.root)
            .args(["log", "--diff-filter=A", "--follow", "--format=%aI", "--", &p.file.path])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8_lossy(&o.stdout).lines().last().map(str::to_string))
            .filter(|s| !s.is_empty())
    } else {
        None
    };
    audit::GitInfo {
        commit: state.commit.clone(),
        ref_name: state.git_ref.clone(),
        dirty: state.in_repo && !state.clean,
        pipeline_added_at: added,
    }
}

/// Whether `now` differs from the stored mapping in anything but the catalog digests (which
/// change with every catalog change, e.g. a new index, even when the mapping does not).
fn mapping_changed(previous: &[u8], now: &Mapping) -> bool {
    let Ok(mut old) = serde_json::from_slice::<Mapping>(previous) else { return true };
    let mut new = now.clone();
    for m in [&mut old, &mut new] {
        m.source.catalog_digest.clear();
        m.target.catalog_digest.clear();
    }
    old.to_json() != new.to_json()
}
