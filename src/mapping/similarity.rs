//! Column name evidence: profiles of names and a scorer that explains itself.
//!
//! Each column is analysed once into a [`Profile`] (tokens, table prefix
//! stripped, abbreviations expanded, synonyms canonicalized). Scoring a pair
//! walks an evidence ladder from the strongest (exact spelling) to the
//! weakest (fuzzy token overlap) and returns the first rung that holds, so
//! every confidence comes with the reason a reviewer can check.

use super::dict::Vocabulary;
use super::model::Method;
use super::names::{self, is_abbreviation};
use std::collections::{HashMap, HashSet};

/// Which matchers may produce evidence, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strategies(pub Vec<Method>);

impl Strategies {
    pub const NAMES: [&'static str; 7] =
        ["exact", "normalized", "prefix", "abbreviation", "synonym", "fuzzy", "structure"];

    pub fn parse(name: &str) -> Option<Method> {
        Some(match name {
            "exact" => Method::Exact,
            "normalized" => Method::Normalized,
            "prefix" => Method::Prefix,
            "abbreviation" => Method::Abbreviation,
            "synonym" => Method::Synonym,
            "fuzzy" => Method::Fuzzy,
            "structure" => Method::Structure,
            _ => return None,
        })
    }

    pub fn all() -> Strategies {
        Strategies(Self::NAMES.iter().filter_map(|n| Self::parse(n)).collect())
    }

    pub fn has(&self, m: Method) -> bool {
        self.0.contains(&m)
    }
}

/// A column name analysed for matching.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub raw: String,
    pub tokens: Vec<String>,
    /// Tokens without the table's shared column prefix (`c_name` → `name`), if it has one.
    pub stripped: Option<Vec<String>>,
    /// Abbreviations expanded (on the stripped tokens when present).
    pub expanded: Vec<String>,
    /// Synonyms replaced by their canonical form, repeated words once (`OrderID(FK)` → `order id`).
    pub concepts: Vec<String>,
    /// The side's hub key: the identifier most of its tables share (see `mapping::mark_hub`).
    pub hub: bool,
    /// A reference to another table of the side: a foreign key, or the name of another
    /// table's own key (`address_id` next to table `address`; see `mapping::mark_references`).
    pub refers: bool,
    /// A key the target's load generates (an auto-increment `…_key`/`…_sk`, see
    /// `mapping::mark_references`), or a foreign key to one: filled by a lookup, not a copy.
    pub surrogate: bool,
    /// A bare identifier (`id`, `code`, `number`) or point-in-time word (`date`) read as its
    /// table's (`id` of `refunds` is `refund id`; see [`Profile::in_table`]).
    pub bare_role: bool,
    /// The table's lineage key: the one column that keeps the source row's key
    /// (`legacy_customer_number`, `source_passenger_id`, `sourcedId`; see `mapping::mark_references`).
    pub lineage: bool,
    /// Load metadata (`dw_load_ts`, `etl_batch_id`, `load_dts`, `record_source`, `hash_diff`):
    /// the load fills it; only a column of the same name on the other side matches it.
    pub load_metadata: bool,
    /// The point in time its row records (see `mapping::mark_event_times`).
    pub event_time: EventTime,
}

/// How a column is its row's point in time (see `mapping::mark_event_times`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EventTime {
    #[default]
    No,
    /// The table's only point in time (`charttime` of a lab-results table).
    Sole,
    /// Named as the table's own time (`measurement_datetime` of `measurement`, `order_date` of `orders`).
    Named,
}

impl Profile {
    pub fn new(raw: &str, prefix: Option<&str>, vocab: &Vocabulary, known: &HashSet<String>) -> Profile {
        let tokens = split_compounds(names::tokens(raw), known, vocab);
        let stripped = prefix.and_then(|p| {
            let rest = tokens.strip_prefix(&[p.to_string()])?;
            (!rest.is_empty()).then(|| rest.to_vec())
        });
        let base = stripped.as_ref().unwrap_or(&tokens);
        let expanded = vocab.expand(base);
        let mut concepts = vocab.canonical(&expanded);
        concepts.dedup();
        let load_metadata = super::dict::is_load_metadata(&tokens);
        Profile {
            raw: raw.to_string(),
            tokens,
            stripped,
            expanded,
            concepts,
            hub: false,
            refers: false,
            surrogate: false,
            bare_role: false,
            lineage: false,
            load_metadata,
            event_time: EventTime::No,
        }
    }

