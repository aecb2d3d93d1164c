//! Built-in vocabulary: abbreviations and synonyms of general data modelling.
//!
//! Users add their own lists in `[matching]`; these are the defaults every
//! pipeline gets. Entries are lowercase word tokens (see `names::tokens`).
//! Synonym groups map every member (a word or a phrase of words) to the
//! group's first member, so `surname` and `family name` both become
//! `last name`.

use std::collections::{HashMap, HashSet};

/// Abbreviation → full word(s).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("acad", "academic"),
    ("acc", "account"),
    ("accel", "acceleration"),
    ("acct", "account"),
    ("addr", "address"),
    ("adr", "address"),
    ("amt", "amount"),
    ("approx", "approximate"),
    ("avg", "average"),
    ("bal", "balance"),
    ("bdate", "birth date"),
    ("beg", "begin"),
    ("bldg", "building"),
    ("blk", "block"),
    ("cat", "category"),
    ("ccy", "currency"),
    ("cd", "code"),
    ("citz", "citizenship"),
    ("cnt", "count"),
    ("co", "company"),
    ("ctry", "country"),
    ("cty", "city"),
    ("cum", "cumulative"),
    ("cur", "currency"),
    ("curr", "current"),
    ("cust", "customer"),
    ("dept", "department"),
    ("desc", "description"),
    ("descr", "description"),
    ("dob", "birth date"),
    ("dt", "date"),
    ("dttm", "timestamp"),
    ("dx", "diagnosis"),
    ("eff", "effective"),
    ("emp", "employee"),
    ("enrl", "enrollment"),
    ("ethn", "ethnicity"),
    ("exp", "expiry"),
    ("fk", "id"),
    ("fname", "first name"),
    ("gpa", "grade point average"),
    ("grad", "graduation"),
    ("grp", "group"),
    ("hrs", "hours"),
    ("id", "id"),
    ("ident", "id"),
    ("ids", "id"),
    ("img", "image"),
    ("init", "initial"),
    ("inv", "invoice"),
    ("lang", "language"),
    ("lat", "latitude"),
    ("lname", "last name"),
    ("lng", "longitude"),
    ("loc", "location"),
    ("lon", "longitude"),
    ("lvl", "level"),
    ("max", "maximum"),
    ("mfgr", "manufacturer"),
    ("mfr", "manufacturer"),
    ("mgr", "manager"),
    ("min", "minimum"),
    ("mod", "modified"),
    ("mrn", "medical record number"),
    ("msg", "message"),
    ("nbr", "number"),
    ("nm", "name"),
    ("no", "number"),
    ("num", "number"),
    ("org", "organization"),
    ("pct", "percent"),
    ("ph", "phone"),
    ("pk", "id"),
    ("pkg", "package"),
    ("pmt", "payment"),
    ("pos", "position"),
    ("prev", "previous"),
    ("prim", "primary"),
    ("prod", "product"),
    ("pymt", "payment"),
    ("qty", "quantity"),
    ("ref", "reference"),
    ("resv", "reservation"),
    ("rslt", "result"),
    ("rsn", "reason"),
    ("sect", "section"),
    ("seq", "sequence"),
    ("sk", "id"),
    ("src", "source"),
    ("st", "street"),
    ("stat", "status"),
    ("std", "standard"),
    ("stu", "student"),
    ("subj", "subject"),
    ("tel", "telephone"),
    ("tmstmp", "timestamp"),
    ("tot", "total"),
    ("trans", "transaction"),
    ("trx", "transaction"),
    ("ts", "timestamp"),
    ("txn", "transaction"),
    ("typ", "type"),
    ("tz", "time zone"),
    ("uom", "unit of measure"),
    ("upd", "updated"),
    ("usr", "user"),
    ("val", "value"),
    ("ver", "version"),
    ("whse", "warehouse"),
    ("yr", "year"),
    ("zip", "postal code"),
];

