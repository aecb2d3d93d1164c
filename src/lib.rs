//! mapwright: reviewed TOML pipelines → signed, versioned source-to-target mapping specifications.
//!
//! Data flows one way through the stages, each a module with one public entry:
//! [`config`] → [`access`] → [`discover`] → [`mapping`] → [`policy`] → [`render`] → [`export`]
//! (+ [`audit`] for manifests and verification). [`run`] orchestrates them; `main.rs`
//! only parses the command line and maps errors to exit codes.
//!
//! Only [`cli`] writes to the terminal; every other stage reports through `tracing` or its
//! return value (a stray debug print would land in users' CI logs).
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod access;
pub mod audit;
pub mod catalog;
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub mod cli;
pub mod config;
pub mod discover;
pub mod drift;
pub mod error;
pub mod export;
pub mod mapping;
pub mod ops;
pub mod policy;
pub mod render;
pub mod run;
pub mod schema;