    /// Read an unknown abbreviation of the column's own table name as that name (`GRD_ID` of
    /// `GUARDIAN` is the guardian's id, not a grade), and a bare `id`/`code`/`number` as the table's:
    /// `table`, the table name's concepts.
    pub fn in_table(mut self, table: &[String], vocab: &Vocabulary) -> Profile {
        // A bare identifier or point-in-time word is its own table's (`id` of `refunds` is the
        // refund id, `number` of `invoices` the invoice number, `date` of `orders` the order date).
        if let [role] = &self.concepts[..]
            && (super::dict::IDENTIFIER_ROLES.contains(&role.as_str())
                || super::dict::TEMPORAL_ROLES.contains(&role.as_str()))
        {
            let mut own: Vec<String> = table.iter().filter(|w| !super::dict::is_qualifier(w)).cloned().collect();
            if !own.is_empty() {
                own.push(role.clone());
                self.concepts = own;
                self.bare_role = true;
                return self;
            }
        }
        for c in &mut self.concepts {
            if c.len() >= 3 && !vocab.is_word(c) && !super::dict::is_qualifier(c) {
                // A plain prefix is a stem as often as a short form (`book_date` of `bookings`).
                if let Some(t) = table.iter().find(|t| !t.starts_with(c.as_str()) && is_abbreviation(c, t)) {
                    *c = t.clone();
                }
            }
        }
        self.concepts.dedup();
        self
    }

    /// Whether the name ends in an identifier role (`…id`, `…code`, `…number`).
    pub fn is_identifier(&self) -> bool {
        self.concepts.last().is_some_and(|w| super::dict::IDENTIFIER_ROLES.contains(&w.as_str()))
    }

    /// The concepts as table-level evidence sees them: a bare role word stays bare there (its
    /// table's words would only repeat the table's name in its column set).
    pub fn column_words(&self) -> &[String] {
        if self.bare_role { &self.concepts[self.concepts.len() - 1..] } else { &self.concepts }
    }

    fn core(&self) -> &[String] {
        self.stripped.as_deref().unwrap_or(&self.tokens)
    }
}

/// Split run-together words (`firstname`, `siteaddress`, `acctbal`) into two known
/// words (words of either schema or of the vocabulary), unless the whole is a vocabulary word.
fn split_compounds(tokens: Vec<String>, known: &HashSet<String>, vocab: &Vocabulary) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        if t.len() >= 6 && !vocab.is_word(&t) && t.chars().all(|c| c.is_ascii_alphabetic()) {
            let split = (3..=t.len() - 3)
                .filter(|&i| known.contains(&t[..i]) && known.contains(&t[i..]))
                .max_by_key(|&i| i.min(t.len() - i));
            if let Some(i) = split {
                out.push(t[..i].to_string());
                out.push(t[i..].to_string());
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// The common first token of most columns of a table (TPC-H `c_`, `o_`, or the
/// table name itself), if at least 60% of at least three columns share it.
pub fn shared_prefix(columns: &[Vec<String>]) -> Option<String> {
    if columns.len() < 3 {
        return None;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in columns.iter().filter(|c| c.len() > 1) {
        *counts.entry(c[0].as_str()).or_default() += 1;
    }
    let (best, n) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    (n * 10 >= columns.len() * 6 && n >= 3).then(|| best.to_string())
}

/// Evidence for one column pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub score: f64,
    pub method: Method,
    pub reason: String,
    /// Structure speaks against the names (a reference against a text column): the evidence
    /// is never raised for being the best available.
    pub doubtful: bool,
}

/// A word's weight when it is matched and when it is missing from the other name.
pub type WordWeight = (f64, f64);

/// Token weights (inverse document frequency over a set of names): rare words count more.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    df: HashMap<String, usize>,
    n: usize,
}

impl Weights {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a [String]>) -> Weights {
        let mut w = Weights::default();
        for toks in names {
            w.n += 1;
            let uniq: HashSet<&String> = toks.iter().collect();
            for t in uniq {
                *w.df.entry(t.clone()).or_default() += 1;
            }
        }
        w
    }

    /// The weight of each word of `words`, in order.
    pub fn of(&self, words: &[String]) -> Vec<WordWeight> {
        words.iter().map(|t| self.weight(t)).map(|w| (w, w)).collect()
    }

    /// [`Weights::of`], where a word that names one of the tables (`context`: the table
    /// names' words) costs little when the other name lacks it: a table's name is implicit in
    /// each of its columns, so `measurement_datetime` of `measurement` and `charttime` differ
    /// mostly in `chart`. Matched, such a word counts in full. A column whose other words are
    /// all qualifiers keeps its weights: in `customer_id` and `customer_code` of `customer`
    /// the table's name is what the key identifies.
    pub fn in_context(&self, words: &[String], context: &[&str], vocab: &Vocabulary) -> Vec<WordWeight> {
        let mut w = self.of(words);
        let in_ctx: Vec<bool> =
            words.iter().map(|t| context.iter().any(|c| word_similarity(t, c, vocab) >= 0.8)).collect();
        if words.iter().zip(&in_ctx).any(|(t, c)| !c && !super::dict::is_qualifier(t)) {
            for (wt, _) in w.iter_mut().zip(&in_ctx).filter(|(_, c)| **c) {
                wt.1 *= super::dict::QUALIFIER_WEIGHT;
            }
        }
        w
    }

    /// Rare words count more; qualifier words (`id`, `code`, `x`…) count a fraction.
    pub fn weight(&self, token: &str) -> f64 {
        let df = self.df.get(token).copied().unwrap_or(0) as f64;
        let w = (1.0 + (self.n as f64 + 1.0) / (df + 1.0)).ln();
        if super::dict::is_qualifier(token) { w * super::dict::QUALIFIER_WEIGHT } else { w }
    }
}

