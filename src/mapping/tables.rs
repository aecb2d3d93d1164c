//! Table pairing by inference: names (exact, normalized, plural/singular,
//! conventional prefixes such as `tbl_`/`dim_`/`fact_`/`stg_`) and
//! column-set similarity.
//!
//! Scales near-linearly: target tables are indexed by name key, by name word
//! and by column word (TF-IDF over words shared by few tables), so each
//! source table is compared with a handful of candidates instead of all
//! targets; a greedy best-first pass then makes the pairing 1:1.

use super::assign::greedy;
use super::dict::Vocabulary;
use super::model::Method;
use super::names::{TABLE_AFFIXES, singular, tokens};
use super::similarity::{Weights, token_similarity};
use std::collections::{HashMap, HashSet};

/// What table inference knows about one table.
#[derive(Debug, Clone)]
pub struct TableFeatures {
    pub raw: String,
    pub tokens: Vec<String>,
    /// Name without conventional affixes, singular words: `tbl_customers` → `customer`.
    pub key: String,
    pub concepts: Vec<String>,
    /// Distinct column words (concepts), sorted.
    pub column_words: Vec<String>,
}

impl TableFeatures {
    pub fn new(raw: &str, column_concepts: &[Vec<String>], vocab: &Vocabulary) -> TableFeatures {
        let toks = tokens(raw);
        let core: Vec<String> =
            toks.iter().filter(|t| !TABLE_AFFIXES.contains(&t.as_str())).map(|t| singular(t)).collect();
        let core = if core.is_empty() { toks.iter().map(|t| singular(t)).collect() } else { core };
        let concepts = vocab.canonical(&vocab.expand(&core));
        let mut column_words: Vec<String> = column_concepts.iter().flatten().map(|w| singular(w)).collect();
        column_words.sort();
        column_words.dedup();
        TableFeatures { raw: raw.to_string(), key: core.join("_"), tokens: toks, concepts, column_words }
    }
}

/// An inferred table pair.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePair {
    pub source: usize,
    pub target: usize,
    pub score: f64,
    pub method: Method,
    pub reason: String,
    /// How alike the two table names are on their own, in [0, 1].
    pub name: f64,
}

/// Words shared by more tables than this are not used to find candidates (still scored).
const MAX_POSTINGS: usize = 64;
/// Column-set candidates kept per source table.
const TOP_K: usize = 8;
/// Pairs scoring below this are not proposed at all.
pub const MIN_TABLE_SCORE: f64 = 0.3;

/// Pair source tables with target tables 1:1. `only_in_scope`: the pipeline's scope holds exactly
/// one table on each side (these two), so the scope itself pairs them.
#[cfg(test)]
pub fn infer(src: &[TableFeatures], tgt: &[TableFeatures], vocab: &Vocabulary, only_in_scope: bool) -> Vec<TablePair> {
    select(candidates(src, tgt, vocab, only_in_scope), src.len() == 1 && tgt.len() == 1 && only_in_scope)
}

/// Below this many source × target table pairs, every pair is a candidate (no index pruning).
const ALL_PAIRS_BUDGET: usize = 4096;

