//! CODEOWNERS with GitHub's semantics.
//!
//! Who must approve a change is exactly who GitHub would ask, so this follows
//! GitHub's rules rather than inventing ours: the first file found at
//! `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`; gitignore-like
//! patterns (leading `/` anchors, trailing `/` means a directory, `*`, `**`,
//! `?`); the last matching pattern wins; a pattern without owners clears
//! ownership. GitHub does not support `!` negation, `[ ]` ranges or `\`
//! escapes — such lines are reported with their line number and skipped, as
//! GitHub skips them.

use crate::error::{Error, Result};
use regex::Regex;
use std::path::Path;

/// Where GitHub looks for the file, in order; the first one found is used.
pub const LOCATIONS: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// A parsed CODEOWNERS file.
#[derive(Debug, Clone)]
pub struct CodeOwners {
    /// Path of the file relative to the repository root (e.g. `.github/CODEOWNERS`).
    pub path: String,
    /// Valid rules in file order.
    pub rules: Vec<Rule>,
    /// Lines that were skipped because GitHub would not accept them.
    pub invalid: Vec<InvalidLine>,
}

/// One `pattern owner…` line.
#[derive(Debug, Clone)]
pub struct Rule {
    /// 1-based line number.
    pub line: usize,
    pub pattern: String,
    /// `@user`, `@org/team` or e-mail addresses; empty = the pattern clears ownership.
    pub owners: Vec<String>,
    regex: Regex,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidLine {
    /// 1-based line number.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

impl CodeOwners {
    /// Load the first CODEOWNERS file found under `root`; `None` when there is none.
    pub fn load(root: &Path) -> Result<Option<CodeOwners>> {
        for loc in LOCATIONS {
            let p = root.join(loc);
            if p.is_file() {
                let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, "read", e))?;
                return Ok(Some(CodeOwners::parse(loc, &text)));
            }
        }
        Ok(None)
    }

    /// Parse CODEOWNERS text; never fails — bad lines land in [`CodeOwners::invalid`].
    pub fn parse(path: &str, text: &str) -> CodeOwners {
        let mut rules = Vec::new();
        let mut invalid = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok((pattern, owners)) => {
                    let regex = pattern_regex(&pattern);
                    rules.push(Rule { line: i + 1, pattern, owners, regex });
                }
                Err(reason) => invalid.push(InvalidLine { line: i + 1, text: line.to_string(), reason }),
            }
        }
        CodeOwners { path: path.to_string(), rules, invalid }
    }

    /// The rule deciding ownership of `path` (relative, `/`-separated): the last match.
    pub fn rule_for(&self, path: &str) -> Option<&Rule> {
        let path = path.trim_start_matches('/');
        self.rules.iter().rev().find(|r| r.regex.is_match(path))
    }

    /// Owners of `path`; empty when no rule matches or the last match clears ownership.
    pub fn owners(&self, path: &str) -> &[String] {
        self.rule_for(path).map(|r| r.owners.as_slice()).unwrap_or(&[])
    }

    /// One config error per invalid line, naming file and line.
    pub fn invalid_errors(&self) -> Vec<Error> {
        self.invalid
            .iter()
            .map(|l| {
                Error::config(format!("{}:{}: invalid CODEOWNERS line `{}`: {}", self.path, l.line, l.text, l.reason))
                    .with_hint("GitHub skips this line, so its files have no owner from it; fix or remove it")
            })
            .collect()
    }
}

/// Split a non-comment line into its pattern and owners, or say why GitHub rejects it.
fn parse_line(line: &str) -> std::result::Result<(String, Vec<String>), String> {
    let mut tokens = line.split_whitespace();
    let pattern = tokens.next().unwrap_or_default().to_string();
    if pattern.starts_with('!') {
        return Err("negated patterns (`!`) are not supported by GitHub".into());
    }
    if pattern.contains('[') || pattern.contains(']') {
        return Err("character ranges (`[ ]`) are not supported by GitHub".into());
    }
    if pattern.contains('\\') {
        return Err("escapes (`\\`, e.g. `\\#`) are not supported by GitHub".into());
    }
    let mut owners = Vec::new();
    for tok in tokens {
        if tok.starts_with('#') {
            break; // inline comment
        }
        if !valid_owner(tok) {
            return Err(format!("`{tok}` is not an owner (use `@user`, `@org/team` or an e-mail address)"));
        }
        owners.push(tok.to_string());
    }
    Ok((pattern, owners))
}

