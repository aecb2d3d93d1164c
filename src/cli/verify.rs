//! `mapwright verify`: check signatures, digests and the hash chain of exported versions.

use super::{Ctx, Format};
use crate::audit::verify::VerifyReport;
use crate::audit::{TrustedKeys, inputs::in_ci};
use crate::error::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Pipeline to verify (all versions); omit (or use --all) to verify the whole store.
    pub pipeline: Option<String>,
    /// Verify only this version's artifacts (plus the manifests chaining up to it).
    #[arg(long, value_name = "N", requires = "pipeline")]
    pub version: Option<u64>,
    /// Verify every pipeline in the store.
    #[arg(long, conflicts_with = "pipeline")]
    pub all: bool,
    /// File remembering the highest verified sequence per pipeline; rejects rollback and replay.
    #[arg(long, value_name = "FILE")]
    pub trusted_state: Option<PathBuf>,
    /// Output format (text or json).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    if let Some(p) = &args.pipeline
        && !crate::config::valid_name(p)
    {
        return Err(Error::usage(format!("invalid pipeline name `{p}`")));
    }
    let store = crate::export::Store::open(&ws.settings.store.url, &ws.settings.store.options, &ws.root)?;
    let keys = TrustedKeys::load(&ws.settings.trusted_keys, &ws.root, !in_ci())?;
    if keys.is_empty() {
        return Err(Error::config("no trusted public keys: nothing in pipelines/keys/ matches `trusted_keys`")
            .with_hint(
                "commit the public key of the signing key (`mapwright keygen` writes NAME.pub) to pipelines/keys/",
            ));
    }
    let report = crate::audit::verify::verify(
        &store,
        &keys,
        args.pipeline.as_deref(),
        args.version,
        args.trusted_state.as_deref(),
    )
    .await?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
        _ => print_text(&report),
    }
    match report.error() {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

fn print_text(r: &VerifyReport) {
    println!("verify {} (trusted keys: {})", r.store, r.trusted_keys.join(", "));
    if r.pipelines.is_empty() {
        println!("  nothing exported yet");
    }
    for p in &r.pipelines {
        let range = match (p.versions.first(), p.versions.last()) {
            (Some(a), Some(b)) => {
                format!("v{}..v{} ({} version(s), sequence {})", a.version, b.version, p.versions.len(), b.sequence)
            }
            _ => "no committed versions".into(),
        };
        println!(
            "  {:<4}  {}  {range}, {} denial record(s)",
            if p.ok { "ok" } else { "FAIL" },
            p.pipeline,
            p.denials_checked
        );
        if !p.unfinished.is_empty() {
            let list: Vec<String> = p.unfinished.iter().map(|v| format!("v{v}")).collect();
            println!("        unfinished (invisible, removed by gc): {}", list.join(", "));
        }
        for prob in &p.problems {
            println!("        {}/{}: {}", r.store, prob.file, prob.reason);
        }
    }
}
