//! Name patterns of the rule language: globs (`orders_*`, `*.email`) or,
//! prefixed with `re:`, regular expressions (`re:^tmp_\d+$`). Globs are
//! case-insensitive like most catalogs; regexes are taken as written.

use regex::Regex;

#[derive(Debug, Clone)]
pub enum Pattern {
    Glob(globset::GlobMatcher, String),
    Regex(Regex),
}

impl Pattern {
    pub fn new(text: &str) -> Result<Pattern, String> {
        if let Some(re) = text.strip_prefix("re:") {
            return Regex::new(re).map(Pattern::Regex).map_err(|e| format!("invalid regular expression `{re}`: {e}"));
        }
        globset::GlobBuilder::new(text)
            .case_insensitive(true)
            .literal_separator(false)
            .build()
            .map(|g| Pattern::Glob(g.compile_matcher(), text.to_string()))
            .map_err(|e| format!("invalid glob `{text}`: {e}"))
    }

    pub fn is_match(&self, s: &str) -> bool {
        match self {
            Pattern::Glob(g, _) => g.is_match(s),
            Pattern::Regex(r) => r.is_match(s),
        }
    }

    /// Whether the pattern names one object literally (no wildcard, not a regex).
    pub fn is_literal(&self) -> bool {
        matches!(self, Pattern::Glob(_, t) if !t.contains(['*', '?', '[', '{']))
    }
}

/// A list of patterns; `matches_any` on an empty list is false.
#[derive(Debug, Clone, Default)]
pub struct PatternSet(pub Vec<Pattern>);

impl PatternSet {
    pub fn new(texts: &[String]) -> Result<PatternSet, String> {
        texts.iter().map(|t| Pattern::new(t)).collect::<Result<Vec<_>, _>>().map(PatternSet)
    }

    /// True when any pattern matches any of `names` (e.g. `table` and `schema.table`).
    pub fn matches_any(&self, names: &[&str]) -> bool {
        self.0.iter().any(|p| names.iter().any(|n| p.is_match(n)))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_regexes() {
        let g = Pattern::new("orders_*").unwrap();
        assert!(g.is_match("orders_2024") && g.is_match("ORDERS_x") && !g.is_match("order"));
        let r = Pattern::new(r"re:^tmp_\d+$").unwrap();
        assert!(r.is_match("tmp_12") && !r.is_match("tmp_x"));
        assert!(Pattern::new("re:(").unwrap_err().contains("invalid regular expression"));
        assert!(Pattern::new("a[").is_err());
        assert!(Pattern::new("customers.email").unwrap().is_literal());
        assert!(!Pattern::new("*.email").unwrap().is_literal());
        let set = PatternSet::new(&["*.email".into()]).unwrap();
        assert!(set.matches_any(&["customers.email"]));
        assert!(!PatternSet::default().matches_any(&["x"]));
    }
}
