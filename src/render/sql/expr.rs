//! Portable expressions, column values and the per-table load plan as SQL.

use super::mask::mask_sql;
use super::types::cast;
use super::{Dialect, quote_ident, quote_literal, quote_table, template_error};
use crate::error::Result;
use crate::mapping::{ColumnMapping, Combine, Expr, Step, TableMapping, Value};
use serde::Serialize;

/// Render a portable expression. `alias_map` re-points column aliases (union branches).
pub fn expr_sql(e: &Expr, d: Dialect) -> Result<String> {
    expr_in(e, d, None)
}

fn expr_in(e: &Expr, d: Dialect, branch: Option<&str>) -> Result<String> {
    let r = |x: &Expr| expr_in(x, d, branch);
    Ok(match e {
        Expr::Column { alias, name } => column(branch.unwrap_or(alias), name, d)?,
        Expr::Literal { value } => quote_literal(value, d)?,
        Expr::Not { expr } => format!("(NOT {})", r(expr)?),
        Expr::IsNull { expr, negated } => {
            format!("({} IS {}NULL)", r(expr)?, if *negated { "NOT " } else { "" })
        }
        Expr::Binary { operator, left, right } => {
            let op = match operator.to_ascii_lowercase().as_str() {
                "+" | "-" | "*" | "/" | "=" | "<" | "<=" | ">" | ">=" => operator.clone(),
                "!=" | "<>" => "<>".into(),
                "and" => "AND".into(),
                "or" => "OR".into(),
                other => {
                    return Err(template_error(format!("unknown operator `{other}` in expression"))
                        .with_hint("portable operators: + - * / = != < <= > >= and or"));
                }
            };
            let (l, rr) = (r(left)?, r(right)?);
            if op == "/" {
                // Division is never integer division: `discount_pct / 100` must give 0.125 for
                // 12.5 and 0.1 for 10 on every engine. PostgreSQL and SQLite truncate when both
                // operands are integers (and SQLite stores a NUMERIC `10.00` as the integer 10),
                // so the dividend is made non-integer; MySQL's `/` already is.
                return Ok(match d {
                    Dialect::Postgres => format!("(CAST({l} AS NUMERIC) / {rr})"),
                    Dialect::Sqlite => format!("(CAST({l} AS REAL) / {rr})"),
                    Dialect::Mysql => format!("({l} / {rr})"),
                });
            }
            format!("({l} {op} {rr})")
        }
        Expr::Call { func, args } => {
            let a = args.iter().map(r).collect::<Result<Vec<_>>>()?;
            call(func, &a, d)?
        }
    })
}

/// `alias.column`, both quoted.
pub fn column(alias: &str, name: &str, d: Dialect) -> Result<String> {
    Ok(format!("{}.{}", quote_ident(alias, d)?, quote_ident(name, d)?))
}

const FUNCS: &str = "concat, lower, upper, trim, ltrim, rtrim, replace, substr, length, coalesce, nullif, abs, round";

fn call(func: &str, a: &[String], d: Dialect) -> Result<String> {
    let arity = |ok: bool| -> Result<()> {
        if ok { Ok(()) } else { Err(template_error(format!("function `{func}` called with {} argument(s)", a.len()))) }
    };
    let f = func.to_ascii_lowercase();
    Ok(match f.as_str() {
        "concat" => {
            arity(!a.is_empty())?;
            match d {
                // NULL-propagating everywhere (PostgreSQL's concat() would skip NULLs).
                Dialect::Postgres => {
                    format!("({})", a.iter().map(|x| format!("CAST({x} AS TEXT)")).collect::<Vec<_>>().join(" || "))
                }
                Dialect::Mysql => format!("CONCAT({})", a.join(", ")),
                Dialect::Sqlite => format!("({})", a.join(" || ")),
            }
        }
        "lower" | "upper" | "trim" | "ltrim" | "rtrim" | "abs" => {
            arity(a.len() == 1)?;
            format!("{}({})", f.to_uppercase(), a[0])
        }
        "replace" => {
            arity(a.len() == 3)?;
            format!("REPLACE({})", a.join(", "))
        }
        "coalesce" => {
            arity(!a.is_empty())?;
            format!("COALESCE({})", a.join(", "))
        }
        "nullif" => {
            arity(a.len() == 2)?;
            format!("NULLIF({})", a.join(", "))
        }
        "round" => {
            arity(a.len() == 1 || a.len() == 2)?;
            format!("ROUND({})", a.join(", "))
        }
        "substr" => {
            arity(a.len() == 2 || a.len() == 3)?;
            let name = if d == Dialect::Mysql { "SUBSTRING" } else { "SUBSTR" };
            format!("{name}({})", a.join(", "))
        }
        "length" => {
            arity(a.len() == 1)?;
            match d {
                Dialect::Postgres | Dialect::Mysql => format!("CHAR_LENGTH({})", a[0]),
                Dialect::Sqlite => format!("LENGTH({})", a[0]),
            }
        }
        other => {
            return Err(template_error(format!("unknown function `{other}` in expression"))
                .with_hint(format!("portable functions: {FUNCS}")));
        }
    })
}

