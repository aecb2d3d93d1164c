//! Escaping for the non-SQL output formats: CSV, Markdown, Mermaid, YAML, dbt Jinja.
//!
//! Names come from databases we do not control; each helper makes sure a hostile
//! name stays *data* in its format (a CSV field, a table cell, a diagram label).

use crate::mapping::{ColumnMapping, Expr, Literal, Mask, Step, TableMapping, Value};
use sha2::{Digest, Sha256};

/// One CSV record (no terminator) with the csv crate's quoting rules. Fields that a
/// spreadsheet would evaluate as a formula (`= + - @`, tab, CR at the start) get a
/// leading `'` (OWASP CSV-injection advice); [`csv_unescape`] reverses it.
pub fn csv_row(fields: &[String]) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let safe: Vec<String> = fields.iter().map(|f| csv_neutralize(f)).collect();
    w.write_record(&safe).map_err(|e| format!("csv: {e}"))?;
    let mut bytes = w.into_inner().map_err(|e| format!("csv: {e}"))?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    String::from_utf8(bytes).map_err(|e| format!("csv: {e}"))
}

fn csv_neutralize(f: &str) -> String {
    match f.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{f}"),
        // A field that already starts with `'` gets one more, so unescaping is exact.
        Some('\'') => format!("'{f}"),
        _ => f.to_string(),
    }
}

/// Inverse of the formula neutralization in [`csv_row`] (for readers of the CSV).
pub fn csv_unescape(f: &str) -> &str {
    f.strip_prefix('\'').unwrap_or(f)
}

/// A GitHub-flavoured Markdown table cell: pipes, backslashes, HTML and line breaks escaped.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Mermaid node id: `n_` + ASCII-safe name + short digest (unique per input).
pub fn mermaid_id(s: &str) -> String {
    let safe: String = s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).take(40).collect();
    let digest = hex::encode(Sha256::digest(s.as_bytes()));
    format!("n_{safe}_{}", &digest[..8])
}

/// A quoted Mermaid label. Mermaid has no backslash escapes inside `"…"`; it uses
/// entity codes (`#quot;`, `#35;`), so every character that could end the label,
/// start a comment or be read as markup is written as an entity.
pub fn mermaid_label(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '%' => out.push_str("#37;"),
            '`' => out.push_str("#96;"),
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text safe inside an SQL `--` comment (a line break would end the comment).
pub fn sql_comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A YAML scalar: a JSON string is a valid YAML double-quoted scalar.
pub fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// dbt's `{{ source('<source>', '<table>') }}`, emitted literally (not evaluated by us),
/// with both names escaped as Jinja string literals.
pub fn dbt_source(source: &str, table: &str) -> String {
    let q = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
    format!("{{{{ source({}, {}) }}}}", q(source), q(table))
}

/// File-name-safe form of a table name (for per-table output files).
pub fn file_safe(s: &str) -> String {
    let out: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    if out.is_empty() { "_".into() } else { out }
}

/// A source column a target column reads (for spec rows).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceColumn {
    pub schema: String,
    pub table: String,
    pub column: String,
    /// Raw type when known (direct column values; empty for columns inside expressions).
    pub raw_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
}

/// The source columns a row reads: the column of a column value, or every column an
/// expression references (in order of appearance, without repeats).
pub fn source_columns(t: &TableMapping, c: &ColumnMapping) -> Vec<SourceColumn> {
    let table_of = |alias: &str| t.sources.iter().find(|s| s.alias == alias).map(|s| s.table.clone());
    let mut out: Vec<SourceColumn> = Vec::new();
    let mut push = |alias: &str, column: &str, raw_type: String, nullable: Option<bool>| {
        let (schema, table) = table_of(alias).map(|r| (r.schema, r.name)).unwrap_or((String::new(), alias.to_string()));
        if !out.iter().any(|o| o.schema == schema && o.table == table && o.column == column) {
            out.push(SourceColumn { schema, table, column: column.to_string(), raw_type, nullable });
        }
    };
    match &c.value {
        Value::Column { alias, source } => push(alias, &source.name, source.raw_type.clone(), Some(source.nullable)),
        Value::Expression { expr, .. } => {
            let mut stack = vec![expr];
            let mut refs = Vec::new();
            while let Some(e) = stack.pop() {
                match e {
                    Expr::Column { alias, name } => refs.push((alias.clone(), name.clone())),
                    Expr::Literal { .. } => {}
                    Expr::Call { args, .. } => stack.extend(args.iter().rev()),
                    Expr::Binary { left, right, .. } => {
                        stack.push(right);
                        stack.push(left);
                    }
                    Expr::Not { expr } | Expr::IsNull { expr, .. } => stack.push(expr),
                }
            }
            for (alias, name) in refs {
                push(&alias, &name, String::new(), None);
            }
        }
        Value::Constant { .. } | Value::None => {}
    }
    out
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::Null(()) => "NULL".into(),
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => f.to_string(),
        Literal::Text(s) => format!("'{s}'"),
    }
}

fn mask_text(m: &Mask) -> String {
    match m {
        Mask::Hash { .. } => "hash (sha256, salted)".into(),
        Mask::DigitsMask { keep_last: Some(n) } => format!("digits_mask (keep last {n})"),
        Mask::DigitsMask { keep_last: None } => "digits_mask".into(),
        Mask::DigitsRandomize { .. } => "digits_randomize (seeded)".into(),
        Mask::Redact { text } => format!("redact ('{text}')"),
        Mask::Partial { keep_last } => format!("partial (keep last {keep_last})"),
        Mask::Fake { format, .. } => {
            format!("fake {}", serde_json::to_string(format).unwrap_or_default().trim_matches('"'))
        }
        Mask::Null => "null".into(),
    }
}

/// A readable one-line transform: the value, then each step (`→`). Salts and seeds are
/// never shown.
pub fn transform_text(c: &ColumnMapping) -> String {
    let mut parts = vec![match &c.value {
        Value::Column { alias, source } => format!("{alias}.{}", source.name),
        Value::Constant { literal } => format!("constant {}", literal_text(literal)),
        Value::Expression { text, .. } => text.clone(),
        Value::None => "(no value)".into(),
    }];
    for s in &c.steps {
        parts.push(match s {
            Step::Cast { to, lossy } => {
                let t = super::sql::types::sql_type(to, super::sql::Dialect::Postgres).unwrap_or_else(|_| "?".into());
                format!("cast {}{}", t.to_lowercase(), if *lossy { " (lossy)" } else { "" })
            }
            Step::Default { literal } => format!("default {}", literal_text(literal)),
            Step::Mask { mask } => format!("mask {}", mask_text(mask)),
        });
    }
    parts.join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralizes_formulas() {
        let row = csv_row(&["a,b".into(), "say \"hi\"".into(), "=1+1".into(), "plain".into()]).unwrap();
        assert_eq!(row, "\"a,b\",\"say \"\"hi\"\"\",'=1+1,plain");
    }

    #[test]
    fn mermaid_labels_cannot_break_out() {
        assert_eq!(mermaid_label("a\"]-->x;%%"), "\"a#quot;]--#gt;x;#37;#37;\"");
        assert_eq!(mermaid_id("a b"), mermaid_id("a b"));
        assert_ne!(mermaid_id("a b"), mermaid_id("a_b"));
    }

    #[test]
    fn dbt_source_is_literal_jinja() {
        assert_eq!(dbt_source("shop", "it's"), r"{{ source('shop', 'it\'s') }}");
    }
}
