//! `mapwright explain`: why a target column got its value — the decided row, the table pair,
//! and every source column inference weighed for it, with the evidence behind each score; or,
//! for a whole target table, how it was paired and which source tables fit it best.
//!
//! Nothing is written; the mapping is generated exactly as `plan` and `run` generate it.

use super::{Ctx, Format};
use crate::error::{Error, Result};
use crate::mapping::{Candidate, ColumnMapping, Explanation, Mapping, Method, TableCandidate, TableMapping};
use crate::render::text::{md_cell, transform_text};
use crate::run::{CatalogCache, catalogs, mapping_context};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pipeline (name or path).
    pub pipeline: String,
    /// The target column (`table.column`, `schema.table.column`) or a whole target table
    /// (`table`, `schema.table`).
    #[arg(value_name = "TABLE[.COLUMN]")]
    pub target: String,
    /// How many candidates to list (best first).
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The JSON report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub pipeline: String,
    pub table: String,
    /// Absent when a whole table is explained.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// How the target table was paired (absent when no source table feeds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_pair: Option<TablePair>,
    /// The decided rows (one per union branch).
    pub rows: Vec<ColumnMapping>,
    /// Source columns inference weighed, best first (empty when a rule decided the column).
    pub candidates: Vec<Candidate>,
    /// For a whole table, or a column of an unpaired table: the source tables whose columns fit
    /// it best.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub table_candidates: Vec<TableCandidate>,
}

#[derive(Debug, Serialize)]
pub struct TablePair {
    pub sources: Vec<String>,
    pub combine: crate::mapping::Combine,
    pub method: Method,
    pub confidence: f64,
    pub reason: String,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let p = ws.select(std::slice::from_ref(&args.pipeline))?[0];
    let (source, target) = catalogs(&ws, p, &CatalogCache::default()).await?;
    let (table, column) = resolve(&target, &args.target, &p.spec.target.datasource)?;
    let mctx = mapping_context(&ws, p, &source, &target)?;
    let (mapping, explanation) = crate::mapping::explain(&mctx, &table, column.as_deref())
        .map_err(|e| e.context(format!("pipeline {}", p.name())))?;
    let report = report(&mapping, explanation, &table, column.as_deref(), args.top);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
        Format::Markdown => print!("{}", report.to_markdown()),
        Format::Text => print!("{}", report.to_text()),
    }
    Ok(0)
}

/// The catalog's spelling of the target: a whole table (`table`, `schema.table`) or a column
/// (`table.column`, `schema.table.column`), case-insensitive; or an error naming what exists.
fn resolve(cat: &crate::catalog::Catalog, arg: &str, ds: &str) -> Result<(String, Option<String>)> {
    let tables: Vec<(String, &crate::catalog::Table)> =
        cat.tables().map(|(s, t)| (format!("{}.{}", s.name, t.name), t)).collect();
    let find = |name: &str| {
        tables
            .iter()
            .find(|(q, t)| t.name == name || q == name)
            .or_else(|| tables.iter().find(|(q, t)| t.name.eq_ignore_ascii_case(name) || q.eq_ignore_ascii_case(name)))
    };
    if let Some((_, t)) = find(arg) {
        return Ok((t.name.clone(), None));
    }
    let Some((table, column)) = arg.rsplit_once('.').filter(|(t, c)| !t.is_empty() && !c.is_empty()) else {
        return Err(unknown_table(arg, &tables, ds));
    };
    let Some((_, t)) = find(table) else {
        return Err(unknown_table(table, &tables, ds));
    };
    let col = t
        .columns
        .iter()
        .find(|c| c.name == column)
        .or_else(|| t.columns.iter().find(|c| c.name.eq_ignore_ascii_case(column)));
    match col {
        Some(c) => Ok((t.name.clone(), Some(c.name.clone()))),
        None => {
            let names = t.columns.iter().map(|c| c.name.as_str());
            let hint = match crate::config::diag::did_you_mean(column, names.clone()) {
                Some(b) => format!("did you mean `{b}`?"),
                None => format!("its columns: {}", names.collect::<Vec<_>>().join(", ")),
            };
            Err(Error::usage(format!("target table `{}` has no column `{column}`", t.name)).with_hint(hint))
        }
    }
}

