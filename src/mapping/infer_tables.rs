//! Table inference with column evidence: 1:1 pairs, then many-to-one (a target fed by
//! several source tables, as a union or a join) and one-to-many (a source table feeding
//! several targets).
//!
//! Names and column-set similarity ([`tables::candidates`]) propose candidate pairs. A
//! candidate that names alone do not settle is checked against its columns: the column
//! matcher runs on the pair as if it were paired alone ([`columns::fit`]), and each column
//! matched with confidence at or above the threshold adds support. The best pairs are then
//! made 1:1 ([`tables::select`]). Finally every target looks at its other checked
//! candidates: a source that explains at least [`MIN_EXTRA_COLUMNS`] target columns that its
//! current sources do not is added — as a union branch when it mostly feeds the same target
//! columns (rows of the same kind from another table), as a join on the key columns both
//! sources share otherwise. A target left without any pair, or with a weak one, is checked
//! against the sources whose names settled other pairs, and takes its best checked source even
//! when that source already feeds another target (a split).
//!
//! Only candidates without a strong name match on either side are checked, so large schemas
//! whose tables pair by name pay nothing for this.

use super::assign::max_delta;
use super::columns;
use super::compile::Rules;
use super::model::{Combine, Finding, Method, Severity};
use super::tables::{self, TableFeatures, TablePair};
use super::{Plan, TableCtx, is_own_key, parallel_map};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A name match at least this strong settles a pair without looking at columns.
const STRONG_TABLE_SCORE: f64 = 0.94;
/// Candidates checked per target table when the schemas are large.
const CHECKS_PER_TARGET: usize = 4;
/// Below this many candidates, every unsettled candidate is checked.
const CHECK_ALL_BUDGET: usize = 1024;
/// Target columns a further source must newly explain to join a target's plan.
pub const MIN_EXTRA_COLUMNS: usize = 2;
/// A further source's score for a target, as a share of its best score for any target.
const EXTRA_SHARE_OF_BEST: f64 = 0.8;
/// A same-kind source's score as a share of the first source's score.
const SAME_KIND_SHARE: f64 = 0.85;
/// How much less alike its table name may be than the first source's for a same-kind source.
const SAME_KIND_NAME_GAP: f64 = 0.25;
/// How much better than a target's 1:1 partner a source already feeding another target must
/// score to take the target over (a split).
const SPLIT_MARGIN: f64 = 0.15;
/// Support one confidently matched column adds (independent evidence: 1 − Π(1 − w·c)).
const SUPPORT_PER_COLUMN: f64 = 0.3;

/// A table's candidate count and its two best candidates (score, the other table).
#[derive(Default)]
struct Top2 {
    count: usize,
    best: [(f64, usize); 2],
}

impl Top2 {
    fn add(&mut self, score: f64, other: usize) {
        self.count += 1;
        if self.count == 1 || score > self.best[0].0 {
            self.best[1] = self.best[0];
            self.best[0] = (score, other);
        } else if self.count == 2 || score > self.best[1].0 {
            self.best[1] = (score, other);
        }
    }

    /// The best score among candidates other than `other` (0 if none).
    fn best_except(&self, other: usize) -> f64 {
        let [a, b] = self.best;
        match self.count {
            0 => 0.0,
            1 => {
                if a.1 == other {
                    0.0
                } else {
                    a.0
                }
            }
            _ => {
                if a.1 == other {
                    b.0
                } else {
                    a.0
                }
            }
        }
    }
}

/// Column evidence of a checked candidate.
struct Fit {
    /// Target columns matched with confidence ≥ threshold (content names only), sorted.
    strong: BTreeSet<usize>,
    /// Those of `strong` matched by a source column that refers to another table (a foreign key).
    by_reference: BTreeSet<usize>,
    support: f64,
}

/// What a column says beyond its table's name: `condition_start_datetime` in
/// `condition_occurrence` → `start timestamp`.
fn residual(t: &TableCtx, column: usize) -> String {
    let own: HashSet<&str> = t.features.key.split('_').collect();
    let words: Vec<&str> =
        t.profiles[column].concepts.iter().map(String::as_str).filter(|w| !own.contains(w)).collect();
    words.join(" ")
}

/// How many tables of a side hold a column with each residual meaning.
fn residual_counts(tables: &[TableCtx]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for t in tables {
        let uniq: HashSet<String> = (0..t.profiles.len()).map(|c| residual(t, c)).collect();
        for r in uniq {
            *counts.entry(r).or_default() += 1;
        }
    }
    counts
}

