//! Operations: what CI schedulers and operators need around `run` —
//! sharding a workspace across jobs, the run summary and its renderings,
//! and health checks (`doctor`).

pub mod doctor;
pub mod report;
pub mod shard;
pub mod store_probe;
pub mod summary;
