//! Parse TOML into config types with file:line:col errors and suggestions.

use crate::error::Error;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parse `text` (read from `display_path`) into `T`, or a config error of the form
/// `path:line:col: message` followed by the offending line, a caret and, for
/// unknown keys or variants, a "did you mean" suggestion.
pub fn parse_toml<T: DeserializeOwned>(display_path: &str, text: &str) -> Result<T, Error> {
    toml::from_str::<T>(text).map_err(|e| {
        let span = e.span();
        let message = e.message().trim().to_string();
        located_error(display_path, text, span.map(|s| s.start), &message, suggestion(&message))
    })
}

/// Build a `file:line:col: message` config error with a source excerpt.
pub fn located_error(
    display_path: &str,
    text: &str,
    offset: Option<usize>,
    message: &str,
    help: Option<String>,
) -> Error {
    let mut out = match offset {
        Some(off) => {
            let (line, col) = line_col(text, off);
            let src_line = text.lines().nth(line - 1).unwrap_or("");
            format!(
                "{display_path}:{line}:{col}: {message}\n  {line:>4} | {src_line}\n       | {:>width$}",
                "^",
                width = col
            )
        }
        None => format!("{display_path}: {message}"),
    };
    if let Some(h) = help {
        out.push_str(&format!("\n  help: {h}"));
    }
    Error::config(out)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" (or variant), suggest the closest name.
fn suggestion(message: &str) -> Option<String> {
    let re = regex::Regex::new(r"unknown (field|variant) `([^`]*)`, expected (?:one of )?(.*)").ok()?;
    let caps = re.captures(message)?;
    let got = caps.get(2)?.as_str();
    let candidates: Vec<String> = caps
        .get(3)?
        .as_str()
        .split([',', ' '])
        .map(|s| s.trim().trim_matches('`').to_string())
        .filter(|s| s != "or")
        .filter(|s| !s.is_empty())
        .collect();
    match did_you_mean(got, candidates.iter().map(String::as_str)) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("valid names are: {}", candidates.join(", "))),
    }
}

/// The candidate closest to `got`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(got: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&got.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Error for a reference (datasource, template, …) that does not exist, with a suggestion.
pub fn unknown_reference<'a>(
    display_path: &str,
    text: &str,
    key: &str,
    kind: &str,
    got: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> Error {
    let offset = find_value_offset(text, key, got);
    let help = match did_you_mean(got, known.clone()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            let all: Vec<&str> = known.into_iter().collect();
            if all.is_empty() { format!("no {kind} is defined") } else { format!("known {kind}s: {}", all.join(", ")) }
        }
    };
    located_error(display_path, text, offset, &format!("unknown {kind} `{got}` in `{key}`"), Some(help))
}

/// Byte offset of the quoted value `value` on a line assigning `key` (best effort).
pub fn find_value_offset(text: &str, key: &str, value: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if (trimmed.starts_with(key) || line.contains(&format!("{key} =")) || line.contains(&format!("{key}=")))
            && let Some(pos) = line.find(&format!("\"{value}\"")).or_else(|| line.find(&format!("'{value}'")))
        {
            return Some(offset + pos + 1);
        }
        offset += line.len();
    }
    text.find(&format!("\"{value}\"")).map(|p| p + 1)
}

/// Workspace-relative, forward-slash display path.
pub fn rel_display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        name: String,
        description: Option<String>,
    }

    #[test]
    fn unknown_key_gets_location_and_suggestion() {
        let err = parse_toml::<T>("p.toml", "name = \"x\"\ndescripton = \"y\"\n").unwrap_err();
        assert!(err.message.starts_with("p.toml:2:1: unknown field `descripton`"), "{}", err.message);
        assert!(err.message.contains("did you mean `description`?"), "{}", err.message);
    }

    #[test]
    fn malformed_toml_points_at_the_line() {
        let err = parse_toml::<T>("p.toml", "name = \"x\"\n\nbad = [1,\n").unwrap_err();
        assert!(err.message.starts_with("p.toml:3:"), "{}", err.message);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé\nf", 7), (2, 4));
    }
}
