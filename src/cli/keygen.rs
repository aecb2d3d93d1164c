//! `mapwright keygen`: create an Ed25519 signing key pair for manifests.

use super::Ctx;
use crate::audit::keys;
use crate::error::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory for NAME.key (private, mode 0600) and NAME.pub (public).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out_dir: PathBuf,
    /// Base name of the key files (e.g. `ci-2026`).
    #[arg(long, default_value = "mapwright")]
    pub name: String,
}

pub async fn run(_ctx: &Ctx, args: Args) -> Result<i32> {
    if !crate::config::valid_name(&args.name) {
        return Err(Error::usage(format!("invalid key name `{}`", args.name))
            .with_hint("use lowercase letters, digits, `_` and `-`"));
    }
    std::fs::create_dir_all(&args.out_dir).map_err(|e| Error::io(&args.out_dir, "create", e))?;
    let private = args.out_dir.join(format!("{}.key", args.name));
    let public = args.out_dir.join(format!("{}.pub", args.name));
    let key = keys::generate()?;
    keys::write_key_pair(&key, &private, &public)?;
    let id = keys::key_id(&key.verifying_key());
    println!("key id   {id}");
    println!("public   {}   → commit it to pipelines/keys/ (trusted by `verify`)", public.display());
    println!(
        "private  {}   → store its content as the CI secret MAPWRIGHT_SIGNING_KEY, then delete this file",
        private.display()
    );
    if args.out_dir.components().any(|c| c.as_os_str() == "pipelines") {
        eprintln!(
            "WARNING: {} is inside pipelines/: never commit the private key (add `*.key` to .gitignore)",
            private.display()
        );
    }
    Ok(0)
}
