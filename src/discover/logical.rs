//! One normalizer from an engine's type text to a [`LogicalType`].
//!
//! Every engine reports column types as text (`format_type()` in PostgreSQL,
//! `COLUMN_TYPE` in MySQL, the declared type in SQLite). Parsing that text in
//! one place keeps the cross-dialect verdicts of the mapping stage consistent:
//! `int(11) unsigned`, `integer` and `INT` all land on the same shape.
//! Engine-specific knowledge the text does not carry (PostgreSQL enum labels)
//! is resolved by the engine module before calling [`normalize`].

use crate::catalog::{Engine, LogicalType};

/// Parsed pieces of a type text: lowercase base name, numeric arguments and modifier words.
struct Parts {
    base: String,
    args: Vec<u32>,
    unsigned: bool,
    /// `Some(true)` for "with time zone", `Some(false)` for "without time zone".
    tz: Option<bool>,
}

fn split(raw: &str) -> Parts {
    let lower = raw.trim().to_ascii_lowercase();
    let (head, args, tail) = match (lower.find('('), lower.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let args = lower[open + 1..close].split(',').filter_map(|a| a.trim().parse::<u32>().ok()).collect();
            (lower[..open].to_string(), args, lower[close + 1..].to_string())
        }
        _ => (lower.clone(), Vec::new(), String::new()),
    };
    let mut words: Vec<&str> = head.split_whitespace().chain(tail.split_whitespace()).collect();
    let unsigned = words.contains(&"unsigned");
    let tz = if lower.contains("without time zone") {
        Some(false)
    } else if lower.contains("with time zone") {
        Some(true)
    } else {
        None
    };
    words.retain(|w| !matches!(*w, "unsigned" | "signed" | "zerofill" | "with" | "without" | "time" | "zone"));
    // "time with time zone" loses its first word to the filter above; restore it.
    let mut base = words.join(" ");
    if base.is_empty() && (head.trim_start().starts_with("time") || tz.is_some()) {
        base = "time".into();
    }
    Parts { base, args, unsigned, tz }
}

