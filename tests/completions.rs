//! Shell completions and man pages come from the clap definitions: every
//! subcommand appears, the scripts are valid shell, and output is stable.

mod support;

use clap::CommandFactory;
use support::{Workspace, assert_exit, stdout};

fn subcommands() -> Vec<String> {
    mapwright::cli::Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect()
}

/// Ask the generated bash completion what it offers after `words` (the last word is being typed).
fn complete(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prev = if words.len() > 1 { words[words.len() - 2] } else { "" };
    let cmd = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _mapwright mapwright '{}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
    );
    let out = std::process::Command::new("bash").arg("-c").arg(&cmd).output().expect("bash");
    assert!(out.status.success(), "bash: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn bash_completion_completes_every_subcommand_and_its_values() {
    let ws = Workspace::new();
    let out = ws.run(&["completions", "bash"]);
    assert_exit(&out, 0);
    let script = ws.write("mapwright.bash", &stdout(&out));
    let check = std::process::Command::new("bash").arg("-n").arg(&script).output().expect("bash");
    assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr));
    for name in subcommands() {
        let offered = complete(&script, &["mapwright", &name[..name.len().min(3)]]);
        assert!(
            offered.contains(&name),
            "typing `{}` does not offer `{name}`: {offered:?}",
            &name[..3.min(name.len())]
        );
    }
    let offered = complete(&script, &["mapwright", "completions", ""]);
    let shells: Vec<&String> = offered.iter().filter(|w| !w.starts_with('-')).collect();
    assert_eq!(shells, ["bash", "elvish", "fish", "powershell", "zsh"]);
}

#[test]
fn every_shell_is_supported_and_output_is_stable() {
    let ws = Workspace::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let first = ws.run(&["completions", shell]);
        assert_exit(&first, 0);
        assert!(stdout(&first).contains("validate"), "{shell} completion lacks subcommands");
        assert_eq!(first.stdout, ws.run(&["completions", shell]).stdout, "{shell} output differs between runs");
    }
    let bad = ws.run(&["completions", "tcsh"]);
    assert_exit(&bad, 2);
    assert!(support::stderr(&bad).contains("possible values"), "{}", support::stderr(&bad));
}

#[test]
fn man_page_documents_the_commands_and_exit_codes() {
    let ws = Workspace::new();
    let out = ws.run(&["man"]);
    assert_exit(&out, 0);
    let page = stdout(&out);
    assert!(page.contains(".TH mapwright 1"), "{page}");
    for name in subcommands() {
        assert!(page.contains(&format!("mapwright\\-{}", name.replace('-', "\\-"))), "man page lacks `{name}`");
    }
    assert!(page.contains("Exit codes"), "man page lacks the exit codes");
}

#[test]
fn man_out_dir_writes_one_page_per_subcommand() {
    let ws = Workspace::new();
    let dir = ws.path().join("man1");
    let out = ws.run(&["man", "--out-dir", dir.to_str().expect("utf-8 path")]);
    assert_exit(&out, 0);
    assert!(dir.join("mapwright.1").is_file());
    for name in subcommands() {
        let page = dir.join(format!("mapwright-{name}.1"));
        let text = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        assert!(text.contains(".SH SYNOPSIS"), "{}", page.display());
    }
}
