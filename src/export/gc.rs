//! `mapwright gc`: remove unfinished versions (no manifest) older than the grace period.
//!
//! A committed version (one with a manifest) is never touched. The claim is
//! deleted last, so an interrupted gc leaves a claimed folder that no runner
//! will write into again and the next gc finishes the job.

use super::store::Store;
use super::versions::{self, CLAIM, version_dir};
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct GcItem {
    pub pipeline: String,
    pub version: u64,
    pub objects: usize,
    pub age_hours: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GcReport {
    pub dry_run: bool,
    pub grace_hours: u64,
    /// Unfinished versions removed (or that would be, with `dry_run`).
    pub removed: Vec<GcItem>,
    /// Unfinished versions younger than the grace period (maybe still being written).
    pub kept: Vec<GcItem>,
}

/// Collect (and unless `dry_run`, delete) unfinished versions older than `grace_hours`.
pub async fn gc(store: &Store, grace_hours: u64, dry_run: bool) -> Result<GcReport> {
    let mut report = GcReport { dry_run, grace_hours, ..Default::default() };
    let now = versions::unix_now();
    for pipeline in super::list_pipelines(store).await? {
        for slot in versions::scan(store, &pipeline).await?.into_values() {
            if slot.version == 0 || slot.has_manifest {
                continue;
            }
            let age = (now - slot.newest).max(0);
            let item = GcItem {
                pipeline: pipeline.clone(),
                version: slot.version,
                objects: slot.objects.len(),
                age_hours: (age as f64 / 360.0).round() / 10.0,
            };
            if (age as u64) < grace_hours * 3600 {
                report.kept.push(item);
                continue;
            }
            if !dry_run {
                let dir = version_dir(&pipeline, slot.version);
                for o in slot.objects.iter().filter(|o| o.path != CLAIM) {
                    store.delete(&format!("{dir}/{}", o.path)).await?;
                }
                store.delete(&format!("{dir}/{CLAIM}")).await?;
            }
            report.removed.push(item);
        }
    }
    Ok(report)
}