fn unknown_table(name: &str, tables: &[(String, &crate::catalog::Table)], ds: &str) -> Error {
    let hint = match crate::config::diag::did_you_mean(name, tables.iter().map(|(_, t)| t.name.as_str())) {
        Some(b) => format!("did you mean `{b}`? (name a column as `table.column`)"),
        None => format!("run `mapwright discover {ds}` to list its tables; name a column as `table.column`"),
    };
    Error::usage(format!("target datasource `{ds}` has no table `{name}` in the pipeline's scope")).with_hint(hint)
}

fn report(mapping: &Mapping, mut e: Explanation, table: &str, column: Option<&str>, top: usize) -> Report {
    let tm: Option<&TableMapping> = mapping.tables.iter().find(|t| t.target.name == table);
    e.candidates.truncate(top);
    Report {
        pipeline: mapping.pipeline.clone(),
        table: table.to_string(),
        column: column.map(str::to_string),
        table_pair: tm.map(|t| TablePair {
            sources: t.sources.iter().map(|s| format!("{} {}", s.alias, s.table)).collect(),
            combine: t.combine,
            method: t.method,
            confidence: t.confidence,
            reason: t.reason.clone(),
        }),
        rows: match (tm, column) {
            (Some(t), Some(c)) => t.columns.iter().filter(|r| r.target.name == c).cloned().collect(),
            (Some(t), None) => t.columns.clone(),
            (None, _) => Vec::new(),
        },
        candidates: e.candidates,
        table_candidates: e.table_candidates,
    }
}

fn method_name(m: Method) -> String {
    serde_json::to_string(&m).unwrap_or_default().trim_matches('"').to_string()
}

fn status_name(c: &ColumnMapping) -> String {
    serde_json::to_string(&c.status).unwrap_or_default().trim_matches('"').replace('_', " ")
}

/// Whether inference chose among the candidates (a rule, rename or lock decides without them).
fn inferred(rows: &[ColumnMapping]) -> bool {
    rows.iter().any(|r| {
        !matches!(r.method, Method::Rule | Method::Locked | Method::RenameFile | Method::Pattern)
            || matches!(r.value, crate::mapping::Value::None)
    })
}

impl Report {
    fn assigned(&self, c: &Candidate) -> String {
        match &c.assigned_to {
            Some(t) if Some(t) == self.column.as_ref() => "this column".into(),
            Some(t) => t.clone(),
            None => "-".into(),
        }
    }

    /// `table.column`, or `table` for a whole table.
    fn subject(&self) -> String {
        match &self.column {
            Some(c) => format!("{}.{c}", self.table),
            None => self.table.clone(),
        }
    }

