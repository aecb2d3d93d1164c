//! Logical types → DDL type names and casts per dialect.
//!
//! DDL names (`sql_type`) are what a `CREATE TABLE` would use. Casts differ:
//! MySQL's `CAST` accepts only a few target types, and SQLite's `CAST` only
//! changes affinity (so `CAST('2024-01-02' AS DATE)` yields `2024`), hence
//! dates go through `date()`/`datetime()` and text lengths are enforced with
//! an explicit, portable truncation.

use super::{Dialect, quote_str, template_error};
use crate::catalog::LogicalType;
use crate::error::Result;

/// DDL type for `t` in dialect `d`.
pub fn sql_type(t: &LogicalType, d: Dialect) -> Result<String> {
    use Dialect::*;
    use LogicalType as L;
    Ok(match (t, d) {
        (L::Boolean, _) => "BOOLEAN".into(),
        (L::Integer { bits, signed }, Postgres) => match (bits, signed) {
            (0..=16, true) => "SMALLINT".into(),
            (0..=16, false) | (17..=32, true) => "INTEGER".into(),
            (17..=32, false) | (33..=64, true) => "BIGINT".into(),
            _ => "NUMERIC(20)".into(),
        },
        (L::Integer { bits, signed }, Mysql) => {
            let base = match bits {
                0..=8 => "TINYINT",
                9..=16 => "SMALLINT",
                17..=24 => "MEDIUMINT",
                25..=32 => "INT",
                _ => "BIGINT",
            };
            if *signed { base.into() } else { format!("{base} UNSIGNED") }
        }
        (L::Integer { .. }, Sqlite) => "INTEGER".into(),
        (L::Decimal { precision, scale }, _) => {
            let base = if d == Mysql { "DECIMAL" } else { "NUMERIC" };
            match (precision, scale) {
                (Some(p), Some(s)) => format!("{base}({p},{s})"),
                (Some(p), None) => format!("{base}({p})"),
                _ if d == Mysql => "DECIMAL(65,30)".into(),
                _ => base.into(),
            }
        }
        (L::Float { bits }, Postgres) => if *bits <= 32 { "REAL" } else { "DOUBLE PRECISION" }.into(),
        (L::Float { bits }, Mysql) => if *bits <= 32 { "FLOAT" } else { "DOUBLE" }.into(),
        (L::Float { .. }, Sqlite) => "REAL".into(),
        (L::Char { length }, _) => sized("CHAR", *length, "TEXT"),
        (L::Varchar { length }, Mysql) => sized("VARCHAR", *length, "LONGTEXT"),
        (L::Varchar { length }, _) => sized("VARCHAR", *length, "TEXT"),
        (L::Text, Mysql) => "LONGTEXT".into(),
        (L::Text, _) => "TEXT".into(),
        (L::Date, _) => "DATE".into(),
        (L::Time { precision, tz }, Postgres) => with_tz(timed("TIME", *precision), *tz),
        (L::Time { precision, .. }, Mysql) => timed("TIME", *precision),
        (L::Time { .. }, Sqlite) => "TIME".into(),
        (L::Timestamp { precision, tz }, Postgres) => with_tz(timed("TIMESTAMP", *precision), *tz),
        (L::Timestamp { precision, .. }, Mysql) => timed("DATETIME", *precision),
        (L::Timestamp { .. }, Sqlite) => "TIMESTAMP".into(),
        (L::Interval, Postgres) => "INTERVAL".into(),
        (L::Interval, _) => "TEXT".into(),
        (L::Uuid, Postgres) => "UUID".into(),
        (L::Uuid, Mysql) => "CHAR(36)".into(),
        (L::Uuid, Sqlite) => "TEXT".into(),
        (L::Json, Postgres) => "JSONB".into(),
        (L::Json, Mysql) => "JSON".into(),
        (L::Json, Sqlite) => "TEXT".into(),
        (L::Binary { .. }, Postgres) => "BYTEA".into(),
        (L::Binary { length }, Mysql) => sized("VARBINARY", *length, "LONGBLOB"),
        (L::Binary { .. }, Sqlite) => "BLOB".into(),
        (L::Enum { labels }, Mysql) => format!("ENUM({})", labels_sql(labels, d)?),
        (L::Set { labels }, Mysql) => format!("SET({})", labels_sql(labels, d)?),
        (L::Enum { .. } | L::Set { .. }, _) => "TEXT".into(),
        (L::Array { element }, Postgres) => format!("{}[]", sql_type(element, d)?),
        (L::Array { .. }, Mysql) => "JSON".into(),
        (L::Array { .. }, Sqlite) => "TEXT".into(),
        (L::Other { name }, _) => other_type(name)?,
    })
}

fn sized(base: &str, length: Option<u32>, unbounded: &str) -> String {
    match length {
        Some(n) => format!("{base}({n})"),
        None => unbounded.into(),
    }
}

