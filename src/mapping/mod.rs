//! Stage: map. `Catalog` × `Catalog` × pipeline rules → [`Mapping`].
//!
//! Order of decisions (documented in docs/rules.md), each step only sees
//! what earlier steps left open, so explicit rules always win:
//!
//! 1. selection: source/target include/exclude and `[select]`;
//! 2. table pairs: `[[tables]]` rules, the renames file, table rename
//!    patterns, then inference (names and column sets checked against the
//!    columns: 1:1 pairs, then inferred unions, joins and splits — see
//!    `infer_tables`);
//! 3. per target table: `[[columns]]` value rules, the table rule's
//!    `columns` renames, the renames file, column rename patterns, then
//!    inference (evidence ladder + Hungarian assignment);
//! 4. per row: cast, default and mask steps, type verdict, nullability,
//!    PII tags, status against the threshold, findings.

pub mod assign;
mod columns;
mod compile;
pub mod dict;
pub mod diff;
pub mod expr;
mod infer_tables;
pub mod model;
pub mod names;
mod pattern;
pub mod pii;
mod rename;
mod rows;
pub mod similarity;
mod tables;
pub mod types;

pub use model::*;

use crate::catalog::{Catalog, Column, Table};
use crate::config::Pipeline;
use crate::error::{Error, Result};
use compile::Rules;
use pattern::PatternSet;
use similarity::{Profile, shared_prefix};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use tables::TableFeatures;

/// Everything the mapping stage needs for one pipeline.
pub struct Context<'a> {
    /// Pipeline spec and file (path, text) for error locations.
    pub pipeline: &'a Pipeline,
    pub source: &'a Catalog,
    pub target: &'a Catalog,
    /// Datasource environment classes.
    pub source_class: &'a str,
    pub target_class: &'a str,
    pub target_schema: Option<&'a str>,
    /// Workspace default or pipeline override.
    pub threshold: f64,
    /// Workspace root (renames CSV paths are relative to it).
    pub root: &'a Path,
}

/// Static checks of a pipeline's rules for `validate` (no database): invalid patterns
/// and regexes, unknown mask kinds/case styles/strategies, expression syntax, conflicting
/// rules, unreadable renames file. Each error carries file:line:col.
pub fn check_rules(pipeline: &Pipeline, root: &Path) -> Vec<Error> {
    compile::compile(pipeline, root).1
}

/// A table in scope with its analysed columns.
pub(crate) struct TableCtx<'a> {
    pub tref: TableRef,
    pub table: &'a Table,
    /// Columns in scope (source: after `[select]`; target: all).
    pub cols: Vec<&'a Column>,
    pub profiles: Vec<Profile>,
    pub features: TableFeatures,
}

/// A decided table pairing, before columns are matched.
pub(crate) struct Plan {
    pub sources: Vec<usize>,
    pub target: usize,
    pub combine: Combine,
    pub join_on: Vec<(String, String, String, String)>,
    pub method: Method,
    pub confidence: f64,
    pub reason: String,
    pub filter: Option<Expr>,
    /// Index of the `[[tables]]` rule, if any.
    pub rule: Option<usize>,
    pub renames: BTreeMap<String, String>,
}

/// Which rules took effect (for `rule_no_match`), and findings raised while building.
pub(crate) struct Usage {
    pub columns: Vec<bool>,
    pub renames: Vec<bool>,
    pub renames_hit: HashSet<(usize, String)>,
    pub findings: Vec<Finding>,
    /// The target column `mapwright explain` asks about, when this is its table.
    pub probe: Option<Probe>,
}

/// One target column under `mapwright explain`: the evidence inference weighed for it.
pub(crate) struct Probe {
    pub column: String,
    pub candidates: Vec<Candidate>,
}

/// A source column inference weighed for a target column (`mapwright explain`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Candidate {
    /// Source alias (`s1`, …) and `table.column`.
    pub alias: String,
    pub source: String,
    /// The evidence score, before the table pair's discount and the clear-best raise.
    pub score: f64,
    pub method: Method,
    pub reason: String,
    /// Evidence the structure checks discounted (surrogate lookup, key against text, types).
    pub doubtful: bool,
    /// The target column the assignment gave this source column, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<String>,
}

/// A source table scored against a target table on its columns alone (`mapwright explain`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct TableCandidate {
    pub source: String,
    /// Target columns the source table's columns would fill on their own, with their mean confidence.
    pub columns_matched: usize,
    pub mean_confidence: f64,
}

/// What `mapwright explain` reports for one target table or column.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Explanation {
    /// Source columns inference weighed for the column, best first (empty when a rule decided it
    /// or the table is unpaired).
    pub candidates: Vec<Candidate>,
    /// For a whole table, or a column of a table no source table was paired with: the source
    /// tables whose columns fit it best.
    pub table_candidates: Vec<TableCandidate>,
}

