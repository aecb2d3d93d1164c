//! `mapwright completions <shell>` and `mapwright man`: generated from the
//! clap definitions, so help text, completions and man pages never disagree.

use super::{Cli, Ctx};
use crate::error::{Error, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install, e.g.:\n  \
    bash: mapwright completions bash > ~/.local/share/bash-completion/completions/mapwright\n  \
    zsh:  mapwright completions zsh > \"${fpath[1]}/_mapwright\"\n  \
    fish: mapwright completions fish > ~/.config/fish/completions/mapwright.fish")]
pub struct Args {
    /// Shell to generate completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write mapwright.1 and one page per subcommand (mapwright-run.1, …) into DIR
    /// instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Print the completion script for `args.shell` on stdout.
pub async fn run(_ctx: &Ctx, args: Args) -> Result<i32> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mapwright", &mut out);
    write_stdout(&out)?;
    Ok(0)
}

/// Print the man page (roff) on stdout, or write all pages into `--out-dir`.
pub async fn run_man(_ctx: &Ctx, args: ManArgs) -> Result<i32> {
    match args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "create", e))?;
            clap_mangen::generate_to(Cli::command(), &dir).map_err(|e| Error::io(&dir, "write man pages into", e))?;
            println!("wrote man pages into {}", dir.display());
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Error::internal(format!("render man page: {e}")))?;
            write_stdout(&out)?;
        }
    }
    Ok(0)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes).and_then(|()| stdout.flush()).map_err(|e| Error::internal(format!("write stdout: {e}")))
}
