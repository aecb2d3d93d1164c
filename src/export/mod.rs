//! Stage: export. Artifacts → an immutable, signed version in an object store.
//!
//! A version is written in three steps (see [`versions`]): a create-if-absent
//! claim on `v<N>`, the artifacts, and finally the signed manifest — the
//! commit point. Readers only ever see versions with a manifest, so a crash or
//! a store failure at any step leaves nothing visible; `mapwright gc` removes
//! the leftovers after the grace period. Runners of the same pipeline that
//! race wait for each other's claim, so the hash chain stays linear.

pub mod gc;
pub mod store;
pub mod versions;

pub use store::Store;
pub use versions::{MANIFEST, Manifest};

use crate::audit::dsse::{Envelope, IN_TOTO_PAYLOAD_TYPE};
use crate::audit::inputs::{Denial, Inputs};
use crate::audit::keys::Signer;
use crate::audit::statement::{
    self, DENIAL_PREDICATE, DenialPredicate, MANIFEST_PREDICATE, ManifestPredicate, Previous, STATEMENT_TYPE,
    Statement, Subject, Tool,
};
use crate::error::{Class, Error, Result};
use crate::render::Artifact;
use futures::StreamExt;
use std::time::{Duration, Instant};
use store::Created;
use versions::{CLAIM, Claim, version_dir};

/// Prefix of the signed denial records: `_denials/<pipeline>/<time>-<id>.dsse.json`.
pub const DENIALS: &str = "_denials";
/// How long a runner waits for another runner's claim on the next version before giving up.
const CLAIM_WAIT: Duration = Duration::from_secs(120);
/// Artifacts uploaded at once.
const UPLOAD_CONCURRENCY: usize = 8;

/// What to publish.
pub struct ExportRequest<'a> {
    pub pipeline: &'a str,
    /// Rendered outputs plus internal artifacts; names are paths inside the version folder.
    pub artifacts: &'a [Artifact],
    pub inputs: &'a Inputs,
    /// Publish even when nothing changed since the latest version.
    pub force: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Published {
        version: u64,
        manifest_digest: String,
    },
    /// Same fingerprint as the latest version: nothing written.
    Unchanged {
        version: u64,
    },
}

/// A committed version as readers see it.
#[derive(Debug, Clone)]
pub struct VersionInfo {
    pub pipeline: String,
    pub version: u64,
    pub sequence: u64,
    pub manifest_digest: String,
    pub subjects: Vec<Subject>,
    pub predicate: ManifestPredicate,
}

impl VersionInfo {
    fn from_manifest(pipeline: &str, m: Manifest) -> VersionInfo {
        VersionInfo {
            pipeline: pipeline.into(),
            version: m.predicate.version,
            sequence: m.predicate.sequence,
            manifest_digest: m.digest,
            subjects: m.subjects,
            predicate: m.predicate,
        }
    }
}

fn check_name(pipeline: &str) -> Result<()> {
    if crate::config::valid_name(pipeline) {
        Ok(())
    } else {
        Err(Error::usage(format!("invalid pipeline name `{pipeline}`"))
            .with_hint("pipeline names use lowercase letters, digits, `_` and `-`"))
    }
}

/// Artifact names become object paths: relative, no `..`, no reserved names.
fn check_artifact_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && !name.chars().any(|c| c.is_control() || c == '\\' || c == '#')
        && name != versions::MANIFEST
        && name != CLAIM;
    if ok {
        Ok(())
    } else {
        Err(Error::new(Class::Template, format!("artifact name `{name}` cannot be stored")).with_hint(
            "output names are relative paths without `..`, `#` or `\\`, and not manifest.dsse.json/_claim.json",
        ))
    }
}