/// Similarity of two single words in [0, 1].
pub fn word_similarity(a: &str, b: &str, vocab: &Vocabulary) -> f64 {
    if a == b {
        return 1.0;
    }
    let numeric = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if numeric(a) || numeric(b) {
        return 0.0;
    }
    if vocab.same_concept(a, b) {
        return 0.9;
    }
    let both = |roles: &[&str]| roles.contains(&a) && roles.contains(&b);
    if both(super::dict::IDENTIFIER_ROLES) || both(super::dict::TEMPORAL_ROLES) {
        return 0.7;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return 0.85;
    }
    if is_abbreviation(short, long) {
        return if short.len() >= 3 { 0.8 } else { 0.6 };
    }
    let jw = strsim::jaro_winkler(a, b);
    // (`state` and `status`: two known words, not a typo of one another)
    if jw >= 0.88 && short.len() >= 4 && !(vocab.is_meaning(a) && vocab.is_meaning(b)) { jw * 0.9 } else { 0.0 }
}

/// Weighted soft overlap of two token lists in [0, 1] (a fuzzy Dice coefficient).
pub fn token_similarity(a: &[String], b: &[String], vocab: &Vocabulary, w: &Weights) -> f64 {
    weighted_similarity(a, &w.of(a), b, &w.of(b), vocab)
}

/// [`token_similarity`] with each word's weight given (`wa[i]` for `a[i]`): scoring two large
/// tables looks each column's weights up once, not once per pair. Each word pair is compared once.
pub fn weighted_similarity(
    a: &[String],
    wa: &[WordWeight],
    b: &[String],
    wb: &[WordWeight],
    vocab: &Vocabulary,
) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut stack = [0.0f64; 16];
    let mut heap = Vec::new();
    let best_b: &mut [f64] = if b.len() <= stack.len() {
        &mut stack[..b.len()]
    } else {
        heap.resize(b.len(), 0.0);
        &mut heap
    };
    let (mut ga, mut ta) = (0.0, 0.0);
    for (t, &wt) in a.iter().zip(wa) {
        let mut best = 0.0f64;
        for (u, bb) in b.iter().zip(best_b.iter_mut()) {
            let sim = word_similarity(t, u, vocab);
            best = best.max(sim);
            *bb = bb.max(sim);
        }
        ga += wt.0 * best;
        ta += wt.0 * best + wt.1 * (1.0 - best);
    }
    let gb: f64 = best_b.iter().zip(wb).map(|(s, w)| s * w.0).sum();
    let tb: f64 = best_b.iter().zip(wb).map(|(s, w)| s * w.0 + (1.0 - s) * w.1).sum();
    if ta + tb == 0.0 { 0.0 } else { (ga + gb) / (ta + tb) }
}

/// Whether `a` holds the negation of a word of `b` (`nonregulation` against `regulation`):
/// such names mean the opposite however many words they share.
fn negates(a: &[String], b: &[String]) -> bool {
    a.iter().any(|w| {
        ["non", "un", "not"].iter().any(|neg| {
            w.strip_prefix(neg).is_some_and(|rest| rest.len() >= 3 && b.iter().any(|x| x == rest))
                || (w == neg && a.len() > 1)
        }) && !b.contains(w)
    })
}

