//! The command line: flags → a call into the library → an exit code.
//!
//! Each subcommand lives in its own file with its clap `Args` and a `run`
//! function returning the exit code; this file only dispatches.

mod access;
mod completions;
mod discover;
mod doctor;
mod explain;
mod history;
mod keygen;
mod plan;
mod policy;
mod run;
mod schema;
mod validate;
mod verify;

use crate::config::{self, Workspace};
use crate::error::{Error, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mapwright",
    version,
    about = "Reviewed TOML pipelines → signed, versioned source-to-target mapping specifications",
    long_about = None,
    after_help = "Exit codes: 0 ok · 1 pipeline failed · 2 invalid usage/config · 3 policy denied · \
                  4 access denied · 5 drift found · 6 verification failed"
)]
pub struct Cli {
    /// Workspace root (the directory containing pipelines/mapwright.toml); default: search upward from the current directory.
    #[arg(long, global = true, env = "MAPWRIGHT_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Log format: pretty on a terminal, JSON otherwise.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Auto)]
    pub log_format: LogFormat,
    /// More logging (-v debug, -vv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Less logging (-q warnings only, -qq errors only).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub quiet: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Auto,
    Pretty,
    Json,
}

/// Output format of reports printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every workspace file without touching a database.
    Validate(validate::Args),
    /// Print, write or check the JSON Schemas of the file formats.
    Schema(schema::Args),
    /// Test a datasource connection and print its discovered catalog.
    Discover(discover::Args),
    /// Generate mappings without exporting and diff them against the latest version (or `--base REF`).
    Plan(plan::Args),
    /// Generate, sign and export new versions of the selected pipelines.
    Run(run::Args),
    /// Why a target column got its value: the decided row, its table pair, and every source
    /// column inference weighed for it, with the evidence.
    Explain(explain::Args),
    /// Review permissions: who must approve a change (`access check --base REF`).
    Access(access::Args),
    /// Policy-as-code: run policy unit tests (`policy test`).
    Policy(policy::Args),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the man page (or write all pages with --out-dir).
    Man(completions::ManArgs),
    /// Check datasource connections, the store, signing/trusted keys and CODEOWNERS coverage.
    Doctor(doctor::Args),
    /// Check signatures, digests and the hash chain of exported versions (exit 6 on failure).
    Verify(verify::Args),
    /// Versions of a pipeline with time, commit, counts and change summary.
    History(history::HistoryArgs),
    /// Mapping-level diff between two versions of a pipeline.
    Diff(history::DiffArgs),
    /// The audit trail: `audit export` of every version and denial, with success metrics.
    Audit(history::AuditArgs),
    /// Remove unfinished (manifest-less) versions older than the grace period.
    Gc(history::GcArgs),
    /// Create an Ed25519 key pair for signing manifests.
    Keygen(keygen::Args),
}

/// What every command gets: global flags and lazy workspace loading.
pub struct Ctx {
    pub workspace_arg: Option<PathBuf>,
    /// stderr is a terminal and logs are not JSON: interactive progress may be drawn.
    pub interactive: bool,
}

impl Ctx {
    /// Root of the workspace (from `--workspace` or found upward from the current directory).
    pub fn root(&self) -> Result<PathBuf> {
        match &self.workspace_arg {
            Some(dir) => {
                if !dir.join("pipelines/mapwright.toml").is_file() {
                    return Err(Error::usage(format!("{}: no pipelines/mapwright.toml here", dir.display()))
                        .with_hint("pass the repository root (the directory that contains pipelines/)"));
                }
                std::fs::canonicalize(dir).map_err(|e| Error::io(dir, "open", e))
            }
            None => {
                let cwd = std::env::current_dir().map_err(|e| Error::internal(format!("current directory: {e}")))?;
                config::find_root(&cwd)
            }
        }
    }

    /// Load and validate the workspace.
    pub fn workspace(&self) -> Result<Workspace> {
        Workspace::load(&self.root()?)
    }
}

fn init_logging(cli: &Cli) {
    use tracing_subscriber::EnvFilter;
    let level = match (cli.verbose as i8) - (cli.quiet as i8) {
        i8::MIN..=-2 => "error",
        -1 => "warn",
        0 => "info",
        1 => "debug",
        _ => "trace",
    };
    let filter =
        EnvFilter::try_from_env("MAPWRIGHT_LOG").unwrap_or_else(|_| EnvFilter::new(format!("mapwright={level}")));
    let json = json_logs(cli);
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json {
        builder.json().flatten_event(true).with_current_span(false).try_init()
    } else {
        builder.with_target(false).without_time().try_init()
    };
}

/// Logs are JSON lines: asked for, or `auto` and stderr is not a terminal.
fn json_logs(cli: &Cli) -> bool {
    match cli.log_format {
        LogFormat::Json => true,
        LogFormat::Pretty => false,
        LogFormat::Auto => !std::io::stderr().is_terminal(),
    }
}

/// True when running in CI (`CI=true` or `CI=1`), which turns on the strict checks.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Print a classified error the same way for every command.
pub fn report_error(err: &Error) {
    eprintln!("error[{}]: {}", err.class.code(), crate::error::redact(&err.message));
    if let Some(h) = &err.hint {
        eprintln!("  hint: {}", crate::error::redact(h));
    }
    eprintln!("  owner: {}", err.class.owner());
}

/// Parse arguments, run the command, return the process exit code.
pub async fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { crate::error::exit::CONFIG } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    init_logging(&cli);
    let interactive = std::io::stderr().is_terminal() && !json_logs(&cli);
    let ctx = Ctx { workspace_arg: cli.workspace.clone(), interactive };
    let result = match cli.command {
        Command::Validate(args) => validate::run(&ctx, args).await,
        Command::Schema(args) => schema::run(&ctx, args).await,
        Command::Discover(args) => discover::run(&ctx, args).await,
        Command::Plan(args) => plan::run(&ctx, args).await,
        Command::Run(args) => run::run(&ctx, args).await,
        Command::Explain(args) => explain::run(&ctx, args).await,
        Command::Access(args) => access::run(&ctx, args).await,
        Command::Policy(args) => policy::run(&ctx, args).await,
        Command::Completions(args) => completions::run(&ctx, args).await,
        Command::Man(args) => completions::run_man(&ctx, args).await,
        Command::Doctor(args) => doctor::run(&ctx, args).await,
        Command::Verify(args) => verify::run(&ctx, args).await,
        Command::History(args) => history::run_history(&ctx, args).await,
        Command::Diff(args) => history::run_diff(&ctx, args).await,
        Command::Audit(args) => history::run_audit(&ctx, args).await,
        Command::Gc(args) => history::run_gc(&ctx, args).await,
        Command::Keygen(args) => keygen::run(&ctx, args).await,
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            e.exit_code()
        }
    }
}
