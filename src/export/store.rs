//! Object store access: URL → backend, retries, conditional create, and errors
//! that name the object and never the credentials.
//!
//! Supported URLs: `file://./exports` (relative to the workspace root) or
//! `file:///abs/path`, `memory://name` (process-local, for tests and dry
//! runs), `s3://bucket/prefix` (also S3-compatible endpoints via
//! `aws_endpoint`), `gs://bucket/prefix`, `az://container/prefix`.
//! Credentials come only from the environment / the provider chain of each
//! cloud; `store.options` in `mapwright.toml` may not carry secrets.

use crate::error::{Class, Error, Result};
use futures::TryStreamExt;
use object_store::path::Path as ObjPath;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Option keys that would put a credential into a committed file.
const SECRET_OPTION_WORDS: &[&str] =
    &["secret", "access_key", "token", "sas", "password", "service_account_key", "encryption_key", "client_secret"];

/// An opened object store with the label used in messages (URL without credentials).
#[derive(Clone)]
pub struct Store {
    inner: Arc<dyn ObjectStore>,
    label: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({})", self.label)
    }
}

/// One object in a listing: path relative to the store root, size and age.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    /// Last modification, seconds since the Unix epoch (store clock).
    pub modified: i64,
}

/// Result of a create-if-absent write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    Yes,
    /// The object already existed (another writer won).
    AlreadyExists,
}

fn memory_stores() -> &'static Mutex<HashMap<String, Arc<object_store::memory::InMemory>>> {
    static STORES: OnceLock<Mutex<HashMap<String, Arc<object_store::memory::InMemory>>>> = OnceLock::new();
    STORES.get_or_init(Default::default)
}

fn retry_config() -> object_store::RetryConfig {
    object_store::RetryConfig {
        backoff: object_store::BackoffConfig {
            init_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            base: 2.0,
        },
        max_retries: 5,
        retry_timeout: Duration::from_secs(60),
    }
}

impl Store {
    /// Open the store configured in `mapwright.toml`. `options` come from a committed file, so
    /// any credential-looking key is refused: credentials belong in the environment.
    pub fn open(url: &str, options: &BTreeMap<String, String>, root: &Path) -> Result<Store> {
        for key in options.keys() {
            let k = key.to_ascii_lowercase();
            if SECRET_OPTION_WORDS.iter().any(|w| k.contains(w)) {
                return Err(Error::config(format!(
                    "pipelines/mapwright.toml: store.options.{key} looks like a credential; credentials are never read \
                     from configuration files"
                ))
                .with_hint(
                    "remove it and provide the credential through the environment (e.g. AWS_SECRET_ACCESS_KEY, \
                            AZURE_STORAGE_ACCOUNT_KEY, GOOGLE_APPLICATION_CREDENTIALS) or the cloud's provider chain",
                ));
            }
        }
        Store::build(url, options, root)
    }