/// Fuzzy evidence when the two names differ only in qualifier words and words naming the
/// paired tables (`gender` against `gender_source_value`).
const SAME_CONTENT_SCORE: f64 = 0.88;
/// Below this weighted overlap two names are not checked for differing only in role words (a
/// content word each and a few quarter-weight qualifiers stay well above it); most pairs of a
/// large table pair are, and the check is not free.
const SAME_CONTENT_MIN_OVERLAP: f64 = 0.5;

/// Whether two names differ only in qualifier words: every content word (not a qualifier) of
/// each has the same word or a synonym on the other side, there is one at least, and at most
/// one side has a qualifier the other lacks (`created_at` and `created_by` say different roles).
fn same_content((a, wa): (&[String], &[WordWeight]), (b, wb): (&[String], &[WordWeight]), vocab: &Vocabulary) -> bool {
    // (every content word covered, some content word, some role word unmatched)
    let covered = |x: &[String], wx: &[WordWeight], y: &[String]| {
        let (mut any, mut extra) = (false, false);
        for (w, wt) in x.iter().zip(wx) {
            let best = y.iter().map(|u| word_similarity(w, u, vocab)).fold(0.0, f64::max);
            if super::dict::is_qualifier(w) {
                extra |= best < 0.7 && !super::dict::FUNCTION_WORDS.contains(&w.as_str());
            } else if best >= 0.9 {
                // (a point-in-time word alone is a role, not what the column is about)
                any |= !super::dict::TEMPORAL_ROLES.contains(&w.as_str());
            } else if wt.1 >= wt.0 {
                return None;
            }
        }
        Some((any, extra))
    };
    matches!((covered(a, wa, b), covered(b, wb, a)), (Some((x, ex)), Some((y, ey))) if (x || y) && !(ex && ey))
}

/// Score a source/target column name pair on the evidence ladder.
pub fn score(s: &Profile, t: &Profile, strategies: &Strategies, vocab: &Vocabulary, w: &Weights) -> Option<Evidence> {
    score_with((s, &w.of(&s.concepts)), (t, &w.of(&t.concepts)), strategies, vocab, true)
}

