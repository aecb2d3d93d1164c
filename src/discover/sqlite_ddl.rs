//! The parts of SQLite's stored DDL that no pragma reports.
//!
//! SQLite keeps the original `CREATE TABLE` / `CREATE INDEX` text in
//! `sqlite_schema.sql`; generated-column expressions, `AUTOINCREMENT`,
//! `COLLATE`, check constraints, constraint names, index expressions and
//! partial-index predicates exist only there. This is a small tokenizer that
//! understands SQLite's quoting (`"x"`, `` `x` ``, `[x]`, `'s'`) and comments,
//! enough to pick those pieces out without evaluating anything.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Unquoted word or quoted identifier (value unquoted).
    Ident {
        quoted: bool,
    },
    Str,
    Open,
    Close,
    Comma,
    Other,
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    value: String,
    start: usize,
    end: usize,
}

impl Tok {
    fn is_kw(&self, kw: &str) -> bool {
        self.kind == (Kind::Ident { quoted: false }) && self.value.eq_ignore_ascii_case(kw)
    }
}

fn tokenize(sql: &str) -> Vec<Tok> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
            }
            b'"' | b'`' | b'\'' | b'[' => {
                let close = if c == b'[' { b']' } else { c };
                let mut value = String::new();
                i += 1;
                let mut seg = i;
                while i < b.len() {
                    if b[i] == close {
                        if close != b']' && b.get(i + 1) == Some(&close) {
                            value.push_str(&sql[seg..=i]);
                            i += 2;
                            seg = i;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                value.push_str(&sql[seg..i.min(b.len())]);
                i = (i + 1).min(b.len());
                let kind = if c == b'\'' { Kind::Str } else { Kind::Ident { quoted: true } };
                out.push(Tok { kind, value, start, end: i });
            }
            b'(' | b')' | b',' => {
                i += 1;
                let kind = match c {
                    b'(' => Kind::Open,
                    b')' => Kind::Close,
                    _ => Kind::Comma,
                };
                out.push(Tok { kind, value: (c as char).to_string(), start, end: i });
            }
            _ if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] >= 0x80) {
                    i += 1;
                }
                out.push(Tok { kind: Kind::Ident { quoted: false }, value: sql[start..i].to_string(), start, end: i });
            }
            _ => {
                i += 1;
                while i < b.len() && !sql.is_char_boundary(i) {
                    i += 1;
                }
                out.push(Tok { kind: Kind::Other, value: sql[start..i].to_string(), start, end: i });
            }
        }
    }
    out
}

/// Index of the `)` matching the `(` at `open`, or the last token.
fn matching(toks: &[Tok], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    toks.len().saturating_sub(1)
}

/// Split `toks[from..to]` at top-level commas.
fn split_commas(toks: &[Tok], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, from);
    for (i, t) in toks.iter().enumerate().take(to).skip(from) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth = depth.saturating_sub(1),
            Kind::Comma if depth == 0 => {
                parts.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < to {
        parts.push((start, to));
    }
    parts
}

fn text(sql: &str, toks: &[Tok], from: usize, to_inclusive: usize) -> String {
    sql[toks[from].start..toks[to_inclusive].end].trim().to_string()
}

/// Identifier list inside the parenthesis at `open` (e.g. `(a, "b c")`).
fn ident_list(toks: &[Tok], open: usize) -> Vec<String> {
    let close = matching(toks, open);
    split_commas(toks, open + 1, close).into_iter().filter_map(|(a, _)| toks.get(a).map(|t| t.value.clone())).collect()
}

/// What a column definition says beyond the pragmas.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnDdl {
    pub generated: Option<String>,
    pub autoincrement: bool,
    pub collation: Option<String>,
}

/// A named table constraint (`CONSTRAINT name PRIMARY KEY|UNIQUE|FOREIGN KEY (cols)`).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedKey {
    pub kind: &'static str,
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableDdl {
    /// Keyed by lowercase column name (SQLite names are case-insensitive).
    pub columns: BTreeMap<String, ColumnDdl>,
    /// `(name, expression)` in declaration order; unnamed checks have `None`.
    pub checks: Vec<(Option<String>, String)>,
    pub named_keys: Vec<NamedKey>,
    pub without_rowid: bool,
}

/// Parse a `CREATE TABLE` statement. Unknown shapes yield an empty result, never an error.
pub fn parse_table(sql: &str) -> TableDdl {
    let toks = tokenize(sql);
    let mut out = TableDdl::default();
    let Some(open) = toks.iter().position(|t| t.kind == Kind::Open) else { return out };
    // `CREATE TABLE x AS SELECT …` has no column list.
    if toks[..open].iter().any(|t| t.is_kw("AS")) {
        return out;
    }
    let close = matching(&toks, open);
    let tail = &toks[close + 1..];
    out.without_rowid = tail.windows(2).any(|w| w[0].is_kw("WITHOUT") && w[1].is_kw("ROWID"));
    for (a, b) in split_commas(&toks, open + 1, close) {
        parse_definition(sql, &toks, a, b, &mut out);
    }
    out
}

