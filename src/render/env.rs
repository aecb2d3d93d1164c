//! The minijinja environment templates run in: loader, syntax, and the filters and
//! functions documented in docs/templates.md.

use super::loader::Loader;
use super::sql::{self, Dialect};
use super::text;
use crate::catalog::LogicalType;
use crate::error::{Class, Error};
use crate::mapping::{ColumnMapping, Expr, Literal, Mapping, TableMapping, TableRef};
use minijinja::value::{Serde, Value as JValue};
use minijinja::{Environment, ErrorKind, UndefinedBehavior};

type JResult<T> = Result<T, minijinja::Error>;

fn jerr(e: Error) -> minijinja::Error {
    let msg = match e.hint {
        Some(h) => format!("{} ({h})", e.message),
        None => e.message,
    };
    minijinja::Error::new(ErrorKind::InvalidOperation, msg)
}

fn dialect(name: &str) -> JResult<Dialect> {
    Dialect::parse(name).map_err(jerr)
}

/// Literal from a template value (Mapping literals serialize as plain JSON values).
fn literal(v: &JValue) -> JResult<Literal> {
    use serde::Deserialize;
    if v.is_undefined() {
        return Err(minijinja::Error::new(ErrorKind::UndefinedError, "quote_literal of an undefined value"));
    }
    Literal::deserialize(v).map_err(|e| {
        minijinja::Error::new(ErrorKind::InvalidOperation, format!("not a literal (null, bool, number, text): {e}"))
    })
}

/// Build the environment for one render of the workspace at `loader`.
pub fn environment(loader: Loader) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_debug(true);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_loader(move |name| match loader.load(name) {
        Ok(Some(src)) => Ok(Some(src.text)),
        Ok(None) => Ok(None),
        Err(e) => Err(minijinja::Error::new(ErrorKind::InvalidOperation, e.message)),
    });
    register(&mut env);
    env
}

fn register(env: &mut Environment<'static>) {
    env.add_filter("quote_ident", |name: String, d: String| -> JResult<String> {
        sql::quote_ident(&name, dialect(&d)?).map_err(jerr)
    });
    env.add_filter("quote_literal", |v: JValue, d: String| -> JResult<String> {
        sql::quote_literal(&literal(&v)?, dialect(&d)?).map_err(jerr)
    });
    env.add_filter("sql_type", |t: Serde<LogicalType>, d: String| -> JResult<String> {
        sql::types::sql_type(&t.0, dialect(&d)?).map_err(jerr)
    });
    env.add_function("sql_table", |t: Serde<TableRef>, d: String, schema: Option<String>| -> JResult<String> {
        sql::quote_table(&t.0, schema.as_deref(), dialect(&d)?).map_err(jerr)
    });
    env.add_function("sql_value", |c: Serde<ColumnMapping>, d: String| -> JResult<String> {
        sql::expr::value_sql(&c.0, dialect(&d)?).map_err(jerr)
    });
    env.add_function("sql_expr", |e: Serde<Expr>, d: String| -> JResult<String> {
        sql::expr::expr_sql(&e.0, dialect(&d)?).map_err(jerr)
    });
    env.add_function(
        "load_plan",
        |t: Serde<TableMapping>, d: String, source_schema: Option<String>| -> JResult<JValue> {
            let plan = sql::expr::load_plan(&t.0, dialect(&d)?, source_schema.as_deref()).map_err(jerr)?;
            Ok(JValue::from(Serde(&plan)))
        },
    );
    env.add_function("csv_row", |fields: Vec<JValue>| -> JResult<String> {
        let fields: Vec<String> =
            fields.iter().map(|f| if f.is_none() { String::new() } else { f.to_string() }).collect();
        text::csv_row(&fields).map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, e))
    });
    env.add_function("transform", |c: Serde<ColumnMapping>| -> String { text::transform_text(&c.0) });
    env.add_function("dbt_source", |source: String, table: String| -> String { text::dbt_source(&source, &table) });
    env.add_function("dbt_sources", |m: Serde<Mapping>| -> JValue { JValue::from(Serde(super::dbt::sources(&m.0))) });
    env.add_function("dbt_source_name", |m: Serde<Mapping>, t: Serde<TableRef>| -> String {
        super::dbt::source_name(&m.0, &t.0)
    });
    env.add_function("source_columns", |t: Serde<TableMapping>, c: Serde<ColumnMapping>| -> JValue {
        JValue::from(Serde(text::source_columns(&t.0, &c.0)))
    });
    env.add_filter("sql_comment", |s: JValue| -> String { text::sql_comment(&s.to_string()) });
    env.add_filter("md_cell", |s: JValue| -> String { text::md_cell(&s.to_string()) });
    env.add_filter("mermaid_id", |s: String| -> String { text::mermaid_id(&s) });
    env.add_filter("mermaid_label", |s: String| -> String { text::mermaid_label(&s) });
    env.add_filter("yaml_str", |s: String| -> String { text::yaml_str(&s) });
    env.add_filter("dialect_for", |engine: String| -> JResult<String> {
        let e: crate::catalog::Engine = serde_json::from_value(serde_json::Value::String(engine.clone()))
            .map_err(|_| minijinja::Error::new(ErrorKind::InvalidOperation, format!("unknown engine `{engine}`")))?;
        Ok(Dialect::for_engine(e).as_str().to_string())
    });
}

/// A minijinja failure as a user-facing error naming the template file, line (and column
/// when known) and the failing expression (for undefined variables: the variable), followed
/// by the offending source line with a caret, like configuration errors.
pub fn template_failure(e: &minijinja::Error, loader: &Loader, fallback: &str) -> Error {
    let name = e.name().unwrap_or(fallback);
    let path = loader.display_path(name);
    let src = e.template_source();
    let located = match (src, e.range()) {
        (Some(src), Some(range)) if range.start <= src.len() => Some(crate::config::diag::line_col(src, range.start)),
        _ => None,
    };
    let mut msg = path.to_string();
    match (located, e.line()) {
        (Some((line, col)), _) => msg.push_str(&format!(":{line}:{col}")),
        (None, Some(line)) => msg.push_str(&format!(":{line}")),
        (None, None) => {}
    }
    let what = match e.kind() {
        ErrorKind::UndefinedError => "undefined variable or attribute",
        ErrorKind::SyntaxError => "syntax error",
        ErrorKind::TemplateNotFound => "template not found",
        ErrorKind::UnknownFilter => "unknown filter",
        ErrorKind::UnknownFunction => "unknown function",
        _ => "error",
    };
    msg.push_str(&format!(": {what}"));
    if let (Some(src), Some(range)) = (src, e.range())
        && let Some(expr) = src.get(range)
        && !expr.trim().is_empty()
    {
        msg.push_str(&format!(" in `{}`", expr.trim()));
    }
    if let Some(detail) = e.detail() {
        msg.push_str(&format!(": {detail}"));
    }
    let line_no = located.map(|(l, _)| l).or(e.line());
    if let (Some(src), Some(line)) = (src, line_no)
        && let Some(text) = src.lines().nth(line.saturating_sub(1))
    {
        msg.push_str(&format!("\n  {line:>4} | {text}"));
        if let Some((_, col)) = located {
            msg.push_str(&format!("\n       | {:>col$}", "^"));
        }
    }
    let mut err = Error::new(Class::Template, msg);
    err.hint = Some(match e.kind() {
        ErrorKind::UndefinedError => {
            "the template context is `mapping` (see docs/templates.md); optional fields may be absent — test them with `is defined`".into()
        }
        _ => "fix the template; docs/templates.md lists the context, filters and functions".into(),
    });
    err
}
