//! Pipeline rules → checked, compiled rules.
//!
//! Everything that can be checked without a database is checked here, and
//! every problem is reported with file:line:col: invalid patterns and
//! regular expressions, unknown mask kinds, case styles and strategies,
//! expression syntax, and conflicting rules (naming both).

use super::dict::Vocabulary;
use super::expr;
use super::model::{Expr, FakeFormat, Literal, Mask, Method};
use super::pattern::{Pattern, PatternSet};
use super::pii::Tagger;
use super::rename::{RenameFile, Renamer, read_rename_file};
use super::similarity::Strategies;
use super::types::parse_type;
use crate::catalog::LogicalType;
use crate::config::Pipeline;
use crate::config::diag::{did_you_mean, located_error};
use crate::config::rules::{ColumnRule, CombineRule, MaskField};
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::Path;

pub const MASK_KINDS: [&str; 9] =
    ["hash", "digits_mask", "digits_randomize", "redact", "partial", "fake_email", "fake_phone", "fake_name", "null"];

/// A `[[tables]]` rule, compiled.
#[derive(Debug, Clone)]
pub struct TablePlanRule {
    pub index: usize,
    pub sources: Vec<String>,
    pub target: String,
    pub combine: Option<CombineRule>,
    /// (left table, left column, right table, right column).
    pub join_on: Vec<(String, String, String, String)>,
    pub columns: BTreeMap<String, String>,
    pub filter: Option<(Expr, String)>,
    pub lock: bool,
}

/// What a column rule puts into its target column.
#[derive(Debug, Clone)]
pub enum ValueSpec {
    From(String),
    Constant(Literal),
    Expr(Expr, String),
}

/// A `[[columns]]` rule, compiled.
#[derive(Debug, Clone)]
pub struct ColumnPlanRule {
    pub index: usize,
    pub target_text: String,
    /// Literal `(table, column)` when the target names one column.
    pub literal: Option<(String, String)>,
    pub pattern: Pattern,
    pub value: Option<ValueSpec>,
    pub cast: Option<LogicalType>,
    pub default: Option<Literal>,
    pub mask: Option<Mask>,
    pub add: Option<(String, LogicalType)>,
    pub drop: bool,
    pub lock: bool,
}

impl ColumnPlanRule {
    pub fn matches(&self, table: &str, column: &str) -> bool {
        match &self.literal {
            Some((t, c)) => t.eq_ignore_ascii_case(table) && c == column,
            None => self.pattern.is_match(&format!("{table}.{column}")),
        }
    }
    pub fn method(&self) -> Method {
        if self.lock { Method::Locked } else { Method::Rule }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub tables: PatternSet,
    pub exclude_tables: PatternSet,
    pub columns: PatternSet,
    pub exclude_columns: PatternSet,
    pub types: Vec<String>,
    pub exclude_types: Vec<String>,
}

/// All rules of one pipeline, compiled.
#[derive(Debug, Clone)]
pub struct Rules {
    pub tables: Vec<TablePlanRule>,
    pub columns: Vec<ColumnPlanRule>,
    pub renames: Vec<Renamer>,
    pub rename_file: Option<RenameFile>,
    pub select: Selection,
    pub infer: bool,
    /// Infer unions, joins and splits of tables (`[matching] combine`).
    pub combine: bool,
    pub strategies: Strategies,
    pub vocab: Vocabulary,
    pub tagger: Tagger,
}

/// Byte offset of `key`'s value inside the `index`-th `[[section]]` block (or the header).
pub fn locate(text: &str, section: &str, index: usize, key: Option<&str>) -> Option<usize> {
    let header = format!("[[{section}]]");
    let mut offset = 0;
    let mut seen = 0;
    let mut inside = false;
    let mut header_at = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            if inside {
                break;
            }
            if t == header {
                if seen == index {
                    inside = true;
                    header_at = Some(offset + line.find('[').unwrap_or(0));
                }
                seen += 1;
            }
        } else if inside
            && let Some(k) = key
            && t.starts_with(k)
            && t[k.len()..].trim_start().starts_with('=')
        {
            let eq = line.find('=').unwrap_or(0);
            let val = line[eq + 1..].len() - line[eq + 1..].trim_start().len();
            return Some(offset + eq + 1 + val);
        }
        offset += line.len();
    }
    header_at
}

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    errors: Vec<Error>,
}

