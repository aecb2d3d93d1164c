//! Masking transforms as SQL expressions per dialect.
//!
//! Every mask maps NULL to NULL and works on the value's text form. The keyed
//! masks are built on one primitive, `h = lower-hex SHA-256(UTF-8(key || value))`
//! (PostgreSQL `sha256`, MySQL `SHA2`, SQLite a pure-SQL SHA-256), so a value
//! masks to the same result on every engine and joins on masked keys survive:
//!
//! | mask | result |
//! | --- | --- |
//! | `hash` | `h` |
//! | `digits_mask` | every ASCII digit → `*`, except the last `keep_last` characters |
//! | `digits_randomize` | the digit at character position `i` (1-based) → `byte[(i-1) % 32] % 10` of `h`; everything else kept |
//! | `redact` | the fixed text |
//! | `partial` | every character → `*` except the last `keep_last` |
//! | `fake` email | `<first>.<last>.<h[4..10]>@example.com`, names picked by `byte[0] % 32`, `byte[1] % 32` |
//! | `fake` name | `<First> <Last>` picked the same way |
//! | `fake` phone | `digits_randomize` (keeps length, `+`, spaces and dashes) |
//! | `null` | NULL |

use super::sha256::sqlite_sha256_hex;
use super::types::text;
use super::{Dialect, quote_str};
use crate::error::Result;
use crate::mapping::{FakeFormat, Mask};

/// First names of fake names/e-mails (index = `byte[0] % 32` of the hash).
pub const FAKE_FIRST_NAMES: [&str; 32] = [
    "Ada", "Alan", "Anna", "Ben", "Carla", "Chen", "Dana", "Elif", "Emil", "Eva", "Farah", "Goran", "Hana", "Ivan",
    "Jonas", "Kai", "Lea", "Luis", "Maya", "Nia", "Omar", "Paula", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vera",
    "Wen", "Xena", "Yusuf", "Zoe",
];

/// Last names of fake names/e-mails (index = `byte[1] % 32` of the hash).
pub const FAKE_LAST_NAMES: [&str; 32] = [
    "Abbott", "Berg", "Costa", "Diaz", "Eklund", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Larsen",
    "Moreau", "Nakamura", "Okafor", "Patel", "Quist", "Rossi", "Santos", "Tanaka", "Ueda", "Varga", "Weber", "Xu",
    "Yilmaz", "Zhang", "Novak", "Silva", "Meyer", "Khan", "Dubois", "Olsen",
];

/// Characters a fake name is padded to inside the SQL lookup string.
const NAME_WIDTH: usize = 10;

/// `m` applied to the value expression `x`.
pub fn mask_sql(x: &str, m: &Mask, d: Dialect) -> Result<String> {
    let t = text(x, d);
    let body = match m {
        Mask::Null => return Ok("NULL".into()),
        Mask::Redact { text } => quote_str(text, d)?,
        Mask::Hash { salt } => sha256_hex(&concat(&[quote_str(salt, d)?, t.clone()], d), d),
        Mask::DigitsMask { keep_last } => keep_tail(&t, keep_last.unwrap_or(0), d, |p| digits_to_stars(p, d)),
        Mask::Partial { keep_last } => keep_tail(&t, *keep_last, d, |p| stars(&len(p, d), d)),
        Mask::DigitsRandomize { seed } => digits_randomize(&t, &quote_str(seed, d)?, d),
        Mask::Fake { format: FakeFormat::Phone, seed } => digits_randomize(&t, &quote_str(seed, d)?, d),
        Mask::Fake { format, seed } => {
            let input = concat(&[quote_str(seed, d)?, t.clone()], d);
            with_hash(&input, d, |h| {
                let first = pick(&FAKE_FIRST_NAMES, &byte(h, "0", d), d);
                let last = pick(&FAKE_LAST_NAMES, &byte(h, "1", d), d);
                match format {
                    FakeFormat::Name => concat(&[first, "' '".into(), last], d),
                    _ => concat(
                        &[
                            format!("lower({first})"),
                            "'.'".into(),
                            format!("lower({last})"),
                            "'.'".into(),
                            substr(h, "5", Some("6"), d),
                            "'@example.com'".into(),
                        ],
                        d,
                    ),
                }
            })
        }
    };
    Ok(format!("CASE WHEN {x} IS NULL THEN NULL ELSE {body} END"))
}

