//! `mapwright policy test`: run the policy unit tests next to the policies.

use super::{Ctx, Format};
use crate::error::{Error, Result, exit};
use crate::policy::unit::run_tests;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: PolicyCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PolicyCommand {
    /// Run every `test_*` rule in `pipelines/policies/*_test.rego` (exit 1 when one fails, 2 on a policy error).
    Test(TestArgs),
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    match args.command {
        PolicyCommand::Test(a) => test(ctx, a),
    }
}

fn test(ctx: &Ctx, args: TestArgs) -> Result<i32> {
    let ws = ctx.workspace()?;
    let report = run_tests(&ws)?;
    let failed = report.failed();
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| Error::internal(format!("json: {e}")))?;
            println!("{json}");
        }
        _ => {
            for r in &report.results {
                let mark = if r.passed { "PASS" } else { "FAIL" };
                let detail = r.detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default();
                println!("{mark} {} {}{detail}", r.file, r.name);
            }
            println!("{} passed, {failed} failed", report.results.len() - failed);
        }
    }
    if report.results.is_empty() {
        eprintln!("warning: no policy tests found (write `test_*` rules in pipelines/policies/*_test.rego)");
    }
    Ok(if failed > 0 { exit::RUNTIME } else { exit::OK })
}
