//! The store check of `doctor`: can this runner write, read and delete
//! objects where `run` exports? One small probe object under the scratch
//! prefix `_mapwright/doctor/` proves all three, then is removed again.

use crate::error::{Class, Error, Result, redact};
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Open the store named by the workspace's `[store] url` (relative `file://`
/// paths resolve against `root`), returning it with its key prefix.
pub fn open(url: &str, options: &BTreeMap<String, String>, root: &Path) -> Result<(Arc<dyn ObjectStore>, StorePath)> {
    let bad = |why: String| {
        Error::new(Class::Config, format!("pipelines/mapwright.toml: [store] url `{}`: {why}", redact(url))).with_hint(
            "use file://./exports, memory://, s3://bucket/prefix, gs://bucket/prefix or az://container/prefix",
        )
    };
    if let Some(rest) = url.strip_prefix("file://") {
        let dir = if Path::new(rest).is_absolute() {
            Path::new(rest).to_path_buf()
        } else {
            root.join(rest.trim_start_matches("./"))
        };
        std::fs::create_dir_all(&dir).map_err(|e| {
            Error::new(Class::Store, format!("store: cannot create the directory {}: {e}", dir.display())).with_hint(
                "the runner must be able to create and write the [store] directory; check the path and permissions",
            )
        })?;
        let local = object_store::local::LocalFileSystem::new_with_prefix(&dir)
            .map_err(|e| bad(format!("cannot use {} as a store: {e}", dir.display())))?;
        return Ok((Arc::new(local), StorePath::default()));
    }
    if url == "memory://" || url == "memory:///" {
        return Ok((Arc::new(object_store::memory::InMemory::new()), StorePath::default()));
    }
    let parsed = url::Url::parse(url).map_err(|e| bad(e.to_string()))?;
    let (store, prefix) = object_store::parse_url_opts(&parsed, options).map_err(|e| bad(e.to_string()))?;
    Ok((Arc::from(store), prefix))
}

/// Write, read back and delete `<prefix>/_mapwright/doctor/<name>`; returns the key used.
pub async fn probe(store: &dyn ObjectStore, prefix: &StorePath, name: &str) -> Result<String> {
    let key = prefix.clone().join("_mapwright").join("doctor").join(name);
    let body = format!("mapwright doctor probe {name}\n");
    let fail = |what: &str, e: object_store::Error| {
        let hint = match &e {
            object_store::Error::PermissionDenied { .. } | object_store::Error::Unauthenticated { .. } => {
                "the runner's credentials may not write here: check AWS_*/AZURE_STORAGE_*/GOOGLE_* secrets and the bucket policy"
            }
            object_store::Error::NotFound { .. } => {
                "the bucket/container or the written object is missing: check the [store] url"
            }
            _ => "check the [store] url and options (endpoint, region) and the runner's network path to the store",
        };
        Error::new(Class::Store, format!("store: cannot {what} {key}: {}", redact(&e.to_string()))).with_hint(hint)
    };
    store.put(&key, PutPayload::from(body.clone().into_bytes())).await.map_err(|e| fail("write", e))?;
    let read = store.get(&key).await.map_err(|e| fail("read", e))?.bytes().await.map_err(|e| fail("read", e))?;
    if read.as_ref() != body.as_bytes() {
        return Err(Error::new(Class::Store, format!("store: {key} read back different bytes than were written"))
            .with_hint("the store does not return what was written: check proxies/caches in front of it"));
    }
    store.delete(&key).await.map_err(|e| fail("delete", e))?;
    if store.head(&key).await.is_ok() {
        return Err(Error::new(Class::Store, format!("store: {key} still exists after delete"))
            .with_hint("deletes are not honoured (object lock / retention?): `gc` will not be able to clean up"));
    }
    Ok(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn probe_round_trips_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let (store, prefix) = open("file://./exports", &BTreeMap::new(), dir.path()).unwrap();
        let key = probe(store.as_ref(), &prefix, "t1").await.unwrap();
        assert_eq!(key, "_mapwright/doctor/t1");
        let left: Vec<_> = walk(&dir.path().join("exports"));
        assert!(left.iter().all(|p| p.is_dir()), "probe left files behind: {left:?}");
    }

    #[tokio::test]
    async fn unwritable_local_store_fails_with_a_store_error() {
        let dir = tempfile::tempdir().unwrap();
        let exports = dir.path().join("exports");
        std::fs::create_dir_all(&exports).unwrap();
        let (store, prefix) = open("file://./exports", &BTreeMap::new(), dir.path()).unwrap();
        // A file where the probe needs a directory makes the write fail, even as root.
        std::fs::write(exports.join("_mapwright"), "not a directory").unwrap();
        let err = probe(store.as_ref(), &prefix, "t2").await.unwrap_err();
        assert_eq!(err.class, Class::Store);
        assert!(err.message.contains("cannot write _mapwright/doctor/t2"), "{}", err.message);
        assert!(err.hint.is_some());
    }

    #[test]
    fn bad_urls_are_config_errors_without_secrets() {
        let err = match open("s3//bucket:s3cret@x", &BTreeMap::new(), Path::new("/")) {
            Err(e) => e,
            Ok(_) => panic!("accepted a malformed url"),
        };
        assert_eq!(err.class, Class::Config);
        assert!(err.message.contains("[store] url"), "{}", err.message);
    }

    fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            out.push(e.path());
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            }
        }
        out
    }
}
