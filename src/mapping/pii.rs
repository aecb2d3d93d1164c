//! PII tagging from column names, comments and types.
//!
//! Tags (`email`, `phone`, `name`, `address`, `birth_date`, `national_id`,
//! `card_number`, `ip`) feed policies and masking defaults. Built-in patterns
//! match the normalized column name (`_`-separated lowercase words, wrapped
//! in `_`), so `EmailAddress`, `email_addr` and `E-Mail` all hit; pipelines
//! add their own patterns in `[pii]`.

use crate::catalog::LogicalType;
use crate::error::{Error, Result};
use regex::Regex;
use std::collections::BTreeMap;

const BUILTIN: &[(&str, &str)] = &[
    ("email", r"_e_?mail_"),
    ("phone", r"_(phone|telephone|tel|mobile|cell|fax|workphone)_"),
    (
        "name",
        r"_((first|last|given|family|middle|full|maiden|contact|person|customer|cardholders?)_(name|nm)|(f|l)name|surname|forename)_",
    ),
    ("address", r"_(address|addr|street|postal_code|postcode|zip|zipcode|zip_code)_"),
    ("birth_date", r"_(birth|dob|birthday|birthdate)_"),
    ("national_id", r"_(ssn|social_security|national_id|passport|tax_id|tin|nino|nin)_"),
    ("card_number", r"_(credit_card|card_number|card_no|card_num|pan|cc_number|ccn)_"),
    ("ip", r"_(ip|ip_address|ipv4|ipv6|ip_addr)_"),
];

/// Compiled PII patterns (built-in plus the pipeline's own).
#[derive(Debug, Clone)]
pub struct Tagger {
    patterns: Vec<(String, Regex)>,
}

impl Tagger {
    /// Built-ins (unless `builtin` is false) plus `extra` tag → regex (matched against the
    /// normalized name wrapped in `_` and the lowercase comment).
    pub fn new(builtin: bool, extra: &BTreeMap<String, String>) -> Result<Tagger> {
        let mut patterns = if builtin { Tagger::builtin().patterns } else { Vec::new() };
        for (tag, re) in extra {
            let r = Regex::new(re).map_err(|e| Error::config(format!("invalid PII pattern for tag `{tag}`: {e}")))?;
            patterns.push((tag.clone(), r));
        }
        Ok(Tagger { patterns })
    }

    /// The built-in patterns only.
    pub fn builtin() -> Tagger {
        let patterns =
            BUILTIN.iter().map(|(tag, re)| (tag.to_string(), Regex::new(re).expect("static regex"))).collect();
        Tagger { patterns }
    }

    /// Sorted, deduplicated tags for one column.
    pub fn tags(&self, name: &str, comment: Option<&str>, logical: &LogicalType) -> Vec<String> {
        // "email address" and "IP address" are not postal addresses.
        let clean = |s: String| s.replace("mail_address_", "mail_").replace("_ip_address_", "_ip_");
        let norm = clean(format!("_{}_", super::names::normalize(name)));
        let comment = comment.map(|c| clean(format!("_{}_", super::names::normalize(c))));
        let mut out: Vec<String> = self
            .patterns
            .iter()
            .filter(|(_, re)| re.is_match(&norm) || comment.as_deref().is_some_and(|c| re.is_match(c)))
            .map(|(t, _)| t.clone())
            .collect();
        if matches!(logical, LogicalType::Other { name } if matches!(name.as_str(), "inet" | "cidr" | "macaddr")) {
            out.push("ip".into());
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(name: &str, comment: Option<&str>) -> Vec<String> {
        Tagger::new(true, &BTreeMap::new()).expect("builtin").tags(name, comment, &LogicalType::Text)
    }

    #[test]
    fn builtin_tags_from_names_and_comments() {
        assert_eq!(tags("EmailAddress", None), ["email"]);
        assert_eq!(tags("cust_phone", None), ["phone"]);
        assert_eq!(tags("first_name", None), ["name"]);
        assert_eq!(tags("product_name", None), Vec::<String>::new());
        assert_eq!(tags("zip", None), ["address"]);
        assert_eq!(tags("dob", None), ["birth_date"]);
        assert_eq!(tags("ssn", None), ["national_id"]);
        assert_eq!(tags("CreditCardNumber", None), ["card_number"]);
        assert_eq!(tags("client_ip", None), ["ip"]);
        assert_eq!(tags("x1", Some("Customer e-mail")), ["email"]);
        assert_eq!(
            Tagger::new(true, &BTreeMap::new()).unwrap().tags("src", None, &LogicalType::Other { name: "inet".into() }),
            ["ip"]
        );
    }

    #[test]
    fn pipeline_patterns_add_tags() {
        let extra = BTreeMap::from([("loyalty_id".to_string(), "_loyalty_".to_string())]);
        let t = Tagger::new(false, &extra).unwrap();
        assert_eq!(t.tags("loyalty_card", None, &LogicalType::Text), ["loyalty_id"]);
        assert!(t.tags("email", None, &LogicalType::Text).is_empty(), "built-ins disabled");
        assert!(Tagger::new(true, &BTreeMap::from([("x".to_string(), "(".to_string())])).is_err());
    }
}
