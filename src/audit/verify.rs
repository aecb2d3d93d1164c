//! `verify`: check a store with nothing but the trusted public keys.
//!
//! For every committed version: the envelope's payload type and signature, the
//! statement and predicate types, that the manifest sits in the folder it
//! names, every subject's sha256, that no unsigned file was added, and the
//! hash chain (previous version and digest, sequence without gaps). With a
//! trusted-state file it also remembers the highest verified sequence per
//! pipeline and rejects a store that went back (rollback or replay).

use super::dsse::{Envelope, IN_TOTO_PAYLOAD_TYPE};
use super::keys::{TrustedKeys, short_id};
use super::statement::{Previous, Subject};
use crate::error::{Class, Error, Result};
use crate::export::versions::{self, CLAIM, MANIFEST};
use crate::export::{DENIALS, Store};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One thing wrong, naming the object in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Path inside the store, e.g. `sales/v2/mapping.csv`.
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VersionCheck {
    pub version: u64,
    pub sequence: u64,
    pub manifest_digest: String,
    /// Key that signed it (empty when the signature failed).
    pub key_id: String,
    /// Subjects were checked (all versions, or the one given with `--version`).
    pub artifacts_checked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PipelineReport {
    pub pipeline: String,
    pub ok: bool,
    pub versions: Vec<VersionCheck>,
    /// Unfinished versions (no manifest): invisible to readers, removed by `gc`.
    pub unfinished: Vec<u64>,
    pub denials_checked: usize,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    pub store: String,
    pub trusted_keys: Vec<String>,
    pub pipelines: Vec<PipelineReport>,
}

impl VerifyReport {
    /// The classified error for a failed verification (exit 6), naming the first problem.
    pub fn error(&self) -> Option<Error> {
        let problems: Vec<&Problem> = self.pipelines.iter().flat_map(|p| &p.problems).collect();
        let first = problems.first()?;
        let more =
            if problems.len() > 1 { format!(" (and {} more problem(s))", problems.len() - 1) } else { String::new() };
        Some(
            Error::new(Class::Verification, format!("{}/{}: {}{more}", self.store, first.file, first.reason))
                .with_hint(
                    "do not use these exports; the store was altered or is incomplete — have security compare it \
                            with the CI logs and the trusted-state file",
                ),
        )
    }
}

/// Highest verified position per pipeline, kept by the verifier (not in the store).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TrustedState {
    pub format: u32,
    pub pipelines: BTreeMap<String, StateEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateEntry {
    pub version: u64,
    pub sequence: u64,
    pub manifest_digest: String,
    pub verified_at: String,
}

impl TrustedState {
    fn load(path: &Path) -> Result<TrustedState> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::new(Class::Verification, format!("trusted state {}: unreadable: {e}", path.display()))
                    .with_hint("restore the file from its backup; deleting it would accept a rollback")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(TrustedState { format: 1, ..Default::default() }),
            Err(e) => Err(Error::io(path, "read", e)),
        }
    }

    fn save(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("tmp");
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, "write", e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, "replace", e))
    }
}

/// Verify one pipeline (all versions, or `version` plus the manifests chaining to it) or,
/// with `pipeline = None`, every pipeline in the store and in the trusted state.
pub async fn verify(
    store: &Store,
    keys: &TrustedKeys,
    pipeline: Option<&str>,
    version: Option<u64>,
    trusted_state: Option<&Path>,
) -> Result<VerifyReport> {
    let mut state = match trusted_state {
        Some(p) => Some(TrustedState::load(p)?),
        None => None,
    };
    let names: Vec<String> = match pipeline {
        Some(p) => vec![p.to_string()],
        None => {
            let mut all = crate::export::list_pipelines(store).await?;
            if let Some(s) = &state {
                all.extend(s.pipelines.keys().cloned());
            }
            all.sort();
            all.dedup();
            all
        }
    };
    let mut report = VerifyReport {
        ok: true,
        store: store.label().to_string(),
        trusted_keys: keys.ids().map(|k| short_id(k).to_string()).collect(),
        pipelines: Vec::new(),
    };
    for name in names {
        let mut pr = verify_pipeline(store, keys, &name, version).await?;
        if version.is_none()
            && let Some(s) = state.as_mut()
        {
            check_state(s, &mut pr);
        }
        pr.ok = pr.problems.is_empty();
        report.ok &= pr.ok;
        report.pipelines.push(pr);
    }
    if let (Some(path), Some(s)) = (trusted_state, &state)
        && report.ok
    {
        s.save(path)?;
    }
    Ok(report)
}

