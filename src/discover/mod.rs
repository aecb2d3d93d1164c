//! Stage: discover. A datasource → a normalized [`Catalog`].
//!
//! One module per engine, each exposing the same two entries —
//! `catalog(&Request, &Filter) -> Catalog` and `databases(&Request) -> Vec<String>` —
//! dispatched here by [`Engine`]. Every engine reads its catalog in a handful
//! of bulk queries over a read-only session; `validate` never calls this stage.

mod logical;
pub mod mysql;
mod mysql_sql;
pub mod postgres;
pub mod scope;
mod session;
pub mod snapshot;
pub mod sqlite;
mod sqlite_ddl;

pub use logical::normalize as normalize_type;
pub use scope::narrow;

use crate::catalog::{Catalog, Engine};
use crate::config::{ConnectionConfig, Scope, SecretUrl};
use crate::error::Result;
use scope::Filter;

/// What to discover.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Datasource profile name (named in errors).
    pub datasource: &'a str,
    pub engine: Engine,
    pub url: &'a SecretUrl,
    /// Name of the env var the URL came from, for auth-failure hints.
    pub url_env: Option<&'a str>,
    /// Scope: the datasource's scope narrowed by the pipeline's include/exclude (see [`scope::narrow`]).
    pub scope: &'a Scope,
    pub connection: &'a ConnectionConfig,
}

/// Discover the catalog of one datasource: sorted, scoped, system schemas excluded.
pub async fn discover(req: &Request<'_>) -> Result<Catalog> {
    use tracing::Instrument;
    let span = tracing::info_span!("discover", datasource = req.datasource, engine = %req.engine);
    discover_inner(req).instrument(span).await
}

async fn discover_inner(req: &Request<'_>) -> Result<Catalog> {
    let filter =
        Filter::new(req.engine, req.scope).map_err(|e| e.context(format!("datasource `{}`", req.datasource)))?;
    let started = std::time::Instant::now();
    let mut cat = match req.engine {
        Engine::Sqlite => sqlite::catalog(req, &filter).await?,
        Engine::Postgres => postgres::catalog(req, &filter).await?,
        Engine::Mysql => mysql::catalog(req, &filter).await?,
        Engine::Snapshot => snapshot::catalog(req)?,
    };
    cat.normalize();
    tracing::info!(
        tables = cat.table_count(),
        columns = cat.column_count(),
        ms = started.elapsed().as_millis() as u64,
        "discovered"
    );
    Ok(cat)
}

/// Databases on the datasource's server (SQLite: `main` and attached; snapshot: its database), sorted.
pub async fn databases(req: &Request<'_>) -> Result<Vec<String>> {
    match req.engine {
        Engine::Sqlite => sqlite::databases(req).await,
        Engine::Postgres => postgres::databases(req).await,
        Engine::Mysql => mysql::databases(req).await,
        Engine::Snapshot => snapshot::databases(req),
    }
}
