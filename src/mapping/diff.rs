//! Mapping-level diff: what changed between two generated mappings, in terms a
//! reviewer reads — target tables and columns added, removed or changed (source
//! expression, transform, status, type verdict, masking) — not a JSON diff.
//!
//! Used by `plan` (against the latest version or `--base`) and `diff A B`.

use super::model::{ColumnMapping, Mapping, TableMapping};
use crate::render::text::{md_cell, transform_text};
use serde::Serialize;
use std::collections::BTreeMap;

/// Kind of change of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    fn sign(self) -> &'static str {
        match self {
            ChangeKind::Added => "+",
            ChangeKind::Removed => "-",
            ChangeKind::Changed => "~",
        }
    }
}

/// The reviewable facts of one column mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnView {
    /// Transform as text, e.g. `upper(c.email) → mask hash_sha256`.
    pub transform: String,
    pub status: String,
    pub method: String,
    pub verdict: String,
    pub pii: Vec<String>,
}

impl ColumnView {
    fn of(c: &ColumnMapping) -> ColumnView {
        ColumnView {
            transform: transform_text(c),
            status: enum_text(&c.status),
            method: enum_text(&c.method),
            verdict: enum_text(&c.type_verdict.verdict),
            pii: c.pii.clone(),
        }
    }
}

fn enum_text<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// One changed column: `target_table.column`, with the before/after views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnChange {
    pub kind: ChangeKind,
    pub table: String,
    pub column: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<ColumnView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<ColumnView>,
    /// Which facts changed (`transform`, `status`, `method`, `verdict`, `pii`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// One added/removed target table, or one whose sources changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableChange {
    pub kind: ChangeKind,
    pub table: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_sources: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_sources: Option<String>,
}

/// Everything that differs between two mappings (empty when equal in reviewable terms).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct MappingDiff {
    /// True when there was no previous mapping: everything is new.
    pub first: bool,
    pub tables: Vec<TableChange>,
    pub columns: Vec<ColumnChange>,
    /// Policy messages that appeared (`+ deny …`) or disappeared (`- warn …`).
    pub policy: Vec<String>,
}

/// A Markdown code span that survives any identifier (backticks and pipes cannot break the table).
fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'").replace('|', "\\|"))
}

/// Text safe inside HTML (`<summary>`).
fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn sources_text(t: &TableMapping) -> String {
    t.sources.iter().map(|s| format!("{} {}", s.table, s.alias)).collect::<Vec<_>>().join(", ")
}

fn column_key(c: &ColumnMapping) -> String {
    match &c.branch {
        Some(b) => format!("{} [{b}]", c.target.name),
        None => c.target.name.clone(),
    }
}

fn policy_lines(m: &Mapping) -> Vec<String> {
    let mut v: Vec<String> = m
        .policy
        .deny
        .iter()
        .map(|d| format!("deny {}: {}", d.policy, d.message))
        .chain(m.policy.warn.iter().map(|w| format!("warn {}: {}", w.policy, w.message)))
        .collect();
    v.sort();
    v
}

/// Diff `old` (None: nothing exported yet) against `new`.
pub fn diff_mappings(old: Option<&Mapping>, new: &Mapping) -> MappingDiff {
    let empty = Mapping { tables: Vec::new(), policy: Default::default(), ..new.clone() };
    let first = old.is_none();
    let old = old.unwrap_or(&empty);
    let index = |m: &Mapping| -> BTreeMap<String, TableMapping> {
        m.tables.iter().map(|t| (t.target.to_string(), t.clone())).collect()
    };
    let (a, b) = (index(old), index(new));
    let mut diff = MappingDiff { first, ..Default::default() };
    let names: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for name in names {
        let (ta, tb) = (a.get(name), b.get(name));
        match (ta, tb) {
            (None, Some(t)) => {
                diff.tables.push(TableChange {
                    kind: ChangeKind::Added,
                    table: name.clone(),
                    before_sources: None,
                    after_sources: Some(sources_text(t)),
                });
            }
            (Some(t), None) => {
                diff.tables.push(TableChange {
                    kind: ChangeKind::Removed,
                    table: name.clone(),
                    before_sources: Some(sources_text(t)),
                    after_sources: None,
                });
            }
            (Some(x), Some(y)) if sources_text(x) != sources_text(y) => {
                diff.tables.push(TableChange {
                    kind: ChangeKind::Changed,
                    table: name.clone(),
                    before_sources: Some(sources_text(x)),
                    after_sources: Some(sources_text(y)),
                });
            }
            _ => {}
        }
        let cols = |t: Option<&TableMapping>| -> BTreeMap<String, ColumnView> {
            t.map(|t| t.columns.iter().map(|c| (column_key(c), ColumnView::of(c))).collect()).unwrap_or_default()
        };
        let (ca, cb) = (cols(ta), cols(tb));
        let keys: std::collections::BTreeSet<&String> = ca.keys().chain(cb.keys()).collect();
        for k in keys {
            let (va, vb) = (ca.get(k), cb.get(k));
            let kind = match (va, vb) {
                (None, Some(_)) => ChangeKind::Added,
                (Some(_), None) => ChangeKind::Removed,
                (Some(x), Some(y)) if x != y => ChangeKind::Changed,
                _ => continue,
            };
            let mut fields = Vec::new();
            if let (Some(x), Some(y)) = (va, vb) {
                for (f, same) in [
                    ("transform", x.transform == y.transform),
                    ("status", x.status == y.status),
                    ("method", x.method == y.method),
                    ("verdict", x.verdict == y.verdict),
                    ("pii", x.pii == y.pii),
                ] {
                    if !same {
                        fields.push(f.to_string());
                    }
                }
            }
            diff.columns.push(ColumnChange {
                kind,
                table: name.clone(),
                column: k.clone(),
                before: va.cloned(),
                after: vb.cloned(),
                fields,
            });
        }
    }
    let (pa, pb) = (policy_lines(old), policy_lines(new));
    diff.policy.extend(pb.iter().filter(|l| !pa.contains(l)).map(|l| format!("+ {l}")));
    diff.policy.extend(pa.iter().filter(|l| !pb.contains(l)).map(|l| format!("- {l}")));
    diff
}