/// Lowercase hex SHA-256 of the UTF-8 bytes of text expression `x`.
pub fn sha256_hex(x: &str, d: Dialect) -> String {
    match d {
        Dialect::Postgres => format!("encode(sha256(convert_to({x}, 'UTF8')), 'hex')"),
        Dialect::Mysql => format!("SHA2({x}, 256)"),
        Dialect::Sqlite => sqlite_sha256_hex(x),
    }
}

/// Evaluate the hash of `input` once (where the dialect allows) and build on it.
fn with_hash(input: &str, d: Dialect, body: impl Fn(&str) -> String) -> String {
    let h = sha256_hex(input, d);
    match d {
        Dialect::Postgres => format!("(SELECT {} FROM (SELECT {h} AS h) AS mw_h)", body("mw_h.h")),
        Dialect::Sqlite => format!("(WITH mw_h(h) AS (SELECT {h}) SELECT {} FROM mw_h)", body("mw_h.h")),
        // MariaDB derived tables cannot see outer columns; SHA2 is cheap, so inline it.
        Dialect::Mysql => body(&h),
    }
}

fn concat(parts: &[String], d: Dialect) -> String {
    match d {
        Dialect::Mysql => format!("CONCAT({})", parts.join(", ")),
        _ => format!("({})", parts.join(" || ")),
    }
}

fn len(t: &str, d: Dialect) -> String {
    match d {
        Dialect::Postgres => format!("char_length({t})"),
        Dialect::Mysql => format!("CHAR_LENGTH({t})"),
        Dialect::Sqlite => format!("length({t})"),
    }
}

fn greatest0(x: &str, d: Dialect) -> String {
    match d {
        Dialect::Sqlite => format!("max({x}, 0)"),
        _ => format!("GREATEST({x}, 0)"),
    }
}

fn substr(t: &str, from: &str, n: Option<&str>, d: Dialect) -> String {
    let f = if d == Dialect::Mysql { "SUBSTRING" } else { "substr" };
    match n {
        Some(n) => format!("{f}({t}, {from}, {n})"),
        None => format!("{f}({t}, {from})"),
    }
}

/// `n` asterisks (`n` ≥ 0).
fn stars(n: &str, d: Dialect) -> String {
    match d {
        Dialect::Postgres => format!("repeat('*', {n})"),
        Dialect::Mysql => format!("REPEAT('*', {n})"),
        Dialect::Sqlite => format!("replace(hex(zeroblob({n})), '00', '*')"),
    }
}

/// ASCII digits → `*` (nested `replace`, identical on every engine).
fn digits_to_stars(t: &str, d: Dialect) -> String {
    let f = if d == Dialect::Mysql { "REPLACE" } else { "replace" };
    (0..10).fold(t.to_string(), |acc, digit| format!("{f}({acc}, '{digit}', '*')"))
}

/// `f(head) || tail` where tail = the last `keep` characters of `t`.
fn keep_tail(t: &str, keep: u32, d: Dialect, f: impl Fn(&str) -> String) -> String {
    if keep == 0 {
        return f(t);
    }
    let cut = greatest0(&format!("{} - {keep}", len(t, d)), d);
    let head = substr(t, "1", Some(&cut), d);
    let tail = substr(t, &format!("{cut} + 1"), None, d);
    concat(&[f(&head), tail], d)
}