/// Normalize `raw` (as reported by `engine`) into a logical type.
pub fn normalize(engine: Engine, raw: &str) -> LogicalType {
    let trimmed = raw.trim();
    if let Some(inner) = trimmed.strip_suffix("[]") {
        return LogicalType::Array { element: Box::new(normalize(engine, inner)) };
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("enum(") {
        return LogicalType::Enum { labels: quoted_labels(trimmed) };
    }
    if lower.starts_with("set(") {
        return LogicalType::Set { labels: quoted_labels(trimmed) };
    }
    let p = split(trimmed);
    let first = p.args.first().copied();
    let second = p.args.get(1).copied();
    let int = |bits: u16| LogicalType::Integer { bits, signed: !p.unsigned };
    let precision = first.and_then(|v| u8::try_from(v).ok());
    let known = match p.base.as_str() {
        "bool" | "boolean" => Some(LogicalType::Boolean),
        "tinyint" if engine == Engine::Mysql && first == Some(1) && !p.unsigned => Some(LogicalType::Boolean),
        "tinyint" | "int1" => Some(int(8)),
        "smallint" | "int2" | "smallserial" | "serial2" => Some(int(16)),
        "mediumint" | "int3" => Some(int(24)),
        "int" | "int4" | "serial" | "serial4" => Some(int(32)),
        "integer" if engine == Engine::Sqlite => Some(int(64)),
        "integer" => Some(int(32)),
        "bigint" | "int8" | "bigserial" | "serial8" => Some(int(64)),
        "decimal" | "numeric" | "dec" | "fixed" => Some(LogicalType::Decimal { precision: first, scale: second }),
        "money" => Some(LogicalType::Decimal { precision: Some(19), scale: Some(2) }),
        "real" if engine == Engine::Sqlite => Some(LogicalType::Float { bits: 64 }),
        "real" | "float4" => Some(LogicalType::Float { bits: 32 }),
        // MySQL FLOAT(p): p <= 24 is single precision.
        "float" if engine == Engine::Mysql && first.is_none_or(|p| p <= 24) => Some(LogicalType::Float { bits: 32 }),
        "float" | "double" | "double precision" | "float8" => Some(LogicalType::Float { bits: 64 }),
        "char" | "character" | "nchar" | "bpchar" => Some(LogicalType::Char { length: first.or(Some(1)) }),
        "varchar" | "character varying" | "nvarchar" | "varchar2" | "national varchar" => {
            Some(LogicalType::Varchar { length: first })
        }
        "text" | "tinytext" | "mediumtext" | "longtext" | "clob" | "citext" | "name" | "string" => {
            Some(LogicalType::Text)
        }
        "date" => Some(LogicalType::Date),
        "time" | "timetz" => Some(LogicalType::Time { precision, tz: p.base == "timetz" || p.tz == Some(true) }),
        "timestamp" if engine == Engine::Mysql => Some(LogicalType::Timestamp { precision, tz: true }),
        "timestamp" | "timestamptz" | "datetime" | "datetime2" => {
            Some(LogicalType::Timestamp { precision, tz: p.base == "timestamptz" || p.tz == Some(true) })
        }
        "interval" => Some(LogicalType::Interval),
        "uuid" | "uniqueidentifier" => Some(LogicalType::Uuid),
        "json" | "jsonb" => Some(LogicalType::Json),
        "bytea" | "blob" | "tinyblob" | "mediumblob" | "longblob" | "varbinary" | "binary" => {
            Some(LogicalType::Binary { length: first })
        }
        // MySQL's BIT(1) and SQL Server's BIT (a DDL ported into SQLite keeps the name) are
        // booleans; PostgreSQL's bit(n) is a bit string.
        "bit" if engine != Engine::Postgres && first.is_none_or(|n| n == 1) => Some(LogicalType::Boolean),
        "year" => Some(LogicalType::Integer { bits: 16, signed: false }),
        _ => None,
    };
    match known {
        Some(t) => t,
        None if engine == Engine::Sqlite => sqlite_affinity(&p.base, first, second),
        None => LogicalType::Other { name: if p.base.is_empty() { lower } else { p.base } },
    }
}

/// SQLite's column affinity rules (section 3.1 of the datatype docs) for names not listed above.
fn sqlite_affinity(base: &str, first: Option<u32>, second: Option<u32>) -> LogicalType {
    if base.is_empty() {
        LogicalType::Other { name: "any".into() }
    } else if base.contains("int") {
        LogicalType::Integer { bits: 64, signed: true }
    } else if base.contains("char") || base.contains("clob") || base.contains("text") {
        LogicalType::Text
    } else if base.contains("blob") {
        LogicalType::Binary { length: None }
    } else if base.contains("real") || base.contains("floa") || base.contains("doub") {
        LogicalType::Float { bits: 64 }
    } else {
        LogicalType::Decimal { precision: first, scale: second }
    }
}

/// Labels of `enum('a','b''c')` / `set(...)` as MySQL reports them (quotes doubled inside).
fn quoted_labels(raw: &str) -> Vec<String> {
    let Some(open) = raw.find('(') else { return Vec::new() };
    let mut labels = Vec::new();
    let mut chars = raw[open + 1..].chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut label = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    label.push('\'');
                }
                '\'' => break,
                '\\' => {
                    if let Some(n) = chars.next() {
                        label.push(n);
                    }
                }
                other => label.push(other),
            }
        }
        labels.push(label);
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use LogicalType as L;

    #[test]
    fn integers_keep_width_and_sign() {
        assert_eq!(normalize(Engine::Mysql, "int(11) unsigned"), L::Integer { bits: 32, signed: false });
        assert_eq!(normalize(Engine::Mysql, "bigint unsigned zerofill"), L::Integer { bits: 64, signed: false });
        assert_eq!(normalize(Engine::Postgres, "integer"), L::Integer { bits: 32, signed: true });
        assert_eq!(normalize(Engine::Sqlite, "INTEGER"), L::Integer { bits: 64, signed: true });
        assert_eq!(normalize(Engine::Sqlite, "BIT"), L::Boolean);
        assert_eq!(normalize(Engine::Mysql, "bit(1)"), L::Boolean);
        assert_eq!(normalize(Engine::Postgres, "bit(1)"), L::Other { name: "bit".into() });
        assert_eq!(normalize(Engine::Mysql, "tinyint(1)"), L::Boolean);
        assert_eq!(normalize(Engine::Mysql, "mediumint(8) unsigned"), L::Integer { bits: 24, signed: false });
    }

    #[test]
    fn decimals_chars_and_times() {
        assert_eq!(normalize(Engine::Postgres, "numeric(10,2)"), L::Decimal { precision: Some(10), scale: Some(2) });
        assert_eq!(normalize(Engine::Postgres, "character varying(20)"), L::Varchar { length: Some(20) });
        assert_eq!(normalize(Engine::Postgres, "character(3)"), L::Char { length: Some(3) });
        assert_eq!(
            normalize(Engine::Postgres, "timestamp(3) with time zone"),
            L::Timestamp { precision: Some(3), tz: true }
        );
        assert_eq!(
            normalize(Engine::Postgres, "timestamp without time zone"),
            L::Timestamp { precision: None, tz: false }
        );
        assert_eq!(normalize(Engine::Postgres, "time(6) with time zone"), L::Time { precision: Some(6), tz: true });
        assert_eq!(normalize(Engine::Mysql, "datetime(6)"), L::Timestamp { precision: Some(6), tz: false });
        assert_eq!(normalize(Engine::Postgres, "double precision"), L::Float { bits: 64 });
    }

    #[test]
    fn arrays_enums_sets_and_affinity() {
        assert_eq!(normalize(Engine::Postgres, "text[]"), L::Array { element: Box::new(L::Text) });
        assert_eq!(
            normalize(Engine::Mysql, "enum('a','it''s','b,c')"),
            L::Enum { labels: vec!["a".into(), "it's".into(), "b,c".into()] }
        );
        assert_eq!(normalize(Engine::Mysql, "set('x','y')"), L::Set { labels: vec!["x".into(), "y".into()] });
        assert_eq!(normalize(Engine::Sqlite, "VARYING CHARACTER(9)"), L::Text);
        assert_eq!(normalize(Engine::Sqlite, ""), L::Other { name: "any".into() });
        assert_eq!(normalize(Engine::Postgres, "tsvector"), L::Other { name: "tsvector".into() });
        assert_eq!(normalize(Engine::Postgres, "uuid"), L::Uuid);
        assert_eq!(normalize(Engine::Postgres, "jsonb"), L::Json);
    }
}