/// Compare with (and on success advance) the remembered position of this pipeline.
fn check_state(state: &mut TrustedState, pr: &mut PipelineReport) {
    let latest = pr.versions.last();
    let manifest = |v: u64| format!("{}/v{v}/{MANIFEST}", pr.pipeline);
    if let Some(seen) = state.pipelines.get(&pr.pipeline) {
        match latest {
            None => pr.problems.push(Problem {
                file: manifest(seen.version),
                reason: format!(
                    "rollback: no committed version left, but sequence {} (v{}) was verified before",
                    seen.sequence, seen.version
                ),
            }),
            Some(l) if l.sequence < seen.sequence => pr.problems.push(Problem {
                file: manifest(l.version),
                reason: format!(
                    "rollback/replay: latest is sequence {} (v{}) but sequence {} (v{}) was verified before",
                    l.sequence, l.version, seen.sequence, seen.version
                ),
            }),
            Some(_) => match pr.versions.iter().find(|v| v.sequence == seen.sequence) {
                Some(v) if v.manifest_digest == seen.manifest_digest => {}
                Some(v) => pr.problems.push(Problem {
                    file: manifest(v.version),
                    reason: format!(
                        "history rewritten: sequence {} has manifest {} but {} was verified before",
                        seen.sequence, v.manifest_digest, seen.manifest_digest
                    ),
                }),
                None => pr.problems.push(Problem {
                    file: manifest(seen.version),
                    reason: format!("sequence {} (v{}) verified before is gone", seen.sequence, seen.version),
                }),
            },
        }
    }
    if pr.problems.is_empty()
        && let Some(l) = latest
    {
        state.pipelines.insert(
            pr.pipeline.clone(),
            StateEntry {
                version: l.version,
                sequence: l.sequence,
                manifest_digest: l.manifest_digest.clone(),
                verified_at: super::statement::now_rfc3339(),
            },
        );
    }
}

async fn verify_pipeline(
    store: &Store,
    keys: &TrustedKeys,
    pipeline: &str,
    only: Option<u64>,
) -> Result<PipelineReport> {
    let slots = versions::scan(store, pipeline).await?;
    let mut pr = PipelineReport {
        pipeline: pipeline.to_string(),
        ok: true,
        versions: Vec::new(),
        unfinished: slots.values().filter(|s| s.version > 0 && !s.has_manifest).map(|s| s.version).collect(),
        denials_checked: 0,
        problems: Vec::new(),
    };
    if let Some(v) = only
        && !slots.get(&v).is_some_and(|s| s.has_manifest)
    {
        pr.problems.push(Problem {
            file: format!("{pipeline}/v{v}/{MANIFEST}"),
            reason: format!("v{v} is not a committed version (no manifest)"),
        });
        return Ok(pr);
    }
    let mut expected: Option<Previous> = None;
    for slot in slots.values().filter(|s| s.version > 0 && s.has_manifest && only.is_none_or(|v| s.version <= v)) {
        let v = slot.version;
        let dir = versions::version_dir(pipeline, v);
        let file = format!("{dir}/{MANIFEST}");
        let mut problem = |reason: String| pr.problems.push(Problem { file: file.clone(), reason });
        let Some(bytes) = store.get(&file).await? else {
            problem("manifest disappeared while verifying".into());
            continue;
        };
        let digest = crate::config::sha256_digest(&bytes);
        let opened = Envelope::parse(&bytes).and_then(|env| env.open(IN_TOTO_PAYLOAD_TYPE, keys));
        let (payload, key_id) = match opened {
            Ok(x) => x,
            Err(reason) => {
                problem(reason);
                continue;
            }
        };
        let (subjects, pred) = match versions::parse_statement(&payload) {
            Ok(x) => x,
            Err(reason) => {
                problem(reason);
                continue;
            }
        };
        if pred.pipeline != pipeline {
            problem(format!("manifest belongs to pipeline `{}` (moved from another pipeline)", pred.pipeline));
        }
        if pred.version != v {
            problem(format!(
                "manifest names version {} but is stored as v{v} (versions moved or swapped)",
                pred.version
            ));
        }
        check_link(&slots, pred.previous.as_ref(), expected.as_ref(), pred.sequence, &mut problem);
        let full = only.is_none_or(|o| o == v);
        if full {
            check_subjects(store, &dir, slot, &subjects, &mut pr.problems).await?;
        }
        expected = Some(Previous { version: v, sequence: pred.sequence, digest: digest.clone() });
        pr.versions.push(VersionCheck {
            version: v,
            sequence: pred.sequence,
            manifest_digest: digest,
            key_id,
            artifacts_checked: full,
        });
    }
    if only.is_none() {
        pr.denials_checked = verify_denials(store, keys, pipeline, &mut pr.problems).await?;
    }
    Ok(pr)
}

