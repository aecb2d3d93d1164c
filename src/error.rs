//! One error type for every stage, classified for triage.
//!
//! Every user-facing failure carries a [`Class`] that decides the exit code,
//! a short stable code (`MW-…`) operators can search for, the role that
//! usually owns the fix, and an optional hint. Stages build errors with the
//! constructors below; only the CLI edge prints them.

use std::fmt;

/// Stable exit codes (documented in README.md and docs/exit-codes.md).
pub mod exit {
    pub const OK: i32 = 0;
    pub const RUNTIME: i32 = 1;
    pub const CONFIG: i32 = 2;
    pub const POLICY: i32 = 3;
    pub const ACCESS: i32 = 4;
    pub const DRIFT: i32 = 5;
    pub const VERIFY: i32 = 6;
}

/// What kind of failure this is; decides exit code, triage code and owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Invalid command-line usage.
    Usage,
    /// Invalid or inconsistent configuration files.
    Config,
    /// A template failed to load or render.
    Template,
    /// The datasource refused the connection (host/port/network).
    ConnectionRefused,
    /// The datasource rejected the credentials.
    AuthFailed,
    /// A connect or statement timeout expired.
    Timeout,
    /// The discovery user lacks a privilege on a catalog object.
    CatalogPermission,
    /// Any other discovery failure (unknown database, unreadable file, …).
    Discovery,
    /// The mapping could not be generated (e.g. conflicting rules at run time).
    Mapping,
    /// A policy denied the mapping.
    PolicyDenied,
    /// The access model refused the run (grant, unreviewed content, approvals).
    AccessDenied,
    /// Another runner claimed the same version first.
    StoreConflict,
    /// The object store failed.
    Store,
    /// An exported version failed verification.
    Verification,
    /// Source or target changed since the previous version.
    Drift,
    /// Local I/O and everything unexpected.
    Internal,
}

impl Class {
    /// Every class, for documentation checks and triage tables (docs/troubleshooting.md).
    pub const ALL: [Class; 16] = [
        Class::Usage,
        Class::Config,
        Class::Template,
        Class::ConnectionRefused,
        Class::AuthFailed,
        Class::Timeout,
        Class::CatalogPermission,
        Class::Discovery,
        Class::Mapping,
        Class::PolicyDenied,
        Class::AccessDenied,
        Class::StoreConflict,
        Class::Store,
        Class::Verification,
        Class::Drift,
        Class::Internal,
    ];

    pub fn exit_code(self) -> i32 {
        match self {
            Class::Usage | Class::Config | Class::Template => exit::CONFIG,
            Class::PolicyDenied => exit::POLICY,
            Class::AccessDenied => exit::ACCESS,
            Class::Drift => exit::DRIFT,
            Class::Verification => exit::VERIFY,
            _ => exit::RUNTIME,
        }
    }

    /// Short stable code printed with the error and listed in docs/troubleshooting.md.
    pub fn code(self) -> &'static str {
        match self {
            Class::Usage => "MW-USAGE",
            Class::Config => "MW-CONFIG",
            Class::Template => "MW-TEMPLATE",
            Class::ConnectionRefused => "MW-CONN-REFUSED",
            Class::AuthFailed => "MW-AUTH",
            Class::Timeout => "MW-TIMEOUT",
            Class::CatalogPermission => "MW-CATALOG-PERM",
            Class::Discovery => "MW-DISCOVERY",
            Class::Mapping => "MW-MAPPING",
            Class::PolicyDenied => "MW-POLICY",
            Class::AccessDenied => "MW-ACCESS",
            Class::StoreConflict => "MW-STORE-CONFLICT",
            Class::Store => "MW-STORE",
            Class::Verification => "MW-VERIFY",
            Class::Drift => "MW-DRIFT",
            Class::Internal => "MW-INTERNAL",
        }
    }

    /// The role that usually owns the fix.
    pub fn owner(self) -> &'static str {
        match self {
            Class::Usage | Class::Config | Class::Template | Class::Mapping => "pipeline author",
            Class::ConnectionRefused
            | Class::AuthFailed
            | Class::Timeout
            | Class::CatalogPermission
            | Class::Discovery
            | Class::Drift => "datasource admin",
            Class::PolicyDenied | Class::AccessDenied | Class::Verification => "security",
            Class::StoreConflict | Class::Store | Class::Internal => "platform",
        }
    }
}

/// A classified, user-facing error: what happened, where, and what to do.
#[derive(Debug, Clone)]
pub struct Error {
    pub class: Class,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(class: Class, message: impl Into<String>) -> Self {
        Error { class, message: message.into(), hint: None }
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Class::Config, message)
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Class::Usage, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(Class::Internal, message)
    }
    pub fn exit_code(&self) -> i32 {
        self.class.exit_code()
    }
    /// Prefix the message with context (e.g. the pipeline or file it concerns).
    pub fn context(mut self, ctx: impl fmt::Display) -> Self {
        self.message = format!("{ctx}: {}", self.message);
        self
    }
    /// Error for a failed local file operation, naming the path.
    pub fn io(path: &std::path::Path, action: &str, err: std::io::Error) -> Self {
        Self::internal(format!("cannot {action} {}: {err}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

/// Remove the password from anything that looks like a connection URL, so
/// driver errors can be shown safely. `scheme://user:secret@host` becomes
/// `scheme://user:***@host`; query parameters named like secrets are masked.
pub fn redact(text: &str) -> String {
    static RE: std::sync::OnceLock<(regex::Regex, regex::Regex)> = std::sync::OnceLock::new();
    let (userinfo, query) = RE.get_or_init(|| {
        (
            regex::Regex::new(r"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*):[^@\s]*@").expect("static regex"),
            regex::Regex::new(r"(?i)((?:password|passwd|pwd|secret|token|sig|key)=)[^&\s]+").expect("static regex"),
        )
    });
    let t = userinfo.replace_all(text, "$1:***@");
    query.replace_all(&t, "${1}***").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_masks_password_and_secret_params() {
        assert_eq!(
            redact("postgres://app:s3cr%40t@db:5432/x?sslmode=require&password=zz"),
            "postgres://app:***@db:5432/x?sslmode=require&password=***"
        );
        assert_eq!(redact("mysql://root@localhost/test"), "mysql://root@localhost/test");
    }

    #[test]
    fn classes_map_to_documented_exit_codes() {
        assert_eq!(Class::Config.exit_code(), 2);
        assert_eq!(Class::PolicyDenied.exit_code(), 3);
        assert_eq!(Class::AccessDenied.exit_code(), 4);
        assert_eq!(Class::Drift.exit_code(), 5);
        assert_eq!(Class::Verification.exit_code(), 6);
        assert_eq!(Class::ConnectionRefused.exit_code(), 1);
    }
}
