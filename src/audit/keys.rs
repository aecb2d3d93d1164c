//! Ed25519 signing keys: generation, PEM files, the signer `run` uses and the
//! trusted keys `verify` checks against.
//!
//! Keys are stored in the standard formats every tool reads (RFC 8410): the
//! private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the public key
//! as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), so `openssl`,
//! cosign or securesystemslib can check our signatures without mapwright.
//! The key id is the hex SHA-256 of the raw 32-byte public key.
//!
//! Private key bytes never reach a log, an error message or stdout: errors
//! name the file or variable they came from, never the content.

use crate::config::SigningConfig;
use crate::error::{Error, Result};
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4); the raw key follows.
const SPKI_PREFIX: [u8; 12] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
/// DER prefix of an Ed25519 PKCS#8 v1 private key (RFC 8410 §7); the 32-byte seed follows.
const PKCS8_PREFIX: [u8; 16] =
    [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

/// Where the development key lives (git-ignored), relative to the workspace root.
pub const DEV_KEY: &str = ".mapwright/dev-key";
/// Its public half, trusted by `verify` only outside CI.
pub const DEV_KEY_PUB: &str = ".mapwright/dev-key.pub";

/// Key id of a public key: hex SHA-256 of its 32 raw bytes.
pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// The private key `run` signs manifests and denial records with.
pub struct Signer {
    key: SigningKey,
    key_id: String,
    /// Where the key came from (`env MAPWRIGHT_SIGNING_KEY`, a file path, the dev key) — for messages.
    pub source: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer {{ key_id: {}, source: {} }}", self.key_id, self.source)
    }
}

impl Signer {
    /// Load the signing key: the `key_env` variable, else `key_file`, else (outside CI, when
    /// `dev_key` is on) the development key in `.mapwright/dev-key`, created on first use.
    /// Returns a loud notice when a development key is in use, for the CLI to print.
    pub fn load(cfg: &SigningConfig, root: &Path, ci: bool) -> Result<(Signer, Option<String>)> {
        if let Ok(text) = std::env::var(&cfg.key_env)
            && !text.trim().is_empty()
        {
            let what = format!("environment variable {}", cfg.key_env);
            return Ok((Signer::from_key(parse_private(&text, &what)?, what), None));
        }
        if let Some(file) = &cfg.key_file {
            let path = root.join(file);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::config(format!("signing.key_file `{file}`: cannot read {}: {e}", path.display()))
                    .with_hint("point signing.key_file at a key written by `mapwright keygen`, or set the key variable")
            })?;
            return Ok((Signer::from_key(parse_private(&text, file)?, file.clone()), None));
        }
        if ci {
            return Err(Error::config(format!(
                "no signing key configured: environment variable {} is not set and signing.key_file is unset (CI=true)",
                cfg.key_env
            ))
            .with_hint(format!(
                "create a key with `mapwright keygen --name ci`, commit the .pub file to pipelines/keys/ and store the \
                 private key as the CI secret {}",
                cfg.key_env
            )));
        }
        if !cfg.dev_key {
            return Err(Error::config(format!(
                "no signing key configured ({} unset, signing.key_file unset, signing.dev_key = false)",
                cfg.key_env
            ))
            .with_hint(
                "set the key variable or signing.key_file, or allow a development key with signing.dev_key = true",
            ));
        }
        let (signer, created) = Signer::dev_key(root)?;
        let notice = format!(
            "NOTICE: signing with a DEVELOPMENT key ({}{}, key id {}). Versions signed with it verify only on this \
             machine outside CI. For real exports set {} (see `mapwright keygen`).",
            DEV_KEY,
            if created { ", just created" } else { "" },
            short_id(signer.key_id()),
            cfg.key_env
        );
        Ok((signer, Some(notice)))
    }

    /// Load or create the development key pair under `root/.mapwright/`.
    fn dev_key(root: &Path) -> Result<(Signer, bool)> {
        let path = root.join(DEV_KEY);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, "read", e))?;
            return Ok((Signer::from_key(parse_private(&text, DEV_KEY)?, DEV_KEY.into()), false));
        }
        let dir = root.join(".mapwright");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "create", e))?;
        let key = generate()?;
        write_key_pair(&key, &path, &root.join(DEV_KEY_PUB))?;
        // Keep the folder out of git even when the repository's .gitignore does not list it.
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n").map_err(|e| Error::io(&ignore, "write", e))?;
        }
        Ok((Signer::from_key(key, DEV_KEY.into()), true))
    }

    pub fn from_key(key: SigningKey, source: String) -> Signer {
        let key_id = key_id(&key.verifying_key());
        Signer { key, key_id, source }
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// Ed25519 signature over `message`.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }
}