/// `@user`, `@org/team` or `name@domain`.
pub fn valid_owner(tok: &str) -> bool {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")
            .expect("static regex")
    })
    .is_match(tok)
}

/// Translate a gitignore-style pattern into an anchored regex over relative paths.
///
/// * A `/` anywhere but at the end anchors the pattern at the root; otherwise it
///   matches at any depth.
/// * A trailing `/` matches only a directory (so: everything below it).
/// * A trailing `/*` matches the direct children only.
/// * Otherwise the pattern matches a file, or a directory and everything below it.
/// * `**` as a whole segment matches any number of segments; `*` and `?` never cross `/`.
fn pattern_regex(pattern: &str) -> Regex {
    let body = pattern.trim_matches('/');
    let anchored = pattern.trim_end_matches('/').contains('/');
    let mut re = String::from(if anchored { "^" } else { "(?:^|/)" });
    let segments: Vec<&str> = body.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        if *seg == "**" {
            // A whole-segment `**`: any number of directories (followed by `/`) or anything (at the end).
            re.push_str(if i == last { ".*" } else { "(?:.*/)?" });
            continue;
        }
        for ch in seg.chars() {
            match ch {
                '*' => re.push_str("[^/]*"),
                '?' => re.push_str("[^/]"),
                c => re.push_str(&regex::escape(&c.to_string())),
            }
        }
        if i != last {
            re.push('/');
        }
    }
    if pattern.ends_with('/') && !body.is_empty() {
        re.push('/');
    } else if pattern.ends_with("/*") {
        re.push('$');
    } else {
        re.push_str("(?:$|/)");
    }
    Regex::new(&re).unwrap_or_else(|_| Regex::new("$^").expect("static regex"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners_of(text: &str, path: &str) -> Vec<String> {
        CodeOwners::parse("CODEOWNERS", text).owners(path).to_vec()
    }

    #[test]
    fn last_match_wins_and_empty_owners_clear() {
        let text = "* @all\n/apps/ @octocat\n/apps/github\n";
        assert_eq!(owners_of(text, "README.md"), ["@all"]);
        assert_eq!(owners_of(text, "apps/web/x.rs"), ["@octocat"]);
        assert!(owners_of(text, "apps/github/x.rs").is_empty());
    }

    #[test]
    fn invalid_lines_are_reported_with_line_numbers_and_skipped() {
        let text = "* @a\n!docs/ @b\nsrc/[ab].rs @c\n\\#x @d\nlib/ notanowner\nok/ @e # comment\n";
        let co = CodeOwners::parse(".github/CODEOWNERS", text);
        let lines: Vec<usize> = co.invalid.iter().map(|l| l.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert_eq!(co.owners("docs/x"), ["@a"]);
        assert_eq!(co.owners("ok/y"), ["@e"]);
        let errs = co.invalid_errors();
        assert!(errs[0].message.starts_with(".github/CODEOWNERS:2: "), "{}", errs[0].message);
    }

    #[test]
    fn double_star_forms() {
        let text = "a/**/b @x\nlogs/** @y\n**/deep @z\n";
        assert_eq!(owners_of(text, "a/b"), ["@x"]);
        assert_eq!(owners_of(text, "a/1/2/b"), ["@x"]);
        assert_eq!(owners_of(text, "logs/1/2"), ["@y"]);
        assert_eq!(owners_of(text, "q/r/deep/f"), ["@z"]);
        assert!(owners_of(text, "b/a/b").is_empty());
    }
}