/// Match `src` against `tgt` column by column. A confident match supports the pair in
/// proportion to how specific its target column is: a column whose meaning many target
/// tables share (a start time, the hub key) says little about which table this is.
fn check(src: &TableCtx, tgt: &TableCtx, rules: &Rules, threshold: f64, shared: &HashMap<String, usize>) -> Fit {
    let mut strong = BTreeSet::new();
    let mut by_reference = BTreeSet::new();
    let mut doubt = 1.0;
    for (sc, tc, conf) in columns::fit(src, tgt, rules) {
        let content = |c: &[String]| c.iter().any(|w| !super::dict::is_qualifier(w));
        let rest = residual(tgt, tc);
        // A column that only names the table (`order_key` of `fact_order`) or a qualifier says
        // nothing about which table this is: a foreign key to it looks the same.
        let says_more = rest.split(' ').any(|w| !w.is_empty() && !super::dict::is_qualifier(w));
        if conf >= threshold && says_more && content(&src.profiles[sc].concepts) {
            strong.insert(tc);
            if src.profiles[sc].refers {
                by_reference.insert(tc);
            }
            let tables_sharing = shared.get(&rest).copied().unwrap_or(1).max(1) as f64;
            doubt *= 1.0 - SUPPORT_PER_COLUMN * conf / tables_sharing;
        }
    }
    Fit { strong, by_reference, support: 1.0 - doubt }
}

/// What checking candidates against their columns needs.
struct CheckCtx<'a> {
    src: &'a [TableCtx<'a>],
    tgt: &'a [TableCtx<'a>],
    free_src: &'a [usize],
    free_tgt: &'a [usize],
    rules: &'a Rules,
    threshold: f64,
    shared: &'a HashMap<String, usize>,
}

impl CheckCtx<'_> {
    /// Check the candidates `order` (indexes into `cands`), best first and at most
    /// [`CHECKS_PER_TARGET`] per target on large schemas, on all cores; raise each one's score
    /// by its column support and record its fit.
    fn run(&self, cands: &mut [TablePair], mut order: Vec<usize>, fits: &mut HashMap<(usize, usize), Fit>) {
        let threshold = self.threshold;
        order.sort_by(|&a, &b| cands[b].score.total_cmp(&cands[a].score).then(a.cmp(&b)));
        let per_target = if cands.len() <= CHECK_ALL_BUDGET { usize::MAX } else { CHECKS_PER_TARGET };
        let mut checked: HashMap<usize, usize> = HashMap::new();
        let to_check: Vec<usize> = order
            .into_iter()
            .filter(|&i| {
                let n = checked.entry(cands[i].target).or_default();
                *n += 1;
                *n <= per_target
            })
            .collect();
        // Checks are independent: run them on all cores, apply them in order.
        let (src, tgt, free_src, free_tgt) = (self.src, self.tgt, self.free_src, self.free_tgt);
        let check_one = |&i: &usize| {
            check(&src[free_src[cands[i].source]], &tgt[free_tgt[cands[i].target]], self.rules, threshold, self.shared)
        };
        let results: Vec<Fit> = parallel_map(&to_check, check_one);
        for (i, fit) in to_check.into_iter().zip(results) {
            let p = &mut cands[i];
            if fit.support > 0.0 {
                let before = p.score;
                p.score = 1.0 - (1.0 - before) * (1.0 - fit.support);
                p.reason =
                    format!("{}; {} column(s) match with confidence ≥ {threshold:.2}", p.reason, fit.strong.len());
                if fit.support > before {
                    p.method = Method::ColumnSet;
                }
            }
            tracing::debug!(
                source_table = %src[free_src[p.source]].tref,
                target_table = %tgt[free_tgt[p.target]].tref,
                score = p.score,
                strong = fit.strong.len(),
                reason = %p.reason,
                "table candidate checked against its columns"
            );
            fits.insert((p.source, p.target), fit);
        }
    }
}

/// Columns of a table that a source value could fill (indexes): not its primary key, a
/// reference to another table or load metadata.
fn content_columns(t: &TableCtx) -> Vec<usize> {
    (0..t.cols.len())
        .filter(|&i| {
            let p = &t.profiles[i];
            t.table.pk_position(&t.cols[i].name).is_none() && !p.refers && !p.load_metadata
        })
        .collect()
}

