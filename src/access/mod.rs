//! Stage: access. Who may do what is exactly who may approve which files.
//!
//! There is no user database: CODEOWNERS says who must approve a file, a
//! datasource profile's `grants` say which pipeline files may use it (so a new
//! use means editing the profile, which its owners approve), and `run` only
//! executes committed, clean content on a protected ref. This module checks
//! those rules at run time ([`check_grant`], [`check_reviewed`]), at validate
//! time ([`coverage`]) and for a pull request ([`required_approvers`]).

pub mod approvals;
pub mod codeowners;
mod coverage;
pub mod git;
mod grants;
mod report;
mod reviewed;

pub use approvals::{ApprovalReport, Requirement, RequirementKind, Reviews, SharedRuleFile, Teams, required_approvers};
pub use codeowners::CodeOwners;
pub use coverage::coverage;
pub use git::{GitState, git_state};
pub use grants::check_grant;
pub use reviewed::check_reviewed;