impl Ctx<'_> {
    fn err(&mut self, section: &str, index: usize, key: Option<&str>, msg: String, help: Option<String>) {
        let off = locate(self.text, section, index, key).or_else(|| key.and_then(|k| self.text.find(k)));
        self.errors.push(located_error(self.path, self.text, off, &msg, help));
    }
    fn line_of(&self, section: &str, index: usize) -> usize {
        locate(self.text, section, index, None).map_or(0, |o| crate::config::diag::line_col(self.text, o).0)
    }
    fn pattern(&mut self, section: &str, key: &str, texts: &[String]) -> PatternSet {
        match PatternSet::new(texts) {
            Ok(p) => p,
            Err(e) => {
                let off = self.text.find(&format!("{key} ="));
                self.errors.push(located_error(self.path, self.text, off, &format!("[{section}] {key}: {e}"), None));
                PatternSet::default()
            }
        }
    }
}

fn parse_literal_type(c: &mut Ctx, index: usize, key: &str, text: &str) -> Option<LogicalType> {
    let t = parse_type(text);
    if t.is_none() {
        c.err(
            "columns",
            index,
            Some(key),
            format!("unknown type `{text}` in `{key}`"),
            Some("use integer, bigint, smallint, decimal(p,s), real, double, boolean, char(n), varchar(n), text, date, time, timestamp, timestamptz, uuid, json or binary".into()),
        );
    }
    t
}

fn compile_mask(c: &mut Ctx, index: usize, field: &MaskField, default_seed: &str) -> Option<Mask> {
    let s = field.spec();
    let seed = || s.seed.clone().unwrap_or_else(|| default_seed.to_string());
    Some(match s.kind.as_str() {
        "hash" => Mask::Hash { salt: s.salt.clone().unwrap_or_else(|| default_seed.to_string()) },
        "digits_mask" => Mask::DigitsMask { keep_last: s.keep_last },
        "digits_randomize" => Mask::DigitsRandomize { seed: seed() },
        "redact" => Mask::Redact { text: s.text.clone().unwrap_or_else(|| "REDACTED".into()) },
        "partial" => Mask::Partial { keep_last: s.keep_last.unwrap_or(4) },
        "fake_email" => Mask::Fake { format: FakeFormat::Email, seed: seed() },
        "fake_phone" => Mask::Fake { format: FakeFormat::Phone, seed: seed() },
        "fake_name" => Mask::Fake { format: FakeFormat::Name, seed: seed() },
        "null" => Mask::Null,
        other => {
            let help = did_you_mean(other, MASK_KINDS)
                .map(|b| format!("did you mean `{b}`?"))
                .unwrap_or_else(|| format!("mask kinds: {}", MASK_KINDS.join(", ")));
            c.err("columns", index, Some("mask"), format!("unknown mask kind `{other}`"), Some(help));
            return None;
        }
    })
}

fn parse_expr(c: &mut Ctx, section: &str, index: usize, key: &str, text: &str) -> Option<Expr> {
    match expr::parse(text) {
        Ok(e) => Some(e),
        Err(pe) => {
            // Point into the quoted value: +1 for the opening quote.
            let base = locate(c.text, section, index, Some(key)).map(|o| o + 1 + pe.offset);
            c.errors.push(located_error(
                c.path,
                c.text,
                base,
                &format!("invalid `{key}` expression: {}", pe.message),
                None,
            ));
            None
        }
    }
}