/// A fresh Ed25519 key from the operating system's random source.
pub fn generate() -> Result<SigningKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| Error::internal(format!("no secure random source: {e}")))?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    Ok(key)
}

/// Write `key` as PKCS#8 PEM (mode 0600) and its public half as SPKI PEM. Never overwrites.
pub fn write_key_pair(key: &SigningKey, private: &Path, public: &Path) -> Result<()> {
    for p in [private, public] {
        if p.exists() {
            return Err(Error::usage(format!("{} already exists; refusing to overwrite a key", p.display()))
                .with_hint("choose another --name or --out-dir"));
        }
    }
    let mut der = PKCS8_PREFIX.to_vec();
    der.extend_from_slice(key.as_bytes());
    let pem = to_pem("PRIVATE KEY", &der);
    der.fill(0);
    write_private(private, pem.as_bytes())?;
    std::fs::write(public, public_pem(&key.verifying_key())).map_err(|e| Error::io(public, "write", e))
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| Error::io(path, "create", e))?;
    f.write_all(bytes).map_err(|e| Error::io(path, "write", e))
}

/// SPKI PEM text of a public key.
pub fn public_pem(key: &VerifyingKey) -> String {
    let mut der = SPKI_PREFIX.to_vec();
    der.extend_from_slice(key.as_bytes());
    to_pem("PUBLIC KEY", &der)
}

fn to_pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    format!("-----BEGIN {label}-----\n{b64}\n-----END {label}-----\n")
}

/// DER bytes inside a PEM block with `label`, or the text itself as bare base64 (single-line CI secrets).
fn pem_body(text: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let body = match text.find(&begin) {
        Some(start) => {
            let rest = &text[start + begin.len()..];
            &rest[..rest.find(&end)?]
        }
        None if !text.contains("-----") => text,
        None => return None,
    };
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact).ok()
}

/// Parse a PKCS#8 PEM Ed25519 private key; `what` names its origin in errors (never the content).
pub fn parse_private(text: &str, what: &str) -> Result<SigningKey> {
    let bad = || {
        Error::config(format!(
            "{what}: not an Ed25519 private key (expected PKCS#8 PEM as written by `mapwright keygen`)"
        ))
        .with_hint("regenerate with `mapwright keygen`; the content is not shown for safety")
    };
    let mut der = pem_body(text, "PRIVATE KEY").ok_or_else(bad)?;
    if der.len() != 48 || der[..16] != PKCS8_PREFIX {
        der.fill(0);
        return Err(bad());
    }
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&der[16..]);
    der.fill(0);
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    Ok(key)
}

/// Parse an SPKI PEM Ed25519 public key; `what` names the file in errors.
pub fn parse_public(text: &str, what: &str) -> Result<VerifyingKey> {
    let bad = |why: &str| {
        Error::config(format!("{what}: not an Ed25519 public key ({why})"))
            .with_hint("trusted keys are the .pub files written by `mapwright keygen` (SPKI PEM)")
    };
    let der = pem_body(text, "PUBLIC KEY").ok_or_else(|| bad("no PUBLIC KEY PEM block"))?;
    if der.len() != 44 || der[..12] != SPKI_PREFIX {
        return Err(bad("wrong key type or length"));
    }
    let mut raw = [0u8; 32];
    raw.copy_from_slice(&der[12..]);
    VerifyingKey::from_bytes(&raw).map_err(|_| bad("invalid curve point"))
}