fn warn(code: &str, message: String, object: Option<String>) -> Finding {
    Finding { severity: Severity::Warning, code: code.into(), message, object }
}

fn type_kind_selected(c: &Column, select: &compile::Selection) -> bool {
    let kind = types::kind(&c.logical);
    let is = |list: &[String]| {
        list.iter().any(|k| *k == kind || (k == "string" && matches!(kind.as_str(), "char" | "varchar" | "text")))
    };
    (select.types.is_empty() || is(&select.types)) && !is(&select.exclude_types)
}

fn analyse<'a>(
    tref: TableRef,
    table: &'a Table,
    cols: Vec<&'a Column>,
    rules: &Rules,
    known: &HashSet<String>,
) -> TableCtx<'a> {
    let profiles = column_profiles(&table.name, cols.iter().map(|c| c.name.as_str()), rules, known);
    let concepts: Vec<Vec<String>> = profiles.iter().map(|p| p.column_words().to_vec()).collect();
    let features = TableFeatures::new(&table.name, &concepts, &rules.vocab);
    TableCtx { tref, table, cols, profiles, features }
}

/// The profiles of a table's columns: each name read with the prefix most of them share
/// (TPC-H `c_name`), including a prefix glued onto upper-case names (IBM i and JD Edwards files
/// prefix every field with two letters: `CFADR1`, `CFCITY` of `CFMAST` read as `CF ADR1`, `CF CITY`).
fn column_profiles<'n>(
    table: &str,
    names: impl Iterator<Item = &'n str>,
    rules: &Rules,
    known: &HashSet<String>,
) -> Vec<Profile> {
    let names: Vec<&str> = names.collect();
    let glued = glued_prefix(&names, &rules.vocab);
    let split: Vec<String> = names
        .iter()
        .map(|n| match glued {
            Some(p) if n.len() >= p.len() + 2 && n.starts_with(p) => format!("{p}_{}", &n[p.len()..]),
            _ => n.to_string(),
        })
        .collect();
    let toks: Vec<Vec<String>> = split.iter().map(|c| names::tokens(c)).collect();
    let prefix = shared_prefix(&toks);
    let own = TableFeatures::new(table, &[], &rules.vocab).concepts;
    names
        .iter()
        .zip(&split)
        .map(|(raw, n)| {
            let mut p = Profile::new(n, prefix.as_deref(), &rules.vocab, known).in_table(&own, &rules.vocab);
            p.raw = raw.to_string();
            p
        })
        .collect()
}

/// Letters glued onto the front of most of a table's column names: at least three columns and
/// 80% of them are upper-case single words, not dictionary words, that start with the same two
/// letters and then differ (`CFNA1`, `CFCITY`, `CFCIF#` of IBM i's `CFMAST`). Names with
/// separators or mixed case say their words themselves; a longer shared start (`CUSTNO`,
/// `CUSTNAME`) is a word, not a file prefix.
fn glued_prefix<'n>(names: &[&'n str], vocab: &dict::Vocabulary) -> Option<&'n str> {
    let glued: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            let upper = n.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "#@$".contains(c));
            let first = names::tokens(n).into_iter().next().unwrap_or_default();
            upper && first.len() >= 4 && !vocab.is_word(&first)
        })
        .collect();
    let most = |len: usize| {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for n in &glued {
            *counts.entry(&n[..len]).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .filter(|&(_, k)| k >= 3 && k * 10 >= names.len() * 8)
    };
    let (p, _) = most(2).filter(|(p, _)| p.chars().all(|c| c.is_ascii_uppercase()))?;
    most(3).is_none().then_some(p)
}

/// Whether column concepts `c` name `t`'s own identifier (`territory id` in `territories`).
pub(crate) fn is_own_key(t: &TableCtx, c: &[String]) -> bool {
    c.len() >= 2 && c.last().is_some_and(|w| w == "id") && t.features.key == c[..c.len() - 1].join("_")
}