fn timed(base: &str, precision: Option<u8>) -> String {
    match precision {
        Some(p) => format!("{base}({p})"),
        None => base.into(),
    }
}

fn with_tz(base: String, tz: bool) -> String {
    if tz { format!("{base} WITH TIME ZONE") } else { base }
}

fn labels_sql(labels: &[String], d: Dialect) -> Result<String> {
    Ok(labels.iter().map(|l| quote_str(l, d)).collect::<Result<Vec<_>>>()?.join(","))
}

/// Engine-specific type names are passed through only when they look like a type name,
/// so a catalog cannot smuggle SQL into a script.
fn other_type(name: &str) -> Result<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re =
        RE.get_or_init(|| regex::Regex::new(r"^[A-Za-z_][A-Za-z0-9_ ]*(\([0-9, ]+\))?(\[\])?$").expect("static regex"));
    if re.is_match(name) {
        Ok(name.to_uppercase())
    } else {
        Err(template_error(format!("type `{name}` cannot be written as SQL")))
    }
}

/// `x` converted to logical type `t` in dialect `d`.
pub fn cast(x: &str, t: &LogicalType, d: Dialect) -> Result<String> {
    use Dialect::*;
    use LogicalType as L;
    Ok(match (t, d) {
        (L::Char { length: Some(_) } | L::Varchar { length: Some(_) }, Postgres) => {
            format!("CAST({x} AS {})", sql_type(t, d)?)
        }
        (L::Char { length: Some(n) } | L::Varchar { length: Some(n) }, Mysql) => {
            format!("LEFT(CAST({x} AS CHAR), {n})")
        }
        (L::Char { length: Some(n) } | L::Varchar { length: Some(n) }, Sqlite) => {
            format!("substr(CAST({x} AS TEXT), 1, {n})")
        }
        (L::Char { .. } | L::Varchar { .. } | L::Text | L::Enum { .. } | L::Set { .. }, _) => text(x, d),
        (L::Integer { signed, .. }, Mysql) => format!("CAST({x} AS {})", if *signed { "SIGNED" } else { "UNSIGNED" }),
        (L::Boolean, Mysql) => format!("(CAST({x} AS SIGNED) <> 0)"),
        (L::Boolean, Sqlite) => format!("CAST({x} AS INTEGER)"),
        (L::Decimal { .. }, Mysql) => format!("CAST({x} AS {})", sql_type(t, d)?),
        (L::Decimal { scale: Some(s), .. }, Sqlite) => format!("round(CAST({x} AS NUMERIC), {s})"),
        (L::Float { .. }, Mysql) => format!("CAST({x} AS DOUBLE)"),
        (L::Date, Mysql) => format!("CAST({x} AS DATE)"),
        (L::Date, Sqlite) => format!("date({x})"),
        (L::Time { .. }, Mysql) => format!("CAST({x} AS {})", sql_type(t, d)?),
        (L::Time { .. }, Sqlite) => format!("time({x})"),
        (L::Timestamp { .. }, Mysql) => format!("CAST({x} AS {})", sql_type(t, d)?),
        (L::Timestamp { .. }, Sqlite) => format!("datetime({x})"),
        (L::Uuid | L::Interval | L::Json | L::Array { .. }, Mysql | Sqlite) => text(x, d),
        (L::Binary { .. }, Mysql) => format!("CAST({x} AS BINARY)"),
        // Engine-specific types are not portable: the value is passed through unchanged.
        (L::Other { .. }, _) => x.to_string(),
        _ => format!("CAST({x} AS {})", sql_type(t, d)?),
    })
}

/// `x` as text (masks operate on text).
pub fn text(x: &str, d: Dialect) -> String {
    match d {
        Dialect::Postgres => format!("CAST({x} AS TEXT)"),
        Dialect::Mysql => format!("CAST({x} AS CHAR)"),
        Dialect::Sqlite => format!("CAST({x} AS TEXT)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddl_types() {
        let v = LogicalType::Varchar { length: Some(10) };
        assert_eq!(sql_type(&v, Dialect::Mysql).unwrap(), "VARCHAR(10)");
        let ts = LogicalType::Timestamp { precision: Some(3), tz: true };
        assert_eq!(sql_type(&ts, Dialect::Postgres).unwrap(), "TIMESTAMP(3) WITH TIME ZONE");
        let u = LogicalType::Integer { bits: 32, signed: false };
        assert_eq!(sql_type(&u, Dialect::Postgres).unwrap(), "BIGINT");
        let e = LogicalType::Enum { labels: vec!["a'b".into()] };
        assert_eq!(sql_type(&e, Dialect::Mysql).unwrap(), "ENUM('a''b')");
        assert!(sql_type(&LogicalType::Other { name: "int); DROP TABLE x; --".into() }, Dialect::Mysql).is_err());
    }

    #[test]
    fn sqlite_dates_are_not_numeric_casts() {
        assert_eq!(cast("x", &LogicalType::Date, Dialect::Sqlite).unwrap(), "date(x)");
    }
}