impl MappingDiff {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.columns.is_empty() && self.policy.is_empty()
    }

    /// Counts of added / removed / changed column mappings.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |k| self.columns.iter().filter(|c| c.kind == k).count();
        (n(ChangeKind::Added), n(ChangeKind::Removed), n(ChangeKind::Changed))
    }

    /// One line per change, indented for terminal output.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return "  no mapping changes\n".into();
        }
        let (a, r, c) = self.counts();
        let mut out = format!("  {a} column mapping(s) added, {r} removed, {c} changed\n");
        for t in &self.tables {
            let detail = match (&t.before_sources, &t.after_sources) {
                (Some(b), Some(a)) => format!("sources {b} → {a}"),
                (None, Some(a)) => format!("from {a}"),
                (Some(b), None) => format!("was from {b}"),
                (None, None) => String::new(),
            };
            out.push_str(&format!("  {} table {}  {detail}\n", t.kind.sign(), t.table));
        }
        for col in &self.columns {
            let what = match (&col.before, &col.after) {
                (Some(b), Some(a)) => {
                    let mut parts = Vec::new();
                    for f in &col.fields {
                        let (x, y) = match f.as_str() {
                            "transform" => (b.transform.clone(), a.transform.clone()),
                            "status" => (b.status.clone(), a.status.clone()),
                            "method" => (b.method.clone(), a.method.clone()),
                            "verdict" => (b.verdict.clone(), a.verdict.clone()),
                            _ => (b.pii.join(","), a.pii.join(",")),
                        };
                        parts.push(format!("{f} was `{x}`, now `{y}`"));
                    }
                    parts.join("; ")
                }
                (None, Some(a)) => format!("{} ({})", a.transform, a.status),
                (Some(b), None) => format!("{} ({})", b.transform, b.status),
                (None, None) => String::new(),
            };
            out.push_str(&format!("  {} {}.{}  {what}\n", col.kind.sign(), col.table, col.column));
        }
        for p in &self.policy {
            out.push_str(&format!("  {p}\n"));
        }
        out
    }

    /// A Markdown table of the changes (sized for a PR comment: long lists are folded).
    pub fn to_markdown(&self) -> String {
        if self.is_empty() {
            return "No mapping changes.\n\n".into();
        }
        let (a, r, c) = self.counts();
        let mut out = format!("**{a}** column mapping(s) added, **{r}** removed, **{c}** changed\n\n");
        for t in &self.tables {
            let verb = match t.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "sources changed",
            };
            out.push_str(&format!("- table {} {verb}\n", code(&t.table)));
        }
        if !self.tables.is_empty() {
            out.push('\n');
        }
        // One collapsible block per target table keeps the comment short enough to post.
        let mut by_table: BTreeMap<&str, Vec<&ColumnChange>> = BTreeMap::new();
        for col in &self.columns {
            by_table.entry(col.table.as_str()).or_default().push(col);
        }
        for (table, cols) in by_table {
            let n = |k| cols.iter().filter(|c| c.kind == k).count();
            out.push_str(&format!(
                "<details><summary><code>{}</code>: +{} −{} ~{}</summary>\n\n",
                html(table),
                n(ChangeKind::Added),
                n(ChangeKind::Removed),
                n(ChangeKind::Changed)
            ));
            out.push_str("| | column | before | after |\n|---|---|---|---|\n");
            for col in cols {
                let view = |v: &Option<ColumnView>| {
                    v.as_ref().map(|v| md_cell(&format!("{} ({})", v.transform, v.status))).unwrap_or_default()
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    col.kind.sign(),
                    code(&col.column),
                    view(&col.before),
                    view(&col.after)
                ));
            }
            out.push_str("\n</details>\n\n");
        }
        for p in &self.policy {
            out.push_str(&format!("- policy {}\n", md_cell(p)));
        }
        if !self.policy.is_empty() {
            out.push('\n');
        }
        out
    }
}