    pub fn to_text(&self) -> String {
        let mut out = format!("{}: {}\n", self.pipeline, self.subject());
        match &self.table_pair {
            Some(tp) => out.push_str(&format!(
                "  table pair:  {} ← {} ({}, {:.2}: {})\n",
                self.table,
                tp.sources.join(" + "),
                method_name(tp.method),
                tp.confidence,
                tp.reason
            )),
            None => out.push_str(&format!("  table pair:  none — no source table is paired with `{}`\n", self.table)),
        }
        if self.column.is_none() {
            // A whole table: one line per row, then the source tables that fit it.
            let w = self.rows.iter().map(|r| r.target.name.len()).max().unwrap_or(0);
            for r in &self.rows {
                let branch = r.branch.as_deref().map(|b| format!(" [{b}]")).unwrap_or_default();
                out.push_str(&format!(
                    "    {:<w$}{branch} ← {}  ({}, {:.2}, {})\n",
                    r.target.name,
                    transform_text(r),
                    method_name(r.method),
                    r.confidence,
                    status_name(r)
                ));
            }
            self.push_table_candidates(&mut out, "source tables whose columns fit it best:");
            return out;
        }
        for r in &self.rows {
            let label = format!("value{}:", r.branch.as_deref().map(|b| format!(" [{b}]")).unwrap_or_default());
            out.push_str(&format!(
                "  {label:<13}{}  ({}, {:.2}, {})\n  reason:      {}\n",
                transform_text(r),
                method_name(r.method),
                r.confidence,
                status_name(r),
                r.reason
            ));
        }
        if !self.rows.is_empty() && !inferred(&self.rows) {
            out.push_str("  decided by the pipeline's rules: inference did not weigh candidates for it\n");
        } else if !self.candidates.is_empty() {
            out.push_str("\n  candidates inference weighed (score before the table pair's discount):\n");
            let w = self.candidates.iter().map(|c| c.alias.len() + c.source.len() + 1).max().unwrap_or(0);
            for c in &self.candidates {
                out.push_str(&format!(
                    "    {:.3}{}  {:<12} {:<w$}  → {:<14} {}\n",
                    c.score,
                    if c.doubtful { "?" } else { " " },
                    method_name(c.method),
                    format!("{} {}", c.alias, c.source),
                    self.assigned(c),
                    c.reason
                ));
            }
            if self.candidates.iter().any(|c| c.doubtful) {
                out.push_str("    (? = discounted by a structure check)\n");
            }
        } else if self.table_pair.is_some() {
            out.push_str("  no source column has evidence for it (or every candidate went to a rule first)\n");
        }
        self.push_table_candidates(
            &mut out,
            "source tables whose columns fit it best (pair one with a [[tables]] rule):",
        );
        out
    }

    fn push_table_candidates(&self, out: &mut String, title: &str) {
        if self.table_candidates.is_empty() {
            return;
        }
        out.push_str(&format!("\n  {title}\n"));
        for t in &self.table_candidates {
            out.push_str(&format!(
                "    {:<30} {} column(s), mean confidence {:.2}\n",
                t.source, t.columns_matched, t.mean_confidence
            ));
        }
    }

    pub fn to_markdown(&self) -> String {
        let mut out = format!("### `{}` ({})\n\n", self.subject(), self.pipeline);
        if let Some(tp) = &self.table_pair {
            out.push_str(&format!(
                "Table pair: `{}` ← {} — {}, {:.2}: {}\n\n",
                self.table,
                tp.sources.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" + "),
                method_name(tp.method),
                tp.confidence,
                md_cell(&tp.reason)
            ));
        } else {
            out.push_str("No source table is paired with this table.\n\n");
        }
        if self.column.is_none() && !self.rows.is_empty() {
            out.push_str("| column | value | method | confidence | status |\n| --- | --- | --- | ---: | --- |\n");
            for r in &self.rows {
                out.push_str(&format!(
                    "| `{}` | `{}` | {} | {:.2} | {} |\n",
                    r.target.name,
                    transform_text(r),
                    method_name(r.method),
                    r.confidence,
                    status_name(r)
                ));
            }
            out.push('\n');
        }
        for r in self.rows.iter().filter(|_| self.column.is_some()) {
            out.push_str(&format!(
                "Value: `{}` — {}, {:.2}, {}: {}\n\n",
                transform_text(r),
                method_name(r.method),
                r.confidence,
                status_name(r),
                md_cell(&r.reason)
            ));
        }
        if !self.candidates.is_empty() && inferred(&self.rows) {
            out.push_str("| score | method | source | assigned to | reason |\n| ---: | --- | --- | --- | --- |\n");
            for c in &self.candidates {
                out.push_str(&format!(
                    "| {:.3}{} | {} | `{} {}` | {} | {} |\n",
                    c.score,
                    if c.doubtful { " (discounted)" } else { "" },
                    method_name(c.method),
                    c.alias,
                    c.source,
                    md_cell(&self.assigned(c)),
                    md_cell(&c.reason)
                ));
            }
        }
        if !self.table_candidates.is_empty() {
            out.push_str("\n| source table | columns | mean confidence |\n| --- | ---: | ---: |\n");
            for t in &self.table_candidates {
                out.push_str(&format!("| `{}` | {} | {:.2} |\n", t.source, t.columns_matched, t.mean_confidence));
            }
        }
        out
    }
}