fn parse_definition(sql: &str, toks: &[Tok], a: usize, b: usize, out: &mut TableDdl) {
    let first = &toks[a];
    let table_constraint = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].iter().any(|k| first.is_kw(k));
    let mut col = ColumnDdl::default();
    let mut name: Option<String> = None;
    let mut i = if table_constraint { a } else { a + 1 };
    while i < b {
        let t = &toks[i];
        if t.kind == Kind::Open {
            i = matching(toks, i) + 1;
            continue;
        }
        if t.is_kw("CONSTRAINT") && i + 1 < b {
            name = Some(toks[i + 1].value.clone());
            i += 2;
            continue;
        }
        let next_open = (i + 1..b).find(|&j| toks[j].kind == Kind::Open);
        if t.is_kw("CHECK")
            && let Some(o) = next_open
        {
            let c = matching(toks, o);
            out.checks.push((name.take(), text(sql, toks, o + 1, c.saturating_sub(1).max(o + 1))));
            i = c + 1;
            continue;
        }
        if t.is_kw("AS")
            && !table_constraint
            && let Some(o) = next_open
        {
            let c = matching(toks, o);
            col.generated = Some(text(sql, toks, o + 1, c.saturating_sub(1).max(o + 1)));
            i = c + 1;
            continue;
        }
        if t.is_kw("AUTOINCREMENT") {
            col.autoincrement = true;
        } else if t.is_kw("COLLATE") && i + 1 < b {
            col.collation = Some(toks[i + 1].value.clone());
            i += 1;
        } else if table_constraint
            && let Some(kind) = key_kind(t)
            && let Some(o) = next_open
        {
            if let Some(n) = name.take() {
                out.named_keys.push(NamedKey { kind, name: n, columns: ident_list(toks, o) });
            }
            i = matching(toks, o) + 1;
            continue;
        } else if !table_constraint
            && let Some(kind) = key_kind(t)
            && let Some(n) = name.take()
        {
            out.named_keys.push(NamedKey { kind, name: n, columns: vec![first.value.clone()] });
        } else if key_kind(t).is_none() && !t.is_kw("NOT") && !t.is_kw("NULL") && !t.is_kw("KEY") {
            // Any other constraint clause consumes a pending name (e.g. CONSTRAINT x DEFAULT …).
            if ["DEFAULT", "GENERATED"].iter().any(|k| t.is_kw(k)) {
                name = None;
            }
        }
        i += 1;
    }
    if !table_constraint {
        out.columns.insert(first.value.to_lowercase(), col);
    }
}

fn key_kind(t: &Tok) -> Option<&'static str> {
    if t.is_kw("PRIMARY") {
        Some("primary")
    } else if t.is_kw("UNIQUE") {
        Some("unique")
    } else if t.is_kw("FOREIGN") || t.is_kw("REFERENCES") {
        Some("foreign")
    } else {
        None
    }
}

/// Key expressions (as written) and the partial predicate of a `CREATE INDEX` statement.
pub fn parse_index(sql: &str) -> (Vec<String>, Option<String>) {
    let toks = tokenize(sql);
    let Some(on) = toks.iter().position(|t| t.is_kw("ON")) else { return (Vec::new(), None) };
    let Some(open) = (on..toks.len()).find(|&i| toks[i].kind == Kind::Open) else { return (Vec::new(), None) };
    let close = matching(&toks, open);
    let cols = split_commas(&toks, open + 1, close).into_iter().map(|(a, b)| text(sql, &toks, a, b - 1)).collect();
    let predicate = toks[close + 1..]
        .iter()
        .position(|t| t.is_kw("WHERE"))
        .and_then(|p| toks.get(close + 2 + p).map(|t| sql[t.start..].trim().trim_end_matches(';').trim().to_string()));
    (cols, predicate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pieces_are_found_despite_hostile_quoting() {
        let t = parse_table(
            r#"CREATE TABLE "we""ird;t" (
                id INTEGER PRIMARY KEY AUTOINCREMENT, -- a comment with (parens
                [na,me] TEXT COLLATE NOCASE CONSTRAINT ck_name CHECK (length([na,me]) > 0),
                `total` REAL GENERATED ALWAYS AS (qty * 2.5) STORED,
                qty INT DEFAULT (1+1),
                CONSTRAINT uq_pair UNIQUE ("we""ird", qty),
                CHECK (qty >= 0 AND ')' <> '(')
            ) WITHOUT ROWID"#,
        );
        assert!(t.without_rowid);
        assert!(t.columns["id"].autoincrement);
        assert_eq!(t.columns["na,me"].collation.as_deref(), Some("NOCASE"));
        assert_eq!(t.columns["total"].generated.as_deref(), Some("qty * 2.5"));
        assert_eq!(t.columns["qty"], ColumnDdl::default());
        assert_eq!(
            t.checks,
            vec![(Some("ck_name".into()), "length([na,me]) > 0".into()), (None, "qty >= 0 AND ')' <> '('".into())]
        );
        assert_eq!(
            t.named_keys,
            vec![NamedKey { kind: "unique", name: "uq_pair".into(), columns: vec!["we\"ird".into(), "qty".into()] }]
        );
    }

    #[test]
    fn index_expressions_and_predicate() {
        let (cols, pred) = parse_index("CREATE UNIQUE INDEX ix ON \"t(1)\" (lower(email), \"a b\" DESC) WHERE x > 0;");
        assert_eq!(cols, vec!["lower(email)".to_string(), "\"a b\" DESC".to_string()]);
        assert_eq!(pred.as_deref(), Some("x > 0"));
    }
}
