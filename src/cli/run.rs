//! `mapwright run`: generate, sign and export new versions of the selected pipelines.

use super::{Ctx, Format};
use crate::error::{Error, Result};
use crate::run::{CatalogCache, Options, Runner};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pipelines to run (names or paths); default: all.
    pub pipelines: Vec<String>,
    /// Export a new version even when nothing changed.
    #[arg(long)]
    pub force: bool,
    /// Run uncommitted or unprotected content (local development; recorded in the manifest; refused in CI).
    #[arg(long)]
    pub allow_unreviewed: bool,
    /// Exit 5 (and do not export) when a source or target changed in a way that changes the mapping.
    #[arg(long)]
    pub fail_on_drift: bool,
    /// Run only shard I of N (1-based), e.g. `--shard 2/4`; a stable partition by pipeline path.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Pipelines processed at once (default: workspace `defaults.concurrency`).
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// The plan reviewers approved (`plan --out FILE`): the manifest records whether the
    /// catalogs or configuration changed since, and the summary says so.
    #[arg(long, value_name = "FILE")]
    pub reviewed_plan: Option<std::path::PathBuf>,
    /// Summary format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let ci = super::in_ci();
    let mut selected = ws.select(&args.pipelines)?;
    if let Some(spec) = &args.shard {
        let (index, count) = crate::ops::shard::parse(spec)?;
        selected =
            crate::ops::shard::shard(&selected, |p| p.file.path.as_str(), index, count).into_iter().copied().collect();
    }
    let git = crate::access::git_state(&ws.root);
    crate::access::check_reviewed(&ws, &git, args.allow_unreviewed, ci)?;
    let store = crate::export::Store::open(&ws.settings.store.url, &ws.settings.store.options, &ws.root)?;
    let (signer, notice) = crate::audit::Signer::load(&ws.settings.signing, &ws.root, ci)?;
    if let Some(n) = notice {
        eprintln!("{n}");
    }
    if selected.is_empty() {
        if let Some(spec) = &args.shard {
            // More shards than pipelines is normal for a fixed CI matrix: nothing to do is success.
            eprintln!("shard {spec}: no pipeline falls in this shard; nothing to do");
            return Ok(0);
        }
        return Err(
            Error::usage("no pipeline selected").with_hint("check the pipeline names with `mapwright validate`")
        );
    }
    let opts = Options {
        force: args.force,
        allow_unreviewed: args.allow_unreviewed,
        fail_on_drift: args.fail_on_drift,
        concurrency: args.concurrency.unwrap_or(ws.settings.defaults.concurrency),
        ci,
        progress: ctx.interactive,
        reviewed_plan: match &args.reviewed_plan {
            Some(path) => Some(std::sync::Arc::new(crate::run::ReviewedPlan::load(path)?)),
            None => None,
        },
    };
    let runner = Runner { ws: &ws, store, signer, git, opts, cache: CatalogCache::default() };
    let summary = runner.run_all(&selected).await;
    crate::ops::summary::emit(&summary, args.format)?;
    Ok(summary.exit_code())
}