/// Synonym groups; the first member is the canonical form.
const SYNONYMS: &[&[&str]] = &[
    &["first name", "given name", "forename", "fname"],
    &["last name", "surname", "family name", "lname"],
    &["middle name", "middle initial"],
    &["city", "town", "municipality"],
    &["postal code", "postcode", "zip code", "zipcode"],
    &["phone", "telephone", "phone number", "telephone number", "mobile", "cell"],
    &["email", "e mail", "email address", "mail address", "electronic mail", "electronic mail address"],
    &["address", "address line", "street address", "addr line"],
    &["state", "province", "state or province", "region code"],
    &["country", "nation"],
    &["birth date", "date of birth", "birthday"],
    &["customer", "client"],
    &["employee", "staff", "worker"],
    &["product", "item", "article"],
    &["price", "cost"],
    &["amount", "total", "sum"],
    &["quantity", "count", "qty", "number of"],
    &["description", "details", "summary"],
    &["created", "inserted", "creation"],
    &["updated", "modified", "changed", "last modified"],
    &["deleted", "removed"],
    &["start", "begin"],
    &["upper", "high", "upper bound"],
    &["lower", "low", "lower bound"],
    &["end", "finish", "stop", "until"],
    &["id", "identifier", "key", "unique id", "unique identifier"],
    &["number", "nr"],
    &["gender", "sex"],
    &["salary", "wage", "pay"],
    &["company", "organization", "firm", "enterprise"],
    &["manager", "supervisor", "boss"],
    &["title", "job title", "position"],
    &["supplier", "vendor"],
    &["shipment", "delivery"],
    &["order", "purchase"],
    &["timestamp", "datetime", "time"],
    &["active", "enabled"],
    &["keyword", "tag"],
    &["person", "individual", "people"],
    &["comment", "note", "remark"],
];

/// Qualifier words: they say what role a column plays (a key, a code, a copy, a
/// merge suffix such as pandas' `_x`, a function word such as `of`) rather than what it holds, so `adult_football_id`
/// and `adult_football`, or `borough_x` and `borough`, name the same thing. Matching
/// gives them a fraction of a content word's weight. Spelled as concepts (after
/// abbreviation expansion and synonyms: `cd` → `code`, `key` → `id`, `no` → `number`).
#[rustfmt::skip]
pub const QUALIFIERS: &[&str] = &[
    "id", "code", "number", "reference", "new", "old", "tbl", "x", "y", "txt", "text", "source", "flag", "ind", "value",
    "url", "of", "to", "the", "and", "for", "in", "on", "at", "by", "per", "is", "has",
];

/// Qualifiers that are function words: unlike role words (`at`, `by`, `id`) they say nothing
/// about what a column is (`unit of measure` and `unit_source_value` differ only in roles).
pub const FUNCTION_WORDS: &[&str] = &["of", "to", "the", "and", "for", "in", "per"];

/// Share of a content word's weight that a qualifier word keeps.
pub const QUALIFIER_WEIGHT: f64 = 0.25;

/// Qualifiers that all say "this identifies something": `district_code`, `district_number`,
/// `district_id` and `booking_ref` usually name the same column.
pub const IDENTIFIER_ROLES: &[&str] = &["id", "code", "number", "reference"];

/// Words that all say "this is a point in time": `hire_date` and `hired_ts` usually name the
/// same column (`time`, `datetime` and `ts` are `timestamp` after synonyms and abbreviations).
pub const TEMPORAL_ROLES: &[&str] = &["date", "timestamp", "at", "on"];

/// Words that make a point in time one end of a period (`IH_PER_TO_DT`, `stoptime`, `valid_from`,
/// `intime`): not the instant its row records (canonical forms: `begin` is `start`, `stop` is `end`).
pub const INTERVAL_BOUNDS: &[&str] = &["start", "end", "from", "to", "through", "thru", "expiry", "valid", "in", "out"];

/// Words that mark a warehouse's own load bookkeeping (`dw_loaded_at`, `EtlBatchId`).
const LOAD_MARKERS: &[&str] = &["dw", "edw", "etl"];