    /// Open a store with arbitrary builder options (which may include credentials — pass only
    /// values from the environment or a secret manager, never from committed files).
    pub fn build(url: &str, options: &BTreeMap<String, String>, root: &Path) -> Result<Store> {
        let label = crate::error::redact(url);
        let bad = |why: String| {
            Error::config(format!("store URL `{label}`: {why}")).with_hint(
                "use file://./exports, memory://name, s3://bucket/prefix, gs://bucket/prefix or az://container/prefix",
            )
        };
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("missing scheme".into()))?;
        let (bucket, prefix) = match rest.split_once('/') {
            Some((b, p)) => (b, p.trim_matches('/')),
            None => (rest, ""),
        };
        let store_err = |e: object_store::Error| bad(crate::error::redact(&e.to_string()));
        let inner: Arc<dyn ObjectStore> = match scheme {
            "file" => {
                let dir = if rest.starts_with('/') { Path::new(rest).to_path_buf() } else { root.join(rest) };
                std::fs::create_dir_all(&dir).map_err(|e| {
                    Error::new(Class::Store, format!("cannot create store directory {}: {e}", dir.display()))
                })?;
                // Deleting a folder's last object removes the folder too (as on a real object
                // store, where folders do not exist): `gc` leaves no empty version directories.
                let local = object_store::local::LocalFileSystem::new_with_prefix(&dir).map_err(store_err)?;
                Arc::new(local.with_automatic_cleanup(true))
            }
            "memory" => {
                let mut map = memory_stores().lock().map_err(|_| Error::internal("memory store registry poisoned"))?;
                return Ok(Store { inner: map.entry(rest.to_string()).or_default().clone(), label });
            }
            "s3" | "s3a" => {
                let mut b = object_store::aws::AmazonS3Builder::from_env().with_url(format!("s3://{bucket}"));
                for (k, v) in options {
                    b = b.with_config(k.parse().map_err(|_| bad(format!("unknown S3 option `{k}`")))?, v);
                }
                with_prefix(Arc::new(b.with_retry(retry_config()).build().map_err(store_err)?), prefix)
            }
            "gs" => {
                let mut b = object_store::gcp::GoogleCloudStorageBuilder::from_env().with_url(format!("gs://{bucket}"));
                for (k, v) in options {
                    b = b.with_config(k.parse().map_err(|_| bad(format!("unknown GCS option `{k}`")))?, v);
                }
                with_prefix(Arc::new(b.with_retry(retry_config()).build().map_err(store_err)?), prefix)
            }
            "az" | "azure" | "abfs" | "abfss" => {
                let mut b =
                    object_store::azure::MicrosoftAzureBuilder::from_env().with_url(format!("{scheme}://{bucket}"));
                for (k, v) in options {
                    b = b.with_config(k.parse().map_err(|_| bad(format!("unknown Azure option `{k}`")))?, v);
                }
                with_prefix(Arc::new(b.with_retry(retry_config()).build().map_err(store_err)?), prefix)
            }
            other => return Err(bad(format!("unsupported scheme `{other}`"))),
        };
        Ok(Store { inner, label })
    }

    /// Wrap an existing object store (embedding, fault injection in tests).
    pub fn from_object_store(inner: Arc<dyn ObjectStore>, label: &str) -> Store {
        Store { inner, label: label.to_string() }
    }

    /// The store URL without credentials, for messages.
    pub fn label(&self) -> &str {
        &self.label
    }

    fn err(&self, action: &str, path: &str, e: object_store::Error) -> Error {
        Error::new(
            Class::Store,
            format!("store {}: cannot {action} {path}: {}", self.label, crate::error::redact(&e.to_string())),
        )
        .with_hint(
            "check the store URL, network access and the runner's credentials (environment); nothing was \
                    published by this failed step",
        )
    }

    fn path(&self, path: &str) -> Result<ObjPath> {
        ObjPath::parse(path).map_err(|e| Error::internal(format!("invalid store path {path}: {e}")))
    }

    /// Read an object; `None` when it does not exist.
    pub async fn get(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let p = self.path(path)?;
        match self.inner.get(&p).await {
            Ok(r) => Ok(Some(r.bytes().await.map_err(|e| self.err("read", path, e))?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.err("read", path, e)),
        }
    }

    /// Write (or overwrite) an object.
    pub async fn put(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        let p = self.path(path)?;
        self.inner.put(&p, PutPayload::from(bytes)).await.map(|_| ()).map_err(|e| self.err("write", path, e))
    }

    /// Create an object only if it does not exist yet (S3 `If-None-Match: *`, Azure
    /// `If-None-Match: *`, GCS `ifGenerationMatch=0`, local hard link, memory check).
    pub async fn put_if_absent(&self, path: &str, bytes: Vec<u8>) -> Result<Created> {
        let p = self.path(path)?;
        let opts = PutOptions { mode: PutMode::Create, ..Default::default() };
        match self.inner.put_opts(&p, PutPayload::from(bytes), opts).await {
            Ok(_) => Ok(Created::Yes),
            Err(object_store::Error::AlreadyExists { .. } | object_store::Error::Precondition { .. }) => {
                Ok(Created::AlreadyExists)
            }
            Err(e) => Err(self.err("create", path, e)),
        }
    }

    pub async fn delete(&self, path: &str) -> Result<()> {
        let p = self.path(path)?;
        match self.inner.delete(&p).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.err("delete", path, e)),
        }
    }

    /// Every object under `prefix` (recursively), sorted by path.
    pub async fn list(&self, prefix: &str) -> Result<Vec<Entry>> {
        let p = if prefix.is_empty() { None } else { Some(self.path(prefix)?) };
        let metas: Vec<ObjectMeta> =
            self.inner.list(p.as_ref()).try_collect().await.map_err(|e| self.err("list", prefix, e))?;
        let mut out: Vec<Entry> = metas
            .into_iter()
            .map(|m| Entry { path: m.location.to_string(), size: m.size, modified: m.last_modified.timestamp() })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Names of the immediate "folders" under `prefix` (root when empty), sorted.
    pub async fn dirs(&self, prefix: &str) -> Result<Vec<String>> {
        let p = if prefix.is_empty() { None } else { Some(self.path(prefix)?) };
        let res = self.inner.list_with_delimiter(p.as_ref()).await.map_err(|e| self.err("list", prefix, e))?;
        let mut out: Vec<String> =
            res.common_prefixes.iter().filter_map(|c| c.filename().map(str::to_string)).collect();
        out.sort();
        Ok(out)
    }
}