fn compile_column(c: &mut Ctx, i: usize, r: &ColumnRule, seed: &str) -> Option<ColumnPlanRule> {
    let pattern = match Pattern::new(&r.target) {
        Ok(p) => p,
        Err(e) => {
            c.err("columns", i, Some("target"), e, None);
            return None;
        }
    };
    let literal = if pattern.is_literal() {
        match r.target.rsplit_once('.') {
            Some((t, col)) if !t.is_empty() && !col.is_empty() => {
                Some((t.rsplit('.').next().unwrap_or(t).to_string(), col.to_string()))
            }
            _ => {
                c.err(
                    "columns",
                    i,
                    Some("target"),
                    format!("column rule target `{}` must be `table.column`", r.target),
                    None,
                );
                return None;
            }
        }
    } else {
        None
    };
    let values = [r.from.is_some(), r.constant.is_some(), r.expr.is_some()].iter().filter(|x| **x).count();
    if values > 1 {
        c.err(
            "columns",
            i,
            None,
            format!("column rule `{}` sets more than one of `from`, `constant`, `expr`", r.target),
            Some("keep exactly one value source per target column".into()),
        );
    }
    if r.drop && (values > 0 || r.add.is_some() || r.mask.is_some() || r.cast.is_some() || r.default.is_some()) {
        c.err(
            "columns",
            i,
            Some("drop"),
            format!("column rule `{}` drops the column and also gives it a value or transform", r.target),
            Some("remove `drop = true` or the other keys".into()),
        );
    }
    if literal.is_none() && (values > 0 || r.add.is_some() || r.lock) {
        c.err(
            "columns",
            i,
            Some("target"),
            format!(
                "`{}` is a pattern; `from`, `constant`, `expr`, `add` and `lock` need one `table.column`",
                r.target
            ),
            None,
        );
    }
    if r.lock && r.from.is_none() {
        c.err("columns", i, Some("lock"), "`lock` records a reviewed match and needs `from`".into(), None);
    }
    let value = if let Some(f) = &r.from {
        Some(ValueSpec::From(f.clone()))
    } else if let Some(k) = &r.constant {
        Some(ValueSpec::Constant(k.clone()))
    } else if let Some(e) = &r.expr {
        parse_expr(c, "columns", i, "expr", e).map(|x| ValueSpec::Expr(x, e.clone()))
    } else {
        None
    };
    let cast = r.cast.as_deref().and_then(|t| parse_literal_type(c, i, "cast", t));
    let add = r.add.as_deref().and_then(|t| parse_literal_type(c, i, "add", t).map(|l| (t.to_string(), l)));
    let mask = r.mask.as_ref().and_then(|m| compile_mask(c, i, m, seed));
    Some(ColumnPlanRule {
        index: i,
        target_text: r.target.clone(),
        literal,
        pattern,
        value,
        cast,
        default: r.default.clone(),
        mask,
        add,
        drop: r.drop,
        lock: r.lock,
    })
}

