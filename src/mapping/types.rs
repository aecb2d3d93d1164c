//! Cross-dialect type verdicts over [`LogicalType`].
//!
//! The verdict answers the reviewer's question "can every source value be
//! stored in the target column unchanged?": `same`, `widening` (yes),
//! `narrowing` (not always — with why: length, precision, scale, range, sign,
//! time zone) or `incompatible` (only with an explicit cast rule).

use super::model::Verdict;
use crate::catalog::LogicalType as L;

/// Verdict and reason for storing `src` values in a `dst` column.
pub fn verdict(src: &L, dst: &L) -> (Verdict, Option<String>) {
    use Verdict::*;
    if src == dst {
        return (Same, None);
    }
    let narrow = |why: String| (Narrowing, Some(why));
    let widen = (Widening, None);
    match (src, dst) {
        (L::Integer { bits: b1, signed: s1 }, L::Integer { bits: b2, signed: s2 }) => match (s1, s2) {
            (true, false) => narrow("sign: negative values do not fit an unsigned column".into()),
            (false, true) if b2 <= b1 => narrow(format!("range: unsigned {b1}-bit values exceed signed {b2}-bit")),
            _ if b2 < b1 => narrow(format!("range: {b1}-bit integers into {b2}-bit")),
            _ => widen,
        },
        (L::Integer { bits, .. }, L::Decimal { precision, scale }) => {
            let digits = int_digits(*bits);
            match precision {
                Some(p) if p.saturating_sub(scale.unwrap_or(0)) < digits => {
                    narrow(format!("precision: {bits}-bit integers need {digits} digits"))
                }
                _ => widen,
            }
        }
        (L::Integer { bits, .. }, L::Float { bits: fb }) => {
            if *bits > mantissa(*fb) {
                narrow(format!("precision: {bits}-bit integers lose digits in a {fb}-bit float"))
            } else {
                widen
            }
        }
        (L::Boolean, L::Integer { .. }) => widen,
        (L::Integer { .. }, L::Boolean) => narrow("range: only 0 and 1 are booleans".into()),
        (L::Decimal { precision: p1, scale: s1 }, L::Decimal { precision: p2, scale: s2 }) => {
            let (s1, s2) = (s1.unwrap_or(0), s2.unwrap_or(0));
            if p2.is_some() && s2 < s1 {
                narrow(format!("scale: {s1} decimal places into {s2}"))
            } else {
                match (p1, p2) {
                    (_, None) => widen,
                    (None, Some(_)) => narrow("precision: unbounded decimal into a bounded one".into()),
                    (Some(a), Some(b)) if b.saturating_sub(s2) < a.saturating_sub(s1) => {
                        narrow(format!("precision: {a} digits into {b}"))
                    }
                    _ => widen,
                }
            }
        }
        (L::Decimal { scale, .. }, L::Integer { .. }) if scale.unwrap_or(0) > 0 => {
            narrow("scale: fractional digits are dropped".into())
        }
        (L::Decimal { .. }, L::Integer { .. }) => narrow("range: decimal values may exceed the integer range".into()),
        (L::Decimal { .. }, L::Float { .. }) => narrow("precision: decimals are not exact in floating point".into()),
        (L::Float { bits: a }, L::Float { bits: b }) if b < a => {
            narrow(format!("precision: {a}-bit float into {b}-bit"))
        }
        (L::Float { .. }, L::Float { .. }) => widen,
        (L::Float { .. }, L::Decimal { .. } | L::Integer { .. }) => {
            narrow("precision: floating-point values are rounded".into())
        }
        (s, d) if is_text(s) && is_text(d) => match (text_len(s), text_len(d)) {
            (_, None) => widen,
            (None, Some(n)) => narrow(format!("length: unbounded text into {n} characters")),
            (Some(a), Some(b)) if b < a => narrow(format!("length: {a} characters into {b}")),
            _ => widen,
        },
        (s, d) if is_text(d) => match (rendered_len(s), text_len(d)) {
            (_, None) => widen,
            (Some(need), Some(have)) if have >= need => widen,
            (_, Some(have)) => narrow(format!("length: values rendered as text may exceed {have} characters")),
        },
        (L::Date, L::Timestamp { .. }) => widen,
        (L::Timestamp { .. }, L::Date) => narrow("precision: the time of day is dropped".into()),
        (L::Timestamp { precision: p1, tz: t1 }, L::Timestamp { precision: p2, tz: t2 })
        | (L::Time { precision: p1, tz: t1 }, L::Time { precision: p2, tz: t2 }) => {
            if *t1 && !*t2 {
                narrow("time zone: the offset is dropped".into())
            } else if p2.unwrap_or(6) < p1.unwrap_or(6) {
                narrow(format!("precision: {} fractional second digits into {}", p1.unwrap_or(6), p2.unwrap_or(6)))
            } else {
                widen
            }
        }
        (L::Uuid, L::Binary { length }) if length.is_none_or(|l| l >= 16) => widen,
        (L::Binary { length: a }, L::Binary { length: b }) => match (a, b) {
            (_, None) => widen,
            (Some(a), Some(b)) if b >= a => widen,
            _ => narrow("length: binary values may be truncated".into()),
        },
        (L::Enum { labels: a } | L::Set { labels: a }, L::Enum { labels: b } | L::Set { labels: b }) => {
            let missing: Vec<&str> = a.iter().filter(|l| !b.contains(l)).map(String::as_str).collect();
            if missing.is_empty() {
                widen
            } else {
                narrow(format!("range: labels missing in target: {}", missing.join(", ")))
            }
        }
        (L::Other { name: a }, L::Other { name: b }) if a.eq_ignore_ascii_case(b) => (Same, None),
        _ => (Incompatible, Some(format!("{} values cannot be stored as {} without a cast", kind(src), kind(dst)))),
    }
}