/// Scored candidate pairs (not yet 1:1), found through the name and column-word indexes, or
/// every pair when the schemas are small. Sorted by (source, target).
pub fn candidates(
    src: &[TableFeatures],
    tgt: &[TableFeatures],
    vocab: &Vocabulary,
    only_in_scope: bool,
) -> Vec<TablePair> {
    let only_pair = only_in_scope && src.len() == 1 && tgt.len() == 1;
    let all_pairs = src.len() * tgt.len() <= ALL_PAIRS_BUDGET;
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name_word: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_col_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in tgt.iter().enumerate() {
        by_key.entry(t.key.as_str()).or_default().push(i);
        for w in t.concepts.iter().collect::<HashSet<_>>() {
            by_name_word.entry(w.as_str()).or_default().push(i);
        }
        for w in &t.column_words {
            by_col_word.entry(w.as_str()).or_default().push(i);
        }
    }
    let n_tables = (src.len() + tgt.len()) as f64;
    let mut df: HashMap<&str, usize> = HashMap::new();
    for t in src.iter().chain(tgt) {
        for w in &t.column_words {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let idf = |w: &str| (1.0 + n_tables / (1.0 + df.get(w).copied().unwrap_or(0) as f64)).ln();
    let norm = |t: &TableFeatures| t.column_words.iter().map(|w| idf(w).powi(2)).sum::<f64>().sqrt();
    let tgt_norms: Vec<f64> = tgt.iter().map(norm).collect();
    let name_weights = Weights::new(src.iter().chain(tgt).map(|t| t.concepts.as_slice()));

    let mut candidates = Vec::new();
    for (si, s) in src.iter().enumerate() {
        let mut dots: HashMap<usize, f64> = HashMap::new();
        for w in &s.column_words {
            if let Some(post) = by_col_word.get(w.as_str()).filter(|p| p.len() <= MAX_POSTINGS) {
                let x = idf(w).powi(2);
                for &ti in post {
                    *dots.entry(ti).or_default() += x;
                }
            }
        }
        let s_norm = norm(s);
        let cosine =
            |ti: usize, dot: f64| if s_norm * tgt_norms[ti] > 0.0 { dot / (s_norm * tgt_norms[ti]) } else { 0.0 };
        let mut cands: Vec<(usize, f64)> = dots.iter().map(|(&ti, &d)| (ti, cosine(ti, d))).collect();
        cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(TOP_K);
        let mut pool: HashSet<usize> = cands.iter().map(|c| c.0).collect();
        pool.extend(by_key.get(s.key.as_str()).into_iter().flatten());
        for w in &s.concepts {
            if let Some(post) = by_name_word.get(w.as_str()).filter(|p| p.len() <= MAX_POSTINGS) {
                pool.extend(post);
            }
        }
        if only_pair || all_pairs {
            pool.extend(0..tgt.len());
        }
        for ti in pool {
            let t = &tgt[ti];
            let col_sim = cosine(ti, dots.get(&ti).copied().unwrap_or(0.0));
            let (score, method, reason, name) = if s.raw == t.raw {
                (1.0, Method::Exact, "same table name".to_string(), 1.0)
            } else if s.tokens == t.tokens {
                (0.97, Method::Normalized, "same table name ignoring case and separators".into(), 1.0)
            } else if s.key == t.key {
                (0.94, Method::Normalized, "same table name ignoring prefixes and plural".into(), 1.0)
            } else {
                let name_sim = token_similarity(&s.concepts, &t.concepts, vocab, &name_weights);
                let (a, b) = (0.75 * name_sim, 0.8 * col_sim);
                let score = 1.0 - (1.0 - a) * (1.0 - b);
                let reason =
                    format!("name similarity {:.0}%, column-set similarity {:.0}%", name_sim * 100.0, col_sim * 100.0);
                (score, if b > a { Method::ColumnSet } else { Method::Fuzzy }, reason, name_sim)
            };
            candidates.push(TablePair { source: si, target: ti, score, method, reason, name });
        }
    }
    candidates.sort_by_key(|p| (p.source, p.target));
    candidates
}

/// The 1:1 pairing of scored candidates: best first (greedy), pairs below [`MIN_TABLE_SCORE`]
/// left out unless `only_pair` (one table in scope on each side: the pipeline's scope already
/// says which table feeds which, so the pair is as good as named; its columns are matched on
/// their own evidence).
pub fn select(candidates: Vec<TablePair>, only_pair: bool) -> Vec<TablePair> {
    let mut by_pair: HashMap<(usize, usize), TablePair> = HashMap::new();
    let mut scored = Vec::new();
    for p in candidates {
        if p.score >= MIN_TABLE_SCORE || only_pair {
            scored.push((p.source, p.target, p.score));
            by_pair.insert((p.source, p.target), p);
        }
    }
    greedy(scored)
        .into_iter()
        .filter_map(|(si, ti, _)| by_pair.remove(&(si, ti)))
        .map(|mut p| {
            if only_pair && p.score < ONLY_PAIR_SCORE {
                p.reason = format!("the only table in scope on each side ({})", p.reason);
                p.score = ONLY_PAIR_SCORE;
            }
            p
        })
        .collect()
}

/// Confidence of the pair formed by the only source and the only target table in scope.
const ONLY_PAIR_SCORE: f64 = 0.95;

#[cfg(test)]
mod tests {
    use super::*;

    fn feat(name: &str, cols: &[&str]) -> TableFeatures {
        let v = Vocabulary::new(&[], &[]);
        let cc: Vec<Vec<String>> = cols.iter().map(|c| v.canonical(&v.expand(&tokens(c)))).collect();
        TableFeatures::new(name, &cc, &v)
    }

    #[test]
    fn names_prefixes_plural_and_column_sets() {
        let v = Vocabulary::new(&[], &[]);
        let src = vec![
            feat("customers", &["id", "name"]),
            feat("OrderLines", &["order_id", "line_no", "sku", "quantity"]),
            feat("tbl_products", &["sku", "title"]),
            feat("payroll_runs", &["employee_id", "gross_salary", "period_start"]),
        ];
        let tgt = vec![
            feat("dim_customer", &["customer_key", "full_name"]),
            feat("order_line", &["order_key", "line_number"]),
            feat("product", &["product_sku"]),
            feat("salary_payment", &["employee_key", "gross_salary", "period_start", "period_end"]),
            feat("unrelated", &["foo", "bar"]),
        ];
        let pairs = infer(&src, &tgt, &v, false);
        let got: Vec<(usize, usize, Method)> = pairs.iter().map(|p| (p.source, p.target, p.method)).collect();
        assert_eq!(
            got,
            vec![
                (0, 0, Method::Normalized),
                (1, 1, Method::Normalized),
                (2, 2, Method::Normalized),
                (3, 3, Method::ColumnSet)
            ]
        );
        assert!(pairs[3].score < 0.9 && pairs[3].score > MIN_TABLE_SCORE, "{pairs:?}");
    }

    #[test]
    fn the_only_tables_in_scope_pair_even_without_name_evidence() {
        let v = Vocabulary::new(&[], &[]);
        let src = vec![feat("source", &["borough", "project_name"])];
        let tgt = vec![feat("target", &["district", "title"])];
        assert!(infer(&src, &tgt, &v, false).is_empty(), "no evidence, no pair");
        let pairs = infer(&src, &tgt, &v, true);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].score, ONLY_PAIR_SCORE);
        assert!(pairs[0].reason.starts_with("the only table in scope"), "{}", pairs[0].reason);
    }
}
