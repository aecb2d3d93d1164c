//! SQL generation per dialect: quoting, types, expressions and masks.
//!
//! Templates decide the *shape* of a load script (`INSERT … SELECT …` per
//! table, transactions, comments); everything that must be exactly right for
//! one engine — identifier and literal quoting, type names, functions, masks —
//! lives here so that hostile names and values can never break a script and
//! the three dialects stay comparable side by side.

pub mod expr;
pub mod mask;
mod sha256;
pub mod types;

use crate::error::{Class, Error, Result};
use crate::mapping::{Literal, TableRef};

/// The SQL dialects load scripts and dbt models are generated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

impl Dialect {
    /// Parse a dialect name as templates spell it (`postgres`, `mysql`, `sqlite`).
    pub fn parse(name: &str) -> Result<Dialect> {
        match name {
            "postgres" | "postgresql" => Ok(Dialect::Postgres),
            "mysql" | "mariadb" => Ok(Dialect::Mysql),
            "sqlite" => Ok(Dialect::Sqlite),
            other => Err(template_error(format!("unknown SQL dialect `{other}`"))
                .with_hint("use one of `postgres`, `mysql`, `sqlite`")),
        }
    }

    /// Dialect for an engine of the Mapping (snapshots fall back to PostgreSQL).
    pub fn for_engine(engine: crate::catalog::Engine) -> Dialect {
        match engine {
            crate::catalog::Engine::Mysql => Dialect::Mysql,
            crate::catalog::Engine::Sqlite => Dialect::Sqlite,
            crate::catalog::Engine::Postgres | crate::catalog::Engine::Snapshot => Dialect::Postgres,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }
}

pub(crate) fn template_error(message: impl Into<String>) -> Error {
    Error::new(Class::Template, message)
}

/// Quote an identifier: `"x"` (PostgreSQL, SQLite) or `` `x` `` (MySQL), doubling
/// the quote character inside. NUL cannot be represented in any engine and is refused.
pub fn quote_ident(name: &str, d: Dialect) -> Result<String> {
    if name.contains('\0') {
        return Err(template_error(format!("identifier {name:?} contains a NUL character")));
    }
    if name.is_empty() {
        return Err(template_error("empty identifier"));
    }
    let q = match d {
        Dialect::Mysql => '`',
        Dialect::Postgres | Dialect::Sqlite => '"',
    };
    let mut out = String::with_capacity(name.len() + 2);
    out.push(q);
    for c in name.chars() {
        if c == q {
            out.push(q);
        }
        out.push(c);
    }
    out.push(q);
    Ok(out)
}

/// `schema.table`, both parts quoted. `schema` replaces the reference's schema when given
/// (SQLite: the attach name of a source database).
pub fn quote_table(t: &TableRef, schema: Option<&str>, d: Dialect) -> Result<String> {
    let schema = schema.unwrap_or(&t.schema);
    if schema.is_empty() {
        return quote_ident(&t.name, d);
    }
    Ok(format!("{}.{}", quote_ident(schema, d)?, quote_ident(&t.name, d)?))
}

/// A string literal. PostgreSQL (standard_conforming_strings, the default since 9.1) and
/// SQLite only need `'` doubled. MySQL treats `\` as an escape unless NO_BACKSLASH_ESCAPES
/// is set, so strings containing a backslash are written as a hex literal with a charset
/// introducer, which reads the same in every SQL mode.
pub fn quote_str(s: &str, d: Dialect) -> Result<String> {
    if s.contains('\0') && d != Dialect::Mysql {
        return Err(template_error(format!("text literal {s:?} contains a NUL character")));
    }
    if d == Dialect::Mysql && (s.contains('\\') || s.contains('\0')) {
        return Ok(format!("_utf8mb4 X'{}'", hex::encode_upper(s.as_bytes())));
    }
    Ok(format!("'{}'", s.replace('\'', "''")))
}

/// Any literal of the portable language.
pub fn quote_literal(l: &Literal, d: Dialect) -> Result<String> {
    Ok(match l {
        Literal::Null(()) => "NULL".into(),
        Literal::Bool(b) => match (d, b) {
            (Dialect::Sqlite, true) => "1".into(),
            (Dialect::Sqlite, false) => "0".into(),
            (_, true) => "TRUE".into(),
            (_, false) => "FALSE".into(),
        },
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => float_literal(*f)?,
        Literal::Text(s) => quote_str(s, d)?,
    })
}

fn float_literal(f: f64) -> Result<String> {
    if !f.is_finite() {
        return Err(template_error(format!("{f} cannot be written as an SQL literal")));
    }
    // `{:?}` always keeps a `.` or exponent, so the engine reads a non-integer number.
    Ok(format!("{f:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_double_their_quote_character() {
        assert_eq!(quote_ident(r#"we"ird`; name"#, Dialect::Postgres).unwrap(), r#""we""ird`; name""#);
        assert_eq!(quote_ident(r#"we"ird`; name"#, Dialect::Mysql).unwrap(), r#"`we"ird``; name`"#);
        assert!(quote_ident("a\0b", Dialect::Sqlite).is_err());
    }

    #[test]
    fn mysql_backslashes_become_hex_literals() {
        assert_eq!(quote_str(r"a\'b", Dialect::Mysql).unwrap(), "_utf8mb4 X'615C2762'");
        assert_eq!(quote_str("it's", Dialect::Mysql).unwrap(), "'it''s'");
        assert_eq!(quote_str(r"a\b", Dialect::Postgres).unwrap(), r"'a\b'");
    }

    #[test]
    fn literals_per_dialect() {
        assert_eq!(quote_literal(&Literal::Bool(true), Dialect::Sqlite).unwrap(), "1");
        assert_eq!(quote_literal(&Literal::Float(1.0), Dialect::Postgres).unwrap(), "1.0");
        assert!(quote_literal(&Literal::Float(f64::NAN), Dialect::Postgres).is_err());
    }
}