/// Infer table plans for the free source and target tables (indexes into `src`/`tgt`).
pub(crate) fn infer(
    rules: &Rules,
    src: &[TableCtx],
    tgt: &[TableCtx],
    free_src: &[usize],
    free_tgt: &[usize],
    threshold: f64,
) -> (Vec<Plan>, Vec<Finding>) {
    let sf: Vec<TableFeatures> = free_src.iter().map(|&i| src[i].features.clone()).collect();
    let tf: Vec<TableFeatures> = free_tgt.iter().map(|&i| tgt[i].features.clone()).collect();
    let only_pair = src.len() == 1 && tgt.len() == 1;
    let mut cands = tables::candidates(&sf, &tf, &rules.vocab, only_pair);

    // Check unsettled candidates against their columns.
    let shared = residual_counts(tgt);
    let strong_src: HashSet<usize> = cands.iter().filter(|p| p.score >= STRONG_TABLE_SCORE).map(|p| p.source).collect();
    let strong_tgt: HashSet<usize> = cands.iter().filter(|p| p.score >= STRONG_TABLE_SCORE).map(|p| p.target).collect();
    let order: Vec<usize> = (0..cands.len())
        .filter(|&i| !only_pair && !strong_src.contains(&cands[i].source) && !strong_tgt.contains(&cands[i].target))
        .collect();
    let mut fits: HashMap<(usize, usize), Fit> = HashMap::new();
    let checks = CheckCtx { src, tgt, free_src, free_tgt, rules, threshold, shared: &shared };
    checks.run(&mut cands, order, &mut fits);

    let mut findings = Vec::new();
    let mut plans = Vec::new();
    let single = |p: &TablePair| Plan {
        sources: vec![free_src[p.source]],
        target: free_tgt[p.target],
        combine: Combine::Single,
        join_on: Vec::new(),
        method: p.method,
        confidence: p.score,
        reason: p.reason.clone(),
        filter: None,
        rule: None,
        renames: BTreeMap::new(),
    };
    // Per table: how many candidates it has and its two best (score, other table).
    let mut by_src: HashMap<usize, Top2> = HashMap::new();
    let mut by_tgt: HashMap<usize, Top2> = HashMap::new();
    for c in &cands {
        by_src.entry(c.source).or_default().add(c.score, c.target);
        by_tgt.entry(c.target).or_default().add(c.score, c.source);
    }
    let mut primary: HashMap<usize, usize> = HashMap::new();
    // Source → the target whose first source it is, and that pair's score.
    let mut owned: HashMap<usize, (usize, f64)> = HashMap::new();
    for mut p in tables::select(cands.clone(), only_pair) {
        if fits.contains_key(&(p.source, p.target)) {
            // A checked pair that is clearly the best for both of its tables is raised, as
            // column matches are (MaxDelta).
            let (s, t) = (&by_src[&p.source], &by_tgt[&p.target]);
            let rival = s.best_except(p.target).max(t.best_except(p.source));
            let alternatives = s.count + t.count - 2;
            let raised = max_delta(p.score, rival, alternatives, tables::MIN_TABLE_SCORE);
            if raised > p.score {
                p.reason = format!("{}; clear best for both tables (next best {rival:.2})", p.reason);
                p.score = raised;
            }
        }
        primary.insert(p.target, p.source);
        owned.insert(p.source, (p.target, p.score));
        plans.push(single(&p));
    }
    if !rules.combine {
        findings.extend(findings_for_low_confidence(&plans, src, tgt, threshold));
        return (plans, findings);
    }
    // Targets that no source fits well yet: check the sources whose names settled another pair
    // (`fault_codes` → `dim_fault_code` may also feed `fact_fault_event`: a split).
    let held: HashMap<usize, f64> = plans.iter().map(|pl| (pl.target, pl.confidence)).collect();
    let weak = |t: usize| held.get(&free_tgt[t]).is_none_or(|&c| c < threshold);
    let unchecked: Vec<usize> = (0..cands.len())
        .filter(|&i| {
            let p = &cands[i];
            !only_pair && !strong_tgt.contains(&p.target) && weak(p.target) && !fits.contains_key(&(p.source, p.target))
        })
        .collect();
    checks.run(&mut cands, unchecked, &mut fits);
    // Targets without a pair take their best checked source, even one already used (a split).
    let mut by_target: BTreeMap<usize, Vec<&TablePair>> = BTreeMap::new();
    for p in cands.iter().filter(|p| fits.contains_key(&(p.source, p.target))) {
        by_target.entry(p.target).or_default().push(p);
    }
    for list in by_target.values_mut() {
        list.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.source.cmp(&b.source)));
    }
    for (&t, list) in &by_target {
        if let Some(&first) = primary.get(&t) {
            // A weak 1:1 partner gives way to a source that fits far better but whose name
            // settled another pair first (a split).
            let Some(i) = plans.iter().position(|pl| pl.target == free_tgt[t]) else { continue };
            let held = fits.get(&(first, t)).map_or(0, |f| f.strong.len());
            let better = list.iter().find(|p| {
                p.source != first
                    && p.score >= plans[i].confidence + SPLIT_MARGIN
                    && fits[&(p.source, t)].strong.len() >= MIN_EXTRA_COLUMNS.max(2 * held)
            });
            if let Some(p) = better {
                primary.insert(t, p.source);
                plans[i] = single(p);
            }
            continue;
        }
        // A target with a single content column (a Data Vault hub: its business key beside the
        // hash key and load metadata) is explained by matching that one column — from the
        // table that owns the key, not from one that refers to it (a loan's collateral holds the
        // loan's account number too).
        let target = &tgt[free_tgt[t]];
        let content = content_columns(target);
        let explains = |f: &Fit| {
            f.strong.len() >= MIN_EXTRA_COLUMNS
                || (content.len() == 1 && f.strong.contains(&content[0]) && !f.by_reference.contains(&content[0]))
        };
        if let Some(p) = list.iter().find(|p| p.score >= tables::MIN_TABLE_SCORE && explains(&fits[&(p.source, t)])) {
            primary.insert(t, p.source);
            plans.push(single(p));
        }
    }
    // Further sources for each target: only a source for which this target is about as good
    // as its best one (a source that plainly belongs elsewhere does not also feed this one).
    let mut best_of_source: HashMap<usize, f64> = HashMap::new();
    for p in &cands {
        let b = best_of_source.entry(p.source).or_insert(0.0);
        *b = b.max(p.score);
    }
    let position: HashMap<usize, usize> = free_tgt.iter().enumerate().map(|(i, &x)| (x, i)).collect();
    for plan in plans.iter_mut() {
        let Some(&t) = position.get(&plan.target) else { continue };
        let Some(list) = by_target.get(&t) else { continue };
        let first = primary[&t];
        let Some(first_fit) = fits.get(&(first, t)) else { continue };
        let mut covered = first_fit.strong.clone();
        let first_pair = list.iter().find(|p| p.source == first);
        let first_score = first_pair.map_or(plan.confidence, |p| p.score);
        let first_name = first_pair.map_or(0.0, |p| p.name);
        let eligible = |p: &&&TablePair| {
            p.source != first
                && p.score >= tables::MIN_TABLE_SCORE
                && p.score >= EXTRA_SHARE_OF_BEST * best_of_source[&p.source]
        };
        for p in list.iter().filter(eligible) {
            let fit = &fits[&(p.source, t)];
            let new: Vec<usize> = fit.strong.difference(&covered).copied().collect();
            let overlap = fit.strong.len() - new.len();
            // Rows of the same kind (a partition, an archive, another channel): it explains the
            // same target columns about as well as the first source does.
            // A table whose rows already make up another target (`Employees` → `sales_reps`) is
            // not rows of this kind because a few generic columns (city, country) fit here too.
            let rows_elsewhere = owned.get(&p.source).is_some_and(|&(other, score)| other != t && score > p.score);
            // Nor is a table whose name is much further from the target's than the first
            // source's is (`Suppliers` → `vendors`; `Customers` has the same columns, other rows).
            let same_kind = fit.strong.len() >= MIN_EXTRA_COLUMNS
                && p.name + SAME_KIND_NAME_GAP >= first_name
                && overlap * 5 >= first_fit.strong.len().min(fit.strong.len()) * 4
                && p.score >= SAME_KIND_SHARE * first_score
                && !rows_elsewhere;
            let (si, s0) = (free_src[p.source], free_src[first]);
            let keys = join_keys(&src[s0], &src[si]);
            // A lookup table joined by its own key (`territories.territory_id`) brings its
            // descriptive columns: one new column is enough.
            let lookup = keys.iter().any(|(_, r)| {
                let own = |ci: usize| is_own_key(&src[si], &src[si].profiles[ci].concepts);
                src[si].cols.iter().position(|c| c.name == *r).is_some_and(own)
            });
            let needed = if lookup { 1 } else { MIN_EXTRA_COLUMNS };
            if new.len() < needed && !same_kind {
                continue;
            }
            let combine = if lookup && !same_kind {
                Combine::Join
            } else if overlap * 2 >= fit.strong.len() {
                Combine::Union
            } else if keys.is_empty() {
                // Mostly other columns and no key to join on: its rows are not of this kind
                // (`TERM_CAL`'s begin/end dates beside `ENRL`'s enrollment columns), and a union
                // would fill each half of the columns from a different table.
                continue;
            } else {
                Combine::Join
            };
            if plan.combine != Combine::Single && plan.combine != combine {
                continue;
            }
            if combine == Combine::Join {
                let (lt, rt) = (src[s0].tref.name.clone(), src[si].tref.name.clone());
                plan.join_on.extend(keys.into_iter().map(|(l, r)| (lt.clone(), l, rt.clone(), r)));
            }
            plan.combine = combine;
            plan.sources.push(si);
            plan.method = Method::ColumnSet;
            let how = if combine == Combine::Union { "union" } else { "join" };
            plan.reason =
                format!("{}; {how} with `{}` ({} more column(s) match)", plan.reason, src[si].tref, new.len());
            findings.push(Finding {
                severity: Severity::Info,
                code: "needs_review".into(),
                message: format!(
                    "{} also takes {} from {} ({how} inferred from {} matching column(s)): review the combination",
                    tgt[plan.target].tref,
                    if combine == Combine::Union { "rows" } else { "columns" },
                    src[si].tref,
                    fit.strong.len()
                ),
                object: Some(tgt[plan.target].tref.to_string()),
            });
            covered.extend(new);
        }
    }
    findings.extend(findings_for_low_confidence(&plans, src, tgt, threshold));
    (plans, findings)
}