/// Publish `req` as the next version of its pipeline, or report it unchanged.
pub async fn publish(store: &Store, signer: &Signer, req: &ExportRequest<'_>) -> Result<Outcome> {
    let pipeline = req.pipeline;
    check_name(pipeline)?;
    let mut subjects = Vec::with_capacity(req.artifacts.len());
    for a in req.artifacts {
        check_artifact_name(&a.name)?;
        subjects.push(Subject::of(&a.name, &a.bytes));
    }
    subjects.sort_by(|a, b| a.name.cmp(&b.name));
    if subjects.windows(2).any(|w| w[0].name == w[1].name) {
        return Err(Error::internal(format!("pipeline {pipeline}: two artifacts share a name")));
    }
    let fingerprint = statement::fingerprint(req.inputs, &subjects);
    let started = Instant::now();
    let mut pause = Duration::from_millis(20);

    let (version, _claimed_head, _active) = loop {
        let slots = versions::scan(store, pipeline).await?;
        let head = head_manifest(store, pipeline, &slots).await?;
        if let Some(h) = &head
            && h.predicate.fingerprint == fingerprint
            && !req.force
        {
            return Ok(Outcome::Unchanged { version: h.predicate.version });
        }
        let head_version = head.as_ref().map_or(0, |h| h.predicate.version);
        let now = versions::unix_now();
        let mut blocker = None;
        for slot in slots.values().filter(|s| s.version > head_version) {
            if versions::claim_is_live(store, pipeline, slot, now).await? {
                blocker = Some(slot.version);
                break;
            }
        }
        let next = slots.keys().max().copied().unwrap_or(0).max(head_version) + 1;
        if blocker.is_none() {
            let claim = serde_json::to_vec_pretty(&Claim::mine()).unwrap_or_default();
            let path = format!("{}/{CLAIM}", version_dir(pipeline, next));
            // Registered before the create, so no task of this process ever sees it unattended.
            let active = versions::ActiveClaim::hold(store, &path);
            if store.put_if_absent(&path, claim).await? == Created::Yes {
                break (next, head, active);
            }
            tracing::debug!(pipeline, version = next, "lost the claim race; retrying");
        }
        if started.elapsed() > CLAIM_WAIT {
            let v = blocker.unwrap_or(next);
            return Err(Error::new(
                Class::StoreConflict,
                format!("pipeline {pipeline}: another runner holds v{v} in {} and did not finish", store.label()),
            )
            .with_hint(format!(
                "another run of {pipeline} is exporting; retry later. A crashed runner's claim expires after {} minutes \
                 (or at once on the same machine)",
                versions::STALE_CLAIM_SECS / 60
            )));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(1));
    };
    let claimed = Instant::now();
    tracing::debug!(pipeline, version, "claimed");

    let dir = version_dir(pipeline, version);
    let uploads = req.artifacts.iter().map(|a| {
        let path = format!("{dir}/{}", a.name);
        async move {
            store.put(&path, a.bytes.clone()).await?;
            tracing::debug!(artifact = %a.name, "wrote");
            Ok::<(), Error>(())
        }
    });
    let results: Vec<Result<()>> = futures::stream::iter(uploads).buffer_unordered(UPLOAD_CONCURRENCY).collect().await;
    if let Some(Err(e)) = results.into_iter().find(Result::is_err) {
        return Err(e.context(format!("pipeline {pipeline}: v{version} not published")));
    }

    // Chain to the version committed just below ours, once every lower claim has resolved:
    // versions commit in claim order, so the chain stays linear even when a slower writer
    // claimed a lower number while this one was scanning.
    let head = committed_below(store, pipeline, version, started).await?;
    let inputs = req.inputs;
    let previous = head.as_ref().map(|h| Previous {
        version: h.predicate.version,
        sequence: h.predicate.sequence,
        digest: h.digest.clone(),
    });
    let predicate = ManifestPredicate {
        pipeline: pipeline.into(),
        pipeline_path: inputs.pipeline_path.clone(),
        version,
        sequence: previous.as_ref().map_or(1, |p| p.sequence + 1),
        previous,
        git: inputs.git.clone(),
        inputs: inputs.files.clone(),
        catalogs: inputs.catalogs.clone(),
        policy: inputs.policy.clone(),
        approvals: inputs.approvals.clone(),
        allow_unreviewed: inputs.allow_unreviewed,
        runner: inputs.runner.clone(),
        summary: inputs.summary.clone(),
        fingerprint,
        started_at: inputs.started_at.clone().unwrap_or_else(statement::now_rfc3339),
        finished_at: statement::now_rfc3339(),
        tool: Tool::current(),
    };
    let st = Statement {
        type_: STATEMENT_TYPE.into(),
        subject: subjects,
        predicate_type: MANIFEST_PREDICATE.into(),
        predicate,
    };
    let payload = serde_json::to_vec(&st).map_err(|e| Error::internal(format!("manifest serialization: {e}")))?;
    let bytes = Envelope::sign(IN_TOTO_PAYLOAD_TYPE, &payload, signer).to_bytes();
    if claimed.elapsed().as_secs() > versions::WRITER_DEADLINE_SECS {
        return Err(Error::new(
            Class::StoreConflict,
            format!(
                "pipeline {pipeline}: writing v{version} took longer than {}s; not committed",
                versions::WRITER_DEADLINE_SECS
            ),
        )
        .with_hint("the store is too slow; other runners may treat the claim as abandoned. Retry the run."));
    }
    let manifest_digest = crate::config::sha256_digest(&bytes);
    match store.put_if_absent(&format!("{dir}/{MANIFEST}"), bytes).await? {
        Created::Yes => Ok(Outcome::Published { version, manifest_digest }),
        Created::AlreadyExists => Err(Error::new(
            Class::StoreConflict,
            format!("pipeline {pipeline}: {dir}/{MANIFEST} already exists; another writer committed v{version}"),
        )
        .with_hint(
            "two runners claimed the same version, which conditional create should prevent: check that the \
                    store honours create-if-absent (see docs/storage.md)",
        )),
    }
}