/// The full value expression of a column row: value, then its steps in order
/// (cast → default → mask as the mapping lists them).
pub fn value_sql(c: &ColumnMapping, d: Dialect) -> Result<String> {
    value_in(c, d, None)
}

fn value_in(c: &ColumnMapping, d: Dialect, branch: Option<&str>) -> Result<String> {
    let mut x = match &c.value {
        Value::Column { alias, source } => column(branch.unwrap_or(alias), &source.name, d)?,
        Value::Constant { literal } => quote_literal(literal, d)?,
        Value::Expression { expr, .. } => expr_in(expr, d, branch)?,
        Value::None => "NULL".into(),
    };
    for step in &c.steps {
        x = match step {
            Step::Cast { to, .. } => cast(&x, to, d)?,
            Step::Default { literal } => format!("COALESCE({x}, {})", quote_literal(literal, d)?),
            Step::Mask { mask } => mask_sql(&x, mask, d)?,
        };
    }
    Ok(x)
}

/// One `SELECT` of a load: a single source, a join, or one union branch.
#[derive(Debug, Clone, Serialize)]
pub struct Select {
    /// Value expressions aligned with [`LoadPlan::columns`].
    pub exprs: Vec<String>,
    /// Sources in order; the first is the `FROM`, the others are `LEFT JOIN`ed with `on`.
    pub sources: Vec<PlanSource>,
    /// Row filter (`WHERE`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanSource {
    /// The table reference (for templates that build their own relation, e.g. dbt `source()`).
    pub table: crate::mapping::TableRef,
    /// Quoted alias.
    pub alias: String,
    /// Quoted `schema.table` (schema replaced by the attach name when given).
    pub relation: String,
    /// Join condition for joined sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
}

/// What a template needs to write `INSERT INTO target (columns) SELECT … [UNION ALL SELECT …]`.
#[derive(Debug, Clone, Serialize)]
pub struct LoadPlan {
    /// Quoted target relation.
    pub target: String,
    /// Target column names (unquoted) in target ordinal order; columns without a value are
    /// left out so the target's default applies.
    pub columns: Vec<String>,
    /// Quoted target column names.
    pub quoted_columns: Vec<String>,
    /// One select, or one per union branch.
    pub selects: Vec<Select>,
}

/// Build the load plan of one table mapping. `source_schema` replaces the schema of every
/// source table (SQLite attach name); `None` keeps the Mapping's schemas.
pub fn load_plan(t: &TableMapping, d: Dialect, source_schema: Option<&str>) -> Result<LoadPlan> {
    let mut columns: Vec<&str> = Vec::new();
    for c in &t.columns {
        let has_value = !matches!(c.value, Value::None) || !c.steps.is_empty();
        if has_value && !columns.contains(&c.target.name.as_str()) {
            columns.push(&c.target.name);
        }
    }
    let source = |s: &crate::mapping::SourceTable, on: Option<String>| -> Result<PlanSource> {
        Ok(PlanSource {
            table: s.table.clone(),
            alias: quote_ident(&s.alias, d)?,
            relation: quote_table(&s.table, source_schema, d)?,
            on,
        })
    };
    let filter = |branch: Option<&str>| -> Result<Option<String>> {
        t.filter.as_ref().map(|f| expr_in(f, d, branch)).transpose()
    };
    let selects = if t.combine == Combine::Union {
        let mut out = Vec::new();
        for s in &t.sources {
            let b = Some(s.alias.as_str());
            let values = columns
                .iter()
                .map(|name| match t.columns.iter().find(|c| c.target.name == *name && c.branch.as_deref() == b) {
                    Some(c) => value_in(c, d, b),
                    None => Ok("NULL".to_string()),
                })
                .collect::<Result<Vec<_>>>()?;
            out.push(Select { exprs: values, sources: vec![source(s, None)?], filter: filter(b)? });
        }
        out
    } else {
        let values = columns
            .iter()
            .map(|name| match t.columns.iter().find(|c| c.target.name == *name) {
                Some(c) => value_sql(c, d),
                None => Ok("NULL".to_string()),
            })
            .collect::<Result<Vec<_>>>()?;
        let mut sources = Vec::new();
        for (i, s) in t.sources.iter().enumerate() {
            let on = if i == 0 || t.combine != Combine::Join {
                None
            } else if s.join_on.is_empty() {
                return Err(template_error(format!(
                    "table {}: joined source {} ({}) has no `join_on` keys",
                    t.target, s.table, s.alias
                )));
            } else {
                let conds = s
                    .join_on
                    .iter()
                    .map(|k| {
                        Ok(format!(
                            "{} = {}",
                            column(&k.left_alias, &k.left_column, d)?,
                            column(&s.alias, &k.right_column, d)?
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?;
                Some(conds.join(" AND "))
            };
            sources.push(source(s, on)?);
        }
        if t.combine == Combine::Single && sources.len() > 1 {
            return Err(template_error(format!(
                "table {}: {} sources but combine is `single`",
                t.target,
                sources.len()
            )));
        }
        vec![Select { exprs: values, sources, filter: filter(None)? }]
    };
    Ok(LoadPlan {
        target: quote_table(&t.target, None, d)?,
        quoted_columns: columns.iter().map(|c| quote_ident(c, d)).collect::<Result<_>>()?,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        selects,
    })
}