/// Mark the side's hub key: the identifier column (a name ending in an identifier word) that
/// at least three tables and half of all tables share, more than any other — the key of the
/// schema's main entity (`subject_id`, `customer_id`), which the column matcher pairs with the
/// other side's hub key by structure even when the names differ.
/// `outside`: the column concepts of the side's tables that the pipeline's scope leaves out —
/// the hub is a property of the whole schema, not of the slice a pipeline maps.
fn mark_hub(tables: &mut [TableCtx], outside: &[Vec<Vec<String>>]) {
    let mut counts: BTreeMap<&[String], usize> = BTreeMap::new();
    let columns = tables
        .iter()
        .map(|t| t.profiles.iter().map(Profile::column_words).collect::<Vec<_>>())
        .chain(outside.iter().map(|t| t.iter().map(Vec::as_slice).collect()));
    let mut n_tables = 0;
    for cols in columns {
        n_tables += 1;
        let mut seen: HashSet<&[String]> = HashSet::new();
        for c in cols {
            if c.len() >= 2 && c.last().is_some_and(|w| w == "id") && seen.insert(c) {
                *counts.entry(c).or_default() += 1;
            }
        }
    }
    // Ties go to the identifier that names a table of the side (`person_id` of `person`).
    let names_table = |c: &[String]| tables.iter().any(|t| is_own_key(t, c));
    // (Only identifiers in 3 tables or more can be the hub.)
    let mut ranked: Vec<((usize, bool), &[String])> =
        counts.into_iter().filter(|&(_, n)| n >= 3).map(|(c, n)| ((n, names_table(c)), c)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let hub = match ranked.as_slice() {
        [((n, _), c), rest @ ..] if *n >= 3 && n * 2 >= n_tables && rest.first().is_none_or(|r| r.0 < ranked[0].0) => {
            c.to_vec()
        }
        _ => return,
    };
    for t in tables.iter_mut() {
        for p in &mut t.profiles {
            p.hub = p.column_words() == hub;
        }
    }
}

/// Mark the columns that refer to another table of the side: a foreign-key column, or an
/// identifier named after another table's own key (`address_id` where table `address` exists).
fn mark_references(tables: &mut [TableCtx]) {
    // A table's name as written (`client`) and as a concept (`customer`): columns are concepts.
    let names = |t: &TableCtx| [t.features.key.clone(), t.features.concepts.join("_")];
    let keys: HashSet<String> = tables.iter().flat_map(names).collect();
    // Generated surrogate keys, as (table, column).
    let surrogates: HashSet<(String, String)> = tables
        .iter()
        .flat_map(|t| {
            t.cols
                .iter()
                .zip(&t.profiles)
                .filter(|(c, p)| is_surrogate_key(c, p))
                .map(|(c, _)| (t.tref.name.clone(), c.name.clone()))
        })
        .collect();
    for t in tables.iter_mut() {
        let fk: HashSet<&str> =
            t.table.foreign_keys.iter().flat_map(|f| f.columns.iter().map(String::as_str)).collect();
        // Foreign-key columns that point at a surrogate key.
        let to_surrogate: HashSet<&str> = t
            .table
            .foreign_keys
            .iter()
            .flat_map(|f| f.columns.iter().zip(&f.referenced_columns).map(move |(c, r)| (c, &f.referenced_table, r)))
            .filter(|(_, rt, r)| surrogates.contains(&((*rt).clone(), (*r).clone())))
            .map(|(c, _, _)| c.as_str())
            .collect();
        let own = names(t);
        for (p, c) in t.profiles.iter_mut().zip(&t.cols) {
            let named = p.concepts.len() >= 2 && p.concepts.last().is_some_and(|w| w == "id") && {
                let k = p.concepts[..p.concepts.len() - 1].join("_");
                !own.contains(&k) && keys.contains(&k)
            };
            p.refers = named || fk.contains(c.name.as_str());
            p.surrogate = is_surrogate_key(c, p) || to_surrogate.contains(c.name.as_str());
        }
        // A table keyed by a surrogate (`patient_key`) keeps the source row's key in a column
        // naming the table's entity and the system it comes from (`ehr_patient_id`, `sf_account_id`).
        let surrogate_pk = match t.table.primary_key.as_ref().map(|k| k.columns.as_slice()) {
            Some([k]) => t.cols.iter().zip(&t.profiles).any(|(c, p)| &c.name == k && names_surrogate(p)),
            _ => false,
        };
        let lineage: Vec<usize> = (0..t.profiles.len())
            .filter(|&i| {
                is_lineage_key(&t.profiles[i])
                    || (surrogate_pk
                        && t.table.pk_position(&t.cols[i].name).is_none()
                        && is_system_entity_id(&t.profiles[i], &t.features.concepts))
            })
            .collect();
        if let [i] = lineage[..] {
            t.profiles[i].lineage = true;
        }
    }
}

/// Mark each table's point in time: a column named as the table's own time (`measurement_datetime`
/// of `measurement`, `OrderDate` of `orders`), or else the table's only date or timestamp that is
/// not a key, load metadata or one end of a period (`charttime` of a lab-results table; not
/// `IH_PER_TO_DT`). Two such columns of a table pair are its rows' time, which their names alone
/// cannot tell (see `columns::EVENT_TIME_SCORE`).
fn mark_event_times(tables: &mut [TableCtx]) {
    use crate::catalog::LogicalType as L;
    use similarity::EventTime;
    for t in tables.iter_mut() {
        let temporal: Vec<usize> = (0..t.cols.len())
            .filter(|&i| {
                matches!(t.cols[i].logical, L::Date | L::Timestamp { .. })
                    && !t.profiles[i].load_metadata
                    && t.table.pk_position(&t.cols[i].name).is_none()
            })
            .collect();
        let own = &t.features.concepts;
        for &i in &temporal {
            let c = &t.profiles[i].concepts;
            let words = c.iter().rposition(|w| !dict::TEMPORAL_ROLES.contains(&w.as_str())).map_or(0, |k| k + 1);
            t.profiles[i].event_time = if words < c.len() && !own.is_empty() && c[..words] == own[..] {
                EventTime::Named
            } else if temporal.len() == 1 && !c.iter().any(|w| dict::INTERVAL_BOUNDS.contains(&w.as_str())) {
                EventTime::Sole
            } else {
                EventTime::No
            };
        }
    }
}

/// Words that say a column keeps another system's value (`src` and `orig` are abbreviations of
/// the first and third).
const LINEAGE_WORDS: &[&str] = &["source", "legacy", "original", "sourced"];

/// A column that keeps the source row's key: a lineage word first, an identifier role last
/// (`id`, `code`, `number`), and at most one other word, which does not name a source system
/// (`source_system_id` is load metadata) — `legacy_customer_number`, `SourceOrderId`,
/// `sourcedId`; not `admission_source_code`, where the patient was admitted from. Not a
/// foreign key.
fn is_lineage_key(p: &Profile) -> bool {
    let c = &p.concepts;
    !p.refers
        && p.is_identifier()
        && c.first().is_some_and(|w| LINEAGE_WORDS.contains(&w.as_str()))
        && c.len() <= 3
        && !c.iter().any(|w| w == "system")
}

/// `<system> <entity> id`: an `id` last, one or two words naming the table's entity
/// (`entity`, its concepts) and one or two that do not (`ehr_patient_id` of `dim_patient`,
/// `sf_line_item_id` of `fact_opportunity_line`). Not a foreign key, not a source system's own
/// id (`source_system_id`).
fn is_system_entity_id(p: &Profile, entity: &[String]) -> bool {
    let c = &p.concepts;
    let Some((last, words)) = c.split_last() else { return false };
    !p.refers
        && last == "id"
        && (2..=3).contains(&words.len())
        && words.iter().any(|w| entity.contains(w))
        && words.iter().any(|w| !entity.contains(w))
        && !c.iter().any(|w| w == "system")
}

/// Named as a warehouse surrogate key: `…_key`, `…Key`, `…_sk`.
fn names_surrogate(p: &Profile) -> bool {
    p.tokens.last().is_some_and(|w| w == "key" || w == "sk")
}

/// Named as a Data Vault hash key: `customer_hk`, `hk_customer`, `CustomerHashKey`.
fn names_hash_key(p: &Profile) -> bool {
    p.tokens.first().is_some_and(|w| w == "hk")
        || p.tokens.last().is_some_and(|w| w == "hk" || w == "hashkey")
        || matches!(p.tokens.as_slice(), [.., h, k] if h == "hash" && k == "key")
}

/// A key the load makes rather than copies: one the database generates (identity,
/// auto-increment, SQLite rowid) named as a warehouse surrogate key (`patron_key`, `CustomerKey`,
/// `customer_sk`), or a Data Vault hash key (`customer_hk`), computed from the business key.
/// No source column holds it.
pub(crate) fn is_surrogate_key(c: &Column, p: &Profile) -> bool {
    (c.auto_increment && names_surrogate(p)) || names_hash_key(p)
}

fn find_table(tables: &[TableCtx], name: &str) -> Option<usize> {
    let matches = |t: &TableCtx, ci: bool| {
        let q = t.tref.to_string();
        if ci {
            t.tref.name.eq_ignore_ascii_case(name) || q.eq_ignore_ascii_case(name)
        } else {
            t.tref.name == name || q == name
        }
    };
    tables.iter().position(|t| matches(t, false)).or_else(|| tables.iter().position(|t| matches(t, true)))
}

/// Open a CSV rule file (`rel`, relative to `root`) whose header must be `header`; `what` names
/// the kind of file in errors; `comments`: lines starting with `#` are skipped.
pub(crate) fn open_csv(
    root: &Path,
    rel: &str,
    what: &str,
    header: &[&str],
    comments: bool,
) -> std::result::Result<csv::Reader<std::fs::File>, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .comment(comments.then_some(b'#'))
        .from_path(root.join(rel))
        .map_err(|e| format!("cannot read {what} {rel}: {e}"))?;
    let found = rdr.headers().map_err(|e| format!("{rel}: {e}"))?;
    if found.iter().ne(header.iter().copied()) {
        return Err(format!("{rel}:1: the header must be `{}`", header.join(",")));
    }
    Ok(rdr)
}