/// The highest committed manifest; a damaged one stops publishing (never chain over it).
/// The highest committed manifest below `version`, after waiting until no live claim below
/// it is still unfinished (at most [`CLAIM_WAIT`] since `started`).
async fn committed_below(store: &Store, pipeline: &str, version: u64, started: Instant) -> Result<Option<Manifest>> {
    let mut pause = Duration::from_millis(20);
    loop {
        let lower: std::collections::BTreeMap<u64, versions::Slot> =
            versions::scan(store, pipeline).await?.into_iter().filter(|(v, _)| *v < version).collect();
        let now = versions::unix_now();
        let mut pending = None;
        for slot in lower.values().filter(|s| s.version > 0 && !s.has_manifest) {
            if versions::claim_is_live(store, pipeline, slot, now).await? {
                pending = Some(slot.version);
                break;
            }
        }
        let Some(v) = pending else {
            // A holder judged gone may have committed between the listing and the check (it
            // writes its manifest before it exits): list again, and only trust a stable view.
            let committed = |m: &std::collections::BTreeMap<u64, versions::Slot>| -> Vec<u64> {
                m.values().filter(|s| s.has_manifest).map(|s| s.version).collect()
            };
            let again: std::collections::BTreeMap<u64, versions::Slot> =
                versions::scan(store, pipeline).await?.into_iter().filter(|(v, _)| *v < version).collect();
            if committed(&again) == committed(&lower) {
                return head_manifest(store, pipeline, &again).await;
            }
            continue;
        };
        if started.elapsed() > CLAIM_WAIT {
            return Err(Error::new(
                Class::StoreConflict,
                format!(
                    "pipeline {pipeline}: v{v}, claimed before v{version}, did not finish; v{version} not committed"
                ),
            )
            .with_hint("another run of the pipeline is stuck; retry later (its claim expires when it stops)"));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(1));
    }
}

async fn head_manifest(
    store: &Store,
    pipeline: &str,
    slots: &std::collections::BTreeMap<u64, versions::Slot>,
) -> Result<Option<Manifest>> {
    let Some(slot) = slots.values().rev().find(|s| s.has_manifest && s.version > 0) else { return Ok(None) };
    match versions::read_manifest(store, pipeline, slot.version).await? {
        Some(Ok(m)) if m.predicate.version == slot.version && m.predicate.pipeline == pipeline => Ok(Some(m)),
        Some(Ok(m)) => Err(damaged(
            store,
            pipeline,
            slot.version,
            &format!("it names {} v{}", m.predicate.pipeline, m.predicate.version),
        )),
        Some(Err(why)) => Err(damaged(store, pipeline, slot.version, &why)),
        None => Ok(None),
    }
}

fn damaged(store: &Store, pipeline: &str, version: u64, why: &str) -> Error {
    Error::new(
        Class::Verification,
        format!(
            "{}/{}/{MANIFEST} in {}: {why}; refusing to chain a new version onto it",
            pipeline,
            format_args!("v{version}"),
            store.label()
        ),
    )
    .with_hint(format!("run `mapwright verify {pipeline}` and have security investigate the store"))
}

/// The latest committed version (highest version with a well-formed manifest), if any.
pub async fn latest(store: &Store, pipeline: &str) -> Result<Option<VersionInfo>> {
    check_name(pipeline)?;
    let slots = versions::scan(store, pipeline).await?;
    for slot in slots.values().rev().filter(|s| s.has_manifest && s.version > 0) {
        if let Some(Ok(m)) = versions::read_manifest(store, pipeline, slot.version).await?
            && m.predicate.version == slot.version
        {
            return Ok(Some(VersionInfo::from_manifest(pipeline, m)));
        }
    }
    Ok(None)
}