/// The hash chain: this manifest's `previous` must be exactly the committed version before it.
fn check_link(
    slots: &BTreeMap<u64, versions::Slot>,
    previous: Option<&Previous>,
    expected: Option<&Previous>,
    sequence: u64,
    problem: &mut impl FnMut(String),
) {
    match (previous, expected) {
        (None, None) if sequence == 1 => {}
        (None, None) => {
            problem(format!("first version has sequence {sequence}, expected 1 (earlier versions deleted?)"))
        }
        (None, Some(e)) => problem(format!("manifest claims to start the chain, but v{} precedes it", e.version)),
        (Some(p), None) => problem(format!(
            "chain broken: previous version v{} is missing (deleted, or its manifest removed)",
            p.version
        )),
        (Some(p), Some(e)) if p.version != e.version => {
            if slots.get(&p.version).is_none_or(|s| !s.has_manifest) {
                problem(format!("chain broken: previous version v{} is missing (deleted from the middle?)", p.version));
            } else {
                problem(format!(
                    "chain broken: chains to v{} but the committed version before it is v{}",
                    p.version, e.version
                ));
            }
        }
        (Some(p), Some(e)) => {
            if p.digest != e.digest {
                problem(format!(
                    "chain broken: previous manifest digest {} does not match v{}'s manifest {} (replaced?)",
                    p.digest, e.version, e.digest
                ));
            }
            if sequence != e.sequence + 1 || p.sequence != e.sequence {
                problem(format!("sequence {sequence} does not follow v{}'s sequence {}", e.version, e.sequence));
            }
        }
    }
}

async fn check_subjects(
    store: &Store,
    dir: &str,
    slot: &versions::Slot,
    subjects: &[Subject],
    problems: &mut Vec<Problem>,
) -> Result<()> {
    for s in subjects {
        let file = format!("{dir}/{}", s.name);
        match store.get(&file).await? {
            None => problems.push(Problem { file, reason: "missing (listed in the signed manifest)".into() }),
            Some(bytes) => {
                let actual = Subject::of(&s.name, &bytes);
                if actual.sha256() != s.sha256() {
                    problems.push(Problem {
                        file,
                        reason: format!(
                            "content changed: sha256 {} but the manifest says {}",
                            actual.sha256().unwrap_or_default(),
                            s.sha256().unwrap_or("(none)")
                        ),
                    });
                }
            }
        }
    }
    for o in &slot.objects {
        if o.path != MANIFEST && o.path != CLAIM && !subjects.iter().any(|s| s.name == o.path) {
            problems.push(Problem {
                file: format!("{dir}/{}", o.path),
                reason: "not covered by the signed manifest (file added after signing)".into(),
            });
        }
    }
    Ok(())
}

/// Check the signatures of the pipeline's denial records; returns how many were checked.
async fn verify_denials(
    store: &Store,
    keys: &TrustedKeys,
    pipeline: &str,
    problems: &mut Vec<Problem>,
) -> Result<usize> {
    let entries = store.list(&format!("{DENIALS}/{pipeline}/")).await?;
    for e in &entries {
        let Some(bytes) = store.get(&e.path).await? else { continue };
        let result = super::trail::open_denial(&bytes, keys);
        if let Err(reason) = result {
            problems.push(Problem { file: e.path.clone(), reason });
        }
    }
    Ok(entries.len())
}