fn with_prefix(store: Arc<dyn ObjectStore>, prefix: &str) -> Arc<dyn ObjectStore> {
    if prefix.is_empty() { store } else { Arc::new(object_store::prefix::PrefixStore::new(store, prefix)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_options_are_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let opts = BTreeMap::from([("aws_secret_access_key".to_string(), "AKIAXXSECRET".to_string())]);
        let err = Store::open("s3://bucket/x", &opts, dir.path()).expect_err("refused");
        assert_eq!(err.class, Class::Config);
        assert!(!err.message.contains("AKIAXXSECRET"));
        assert!(err.message.contains("aws_secret_access_key"));
    }

    #[test]
    fn gcs_and_unknown_schemes_parse_without_network() {
        let dir = tempfile::tempdir().expect("tmp");
        // Building a GCS client needs no network; an anonymous client is enough to prove URL + prefix parsing.
        let opts = BTreeMap::from([("google_skip_signature".to_string(), "true".to_string())]);
        let s = Store::build("gs://bucket/team/exports", &opts, dir.path()).expect("gcs store");
        assert_eq!(s.label(), "gs://bucket/team/exports");
        let err = Store::open("ftp://x/y", &BTreeMap::new(), dir.path()).expect_err("scheme");
        assert!(err.message.contains("unsupported scheme"));
        let err =
            Store::open("gs://bucket", &BTreeMap::from([("nope".into(), "1".into())]), dir.path()).expect_err("option");
        assert!(err.message.contains("unknown GCS option `nope`"), "{}", err.message);
    }

    #[tokio::test]
    async fn conditional_create_on_local_and_memory() {
        let dir = tempfile::tempdir().expect("tmp");
        for url in ["file://./store", "memory://conditional-create-unit"] {
            let s = Store::open(url, &BTreeMap::new(), dir.path()).expect("open");
            assert_eq!(s.put_if_absent("p/v1/_claim.json", b"a".to_vec()).await.expect("first"), Created::Yes);
            assert_eq!(
                s.put_if_absent("p/v1/_claim.json", b"b".to_vec()).await.expect("second"),
                Created::AlreadyExists
            );
            assert_eq!(s.get("p/v1/_claim.json").await.expect("get").as_deref(), Some(&b"a"[..]));
        }
    }
}
