//! `mapwright doctor`: check datasources, store, keys and CODEOWNERS coverage.

use super::{Ctx, Format};
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format (markdown prints the same table as GitHub-flavoured Markdown).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let report = crate::ops::doctor::diagnose(&ws, super::in_ci()).await;
    match args.format {
        Format::Text => print!("{}", report.to_text()),
        Format::Json => print!("{}", report.to_json()),
        Format::Markdown => print!("{}", report.to_markdown()),
    }
    Ok(report.exit_code())
}