/// Every committed version (well-formed manifest), oldest first.
pub async fn list_versions(store: &Store, pipeline: &str) -> Result<Vec<VersionInfo>> {
    check_name(pipeline)?;
    let mut out = Vec::new();
    for slot in versions::scan(store, pipeline).await?.values().filter(|s| s.has_manifest && s.version > 0) {
        if let Some(Ok(m)) = versions::read_manifest(store, pipeline, slot.version).await? {
            out.push(VersionInfo::from_manifest(pipeline, m));
        }
    }
    Ok(out)
}

/// Pipelines that have anything in the store, sorted.
pub async fn list_pipelines(store: &Store) -> Result<Vec<String>> {
    Ok(store.dirs("").await?.into_iter().filter(|d| crate::config::valid_name(d)).collect())
}

/// Read one artifact of a committed version, checked against the manifest's digest.
pub async fn read_artifact(store: &Store, pipeline: &str, version: u64, name: &str) -> Result<Vec<u8>> {
    check_name(pipeline)?;
    let dir = version_dir(pipeline, version);
    let m = match versions::read_manifest(store, pipeline, version).await? {
        Some(Ok(m)) => m,
        Some(Err(why)) => return Err(damaged(store, pipeline, version, &why)),
        None => {
            return Err(Error::new(Class::Store, format!("{dir} in {} is not a committed version", store.label()))
                .with_hint(format!("list versions with `mapwright history {pipeline}`")));
        }
    };
    let subject = m.subjects.iter().find(|s| s.name == name).ok_or_else(|| {
        Error::new(Class::Store, format!("{dir} has no artifact `{name}`"))
            .with_hint("the version was written before this artifact existed; re-run with --force to refresh it")
    })?;
    let path = format!("{dir}/{name}");
    let bytes = store.get(&path).await?.ok_or_else(|| {
        Error::new(Class::Verification, format!("{path}: listed in the manifest but missing from the store"))
    })?;
    let actual = Subject::of(name, &bytes);
    if actual.sha256() != subject.sha256() {
        return Err(Error::new(Class::Verification, format!("{path}: content does not match its manifest digest"))
            .with_hint(format!("run `mapwright verify {pipeline}`")));
    }
    Ok(bytes)
}

/// Store a signed record of a refused run; returns its path in the store.
pub async fn record_denial(store: &Store, signer: &Signer, denial: &Denial) -> Result<String> {
    check_name(&denial.pipeline)?;
    let now = statement::now_rfc3339();
    let subject = Subject {
        name: denial.pipeline_path.clone(),
        digest: denial
            .files
            .get(&denial.pipeline_path)
            .and_then(|d| d.strip_prefix("sha256:"))
            .map(|h| std::collections::BTreeMap::from([("sha256".to_string(), h.to_string())]))
            .unwrap_or_else(|| Subject::of("", denial.reason.as_bytes()).digest),
    };
    let st = Statement {
        type_: STATEMENT_TYPE.into(),
        subject: vec![subject],
        predicate_type: DENIAL_PREDICATE.into(),
        predicate: DenialPredicate {
            pipeline: denial.pipeline.clone(),
            pipeline_path: denial.pipeline_path.clone(),
            kind: denial.kind.clone(),
            code: denial.code.clone(),
            reason: crate::error::redact(&denial.reason),
            policy: denial.policy.clone(),
            git: denial.git.clone(),
            inputs: denial.files.clone(),
            runner: denial.runner.clone(),
            denied_at: now.clone(),
            tool: Tool::current(),
        },
    };
    let payload = serde_json::to_vec(&st).map_err(|e| Error::internal(format!("denial serialization: {e}")))?;
    let bytes = Envelope::sign(IN_TOTO_PAYLOAD_TYPE, &payload, signer).to_bytes();
    let stamp: String = now.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let mut rand = [0u8; 4];
    getrandom::fill(&mut rand).map_err(|e| Error::internal(format!("random: {e}")))?;
    let path = format!("{DENIALS}/{}/{stamp}-{}.dsse.json", denial.pipeline, hex::encode(rand));
    match store.put_if_absent(&path, bytes).await? {
        Created::Yes => Ok(path),
        Created::AlreadyExists => Err(Error::new(Class::StoreConflict, format!("{path} already exists"))),
    }
}