/// The errors of a pipeline's rules that need no catalog (patterns, rename and vocabulary
/// files, strategies, expressions): what `validate` reports before any database is reached.
pub fn rule_errors(p: &Pipeline, root: &Path) -> Vec<Error> {
    compile::compile(p, root).1
}

/// Generate the mapping of one pipeline.
pub fn generate(ctx: &Context) -> Result<Mapping> {
    generate_probed(ctx, None).map(|(m, _)| m)
}

/// Generate the mapping and explain one target table or column (as named in the target
/// catalog; case-insensitive): for a column, the source columns inference weighed for it; for
/// a table, or a column of an unpaired table, the source tables that fit the table best.
pub fn explain(ctx: &Context, table: &str, column: Option<&str>) -> Result<(Mapping, Explanation)> {
    generate_probed(ctx, Some((table, column.unwrap_or(""))))
}

fn generate_probed(ctx: &Context, probe: Option<(&str, &str)>) -> Result<(Mapping, Explanation)> {
    let (rules, errors) = compile::compile(ctx.pipeline, ctx.root);
    if !errors.is_empty() {
        let n = errors.len();
        let msg = errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("\n\n");
        return Err(Error::config(format!("{msg}\n\n{n} rule error(s)")));
    }
    let spec = &ctx.pipeline.spec;
    let path = &ctx.pipeline.file.path;
    let globs =
        |list: &[String], what: &str| PatternSet::new(list).map_err(|e| Error::config(format!("{path}: {what}: {e}")));
    let (s_inc, s_exc) =
        (globs(&spec.source.include, "source.include")?, globs(&spec.source.exclude, "source.exclude")?);
    let (t_inc, t_exc) =
        (globs(&spec.target.include, "target.include")?, globs(&spec.target.exclude, "target.exclude")?);
    let sel = &rules.select;
    let mut findings: Vec<Finding> = Vec::new();

    let mut src_raw = Vec::new();
    // Tables of each side that the scope or `[select]` leaves out (they still tell the hub key).
    let (mut src_out, mut tgt_out): (Vec<&Table>, Vec<&Table>) = (Vec::new(), Vec::new());
    for (schema, table) in ctx.source.tables() {
        let q = format!("{}.{}", schema.name, table.name);
        let names = [table.name.as_str(), q.as_str()];
        if (!s_inc.is_empty() && !s_inc.matches_any(&names))
            || s_exc.matches_any(&names)
            || (!sel.tables.is_empty() && !sel.tables.matches_any(&names))
            || sel.exclude_tables.matches_any(&names)
        {
            src_out.push(table);
            continue;
        }
        let cols: Vec<&Column> = table
            .columns
            .iter()
            .filter(|c| {
                let tc = format!("{}.{}", table.name, c.name);
                let n = [tc.as_str(), c.name.as_str()];
                (sel.columns.is_empty() || sel.columns.matches_any(&n))
                    && !sel.exclude_columns.matches_any(&n)
                    && type_kind_selected(c, sel)
            })
            .collect();
        src_raw.push((TableRef { schema: schema.name.clone(), name: table.name.clone() }, table, cols));
    }
    let mut tgt_raw = Vec::new();
    for (schema, table) in ctx.target.tables() {
        if ctx.target_schema.is_some_and(|w| schema.name != w) {
            continue;
        }
        let q = format!("{}.{}", schema.name, table.name);
        let names = [table.name.as_str(), q.as_str()];
        if (!t_inc.is_empty() && !t_inc.matches_any(&names)) || t_exc.matches_any(&names) {
            tgt_out.push(table);
            continue;
        }
        tgt_raw.push((
            TableRef { schema: schema.name.clone(), name: table.name.clone() },
            table,
            table.columns.iter().collect::<Vec<_>>(),
        ));
    }
    for (key, set) in [("exclude_tables", &sel.exclude_tables), ("exclude_columns", &sel.exclude_columns)] {
        for p in &set.0 {
            let hit = ctx.source.tables().any(|(s, t)| {
                let q = format!("{}.{}", s.name, t.name);
                if key == "exclude_tables" {
                    p.is_match(&t.name) || p.is_match(&q)
                } else {
                    t.columns.iter().any(|c| p.is_match(&c.name) || p.is_match(&format!("{}.{}", t.name, c.name)))
                }
            });
            if !hit {
                findings.push(warn("rule_no_match", format!("[select] {key} pattern {p:?} matches nothing"), None));
            }
        }
    }

    let started = std::time::Instant::now();
    let mut known: HashSet<String> = rules.vocab.words().filter(|w| w.len() >= 3).map(str::to_string).collect();
    for (_, t, cols) in src_raw.iter().chain(&tgt_raw) {
        // (a table's name also in the singular: `issuedate` of `issues` is `issue date`)
        let table_words: Vec<String> = names::tokens(&t.name).into_iter().filter(|w| w.len() >= 3).collect();
        known.extend(table_words.iter().map(|w| names::singular(w)).filter(|w| w.len() >= 3));
        known.extend(table_words);
        for c in cols {
            known.extend(names::tokens(&c.name).into_iter().filter(|w| w.len() >= 3));
        }
    }
    // Tables are analysed on all cores (the same `parallel_map` that builds them).
    let mut src = parallel_map(&src_raw, |(r, t, c)| analyse(r.clone(), t, c.clone(), &rules, &known));
    let mut tgt = parallel_map(&tgt_raw, |(r, t, c)| analyse(r.clone(), t, c.clone(), &rules, &known));
    let concepts_of = |t: &&Table| -> Vec<Vec<String>> {
        column_profiles(&t.name, t.columns.iter().map(|c| c.name.as_str()), &rules, &known)
            .iter()
            .map(|p| p.column_words().to_vec())
            .collect()
    };
    mark_references(&mut src);
    mark_references(&mut tgt);
    mark_event_times(&mut src);
    mark_event_times(&mut tgt);
    mark_hub(&mut src, &parallel_map(&src_out, concepts_of));
    mark_hub(&mut tgt, &parallel_map(&tgt_out, concepts_of));

    tracing::debug!(ms = started.elapsed().as_millis() as u64, "columns analysed");
    let started = std::time::Instant::now();
    let (plans, mut plan_findings) = plan_tables(&rules, &src, &tgt, ctx.threshold);
    tracing::debug!(ms = started.elapsed().as_millis() as u64, plans = plans.len(), "tables paired");
    let started = std::time::Instant::now();
    findings.append(&mut plan_findings);

    let mut usage = Usage {
        columns: vec![false; spec.columns.len()],
        renames: vec![false; spec.renames.len()],
        renames_hit: HashSet::new(),
        findings: Vec::new(),
        probe: None,
    };
    for r in &rules.renames {
        if r.scope == crate::config::rules::RenameScope::Tables {
            usage.renames[r.index] =
                plans.iter().any(|p| p.method == Method::Pattern && p.reason.contains(&format!("#{}", r.index + 1)));
        }
    }
    // The probed target table (`mapwright explain`), as an index.
    let probe = probe.and_then(|(table, column)| Some((find_table(&tgt, table)?, column)));
    let mut tables = build_tables(&plans, &src, &tgt, &rules, ctx.threshold, &mut usage, probe);
    let mut explanation = Explanation::default();
    if let Some((ti, column)) = probe {
        explanation.candidates = usage.probe.take().map(|p| p.candidates).unwrap_or_default();
        explanation.candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.source.cmp(&b.source)));
        // A whole table (no column) is explained by its candidate sources, paired or not.
        if column.is_empty() || !plans.iter().any(|p| p.target == ti) {
            explanation.table_candidates = table_candidates(&src, &tgt[ti], &rules, column);
        }
    }
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "columns matched");
    tables.sort_by(|a, b| a.target.cmp(&b.target));

    for p in &plans {
        if let Some(ri) = p.rule {
            for s in p.renames.keys() {
                if !usage.renames_hit.contains(&(ri, s.clone())) {
                    findings.push(warn(
                        "rule_no_match",
                        format!(
                            "table rule #{} renames `{s}` → `{}`, but no such source/target column pair exists",
                            ri + 1,
                            p.renames[s]
                        ),
                        Some(tgt[p.target].tref.to_string()),
                    ));
                }
            }
        }
    }
    for r in &rules.columns {
        if !usage.columns[r.index] {
            findings.push(warn(
                "rule_no_match",
                format!("column rule #{} (`{}`) matches no target column", r.index + 1, r.target_text),
                None,
            ));
        }
    }
    for r in &rules.renames {
        if !usage.renames[r.index] {
            findings.push(warn(
                "rule_no_match",
                format!("rename rule #{} renames nothing onto an existing target name", r.index + 1),
                None,
            ));
        }
    }
    findings.append(&mut usage.findings);
    findings.sort();
    findings.dedup();

    let paired_src: HashSet<usize> = plans.iter().flat_map(|p| p.sources.iter().copied()).collect();
    let paired_tgt: HashSet<usize> = plans.iter().map(|p| p.target).collect();
    let mut unmapped_source_tables: Vec<TableRef> =
        src.iter().enumerate().filter(|(i, _)| !paired_src.contains(i)).map(|(_, t)| t.tref.clone()).collect();
    let mut unmapped_target_tables: Vec<TableRef> =
        tgt.iter().enumerate().filter(|(i, _)| !paired_tgt.contains(i)).map(|(_, t)| t.tref.clone()).collect();
    unmapped_source_tables.sort();
    unmapped_target_tables.sort();

    let src_schemas: Vec<&str> = {
        let mut v: Vec<&str> = src.iter().map(|t| t.tref.schema.as_str()).collect();
        v.sort();
        v.dedup();
        v
    };
    let endpoint = |cat: &Catalog, class: &str, schema: Option<String>| Endpoint {
        datasource: cat.datasource.clone(),
        engine: cat.engine,
        class: class.to_string(),
        database: cat.database.clone(),
        schema,
        catalog_digest: cat.digest(),
    };
    let target_schema = ctx.target_schema.map(str::to_string).or_else(|| match ctx.target.schemas.as_slice() {
        [one] => Some(one.name.clone()),
        _ => None,
    });
    let mut mapping = Mapping {
        format_version: MAPPING_FORMAT_VERSION,
        pipeline: spec.name.clone(),
        pipeline_path: path.clone(),
        description: spec.description.clone(),
        source: endpoint(ctx.source, ctx.source_class, (!src_schemas.is_empty()).then(|| src_schemas.join(","))),
        target: endpoint(ctx.target, ctx.target_class, target_schema),
        tables,
        unmapped_source_tables,
        unmapped_target_tables,
        findings,
        policy: PolicyVerdicts::default(),
        summary: Summary::default(),
    };
    mapping.summarize();
    Ok((mapping, explanation))
}