pub(crate) fn is_text(t: &L) -> bool {
    matches!(t, L::Char { .. } | L::Varchar { .. } | L::Text)
}

fn text_len(t: &L) -> Option<u32> {
    match t {
        L::Char { length } | L::Varchar { length } => *length,
        _ => None,
    }
}

/// Longest text rendering of a non-text value (None = unbounded).
fn rendered_len(t: &L) -> Option<u32> {
    Some(match t {
        L::Boolean => 5,
        L::Integer { bits, .. } => int_digits(*bits) + 1,
        L::Decimal { precision: Some(p), .. } => p + 2,
        L::Float { .. } => 24,
        L::Date => 10,
        L::Time { .. } => 21,
        L::Timestamp { .. } => 32,
        L::Uuid => 36,
        L::Enum { labels } | L::Set { labels } => labels.iter().map(|l| l.chars().count() as u32).sum::<u32>().max(1),
        _ => return None,
    })
}

fn int_digits(bits: u16) -> u32 {
    match bits {
        0..=8 => 3,
        9..=16 => 5,
        17..=32 => 10,
        _ => 20,
    }
}

fn mantissa(float_bits: u16) -> u16 {
    if float_bits <= 32 { 24 } else { 53 }
}

/// Short name of a type's kind, e.g. `integer`, `varchar`.
pub fn kind(t: &L) -> String {
    match t {
        L::Other { name } => name.clone(),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
            .unwrap_or_else(|| "unknown".into()),
    }
}

/// Parse a portable type name used in rules (`cast = "decimal(12,2)"`, `add = "text"`).
pub fn parse_type(text: &str) -> Option<L> {
    let t = text.trim().to_ascii_lowercase();
    let (base, args) = match t.split_once('(') {
        Some((b, rest)) => {
            let inner = rest.strip_suffix(')')?;
            let nums: Option<Vec<u32>> = inner.split(',').map(|x| x.trim().parse().ok()).collect();
            (b.trim().to_string(), nums?)
        }
        None => (t.clone(), Vec::new()),
    };
    let a0 = args.first().copied();
    Some(match base.as_str() {
        "boolean" | "bool" => L::Boolean,
        "tinyint" => L::Integer { bits: 8, signed: true },
        "smallint" => L::Integer { bits: 16, signed: true },
        "int" | "integer" => L::Integer { bits: 32, signed: true },
        "bigint" => L::Integer { bits: 64, signed: true },
        "decimal" | "numeric" => L::Decimal { precision: a0, scale: args.get(1).copied().or(a0.map(|_| 0)) },
        "real" | "float4" => L::Float { bits: 32 },
        "double" | "float" | "float8" | "double precision" => L::Float { bits: 64 },
        "char" => L::Char { length: a0.or(Some(1)) },
        "varchar" | "character varying" => L::Varchar { length: a0 },
        "text" | "string" => L::Text,
        "date" => L::Date,
        "time" => L::Time { precision: a0.map(|p| p as u8), tz: false },
        "timestamp" | "datetime" => L::Timestamp { precision: a0.map(|p| p as u8), tz: false },
        "timestamptz" => L::Timestamp { precision: a0.map(|p| p as u8), tz: true },
        "uuid" => L::Uuid,
        "json" | "jsonb" => L::Json,
        "binary" | "varbinary" | "blob" | "bytea" => L::Binary { length: a0 },
        "interval" => L::Interval,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &str, b: &str) -> (Verdict, Option<String>) {
        verdict(&parse_type(a).expect("type a"), &parse_type(b).expect("type b"))
    }

    #[test]
    fn verdicts_with_reasons() {
        assert_eq!(v("integer", "integer").0, Verdict::Same);
        assert_eq!(v("integer", "bigint").0, Verdict::Widening);
        let (n, why) = v("bigint", "integer");
        assert_eq!(n, Verdict::Narrowing);
        assert!(why.unwrap().starts_with("range"));
        assert!(v("varchar(200)", "varchar(100)").1.unwrap().starts_with("length"));
        assert_eq!(v("varchar(100)", "text").0, Verdict::Widening);
        assert!(v("decimal(12,2)", "decimal(12,0)").1.unwrap().starts_with("scale"));
        assert!(v("decimal(12,2)", "decimal(8,2)").1.unwrap().starts_with("precision"));
        assert!(v("timestamptz", "timestamp").1.unwrap().starts_with("time zone"));
        assert!(v("timestamp", "date").1.unwrap().starts_with("precision"));
        assert_eq!(v("date", "timestamp").0, Verdict::Widening);
        assert_eq!(v("text", "integer").0, Verdict::Incompatible);
        assert_eq!(v("integer", "text").0, Verdict::Widening);
        assert!(v("bigint", "varchar(5)").1.unwrap().starts_with("length"));
        let sign = verdict(&L::Integer { bits: 32, signed: true }, &L::Integer { bits: 64, signed: false }).1.unwrap();
        assert!(sign.starts_with("sign"));
    }

    #[test]
    fn parse_type_names() {
        assert_eq!(parse_type("DECIMAL(10, 2)"), Some(L::Decimal { precision: Some(10), scale: Some(2) }));
        assert_eq!(parse_type("varchar(20)"), Some(L::Varchar { length: Some(20) }));
        assert_eq!(parse_type("nonsense"), None);
        assert_eq!(parse_type("varchar(x)"), None);
    }
}
