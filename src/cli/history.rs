//! `mapwright history`, `diff`, `audit export` and `gc`: reading (and tidying) the store.

use super::{Ctx, Format};
use crate::audit::trail;
use crate::config::Workspace;
use crate::error::{Error, Result};
use crate::export::Store;

fn open_store(ws: &Workspace) -> Result<Store> {
    Store::open(&ws.settings.store.url, &ws.settings.store.options, &ws.root)
}

/// A pipeline that has versions in the store; otherwise a usage error with a suggestion.
async fn known_pipeline(store: &Store, ws: &Workspace, name: &str) -> Result<()> {
    if !crate::config::valid_name(name) {
        return Err(Error::usage(format!("invalid pipeline name `{name}`"))
            .with_hint("pipeline names use lowercase letters, digits, `_` and `-`"));
    }
    let stored = crate::export::list_pipelines(store).await?;
    if stored.iter().any(|p| p == name) {
        return Ok(());
    }
    let candidates: Vec<&str> =
        stored.iter().map(String::as_str).chain(ws.pipelines.iter().map(|p| p.name())).collect();
    let hint = match crate::config::diag::did_you_mean(name, candidates.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if ws.pipelines.iter().any(|p| p.name() == name) => {
            format!("`{name}` has not been exported yet: run `mapwright run {name}`")
        }
        None => format!(
            "pipelines in {}: {}",
            store.label(),
            if stored.is_empty() { "none".into() } else { stored.join(", ") }
        ),
    };
    Err(Error::usage(format!("no pipeline `{name}` in {}", store.label())).with_hint(hint))
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Pipeline name.
    pub pipeline: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run_history(ctx: &Ctx, args: HistoryArgs) -> Result<i32> {
    let ws = ctx.workspace()?;
    let store = open_store(&ws)?;
    known_pipeline(&store, &ws, &args.pipeline).await?;
    let entries = trail::history(&store, &args.pipeline).await?;
    // One row of cells per version, shared by the text and Markdown tables.
    let rows: Vec<[String; 8]> = entries
        .iter()
        .map(|e| {
            let flag = if e.allow_unreviewed { " (unreviewed)" } else { "" };
            [
                format!("v{}", e.version),
                e.finished_at.clone(),
                short(&e.commit),
                e.summary.columns.to_string(),
                e.summary.accepted.to_string(),
                e.summary.needs_review.to_string(),
                e.summary.findings.to_string(),
                format!("+{} -{} ~{}{flag}", e.added, e.removed, e.changed),
            ]
        })
        .collect();
    const HEAD: [&str; 8] = ["VERSION", "FINISHED", "COMMIT", "COLUMNS", "ACCEPTED", "REVIEW", "FINDINGS", "CHANGE"];
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&entries).unwrap_or_default()),
        Format::Markdown => {
            println!("| {} |", HEAD.map(|h| h.to_lowercase()).join(" | "));
            println!("|{}", "---|".repeat(HEAD.len()));
            for r in &rows {
                println!("| {} |", r.join(" | "));
            }
        }
        Format::Text => {
            let line = |c: &[&str]| {
                format!(
                    "{:<8} {:<21} {:<13} {:>7} {:>8} {:>6} {:>8}  {}",
                    c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
                )
            };
            println!("{}", line(&HEAD));
            for r in &rows {
                println!("{}", line(&r.each_ref().map(String::as_str)));
            }
        }
    }
    Ok(0)
}

fn short(commit: &Option<String>) -> String {
    commit.as_deref().map(|c| c.get(..12).unwrap_or(c).to_string()).unwrap_or_else(|| "-".into())
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Pipeline name.
    pub pipeline: String,
    /// Older version (number, `v` prefix allowed).
    pub from: String,
    /// Newer version (number, `v` prefix allowed).
    pub to: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

fn version_arg(s: &str) -> Result<u64> {
    s.trim_start_matches('v').parse().map_err(|_| {
        Error::usage(format!("`{s}` is not a version number")).with_hint("pass version numbers, e.g. `1 2` or `v1 v2`")
    })
}

pub async fn run_diff(ctx: &Ctx, args: DiffArgs) -> Result<i32> {
    let (a, b) = (version_arg(&args.from)?, version_arg(&args.to)?);
    let ws = ctx.workspace()?;
    let store = open_store(&ws)?;
    known_pipeline(&store, &ws, &args.pipeline).await?;
    let diff = trail::diff_versions(&store, &args.pipeline, a, b).await?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&diff).unwrap_or_default()),
        Format::Markdown => print!("### `{}` v{a} → v{b}\n\n{}", args.pipeline, diff.to_markdown()),
        Format::Text => print!("{} v{a} → v{b}\n{}", args.pipeline, diff.to_text()),
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: AuditCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Every version and denial in the store, with success metrics (CSV rows or JSON).
    Export(AuditExportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct AuditExportArgs {
    /// Only events at or after this date (`YYYY-MM-DD`, UTC) or RFC 3339 time.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value_t = AuditFormat::Json)]
    pub format: AuditFormat,
}

pub async fn run_audit(ctx: &Ctx, args: AuditArgs) -> Result<i32> {
    let AuditCommand::Export(args) = args.command;
    let ws = ctx.workspace()?;
    let store = open_store(&ws)?;
    let keys = crate::audit::TrustedKeys::load(&ws.settings.trusted_keys, &ws.root, !super::in_ci())?;
    let export = trail::export_trail(&store, &keys, args.since.as_deref()).await?;
    match args.format {
        AuditFormat::Json => println!("{}", serde_json::to_string_pretty(&export).unwrap_or_default()),
        AuditFormat::Csv => print!("{}", export.to_csv()?),
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct GcArgs {
    /// Show what would be removed without deleting anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Unfinished versions younger than this are kept (they may still be being written).
    #[arg(long, value_name = "HOURS", default_value_t = 24)]
    pub grace_hours: u64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run_gc(ctx: &Ctx, args: GcArgs) -> Result<i32> {
    let ws = ctx.workspace()?;
    let store = open_store(&ws)?;
    let report = crate::export::gc::gc(&store, args.grace_hours, args.dry_run).await?;
    if args.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        return Ok(0);
    }
    let verb = if args.dry_run { "would remove" } else { "removed" };
    println!(
        "gc {} (grace {} h): {verb} {} unfinished version(s), kept {}",
        store.label(),
        args.grace_hours,
        report.removed.len(),
        report.kept.len()
    );
    for i in &report.removed {
        println!("  {verb}  {}/v{}  ({} object(s), {:.1} h old)", i.pipeline, i.version, i.objects, i.age_hours);
    }
    for i in &report.kept {
        println!("  kept    {}/v{}  ({:.1} h old, within the grace period)", i.pipeline, i.version, i.age_hours);
    }
    Ok(0)
}
