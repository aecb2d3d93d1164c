//! `mapwright validate`: check every file of the workspace without touching a database.
//!
//! Files parse against their formats (file:line:col, "did you mean"), references
//! resolve, rules are consistent, policies compile, and every controlled file has a
//! code owner. All problems are reported together; exit 2 when there is any.

use super::{Ctx, Format};
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Every static check over a loaded workspace (no database, no store).
pub fn check(ws: &crate::config::Workspace) -> Vec<Error> {
    let mut errors = Vec::new();
    // Rules compile (patterns, rename and vocabulary files, strategies) as `plan` would.
    for p in &ws.pipelines {
        errors.extend(crate::mapping::rule_errors(p, &ws.root));
    }
    errors.extend(crate::policy::compile(ws));
    errors.extend(crate::access::coverage(ws));
    errors
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let errors = check(&ws);
    if !errors.is_empty() {
        let n = errors.len();
        let msg = errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("\n\n");
        let hints: Vec<String> = errors.iter().filter_map(|e| e.hint.clone()).collect();
        let mut err = Error::config(format!("{msg}\n\n{n} problem(s) found"));
        if !hints.is_empty() {
            err = err.with_hint(hints.join("\n        "));
        }
        return Err(err);
    }
    let summary = serde_json::json!({
        "ok": true,
        "pipelines": ws.pipelines.iter().map(|p| serde_json::json!({"name": p.spec.name, "path": p.file.path})).collect::<Vec<_>>(),
        "datasources": ws.datasources.keys().collect::<Vec<_>>(),
        "policies": ws.policies.iter().map(|p| &p.path).collect::<Vec<_>>(),
    });
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&summary).unwrap_or_default()),
        _ => {
            println!(
                "ok: {} pipeline(s), {} datasource(s), {} policy file(s)",
                ws.pipelines.len(),
                ws.datasources.len(),
                ws.policies.len()
            );
            for p in &ws.pipelines {
                println!("  {}  ({})", p.spec.name, p.file.path);
            }
        }
    }
    Ok(0)
}