/// Whether a column name (its tokens) is load metadata, which the load fills rather than a
/// source column: a warehouse/ETL marker word (`dw_load_ts`, `etl_batch_id`), `load`/`loaded`
/// with only time or batch words (`load_dts`, `loaded_at`, `load_batch_id`; not `load_date`,
/// which in logistics is when cargo was loaded), or a Data Vault bookkeeping column
/// (`record_source`, `hash_diff`).
pub fn is_load_metadata(tokens: &[String]) -> bool {
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let stamp = |w: &&str| matches!(*w, "ts" | "dts" | "at" | "timestamp" | "datetime" | "batch" | "id");
    t.iter().any(|w| LOAD_MARKERS.contains(w))
        || matches!(t.as_slice(), ["load" | "loaded", rest @ ..] if !rest.is_empty() && rest.iter().all(stamp))
        || matches!(t.as_slice(), ["record", "source"] | ["hash", "diff"] | ["rec", "src"])
}

/// Whether `w` is a qualifier word (see [`QUALIFIERS`]).
pub fn is_qualifier(w: &str) -> bool {
    QUALIFIERS.contains(&w)
}

/// A synonym phrase and its canonical replacement (both as tokens).
type Phrase = (Vec<String>, Vec<String>);

/// Lookup tables built from the built-in lists plus user additions.
/// User vocabulary read from a file: abbreviations (word → meaning) and synonym groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VocabularyFile {
    pub abbreviations: Vec<(String, String)>,
    pub synonyms: Vec<Vec<String>>,
}

