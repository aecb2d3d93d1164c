//! Grants: a datasource profile lists the pipeline files allowed to use it.
//!
//! Adding a pipeline that reads a production datasource therefore means
//! editing that datasource's profile, which its CODEOWNERS must approve.

use crate::config::{Datasource, Pipeline, Workspace};
use crate::error::{Class, Error, Result};

/// Every datasource `pipeline` uses (source and target) must grant its path.
///
/// Refusal is [`Class::AccessDenied`] (exit 4), naming the pipeline, the
/// datasource and the profile file; the caller records the denial.
pub fn check_grant(ws: &Workspace, pipeline: &Pipeline) -> Result<()> {
    let mut used = vec![&pipeline.spec.source.datasource, &pipeline.spec.target.datasource];
    used.dedup();
    for name in used {
        let ds = ws.datasource(name)?;
        if !grants(ds, &pipeline.file.path)? {
            let listed = if ds.spec.grants.is_empty() {
                "it grants no pipelines".to_string()
            } else {
                format!(
                    "its grants are {}",
                    ds.spec.grants.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ")
                )
            };
            return Err(Error::new(
                Class::AccessDenied,
                format!(
                    "pipeline `{}` ({}) may not use datasource `{}`: {} does not grant this path ({listed})",
                    pipeline.name(),
                    pipeline.file.path,
                    ds.name,
                    ds.file.path
                ),
            )
            .with_hint(format!(
                "add `{}` (or a glob matching it) to `grants` in {}; the change needs approval from that file's CODEOWNERS",
                pipeline.file.path, ds.file.path
            )));
        }
    }
    Ok(())
}

/// Whether one of the profile's grant globs matches `pipeline_path` (relative to the workspace root).
pub(crate) fn grants(ds: &Datasource, pipeline_path: &str) -> Result<bool> {
    for g in &ds.spec.grants {
        let glob =
            globset::GlobBuilder::new(g.trim_start_matches("./")).literal_separator(true).build().map_err(|e| {
                Error::config(format!("{}: invalid grant glob `{g}`: {e}", ds.file.path))
                    .with_hint("grants are globs relative to the workspace root, e.g. `pipelines/sales/*.toml`")
            })?;
        if glob.compile_matcher().is_match(pipeline_path) {
            return Ok(true);
        }
    }
    Ok(false)
}