/// Source tables ranked by how well their columns alone fill `tgt` (as `fit` pairs them),
/// best five; a source table with a match for `column` (if any) ranks first.
fn table_candidates(src: &[TableCtx], tgt: &TableCtx, rules: &Rules, column: &str) -> Vec<TableCandidate> {
    let fits = parallel_map(src, |s| columns::fit(s, tgt, rules));
    let mut ranked: Vec<(bool, TableCandidate)> = src
        .iter()
        .zip(fits)
        .filter(|(_, f)| !f.is_empty())
        .map(|(s, f)| {
            let hits_column = f.iter().any(|&(_, ti, _)| tgt.cols[ti].name.eq_ignore_ascii_case(column));
            let sum: f64 = f.iter().map(|x| x.2).sum();
            let c = TableCandidate {
                source: s.tref.to_string(),
                columns_matched: f.len(),
                mean_confidence: sum / f.len() as f64,
            };
            (hits_column, c)
        })
        .collect();
    let weight = |c: &TableCandidate| c.columns_matched as f64 * c.mean_confidence;
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(weight(&b.1).total_cmp(&weight(&a.1))).then(a.1.source.cmp(&b.1.source)));
    ranked.into_iter().take(5).map(|(_, c)| c).collect()
}

/// Build every plan's TableMapping, in plan order, on all cores (each with its own
/// rule-usage record, merged afterwards), so the result does not depend on the thread count.
fn build_tables(
    plans: &[Plan],
    src: &[TableCtx],
    tgt: &[TableCtx],
    rules: &Rules,
    threshold: f64,
    usage: &mut Usage,
    probe: Option<(usize, &str)>,
) -> Vec<TableMapping> {
    let (n_columns, n_renames) = (usage.columns.len(), usage.renames.len());
    let built = parallel_map(plans, |p: &Plan| {
        let probe = probe
            .filter(|&(ti, _)| ti == p.target)
            .map(|(_, column)| Probe { column: column.to_string(), candidates: Vec::new() });
        let mut u = Usage {
            columns: vec![false; n_columns],
            renames: vec![false; n_renames],
            renames_hit: HashSet::new(),
            findings: Vec::new(),
            probe,
        };
        let t = columns::build_table(p, src, &tgt[p.target], rules, threshold, &mut u);
        (t, u)
    });
    let mut tables = Vec::with_capacity(plans.len());
    for (t, u) in built {
        tables.push(t);
        for (a, b) in usage.columns.iter_mut().zip(u.columns) {
            *a |= b;
        }
        for (a, b) in usage.renames.iter_mut().zip(u.renames) {
            *a |= b;
        }
        usage.renames_hit.extend(u.renames_hit);
        usage.findings.extend(u.findings);
        if let Some(p) = u.probe {
            usage
                .probe
                .get_or_insert(Probe { column: p.column, candidates: Vec::new() })
                .candidates
                .extend(p.candidates);
        }
    }
    tables
}

