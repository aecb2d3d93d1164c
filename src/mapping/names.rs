//! Identifier analysis: splitting names into word tokens, case styles and
//! simple English singularization.
//!
//! Every matcher works on tokens rather than raw strings so that
//! `CustomerName`, `customer_name`, `CUSTOMER NAME` and `customer-name`
//! compare equal without special cases.

/// Split an identifier into lowercase word tokens.
///
/// Boundaries: any non-alphanumeric character, lower→upper (`orderDate`),
/// an upper run followed by a capitalized word (`HTTPServer` → `http server`),
/// and letter↔digit changes (`address2` → `address 2`).
pub fn tokens(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut cur, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            // `IDs`, `URLs`: a lone `s` after an upper run is the acronym's plural, not a new word.
            let plural_s = next == Some('s') && chars.get(i + 2).is_none_or(|a| !a.is_lowercase());
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase()) && !plural_s)
                || (prev.is_alphabetic() && c.is_numeric())
                || (prev.is_numeric() && c.is_alphabetic());
            if boundary && prev.is_alphanumeric() {
                flush(&mut cur, &mut out);
            }
        }
        cur.extend(c.to_lowercase());
    }
    flush(&mut cur, &mut out);
    out
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    if !cur.is_empty() {
        out.push(std::mem::take(cur));
    }
}

/// Canonical spelling: lowercase tokens joined by `_` (`OrderDate` → `order_date`).
pub fn normalize(name: &str) -> String {
    tokens(name).join("_")
}

/// Case styles for rename patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    Camel,
    Pascal,
    Upper,
    Lower,
}

impl Case {
    pub const NAMES: [&'static str; 5] = ["snake", "camel", "pascal", "upper", "lower"];

    pub fn parse(s: &str) -> Option<Case> {
        Some(match s {
            "snake" => Case::Snake,
            "camel" => Case::Camel,
            "pascal" => Case::Pascal,
            "upper" => Case::Upper,
            "lower" => Case::Lower,
            _ => return None,
        })
    }

    /// Re-spell `name` in this style. `upper`/`lower` only change letter case.
    pub fn apply(self, name: &str) -> String {
        let cap = |t: &str| {
            let mut c = t.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        };
        match self {
            Case::Snake => normalize(name),
            Case::Upper => name.to_uppercase(),
            Case::Lower => name.to_lowercase(),
            Case::Pascal => tokens(name).iter().map(|t| cap(t)).collect(),
            Case::Camel => {
                let t = tokens(name);
                let mut out = t.first().cloned().unwrap_or_default();
                for w in t.iter().skip(1) {
                    out.push_str(&cap(w));
                }
                out
            }
        }
    }
}

/// English singular of one lowercase word (`categories` → `category`, `addresses` → `address`).
pub fn singular(word: &str) -> String {
    let w = word;
    if w.len() <= 3 || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suf in ["sses", "xes", "ches", "shes", "zes"] {
        if let Some(stem) = w.strip_suffix(suf) {
            return format!("{stem}{}", &suf[..suf.len() - 2]);
        }
    }
    w.strip_suffix('s').map(str::to_string).unwrap_or_else(|| w.to_string())
}

/// Conventional table-name prefixes and suffixes that carry no meaning for matching.
pub const TABLE_AFFIXES: [&str; 9] = ["tbl", "tb", "dim", "fact", "fct", "stg", "raw", "src", "vw"];

/// Whether `short` plausibly abbreviates `long`: same first letter, all letters of
/// `short` appear in order in `long`, and `short` is clearly shorter
/// (`brgh` → `borough`, `blk` → `block`, `qty` → `quantity`, `cls` → `class`).
pub fn is_abbreviation(short: &str, long: &str) -> bool {
    if short.len() < 2 || short.len() >= long.len() || !short.chars().all(char::is_alphabetic) {
        return false;
    }
    // Abbreviations drop vowels (`brgh`, `qty`, `dept`); a word with several vowels after its
    // first letter is a word of its own (`date` is not short for `dedicated`), unless it is a
    // plain prefix (`approx`).
    let vowels = short.chars().skip(1).filter(|c| "aeiou".contains(*c)).count();
    if vowels > 1 && !long.starts_with(short) {
        return false;
    }
    let (mut s, mut l) = (short.chars(), long.chars());
    if s.next() != l.next() {
        return false;
    }
    let mut rest = l;
    s.all(|c| rest.any(|d| d == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_every_style() {
        assert_eq!(tokens("CustomerName"), ["customer", "name"]);
        assert_eq!(tokens("customer_name"), ["customer", "name"]);
        assert_eq!(tokens("CUSTOMER NAME"), ["customer", "name"]);
        assert_eq!(tokens("HTTPServerID"), ["http", "server", "id"]);
        assert_eq!(tokens("OrderID(FK)"), ["order", "id", "fk"]);
        assert_eq!(tokens("_2014_source_eui"), ["2014", "source", "eui"]);
        assert_eq!(tokens("address2"), ["address", "2"]);
        assert_eq!(tokens("RecordIDs"), ["record", "ids"]);
        assert_eq!(tokens("userURLsList"), ["user", "urls", "list"]);
        assert_eq!(Case::Snake.apply("userIDs"), "user_ids");
    }

    #[test]
    fn case_styles() {
        assert_eq!(Case::Snake.apply("OrderDate"), "order_date");
        assert_eq!(Case::Camel.apply("order_date"), "orderDate");
        assert_eq!(Case::Pascal.apply("order_date"), "OrderDate");
        assert_eq!(Case::Upper.apply("order_date"), "ORDER_DATE");
        assert_eq!(Case::Lower.apply("Order_Date"), "order_date");
        assert_eq!(Case::parse("kebab"), None);
    }

    #[test]
    fn singular_forms() {
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("orders"), "order");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("boxes"), "box");
    }

    #[test]
    fn abbreviations_by_subsequence() {
        assert!(is_abbreviation("brgh", "borough"));
        assert!(is_abbreviation("blk", "block"));
        assert!(is_abbreviation("qty", "quantity"));
        assert!(!is_abbreviation("lot", "lot"));
        assert!(!is_abbreviation("x", "xylophone"));
        assert!(!is_abbreviation("dob", "birth"));
        assert!(!is_abbreviation("date", "dedicated"), "a word of its own");
        assert!(is_abbreviation("dept", "department"));
        assert!(is_abbreviation("volly", "volleyball"));
    }
}
