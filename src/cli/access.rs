//! `mapwright access check`: who must approve this change, and did they?

use super::{Ctx, Format};
use crate::access::{Reviews, Teams, required_approvers};
use crate::error::{Error, Result, exit};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: AccessCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum AccessCommand {
    /// List the approvals the change from REF to HEAD requires and check them against reviews (exit 4 when unmet).
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Base of the change (the PR's base branch, e.g. `origin/main`); compared from the merge base.
    #[arg(long, value_name = "REF")]
    pub base: String,
    /// GitHub reviews API JSON of the pull request (`gh api repos/O/R/pulls/N/reviews --paginate`).
    #[arg(long, value_name = "FILE")]
    pub reviews: Option<PathBuf>,
    /// Team membership (`{"@org/team": ["login", …]}`, JSON or TOML); adds to `access.teams`.
    #[arg(long, value_name = "FILE")]
    pub teams: Option<PathBuf>,
    /// Output format (markdown for a PR comment).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    match args.command {
        AccessCommand::Check(a) => check(ctx, a),
    }
}

fn check(ctx: &Ctx, args: CheckArgs) -> Result<i32> {
    let ws = ctx.workspace()?;
    let mut report = required_approvers(&ws, &args.base)?;
    if let Some(path) = &args.reviews {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "read", e))?;
        let reviews = Reviews::from_json(&path.display().to_string(), &text)?;
        let mut teams = Teams::from_workspace(&ws);
        if let Some(t) = &args.teams {
            teams.add_file(t)?;
        }
        report.apply_reviews(&reviews, &teams);
    }
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| Error::internal(format!("json: {e}")))?;
            println!("{json}");
        }
        Format::Markdown => print!("{}", report.to_markdown()),
        Format::Text => print!("{}", report.to_text()),
    }
    Ok(if report.met { exit::OK } else { exit::ACCESS })
}