/// First 16 hex characters of a key id, for humans.
pub fn short_id(id: &str) -> &str {
    id.get(..16).unwrap_or(id)
}

/// One trusted public key and the file it came from.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    pub key: VerifyingKey,
    /// Path relative to the workspace root.
    pub file: String,
}

/// The public keys `verify` accepts signatures from, by key id. Several keys at once
/// make rotation possible: add the new key, sign with it, remove the old one later.
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: BTreeMap<String, TrustedKey>,
}

impl TrustedKeys {
    /// Load every file matching `globs` (relative to `pipelines/`), plus the development
    /// key's public half when `include_dev_key` (never in CI).
    pub fn load(globs: &[String], root: &Path, include_dev_key: bool) -> Result<TrustedKeys> {
        let pdir = root.join("pipelines");
        let mut set = globset::GlobSetBuilder::new();
        for g in globs {
            let glob = globset::GlobBuilder::new(g).literal_separator(true).build().map_err(|e| {
                Error::config(format!("pipelines/mapwright.toml: trusted_keys entry `{g}` is not a valid glob: {e}"))
            })?;
            set.add(glob);
        }
        let set = set.build().map_err(|e| Error::config(format!("trusted_keys: {e}")))?;
        let mut files: Vec<PathBuf> =
            walk(&pdir).into_iter().filter(|p| p.strip_prefix(&pdir).is_ok_and(|rel| set.is_match(rel))).collect();
        if include_dev_key && root.join(DEV_KEY_PUB).is_file() {
            files.push(root.join(DEV_KEY_PUB));
        }
        let mut keys = TrustedKeys::default();
        for path in files {
            let rel = crate::config::diag::rel_display(root, &path);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, "read", e))?;
            keys.add(parse_public(&text, &rel)?, rel);
        }
        Ok(keys)
    }

    pub fn add(&mut self, key: VerifyingKey, file: String) {
        self.keys.insert(key_id(&key), TrustedKey { key, file });
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&TrustedKey> {
        self.keys.get(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// True when `sig` is a valid signature of `message` by the trusted key `id`.
    pub fn verify(&self, id: &str, message: &[u8], sig: &[u8]) -> bool {
        let Some(k) = self.keys.get(id) else { return false };
        let Ok(bytes) = <[u8; 64]>::try_from(sig) else { return false };
        k.key.verify(message, &Signature::from_bytes(&bytes)).is_ok()
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_round_trip_and_key_id() {
        let key = generate().expect("key");
        let dir = tempfile::tempdir().expect("tmp");
        let (sk, pk) = (dir.path().join("k.key"), dir.path().join("k.pub"));
        write_key_pair(&key, &sk, &pk).expect("write");
        let back = parse_private(&std::fs::read_to_string(&sk).expect("read"), "k.key").expect("parse");
        assert_eq!(back.to_bytes(), key.to_bytes());
        let public = parse_public(&std::fs::read_to_string(&pk).expect("read"), "k.pub").expect("parse");
        assert_eq!(key_id(&public), key_id(&key.verifying_key()));
        assert_eq!(key_id(&public).len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&sk).expect("meta").permissions().mode() & 0o777, 0o600);
        }
        assert!(write_key_pair(&key, &sk, &pk).is_err(), "must not overwrite");
    }

    #[test]
    fn bare_base64_private_key_is_accepted_and_garbage_is_rejected_without_echo() {
        let key = generate().expect("key");
        let mut der = PKCS8_PREFIX.to_vec();
        der.extend_from_slice(key.as_bytes());
        let bare = base64::engine::general_purpose::STANDARD.encode(&der);
        assert_eq!(parse_private(&bare, "env X").expect("parse").to_bytes(), key.to_bytes());
        let err = parse_private("hunter2-secret", "env X").expect_err("garbage");
        assert!(!err.message.contains("hunter2"), "{}", err.message);
        assert!(parse_public(&public_pem(&key.verifying_key()), "p").is_ok());
        assert!(parse_public(&bare, "p").is_err(), "a private key is not a public key");
    }
}