/// Read a vocabulary CSV (`rel`, relative to `root`): header `kind,word,meaning`, then rows of
/// kind `abbreviation` (`lifnr,supplier number`) or `synonym` (`vendor,supplier`: the meaning is
/// the group's canonical form). An abbreviation of several tokens (`NAME1`) is replaced as a
/// phrase. Lines starting with `#` are comments.
pub fn read_vocabulary_file(root: &std::path::Path, rel: &str) -> Result<VocabularyFile, String> {
    let mut rdr = super::open_csv(root, rel, "vocabulary file", &["kind", "word", "meaning"], true)?;
    let mut out = VocabularyFile::default();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("{rel}: {e}"))?;
        let line = rec.position().map_or(0, |p| p.line());
        let (kind, word, meaning) = (rec.get(0).unwrap_or(""), rec.get(1).unwrap_or(""), rec.get(2).unwrap_or(""));
        if word.is_empty() || meaning.is_empty() {
            return Err(format!("{rel}:{line}: `word` and `meaning` are required"));
        }
        match kind {
            // A name of several tokens (`NAME1` is `name 1`) is replaced as a phrase.
            "abbreviation" if crate::mapping::names::tokens(word).len() > 1 => {
                out.synonyms.push(vec![meaning.to_string(), word.to_string()])
            }
            "abbreviation" => out.abbreviations.push((word.to_string(), meaning.to_string())),
            "synonym" => out.synonyms.push(vec![meaning.to_string(), word.to_string()]),
            other => {
                return Err(format!("{rel}:{line}: unknown kind `{other}` (use `abbreviation` or `synonym`)"));
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Single token → replacement tokens.
    abbreviations: HashMap<String, Vec<String>>,
    /// Phrase (tokens) → canonical tokens; keyed by the phrase's first token.
    synonyms: HashMap<String, Vec<Phrase>>,
    /// Whole words the vocabulary gives a meaning to: abbreviations' meanings and one-word synonyms.
    meanings: HashSet<String>,
}

impl Vocabulary {
    /// Built-in vocabulary extended by user `abbreviations` and `synonyms` groups.
    pub fn new(user_abbreviations: &[(String, String)], user_synonyms: &[Vec<String>]) -> Vocabulary {
        let mut v = Vocabulary::default();
        let split = |s: &str| crate::mapping::names::tokens(s);
        for (a, full) in ABBREVIATIONS {
            v.abbreviations.insert(a.to_string(), split(full));
        }
        for (a, full) in user_abbreviations {
            if let [one] = split(a).as_slice() {
                v.abbreviations.insert(one.clone(), split(full));
            }
        }
        let groups = SYNONYMS
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .chain(user_synonyms.iter().cloned());
        for group in groups {
            // A user group joins an existing group when one of its members is already known.
            let known = group.iter().map(|m| split(m)).find_map(|p| {
                let first = p.first()?;
                v.synonyms.get(first)?.iter().find(|(phrase, _)| *phrase == p).map(|(_, c)| c.clone())
            });
            let Some(canon) = known.or_else(|| group.first().map(|c| split(c))) else { continue };
            for member in &group {
                let phrase = split(member);
                if let Some(first) = phrase.first() {
                    let entry = v.synonyms.entry(first.clone()).or_default();
                    entry.retain(|(p, _)| *p != phrase);
                    entry.push((phrase, canon.clone()));
                    entry.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
                }
            }
        }
        v.meanings = v
            .abbreviations
            .values()
            .filter(|m| m.len() == 1)
            .flatten()
            .chain(v.synonyms.values().flatten().filter(|(p, _)| p.len() == 1).flat_map(|(p, _)| p))
            .cloned()
            .collect();
        v
    }

    /// Whether `w` is a word the vocabulary gives a meaning to (`status`, `state`, `street`):
    /// two such words that are not the same concept are different words, however alike they
    /// are spelled.
    pub fn is_meaning(&self, w: &str) -> bool {
        self.meanings.contains(w)
    }

    /// Every word the vocabulary knows (abbreviations and synonym words), for compound splitting.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.abbreviations
            .iter()
            .flat_map(|(k, v)| std::iter::once(k).chain(v))
            .chain(self.synonyms.values().flatten().flat_map(|(p, c)| p.iter().chain(c)))
            .map(String::as_str)
    }

    /// Whether `w` is an abbreviation or a one-word synonym the vocabulary knows.
    pub fn is_word(&self, w: &str) -> bool {
        self.abbreviations.contains_key(w)
            || self.synonyms.get(w).is_some_and(|ps| ps.iter().any(|(p, _)| p.len() == 1))
    }

    /// Expand abbreviations token by token.
    pub fn expand(&self, tokens: &[String]) -> Vec<String> {
        let mut out = Vec::with_capacity(tokens.len());
        for t in tokens {
            match self.abbreviations.get(t) {
                Some(full) => out.extend(full.iter().cloned()),
                None => out.push(t.clone()),
            }
        }
        out
    }

    /// Replace synonym phrases (longest first) by their canonical form.
    pub fn canonical(&self, tokens: &[String]) -> Vec<String> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let hit = self.synonyms.get(&tokens[i]).and_then(|cands| {
                cands.iter().find(|(phrase, _)| tokens[i..].starts_with(phrase)).map(|(p, c)| (p.len(), c))
            });
            match hit {
                Some((len, canon)) => {
                    out.extend(canon.iter().cloned());
                    i += len;
                }
                None => {
                    out.push(tokens[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// Whether two single tokens are synonyms (same canonical form).
    pub fn same_concept(&self, a: &str, b: &str) -> bool {
        // The canonical form of a one-word synonym, without allocating (this runs per word pair).
        let one = |w: &str| {
            self.synonyms.get(w).and_then(|ps| ps.iter().find(|(p, _)| p.len() == 1)).map(|(_, c)| c.as_slice())
        };
        match (one(a), one(b)) {
            (Some([x]), Some([y])) => x == y,
            (Some([x]), None) => x == b,
            (None, Some([y])) => y == a,
            (None, None) => a == b,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn vocabulary_files_read_and_fail_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("sap.csv", "kind,word,meaning\n# SAP MM\nabbreviation,lifnr,supplier number\nsynonym,vendor,supplier\n");
        let v = read_vocabulary_file(dir.path(), "sap.csv").unwrap();
        assert_eq!(v.abbreviations, [("lifnr".to_string(), "supplier number".to_string())]);
        assert_eq!(v.synonyms, [vec!["supplier".to_string(), "vendor".to_string()]]);
        write("phrase.csv", "kind,word,meaning\nabbreviation,NAME1,supplier name\n");
        let v = read_vocabulary_file(dir.path(), "phrase.csv").unwrap();
        assert_eq!(v.synonyms, [vec!["supplier name".to_string(), "NAME1".to_string()]], "several tokens: a phrase");
        write("bad.csv", "kind,word,meaning\nabbreviation,lifnr,supplier number\nacronym,po,order\n");
        let e = read_vocabulary_file(dir.path(), "bad.csv").unwrap_err();
        assert!(e.contains("bad.csv:3") && e.contains("unknown kind `acronym`"), "{e}");
        write("hdr.csv", "word,meaning\nlifnr,supplier\n");
        assert!(
            read_vocabulary_file(dir.path(), "hdr.csv").unwrap_err().contains("header must be `kind,word,meaning`")
        );
        write("empty.csv", "kind,word,meaning\nabbreviation,lifnr,\n");
        assert!(read_vocabulary_file(dir.path(), "empty.csv").unwrap_err().contains("empty.csv:2"));
        assert!(read_vocabulary_file(dir.path(), "missing.csv").unwrap_err().contains("cannot read vocabulary file"));
    }

    use super::*;
    use crate::mapping::names::tokens;

    #[test]
    fn builtin_abbreviations_and_synonyms() {
        let v = Vocabulary::new(&[], &[]);
        assert_eq!(v.expand(&tokens("cust_addr")), ["customer", "address"]);
        assert_eq!(v.expand(&tokens("LAT_DEG")), ["latitude", "deg"]);
        assert_eq!(v.expand(&tokens("pmtTypCcy")), ["payment", "type", "currency"]);
        assert_eq!(v.expand(&tokens("TZ_NM")), ["time", "zone", "name"]);
        assert_eq!(v.expand(&tokens("TRX_NO")), ["transaction", "number"]);
        assert_eq!(v.expand(&tokens("RESV_NAME_ID")), ["reservation", "name", "id"]);
        // One meaning per abbreviation, listed once.
        let mut keys: Vec<&str> = ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ABBREVIATIONS.len());
        assert_eq!(v.canonical(&tokens("family_name")), ["last", "name"]);
        assert_eq!(v.canonical(&tokens("Surname")), ["last", "name"]);
        assert_eq!(v.canonical(&v.expand(&tokens("zip"))), ["postal", "code"]);
        // Phrases: "number of" is a count, a unique id an id, electronic mail an e-mail.
        let words = |raw: &str| v.canonical(&v.expand(&tokens(raw)));
        assert_eq!(words("NumberOfEmployees"), ["quantity", "employees"]);
        assert_eq!(words("studentUniqueId"), ["student", "id"]);
        assert_eq!(words("STU_ID"), ["student", "id"]);
        assert_eq!(words("electronicMailAddress"), ["email"]);
        assert_eq!(words("CUM_GPA"), ["cumulative", "grade", "point", "average"]);
        assert!(v.same_concept("town", "city"));
        assert!(!v.same_concept("town", "country"));
        assert!(!v.same_concept("unit", "department"), "`unit` is mostly a unit of measure (`unit_price`)");
        assert!(!v.same_concept("division", "department"), "a division is a level above departments");
    }

    #[test]
    fn user_lists_extend_builtins() {
        let v = Vocabulary::new(&[("hh".into(), "household".into())], &[vec!["patron".into(), "customer".into()]]);
        assert_eq!(v.expand(&tokens("hh_size")), ["household", "size"]);
        assert!(v.same_concept("patron", "customer"));
        assert!(v.same_concept("client", "customer"), "built-ins stay");
    }
}