/// [`score`], building the reason text only when `explain` (scoring every pair of two large
/// tables needs the numbers; only the assigned pairs need their reasons).
/// Each profile comes with the weights of its concepts.
pub fn score_with(
    (s, sw): (&Profile, &[WordWeight]),
    (t, tw): (&Profile, &[WordWeight]),
    strategies: &Strategies,
    vocab: &Vocabulary,
    explain: bool,
) -> Option<Evidence> {
    let ev = |score: f64, method: Method, reason: &dyn Fn() -> String| {
        Some(Evidence { score, method, reason: if explain { reason() } else { String::new() }, doubtful: false })
    };
    // The strategies in the pipeline's order: the first that holds gives the evidence.
    for &m in &strategies.0 {
        let found = match m {
            Method::Exact if s.raw == t.raw => ev(1.0, m, &|| "same name".into()),
            Method::Normalized if s.tokens == t.tokens => {
                ev(0.97, m, &|| "same name ignoring case and separators".into())
            }
            Method::Normalized
                if s.tokens.iter().flat_map(|x| x.bytes()).eq(t.tokens.iter().flat_map(|x| x.bytes())) =>
            {
                ev(0.95, m, &|| "same letters ignoring word breaks".into())
            }
            Method::Prefix if (s.stripped.is_some() || t.stripped.is_some()) && s.core() == t.core() => {
                ev(0.93, m, &|| "same name after removing the table's column prefix".into())
            }
            Method::Abbreviation if s.expanded == t.expanded => {
                ev(0.92, m, &|| format!("abbreviations expanded: {}", t.expanded.join(" ")))
            }
            Method::Synonym if s.concepts == t.concepts && (s.bare_role || t.bare_role) => ev(0.9, m, &|| {
                let bare = if s.bare_role { s } else { t };
                let role = bare.concepts.last().map_or("id", String::as_str);
                format!("`{}` names its table's {role}: both mean `{}`", bare.raw, s.concepts.join(" "))
            }),
            Method::Synonym if s.concepts == t.concepts => {
                ev(0.9, m, &|| format!("synonyms: both mean `{}`", s.concepts.join(" ")))
            }
            Method::Fuzzy if !negates(&s.tokens, &t.tokens) && !negates(&t.tokens, &s.tokens) => {
                let sim = weighted_similarity(&s.concepts, sw, &t.concepts, tw, vocab);
                if sim >= SAME_CONTENT_MIN_OVERLAP && same_content((&s.concepts, sw), (&t.concepts, tw), vocab) {
                    ev(SAME_CONTENT_SCORE.max((0.92 * sim).min(0.89)), m, &|| {
                        format!("same words apart from role words ({:.0}% weighted overlap)", sim * 100.0)
                    })
                } else if sim > 0.0 {
                    let score = (0.92 * sim).min(0.89);
                    ev(score, m, &|| format!("similar words ({:.0}% weighted overlap)", sim * 100.0))
                } else {
                    None
                }
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prof(raw: &str) -> Profile {
        Profile::new(raw, None, &Vocabulary::new(&[], &[]), &HashSet::new())
    }

    fn sc(a: &str, b: &str) -> Evidence {
        let v = Vocabulary::new(&[], &[]);
        let (pa, pb) = (prof(a), prof(b));
        let w = Weights::new([pa.concepts.as_slice(), pb.concepts.as_slice()]);
        score(&pa, &pb, &Strategies::all(), &v, &w).expect("some evidence")
    }

    #[test]
    fn ladder_picks_the_strongest_evidence() {
        assert_eq!(sc("email", "email").method, Method::Exact);
        assert_eq!(sc("OrderDate", "order_date").method, Method::Normalized);
        assert_eq!(sc("zipcode", "zip_code").method, Method::Normalized);
        assert_eq!(sc("cust_addr", "customer_address").method, Method::Abbreviation);
        assert_eq!(sc("surname", "family_name").method, Method::Synonym);
        assert_eq!(sc("town", "city").method, Method::Synonym);
        let f = sc("total_amount_usd", "amount_total");
        assert_eq!(f.method, Method::Fuzzy);
        assert!(f.score > 0.5 && f.score < 0.9, "{f:?}");
    }

    #[test]
    fn prefix_stripping_uses_the_tables_shared_prefix() {
        let cols: Vec<Vec<String>> =
            ["c_custkey", "c_name", "c_address", "c_phone"].iter().map(|c| names::tokens(c)).collect();
        assert_eq!(shared_prefix(&cols).as_deref(), Some("c"));
        let v = Vocabulary::new(&[], &[]);
        let s = Profile::new("c_name", Some("c"), &v, &HashSet::new());
        let t = Profile::new("name", None, &v, &HashSet::new());
        let e = score(&s, &t, &Strategies::all(), &v, &Weights::default()).expect("match");
        assert_eq!(e.method, Method::Prefix);
    }

    #[test]
    fn compounds_split_on_known_words() {
        let known: HashSet<String> = ["first", "name", "site", "address"].iter().map(|s| s.to_string()).collect();
        let v = Vocabulary::new(&[], &[]);
        let p = Profile::new("siteaddress", None, &v, &known);
        assert_eq!(p.tokens, ["site", "address"]);
        let p = Profile::new("forename", None, &v, &known);
        assert_eq!(p.tokens, ["forename"], "vocabulary words stay whole");
    }

    #[test]
    fn negated_words_are_not_similar() {
        let v = Vocabulary::new(&[], &[]);
        let (a, b) = (prof("nonregulation_soccer"), prof("regulation_soccer"));
        let w = Weights::new([a.concepts.as_slice(), b.concepts.as_slice()]);
        assert!(score(&a, &b, &Strategies::all(), &v, &w).is_none());
        assert!(score(&prof("not_active"), &prof("active"), &Strategies::all(), &v, &w).is_none());
        assert!(score(&prof("union_name"), &prof("name"), &Strategies::all(), &v, &w).is_some(), "`union` is a word");
    }

    #[test]
    fn repeated_words_count_once() {
        assert_eq!(prof("OrderID(FK)").concepts, prof("OrderID").concepts);
        assert_eq!(sc("RegionID(FK)", "RegionID").method, Method::Synonym);
    }

    #[test]
    fn qualifier_words_weigh_little() {
        let f = sc("adult_football_id", "adult_football");
        assert!(f.score > 0.75, "{f:?}");
        let w = Weights::new([["customer".to_string(), "id".to_string()].as_slice()]);
        assert!(w.weight("id") < w.weight("customer") / 2.0);
    }

    #[test]
    fn identifier_roles_and_bounds_are_close() {
        let v = Vocabulary::new(&[], &[]);
        assert_eq!(word_similarity("code", "number", &v), 0.7);
        assert_eq!(word_similarity("code", "name", &v), 0.0);
        assert!(sc("district_num", "district_code").score > sc("district_num", "district_name").score);
        assert_eq!(sc("range_upper", "range_high").method, Method::Synonym);
    }

    #[test]
    fn temporal_roles_and_boolean_prefixes() {
        let v = Vocabulary::new(&[], &[]);
        assert_eq!(word_similarity("date", "timestamp", &v), 0.7);
        assert_eq!(word_similarity("at", "date", &v), 0.7);
        assert!(sc("createdAt", "created_timestamp").score > sc("createdAt", "created_by").score);
        assert!(sc("isActive", "active").score > 0.75, "`is` is a qualifier");
        assert_eq!(prof("customer_sk").concepts, prof("customer_id").concepts, "a surrogate key is an id");
    }

    #[test]
    fn names_that_differ_only_in_role_words() {
        let v = Vocabulary::new(&[], &[]);
        let same = |a: &str, b: &str| {
            let (a, b) = (prof(a).concepts, prof(b).concepts);
            let w = Weights::default();
            same_content((&a, &w.of(&a)), (&b, &w.of(&b)), &v)
        };
        assert!(same("gender", "gender_source_value"));
        assert!(same("customer_no", "customer_id"), "identifier roles are close");
        assert!(same("surname", "family_name_txt"), "synonyms count as the same word");
        assert!(!same("created_at", "created_by"), "each side has a role the other lacks");
        assert!(!same("drug_type", "drug_type_concept_id"), "`concept` is a content word");
        assert!(!same("id", "code"), "no content word at all");
        // A word naming one of the paired tables need not be matched; function words are no roles.
        let known: HashSet<String> = ["value", "uom"].iter().map(|s| s.to_string()).collect();
        let a = Profile::new("valueuom", None, &v, &known).concepts;
        let b = prof("unit_source_value").concepts;
        assert_eq!(a, ["value", "unit", "of", "measure"]);
        let w = Weights::new([a.as_slice(), b.as_slice()]);
        assert!(!same_content((&a, &w.of(&a)), (&b, &w.of(&b)), &v), "`measure` is a content word");
        let ctx = ["measurement"];
        assert!(same_content((&a, &w.in_context(&a, &ctx, &v)), (&b, &w.in_context(&b, &ctx, &v)), &v));
        let e = sc("gender", "gender_source_value");
        assert_eq!(e.score, SAME_CONTENT_SCORE, "{e:?}");
        assert!(e.reason.starts_with("same words apart from role words"), "{e:?}");
        assert!(sc("createdAt", "created_by").score < SAME_CONTENT_SCORE);
    }

    #[test]
    fn strategies_are_tried_in_the_given_order() {
        let v = Vocabulary::new(&[], &[]);
        let (a, b) = (prof("surname"), prof("family_name"));
        let w = Weights::new([a.concepts.as_slice(), b.concepts.as_slice()]);
        let default = score(&a, &b, &Strategies::all(), &v, &w).expect("match");
        assert_eq!(default.method, Method::Synonym);
        let fuzzy_first = Strategies(vec![Method::Fuzzy, Method::Synonym]);
        let e = score(&a, &b, &fuzzy_first, &v, &w).expect("match");
        assert_eq!(e.method, Method::Fuzzy, "{e:?}");
        assert!(e.score < default.score);
    }

    #[test]
    fn disabled_strategies_give_no_evidence() {
        let v = Vocabulary::new(&[], &[]);
        let only_exact = Strategies(vec![Method::Exact]);
        assert!(score(&prof("town"), &prof("city"), &only_exact, &v, &Weights::default()).is_none());
    }

    #[test]
    fn word_similarity_handles_abbreviations_and_typos() {
        let v = Vocabulary::new(&[], &[]);
        assert!(word_similarity("brgh", "borough", &v) >= 0.8);
        assert!(word_similarity("approx", "approximation", &v) >= 0.85);
        assert!(word_similarity("adress", "address", &v) >= 0.8);
        assert_eq!(word_similarity("2014", "2010", &v), 0.0);
        assert_eq!(word_similarity("lot", "block", &v), 0.0);
    }
}
