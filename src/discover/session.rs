//! What every server session shares: error classes with hints, bounded
//! retries with exponential backoff, and client-side timeouts.
//!
//! Driver messages pass through [`crate::error::redact`] before they reach an
//! [`Error`], and every message names the datasource, so an operator reading
//! a nightly log knows which profile failed and what to do, never the password.

use super::Request;
use crate::error::{Class, Error, Result, redact};
use std::future::Future;
use std::time::Duration;

/// Engine-specific reading of a database error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Worth retrying: refused/reset connections, too many connections, server starting/stopping.
    Transient,
    Refused,
    Auth,
    Timeout,
    /// A missing privilege; the string names the object when known.
    Permission,
    UnknownDatabase,
    Other,
}

/// Classify transport-level failures shared by all drivers.
pub fn io_kind(e: &sqlx::Error) -> Option<Kind> {
    match e {
        sqlx::Error::Io(io) => Some(match io.kind() {
            std::io::ErrorKind::ConnectionRefused => Kind::Refused,
            std::io::ErrorKind::TimedOut => Kind::Timeout,
            _ => Kind::Transient,
        }),
        sqlx::Error::Tls(_) => Some(Kind::Refused),
        sqlx::Error::Protocol(_) | sqlx::Error::WorkerCrashed => Some(Kind::Transient),
        _ => None,
    }
}

/// Build the user-facing error for a failure of `what` (e.g. "cannot connect").
pub fn error(req: &Request<'_>, kind: Kind, what: &str, detail: &str) -> Error {
    let ds = req.datasource;
    let detail = redact(detail);
    let msg = format!("datasource `{ds}`: {what}: {detail}");
    let target = req.url.redacted();
    match kind {
        Kind::Refused | Kind::Transient => Error::new(Class::ConnectionRefused, msg).with_hint(format!(
            "check host, port and network reachability of {target} (firewall, VPN, server running?)"
        )),
        Kind::Auth => {
            let place = req.url_env.map_or("the datasource URL".to_string(), |v| format!("the URL in `{v}`"));
            Error::new(Class::AuthFailed, msg)
                .with_hint(format!("check the user name and password in {place} (and that the user may log in)"))
        }
        Kind::Timeout => Error::new(Class::Timeout, msg).with_hint(format!(
            "the server did not answer in time (connect {}s / statement {}s); raise [connection] timeouts in the \
             datasource profile or check server load",
            req.connection.connect_timeout_secs, req.connection.statement_timeout_secs
        )),
        Kind::Permission => Error::new(Class::CatalogPermission, msg)
            .with_hint("grant the discovery user read access to the catalog objects named above"),
        Kind::UnknownDatabase => Error::new(Class::Discovery, msg).with_hint(format!(
            "check the database name in {target}; `mapwright discover {ds} --databases` lists the databases"
        )),
        Kind::Other => Error::new(Class::Discovery, msg),
    }
}

/// Delay before retry `attempt` (1-based): 200 ms, 400 ms, 800 ms, … capped at 5 s.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis((200u64 << attempt.saturating_sub(1).min(5)).min(5_000))
}

/// Run a whole discovery attempt (connect + bulk reads), retrying up to
/// `req.connection.retries` times with exponential backoff when it failed on a
/// transient error (refused, reset, server gone mid-run, too many connections).
/// Each retry reconnects, so a half-read catalog is never used.
pub async fn with_retries<T, F, Fut>(req: &Request<'_>, mut op: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut attempt = 0u32;
    loop {
        match op().await {
            Err(e) if e.class == Class::ConnectionRefused && attempt < req.connection.retries => {
                attempt += 1;
                let delay = backoff(attempt);
                tracing::warn!(
                    datasource = req.datasource,
                    attempt,
                    delay_ms = delay.as_millis() as u64,
                    error = %redact(&e.message),
                    "transient failure, retrying"
                );
                tokio::time::sleep(delay).await;
            }
            Err(mut e) if attempt > 0 => {
                e.message = format!("{} (after {} attempts)", e.message, attempt + 1);
                return Err(e);
            }
            other => return other,
        }
    }
}

/// Open a connection within the connect timeout.
pub async fn connect<T, Fut>(req: &Request<'_>, classify: fn(&sqlx::Error) -> Kind, fut: Fut) -> Result<T>
where
    Fut: Future<Output = std::result::Result<T, sqlx::Error>>,
{
    let limit = Duration::from_secs(req.connection.connect_timeout_secs.max(1));
    match tokio::time::timeout(limit, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(error(req, classify(&e), "cannot connect", &e.to_string())),
        Err(_) => Err(error(req, Kind::Timeout, "cannot connect", &format!("no answer within {}s", limit.as_secs()))),
    }
}

/// Run one catalog query under the statement timeout (no retry: the session state is gone after a failure).
pub async fn query<T, Fut>(req: &Request<'_>, what: &str, classify: fn(&sqlx::Error) -> Kind, fut: Fut) -> Result<T>
where
    Fut: Future<Output = std::result::Result<T, sqlx::Error>>,
{
    // The server-side statement timeout fires first; this is the backstop for a silent network.
    let limit = Duration::from_secs(req.connection.statement_timeout_secs.saturating_add(5));
    match tokio::time::timeout(limit, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(error(req, classify(&e), what, &e.to_string())),
        Err(_) => Err(error(req, Kind::Timeout, what, &format!("no answer within {}s", limit.as_secs()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(2), Duration::from_millis(400));
        assert_eq!(backoff(3), Duration::from_millis(800));
        assert_eq!(backoff(30), Duration::from_millis(5_000));
    }
}
