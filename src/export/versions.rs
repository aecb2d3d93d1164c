//! The version folders of one pipeline: what exists, which versions are
//! committed (have a manifest), and who holds the claim on an unfinished one.
//!
//! ```text
//! <pipeline>/v<N>/_claim.json          created first, create-if-absent: the right to write v<N>
//! <pipeline>/v<N>/<artifact>…          written next
//! <pipeline>/v<N>/manifest.dsse.json   written last: the commit point
//! ```

use super::store::{Entry, Store};
use crate::audit::dsse::{Envelope, IN_TOTO_PAYLOAD_TYPE};
use crate::audit::statement::{MANIFEST_PREDICATE, ManifestPredicate, STATEMENT_TYPE, Statement, Subject};
use crate::error::Result;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MANIFEST: &str = "manifest.dsse.json";
pub const CLAIM: &str = "_claim.json";

/// A claim older than this is considered abandoned by other runners, whoever holds it.
pub const STALE_CLAIM_SECS: i64 = 600;
/// A writer gives up (without committing) when its export took longer than this since its claim,
/// so a claim other runners may already treat as stale can never be committed.
pub const WRITER_DEADLINE_SECS: u64 = 300;

/// One `v<N>/` folder.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    pub version: u64,
    pub has_manifest: bool,
    pub has_claim: bool,
    /// Objects in the folder, paths relative to it.
    pub objects: Vec<Entry>,
    /// Newest modification time of any object in the folder (store clock, Unix seconds).
    pub newest: i64,
}

/// `v<N>` → N (no leading zeros, N ≥ 1).
pub fn parse_version_dir(name: &str) -> Option<u64> {
    let digits = name.strip_prefix('v')?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

pub fn version_dir(pipeline: &str, version: u64) -> String {
    format!("{pipeline}/v{version}")
}

/// All version folders of `pipeline`, by number. Objects outside `v<N>/` are returned under key 0.
pub async fn scan(store: &Store, pipeline: &str) -> Result<BTreeMap<u64, Slot>> {
    let mut slots: BTreeMap<u64, Slot> = BTreeMap::new();
    for e in store.list(&format!("{pipeline}/")).await? {
        let rel = e.path.strip_prefix(pipeline).and_then(|r| r.strip_prefix('/')).unwrap_or(&e.path);
        let (dir, inner) = rel.split_once('/').unwrap_or(("", rel));
        let version = parse_version_dir(dir).unwrap_or(0);
        let slot = slots.entry(version).or_insert_with(|| Slot { version, ..Default::default() });
        let inner = if version == 0 { rel } else { inner };
        slot.has_manifest |= inner == MANIFEST;
        slot.has_claim |= inner == CLAIM;
        slot.newest = slot.newest.max(e.modified);
        slot.objects.push(Entry { path: inner.to_string(), ..e });
    }
    Ok(slots)
}

/// A manifest read from the store, parsed but not signature-checked.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub bytes: Vec<u8>,
    /// `sha256:<hex>` of `bytes`.
    pub digest: String,
    pub envelope: Envelope,
    pub subjects: Vec<Subject>,
    pub predicate: ManifestPredicate,
}

/// Parse manifest bytes structurally (JSON, payload type, statement type, predicate type).
pub fn parse_manifest(bytes: Vec<u8>) -> std::result::Result<Manifest, String> {
    let envelope = Envelope::parse(&bytes)?;
    if envelope.payload_type != IN_TOTO_PAYLOAD_TYPE {
        return Err(format!("payloadType is `{}`, expected `{IN_TOTO_PAYLOAD_TYPE}`", envelope.payload_type));
    }
    let payload = base64::engine::general_purpose::STANDARD
        .decode(&envelope.payload)
        .map_err(|e| format!("payload is not valid base64: {e}"))?;
    let (subjects, predicate) = parse_statement(&payload)?;
    let digest = crate::config::sha256_digest(&bytes);
    Ok(Manifest { bytes, digest, envelope, subjects, predicate })
}

/// Parse an in-toto Statement carrying a mapwright manifest predicate.
pub fn parse_statement(payload: &[u8]) -> std::result::Result<(Vec<Subject>, ManifestPredicate), String> {
    let st: Statement<serde_json::Value> =
        serde_json::from_slice(payload).map_err(|e| format!("payload is not an in-toto Statement: {e}"))?;
    if st.type_ != STATEMENT_TYPE {
        return Err(format!("statement _type is `{}`, expected `{STATEMENT_TYPE}`", st.type_));
    }
    if st.predicate_type != MANIFEST_PREDICATE {
        return Err(format!("predicateType is `{}`, expected `{MANIFEST_PREDICATE}`", st.predicate_type));
    }
    let predicate: ManifestPredicate =
        serde_json::from_value(st.predicate).map_err(|e| format!("malformed manifest predicate: {e}"))?;
    Ok((st.subject, predicate))
}

/// Read and structurally parse the manifest of `v<version>`; `Ok(None)` when absent.
pub async fn read_manifest(
    store: &Store,
    pipeline: &str,
    version: u64,
) -> Result<Option<std::result::Result<Manifest, String>>> {
    let path = format!("{}/{MANIFEST}", version_dir(pipeline, version));
    Ok(store.get(&path).await?.map(parse_manifest))
}