/// Byte `k` (0-based SQL expression) of hex string `h`, as an integer 0..=255.
fn byte(h: &str, k: &str, d: Dialect) -> String {
    let at = |off: u32| substr(h, &format!("2 * ({k}) + {off}"), Some("1"), d);
    match d {
        Dialect::Mysql => format!("CONV({}, 16, 10)", substr(h, &format!("2 * ({k}) + 1"), Some("2"), d)),
        Dialect::Postgres => {
            format!("((strpos('0123456789abcdef', {}) - 1) * 16 + strpos('0123456789abcdef', {}) - 1)", at(1), at(2))
        }
        Dialect::Sqlite => {
            format!("((instr('0123456789abcdef', {}) - 1) * 16 + instr('0123456789abcdef', {}) - 1)", at(1), at(2))
        }
    }
}

/// Entry `idx % 32` of a fixed list, looked up in a padded literal (portable, no arrays).
fn pick(list: &[&str; 32], idx: &str, d: Dialect) -> String {
    let padded: String = list.iter().map(|n| format!("{n:<NAME_WIDTH$}")).collect();
    let from = format!("(({idx}) % 32) * {NAME_WIDTH} + 1");
    format!("rtrim({})", substr(&format!("'{padded}'"), &from, Some(&NAME_WIDTH.to_string()), d))
}

/// The digit character for position `pos0` (0-based) from hash `h`.
fn digit(h: &str, pos0: &str, d: Dialect) -> String {
    substr("'0123456789'", &format!("{} % 10 + 1", byte(h, &format!("({pos0}) % 32"), d)), Some("1"), d)
}

/// Keyed, format-preserving digit replacement (see the module table).
fn digits_randomize(t: &str, seed: &str, d: Dialect) -> String {
    let input = concat(&[seed.to_string(), t.to_string()], d);
    let h = sha256_hex(&input, d);
    match d {
        Dialect::Postgres => {
            let ch = format!("substr({t}, g.i, 1)");
            format!(
                "(SELECT COALESCE(string_agg(CASE WHEN ascii({ch}) BETWEEN 48 AND 57 THEN {} ELSE {ch} END, '' \
                 ORDER BY g.i), '') FROM (SELECT {h} AS h) AS mw_h CROSS JOIN generate_series(1, char_length({t})) AS g(i))",
                digit("mw_h.h", "g.i - 1", d)
            )
        }
        Dialect::Sqlite => {
            let ch = format!("substr({t}, mw_d.i + 1, 1)");
            format!(
                "(WITH RECURSIVE mw_h(h) AS (SELECT {h}), mw_d(i, o) AS (SELECT 0, '' UNION ALL \
                 SELECT mw_d.i + 1, mw_d.o || CASE WHEN unicode({ch}) BETWEEN 48 AND 57 THEN {} ELSE {ch} END \
                 FROM mw_d, mw_h WHERE mw_d.i < length({t})) SELECT o FROM mw_d WHERE i = length({t}))",
                digit("mw_h.h", "mw_d.i", d)
            )
        }
        Dialect::Mysql => {
            // Positions come from a 1..1000 numbers table; characters beyond 1000 keep their
            // format with digits masked as `*` (documented in docs/templates.md).
            let ch = format!("SUBSTRING({t}, mw_n.i, 1)");
            let ten = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 \
                       UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            format!(
                "CONCAT((SELECT COALESCE(GROUP_CONCAT(CASE WHEN ASCII({ch}) BETWEEN 48 AND 57 THEN {} ELSE {ch} END \
                 ORDER BY mw_n.i SEPARATOR ''), '') FROM (SELECT a.d * 100 + b.d * 10 + c.d + 1 AS i \
                 FROM {ten} AS a CROSS JOIN {ten} AS b CROSS JOIN {ten} AS c) AS mw_n WHERE mw_n.i <= CHAR_LENGTH({t})), {})",
                digit(&h, "mw_n.i - 1", d),
                digits_to_stars(&substr(t, "1001", None, d), d)
            )
        }
    }
}
