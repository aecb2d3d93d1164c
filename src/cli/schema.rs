//! `mapwright schema`: print or write the JSON Schemas of every file format.

use super::Ctx;
use crate::error::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write all schemas into DIR (default: print the names and whether they are current).
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "schemas")]
    pub write: Option<PathBuf>,
    /// Exit 2 when the schemas in DIR are stale.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "schemas", conflicts_with = "write")]
    pub check: Option<PathBuf>,
    /// Print one schema (e.g. `pipeline`).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["write", "check"])]
    pub print: Option<String>,
}

pub async fn run(_ctx: &Ctx, args: Args) -> Result<i32> {
    if let Some(dir) = args.write {
        for name in crate::schema::write(&dir)? {
            println!("wrote {}", dir.join(name).display());
        }
        return Ok(0);
    }
    if let Some(name) = args.print {
        let file = format!("{name}.schema.json");
        let all = crate::schema::all();
        return match all.iter().find(|(n, _)| *n == file) {
            Some((_, text)) => {
                print!("{text}");
                Ok(0)
            }
            None => Err(Error::usage(format!("unknown schema `{name}`")).with_hint(format!(
                "one of: {}",
                all.iter().map(|(n, _)| n.trim_end_matches(".schema.json")).collect::<Vec<_>>().join(", ")
            ))),
        };
    }
    let dir = args.check.unwrap_or_else(|| PathBuf::from("schemas"));
    let stale = crate::schema::stale(&dir);
    if stale.is_empty() {
        println!("schemas in {} are up to date", dir.display());
        Ok(0)
    } else {
        Err(Error::config(format!("stale schemas in {}: {}", dir.display(), stale.join(", ")))
            .with_hint("run `mapwright schema --write` and commit the result"))
    }
}