/// Who holds a claim, so other runners can tell a crashed writer from a slow one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub host: Option<String>,
    /// Linux boot id: a pid is only meaningful within one boot of one machine.
    pub boot_id: Option<String>,
    pub pid: u32,
    /// Process start time in clock ticks since boot (guards against pid reuse).
    pub start_ticks: Option<u64>,
    pub claimed_at: String,
    pub tool: String,
}

fn read_trimmed(path: &str) -> Option<String> {
    std::fs::read_to_string(path).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Field 22 (starttime) of `/proc/<pid>/stat`.
fn start_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_comm = &stat[stat.rfind(')')? + 1..];
    after_comm.split_whitespace().nth(19)?.parse().ok()
}

impl Claim {
    /// A claim for the current process.
    pub fn mine() -> Claim {
        let pid = std::process::id();
        Claim {
            host: crate::audit::inputs::hostname(),
            boot_id: read_trimmed("/proc/sys/kernel/random/boot_id"),
            pid,
            start_ticks: start_ticks(pid),
            claimed_at: crate::audit::statement::now_rfc3339(),
            tool: env!("CARGO_PKG_VERSION").into(),
        }
    }

    /// This process holds the claim (same host, boot, pid and process start).
    pub fn is_mine(&self) -> bool {
        let me = Claim::mine();
        self.host.is_some()
            && self.boot_id.is_some()
            && (&self.host, &self.boot_id, self.pid, self.start_ticks)
                == (&me.host, &me.boot_id, me.pid, me.start_ticks)
    }

    /// True only when the holder provably no longer runs: same host and boot, and its
    /// process is gone or is another process now. Other machines can't be checked.
    pub fn holder_is_dead(&self) -> bool {
        let me = Claim::mine();
        if self.host.is_none() || self.boot_id.is_none() || self.host != me.host || self.boot_id != me.boot_id {
            return false;
        }
        match start_ticks(self.pid) {
            None => true,
            Some(t) => self.start_ticks.is_some_and(|s| s != t),
        }
    }
}

/// Whether an unfinished version still blocks others: its claim is fresh and its holder may be alive.
pub async fn claim_is_live(store: &Store, pipeline: &str, slot: &Slot, now: i64) -> Result<bool> {
    if slot.has_manifest || now - slot.newest > STALE_CLAIM_SECS {
        return Ok(false);
    }
    if !slot.has_claim {
        // Objects without a claim: leftovers of an interrupted gc; never written to again.
        return Ok(false);
    }
    let path = format!("{}/{CLAIM}", version_dir(pipeline, slot.version));
    let Some(bytes) = store.get(&path).await? else { return Ok(false) };
    Ok(match serde_json::from_slice::<Claim>(&bytes) {
        // Our own claim that no publish of this process is writing any more: a failed export
        // (store error) left it behind; it is abandoned, not live.
        Ok(c) if c.is_mine() => ActiveClaim::is_active(store, &path),
        Ok(c) => !c.holder_is_dead(),
        Err(_) => true,
    })
}

/// Claims this process is writing right now (store label + claim path); removed on drop,
/// so a publish that fails for any reason releases its claim for this process's next attempt.
pub struct ActiveClaim {
    key: String,
}

fn active_claims() -> &'static std::sync::Mutex<std::collections::HashSet<String>> {
    static ACTIVE: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<String>>> =
        std::sync::OnceLock::new();
    ACTIVE.get_or_init(Default::default)
}

impl ActiveClaim {
    pub fn hold(store: &Store, path: &str) -> ActiveClaim {
        let key = format!("{}\u{0}{path}", store.label());
        active_claims().lock().unwrap_or_else(|e| e.into_inner()).insert(key.clone());
        ActiveClaim { key }
    }

    fn is_active(store: &Store, path: &str) -> bool {
        let key = format!("{}\u{0}{path}", store.label());
        active_claims().lock().unwrap_or_else(|e| e.into_inner()).contains(&key)
    }
}

impl Drop for ActiveClaim {
    fn drop(&mut self) {
        active_claims().lock().unwrap_or_else(|e| e.into_inner()).remove(&self.key);
    }
}

pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_dirs() {
        assert_eq!(parse_version_dir("v1"), Some(1));
        assert_eq!(parse_version_dir("v42"), Some(42));
        for bad in ["v0", "v01", "v", "x1", "v1a", "v-1"] {
            assert_eq!(parse_version_dir(bad), None, "{bad}");
        }
    }

    #[test]
    fn own_claim_is_alive_and_a_gone_process_is_dead() {
        let mine = Claim::mine();
        assert!(!mine.holder_is_dead());
        if mine.start_ticks.is_some() {
            let mut child = std::process::Command::new("true").spawn().expect("spawn");
            let pid = child.id();
            child.wait().expect("wait");
            let gone = Claim { pid, start_ticks: Some(1), ..mine.clone() };
            assert!(gone.holder_is_dead());
            let elsewhere = Claim { host: Some("another-host".into()), ..gone };
            assert!(!elsewhere.holder_is_dead(), "other hosts can't be checked");
        }
    }
}