/// A `needs_review` finding for every inferred table plan below the threshold.
fn findings_for_low_confidence(plans: &[Plan], src: &[TableCtx], tgt: &[TableCtx], threshold: f64) -> Vec<Finding> {
    plans
        .iter()
        .filter(|p| p.confidence < threshold)
        .map(|p| Finding {
            severity: Severity::Info,
            code: "needs_review".into(),
            message: format!(
                "table pair {} → {} has confidence {:.2}: {}",
                p.sources.iter().map(|&s| src[s].tref.to_string()).collect::<Vec<_>>().join(" + "),
                tgt[p.target].tref,
                p.confidence,
                p.reason
            ),
            object: Some(tgt[p.target].tref.to_string()),
        })
        .collect()
}

/// Columns two source tables share by meaning that look like keys (a primary-key column of
/// either, or a name ending in an identifier word): the join condition of an inferred join.
fn join_keys(a: &TableCtx, b: &TableCtx) -> Vec<(String, String)> {
    // Declared foreign keys between the two tables say how they join (`prices.product` →
    // `products.id`); otherwise key-like columns of the same meaning (`OrderID` in both).
    fn points(from: &TableCtx, to: &TableCtx) -> Vec<(String, String)> {
        from.table
            .foreign_keys
            .iter()
            .filter(|f| f.referenced_table == to.tref.name && f.referenced_schema == to.tref.schema)
            .flat_map(|f| f.columns.iter().cloned().zip(f.referenced_columns.iter().cloned()))
            .collect()
    }
    let mut out = points(a, b);
    out.extend(points(b, a).into_iter().map(|(bc, ac)| (ac, bc)));
    if !out.is_empty() {
        return out;
    }
    for (ai, ac) in a.cols.iter().enumerate() {
        let concepts = &a.profiles[ai].concepts;
        let Some(bi) = b.profiles.iter().position(|p| p.concepts == *concepts) else { continue };
        let bc = b.cols[bi];
        let keyish = a.table.pk_position(&ac.name).is_some()
            || b.table.pk_position(&bc.name).is_some()
            || concepts.last().is_some_and(|w| w == "id");
        if keyish {
            out.push((ac.name.clone(), bc.name.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Top2;

    #[test]
    fn top2_keeps_the_two_best_and_excludes_one() {
        let mut t = Top2::default();
        assert_eq!(t.best_except(0), 0.0);
        t.add(0.4, 1);
        assert_eq!(t.best_except(1), 0.0);
        assert_eq!(t.best_except(2), 0.4);
        t.add(0.9, 2);
        t.add(0.6, 3);
        t.add(0.1, 4);
        assert_eq!(t.count, 4);
        assert_eq!(t.best_except(2), 0.6);
        assert_eq!(t.best_except(3), 0.9);
    }
}
