//! Audit: signed manifests (DSSE + in-toto), keys, verification and the views
//! over the trail (`history`, `diff`, `audit export`).
//!
//! Export writes what this module defines; `verify` reads it back with nothing
//! but the store and the trusted public keys.

pub mod dsse;
pub mod inputs;
pub mod keys;
pub mod statement;
pub mod trail;
pub mod verify;

pub use inputs::{Denial, GitInfo, Inputs, RunnerIdentity};
pub use keys::{Signer, TrustedKeys};