/// Compile and check every rule of `p`. Returns the rules and every problem found.
pub fn compile(p: &Pipeline, root: &Path) -> (Rules, Vec<Error>) {
    let spec = &p.spec;
    let mut c = Ctx { path: &p.file.path, text: &p.file.text, errors: Vec::new() };

    let mut tables = Vec::new();
    let mut by_target: BTreeMap<String, usize> = BTreeMap::new();
    for (i, r) in spec.tables.iter().enumerate() {
        let sources: Vec<String> = r.source.iter().cloned().chain(r.sources.iter().cloned()).collect();
        if r.source.is_some() && !r.sources.is_empty() {
            c.err("tables", i, Some("sources"), "set either `source` or `sources`, not both".into(), None);
        }
        if sources.is_empty() {
            c.err(
                "tables",
                i,
                None,
                format!("table rule for `{}` has no `source`", r.target),
                Some("add `source = \"table\"` or `sources = [..]`".into()),
            );
        }
        match (sources.len(), r.combine) {
            (n, None) if n > 1 => c.err(
                "tables",
                i,
                Some("sources"),
                format!("{n} sources for `{}` need `combine = \"union\"` or `\"join\"`", r.target),
                None,
            ),
            (1, Some(_)) => c.err("tables", i, Some("combine"), "`combine` needs two or more `sources`".into(), None),
            _ => {}
        }
        let mut join_on = Vec::new();
        for j in &r.join_on {
            let parsed = j.split_once('=').and_then(|(l, rr)| {
                let (lt, lc) = l.trim().rsplit_once('.')?;
                let (rt, rc) = rr.trim().rsplit_once('.')?;
                Some((lt.trim().to_string(), lc.trim().to_string(), rt.trim().to_string(), rc.trim().to_string()))
            });
            match parsed {
                Some(x) => join_on.push(x),
                None => c.err(
                    "tables",
                    i,
                    Some("join_on"),
                    format!("invalid join condition `{j}`"),
                    Some("write `left_table.column = right_table.column`".into()),
                ),
            }
        }
        if r.combine == Some(CombineRule::Join) && join_on.len() + 1 < sources.len() {
            c.err(
                "tables",
                i,
                Some("join_on"),
                format!(
                    "`combine = \"join\"` of {} sources needs a `join_on` condition for each joined source",
                    sources.len()
                ),
                None,
            );
        }
        if r.combine != Some(CombineRule::Join) && !r.join_on.is_empty() {
            c.err("tables", i, Some("join_on"), "`join_on` only applies with `combine = \"join\"`".into(), None);
        }
        let mut seen_targets: BTreeMap<&str, &str> = BTreeMap::new();
        for (s, t) in &r.columns {
            if let Some(prev) = seen_targets.insert(t, s) {
                c.err(
                    "tables",
                    i,
                    Some("columns"),
                    format!("source columns `{prev}` and `{s}` are both renamed to `{}.{t}`", r.target),
                    Some("a target column receives one value; drop one of the renames".into()),
                );
            }
        }
        let filter =
            r.filter.as_ref().and_then(|f| parse_expr(&mut c, "tables", i, "filter", f).map(|e| (e, f.clone())));
        let key = r.target.to_lowercase();
        if let Some(prev) = by_target.insert(key, i) {
            let line = c.line_of("tables", prev);
            c.err(
                "tables",
                i,
                Some("target"),
                format!(
                    "table rule #{} conflicts with table rule #{} (line {line}): both write target `{}`",
                    i + 1,
                    prev + 1,
                    r.target
                ),
                Some("merge them into one rule with `sources = [..]` and `combine`".into()),
            );
        }
        tables.push(TablePlanRule {
            index: i,
            sources,
            target: r.target.clone(),
            combine: r.combine,
            join_on,
            columns: r.columns.clone(),
            filter,
            lock: r.lock,
        });
    }

    let salt = spec.name.clone();
    let mut columns: Vec<ColumnPlanRule> = Vec::new();
    for (i, r) in spec.columns.iter().enumerate() {
        if let Some(cr) = compile_column(&mut c, i, r, &salt) {
            columns.push(cr);
        }
    }
    // Conflicts between literal column rules on the same target column.
    for (a_pos, a) in columns.iter().enumerate() {
        for b in &columns[a_pos + 1..] {
            let (Some(la), Some(lb)) = (&a.literal, &b.literal) else { continue };
            if !la.0.eq_ignore_ascii_case(&lb.0) || la.1 != lb.1 {
                continue;
            }
            let clash = [
                (a.value.is_some() || a.add.is_some()) && (b.value.is_some() || b.add.is_some()),
                a.cast.is_some() && b.cast.is_some(),
                a.default.is_some() && b.default.is_some(),
                a.mask.is_some() && b.mask.is_some(),
                a.drop != b.drop,
            ];
            if clash.iter().any(|x| *x) {
                let line = c.line_of("columns", a.index);
                c.err(
                    "columns",
                    b.index,
                    Some("target"),
                    format!(
                        "column rule #{} conflicts with column rule #{} (line {line}) on `{}`",
                        b.index + 1,
                        a.index + 1,
                        b.target_text
                    ),
                    Some("keep one rule per target column and action".into()),
                );
            }
        }
        // A value rule against a rename in a table rule for the same target column.
        if let (Some((t, col)), Some(_)) = (&a.literal, &a.value) {
            for tr in &tables {
                if tr.target.eq_ignore_ascii_case(t) && tr.columns.values().any(|v| v == col) {
                    let line = c.line_of("tables", tr.index);
                    c.err(
                        "columns",
                        a.index,
                        Some("target"),
                        format!("column rule #{} conflicts with table rule #{} (line {line}): both give `{t}.{col}` a value", a.index + 1, tr.index + 1),
                        Some("remove the rename from the table rule or the value from the column rule".into()),
                    );
                }
            }
        }
    }

    let mut renames = Vec::new();
    for (i, r) in spec.renames.iter().enumerate() {
        match Renamer::compile(i, r) {
            Ok(x) => renames.push(x),
            Err(e) => c.err("renames", i, None, e, None),
        }
    }
    let rename_file = spec.renames_file.as_ref().and_then(|f| match read_rename_file(root, f) {
        Ok(x) => Some(x),
        Err(e) => {
            let off = crate::config::diag::find_value_offset(c.text, "renames_file", f);
            c.errors.push(located_error(c.path, c.text, off, &e, None));
            None
        }
    });

    let s = &spec.select;
    let select = Selection {
        tables: c.pattern("select", "tables", &s.tables),
        exclude_tables: c.pattern("select", "exclude_tables", &s.exclude_tables),
        columns: c.pattern("select", "columns", &s.columns),
        exclude_columns: c.pattern("select", "exclude_columns", &s.exclude_columns),
        types: s.types.iter().map(|t| t.to_lowercase()).collect(),
        exclude_types: s.exclude_types.iter().map(|t| t.to_lowercase()).collect(),
    };
    const KINDS: [&str; 19] = [
        "boolean",
        "integer",
        "decimal",
        "float",
        "char",
        "varchar",
        "text",
        "date",
        "time",
        "timestamp",
        "interval",
        "uuid",
        "json",
        "binary",
        "enum",
        "set",
        "array",
        "other",
        "string",
    ];
    for t in select.types.iter().chain(&select.exclude_types) {
        if !KINDS.contains(&t.as_str()) {
            let off = crate::config::diag::find_value_offset(c.text, "types", t);
            let help = did_you_mean(t, KINDS).map(|b| format!("did you mean `{b}`?"));
            c.errors.push(located_error(c.path, c.text, off, &format!("unknown type kind `{t}` in [select]"), help));
        }
    }

    let mut strategies = Vec::new();
    for name in &spec.matching.strategies {
        match Strategies::parse(name) {
            Some(m) => strategies.push(m),
            None => {
                let off = crate::config::diag::find_value_offset(c.text, "strategies", name);
                let help = did_you_mean(name, Strategies::NAMES)
                    .map(|b| format!("did you mean `{b}`?"))
                    .unwrap_or_else(|| format!("strategies: {}", Strategies::NAMES.join(", ")));
                c.errors.push(located_error(
                    c.path,
                    c.text,
                    off,
                    &format!("unknown matching strategy `{name}`"),
                    Some(help),
                ));
            }
        }
    }
    let strategies = if spec.matching.strategies.is_empty() { Strategies::all() } else { Strategies(strategies) };
    // Shared vocabulary files first, then the pipeline's own lists (later entries win).
    let (mut abbreviations, mut synonyms) = (Vec::new(), Vec::new());
    for f in &spec.matching.vocabulary_files {
        match super::dict::read_vocabulary_file(root, f) {
            Ok(v) => {
                abbreviations.extend(v.abbreviations);
                synonyms.extend(v.synonyms);
            }
            Err(e) => {
                let off = crate::config::diag::find_value_offset(c.text, "vocabulary_files", f);
                c.errors.push(located_error(c.path, c.text, off, &e, None));
            }
        }
    }
    abbreviations.extend(spec.matching.abbreviations.iter().map(|(a, b)| (a.clone(), b.clone())));
    synonyms.extend(spec.matching.synonyms.iter().cloned());
    let vocab = Vocabulary::new(&abbreviations, &synonyms);
    let tagger = match Tagger::new(spec.pii.builtin.unwrap_or(true), &spec.pii.patterns) {
        Ok(t) => t,
        Err(e) => {
            c.errors.push(located_error(c.path, c.text, c.text.find("[pii]"), &e.message, None));
            Tagger::builtin()
        }
    };
    let rules = Rules {
        tables,
        columns,
        renames,
        rename_file,
        select,
        infer: spec.matching.infer.unwrap_or(true),
        combine: spec.matching.combine.unwrap_or(true),
        strategies,
        vocab,
        tagger,
    };
    (rules, c.errors)
}