/// Items per thread below which [`parallel_map`] stays on the calling thread.
const ITEMS_PER_THREAD: usize = 64;

/// `items.map(f)` in order, on up to `available_parallelism` threads.
pub(crate) fn parallel_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len() / ITEMS_PER_THREAD).max(1);
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker thread panicked")).collect()
    })
}

/// Decide table pairs: explicit rules, renames file, table rename patterns, inference.
fn plan_tables(rules: &Rules, src: &[TableCtx], tgt: &[TableCtx], threshold: f64) -> (Vec<Plan>, Vec<Finding>) {
    let mut plans = Vec::new();
    let mut findings = Vec::new();
    let mut used_src: HashSet<usize> = HashSet::new();
    let mut used_tgt: HashSet<usize> = HashSet::new();
    for r in &rules.tables {
        let label = format!("table rule #{}", r.index + 1);
        let sources: Vec<Option<usize>> = r.sources.iter().map(|s| find_table(src, s)).collect();
        let target = find_table(tgt, &r.target);
        let missing: Vec<String> = r
            .sources
            .iter()
            .zip(&sources)
            .filter(|(_, f)| f.is_none())
            .map(|(s, _)| format!("source table `{s}`"))
            .chain(target.is_none().then(|| format!("target table `{}`", r.target)))
            .collect();
        if !missing.is_empty() {
            findings.push(warn(
                "rule_no_match",
                format!("{label} matches nothing: {} not found", missing.join(", ")),
                Some(r.target.clone()),
            ));
            continue;
        }
        let (Some(ti), sources) = (target, sources.into_iter().flatten().collect::<Vec<_>>()) else { continue };
        used_src.extend(&sources);
        used_tgt.insert(ti);
        plans.push(Plan {
            sources,
            target: ti,
            combine: match r.combine {
                Some(crate::config::rules::CombineRule::Union) => Combine::Union,
                Some(crate::config::rules::CombineRule::Join) => Combine::Join,
                None => Combine::Single,
            },
            join_on: r.join_on.clone(),
            method: if r.lock { Method::Locked } else { Method::Rule },
            confidence: 1.0,
            reason: label,
            filter: r.filter.as_ref().map(|f| f.0.clone()),
            rule: Some(r.index),
            renames: r.columns.clone(),
        });
    }
    let single = |si: usize, ti: usize, method: Method, confidence: f64, reason: String| Plan {
        sources: vec![si],
        target: ti,
        combine: Combine::Single,
        join_on: Vec::new(),
        method,
        confidence,
        reason,
        filter: None,
        rule: None,
        renames: BTreeMap::new(),
    };
    if let Some(file) = &rules.rename_file {
        for (st, (tt, line)) in &file.tables {
            match (find_table(src, st), find_table(tgt, tt)) {
                (Some(si), Some(ti)) if !used_src.contains(&si) && !used_tgt.contains(&ti) => {
                    used_src.insert(si);
                    used_tgt.insert(ti);
                    plans.push(single(si, ti, Method::RenameFile, 1.0, format!("renames file line {line}")));
                }
                (Some(_), Some(_)) => {}
                _ => findings.push(warn(
                    "rule_no_match",
                    format!("renames file line {line}: `{st}` → `{tt}` matches no table pair"),
                    None,
                )),
            }
        }
    }
    let table_renamers: Vec<_> =
        rules.renames.iter().filter(|r| r.scope == crate::config::rules::RenameScope::Tables).collect();
    if !table_renamers.is_empty() {
        for (si, s) in src.iter().enumerate() {
            if used_src.contains(&si) {
                continue;
            }
            let mut name = s.tref.name.clone();
            let mut applied = Vec::new();
            for r in table_renamers.iter().filter(|r| r.applies_to_table(&s.tref.name, &s.tref.to_string())) {
                let next = r.apply(&name);
                if next != name {
                    applied.push(format!("#{}", r.index + 1));
                    name = next;
                }
            }
            if applied.is_empty() {
                continue;
            }
            if let Some(ti) = find_table(tgt, &name).filter(|ti| !used_tgt.contains(ti)) {
                used_src.insert(si);
                used_tgt.insert(ti);
                plans.push(single(
                    si,
                    ti,
                    Method::Pattern,
                    1.0,
                    format!("rename rule {} gives `{name}`", applied.join(", ")),
                ));
            }
        }
    }
    if rules.infer {
        let free_src: Vec<usize> = (0..src.len()).filter(|i| !used_src.contains(i)).collect();
        let free_tgt: Vec<usize> = (0..tgt.len()).filter(|i| !used_tgt.contains(i)).collect();
        let (mut inferred, mut notes) = infer_tables::infer(rules, src, tgt, &free_src, &free_tgt, threshold);
        plans.append(&mut inferred);
        findings.append(&mut notes);
    }
    (plans, findings)
}
