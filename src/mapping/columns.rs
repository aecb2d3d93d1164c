//! Column matching for one target table: explicit rules first, then the
//! renames file, rename patterns, and finally inference with one global 1:1
//! assignment (Hungarian) per source group.

use super::assign::{hungarian, max_delta};
use super::compile::{Rules, ValueSpec};
use super::expr;
use super::model::*;
use super::rows::{Choice, RowInput, build_row};
use super::similarity::{Evidence, Profile, Weights, WordWeight, score_with};
use super::types::{is_text, verdict};
use super::{Candidate, Plan, Probe, TableCtx, Usage};
use crate::catalog::LogicalType;
use std::collections::HashSet;

/// Column pairs scoring below this are not proposed (not even for review).
pub const MIN_COLUMN_SCORE: f64 = 0.45;

fn info(c: &crate::catalog::Column, t: &crate::catalog::Table) -> ColumnInfo {
    ColumnInfo {
        name: c.name.clone(),
        raw_type: c.raw_type.clone(),
        logical: c.logical.clone(),
        nullable: c.nullable,
        default: c.default.clone(),
        comment: c.comment.clone(),
        pk_position: t.pk_position(&c.name),
    }
}

/// A source table in a group, with its alias.
struct Src<'a> {
    alias: String,
    t: &'a TableCtx<'a>,
}

impl Src<'_> {
    fn col(&self, name: &str) -> Option<usize> {
        self.t
            .cols
            .iter()
            .position(|c| c.name == name)
            .or_else(|| self.t.cols.iter().position(|c| c.name.eq_ignore_ascii_case(name)))
    }
    fn value(&self, ci: usize) -> Value {
        Value::Column { alias: self.alias.clone(), source: info(self.t.cols[ci], self.t.table) }
    }
}

/// Resolve `table.column` / `alias.column` / `column` against a group.
fn resolve_ref(group: &[Src], qualifier: &str, name: &str) -> Option<(usize, usize)> {
    group.iter().enumerate().find_map(|(gi, s)| {
        let q_ok = qualifier.is_empty()
            || s.alias == qualifier
            || s.t.tref.name.eq_ignore_ascii_case(qualifier)
            || s.t.tref.to_string().eq_ignore_ascii_case(qualifier);
        if q_ok { s.col(name).map(|ci| (gi, ci)) } else { None }
    })
}

/// Build the TableMapping of one plan.
pub fn build_table(
    plan: &Plan,
    srcs: &[TableCtx],
    tgt: &TableCtx,
    rules: &Rules,
    threshold: f64,
    usage: &mut Usage,
) -> TableMapping {
    let all: Vec<Src> =
        plan.sources.iter().enumerate().map(|(i, &si)| Src { alias: format!("s{}", i + 1), t: &srcs[si] }).collect();
    let groups: Vec<Vec<usize>> = if plan.combine == Combine::Union {
        (0..all.len()).map(|i| vec![i]).collect()
    } else {
        vec![(0..all.len()).collect()]
    };
    let tname = tgt.tref.name.as_str();

    // Target columns: catalog columns, then columns added by rules.
    let mut targets: Vec<(ColumnInfo, bool)> =
        tgt.cols.iter().map(|c| (info(c, tgt.table), c.auto_increment)).collect();
    for r in &rules.columns {
        if let (Some((t, c)), Some((raw, logical))) = (&r.literal, &r.add)
            && t.eq_ignore_ascii_case(tname)
        {
            if targets.iter().any(|(x, _)| &x.name == c) {
                continue;
            }
            usage.columns[r.index] = true;
            targets.push((
                ColumnInfo {
                    name: c.clone(),
                    raw_type: raw.clone(),
                    logical: logical.clone(),
                    nullable: true,
                    default: None,
                    comment: None,
                    pk_position: None,
                },
                false,
            ));
        }
    }
    let dropped: Vec<bool> = targets
        .iter()
        .map(|(c, _)| {
            let d = rules.columns.iter().find(|r| r.drop && r.matches(tname, &c.name));
            if let Some(r) = d {
                usage.columns[r.index] = true;
            }
            d.is_some()
        })
        .collect();

    let mut rows = Vec::new();
    let mut referenced: HashSet<(String, String)> = HashSet::new();
    let mut given_value = vec![false; targets.len()];
    for g in &groups {
        let group: Vec<Src> = g.iter().map(|&i| Src { alias: all[i].alias.clone(), t: all[i].t }).collect();
        let branch = (plan.combine == Combine::Union).then(|| group[0].alias.clone());
        let mut chosen: Vec<Option<Choice>> = vec![None; targets.len()];
        let mut used_src: HashSet<(usize, usize)> = HashSet::new();
        let tindex = |name: &str| {
            targets
                .iter()
                .position(|(c, _)| c.name == name)
                .or_else(|| targets.iter().position(|(c, _)| c.name.eq_ignore_ascii_case(name)))
        };

        // 1. Column rules with a value.
        for r in &rules.columns {
            let (Some((t, c)), Some(v)) = (&r.literal, &r.value) else { continue };
            if !t.eq_ignore_ascii_case(tname) {
                continue;
            }
            let Some(ti) = tindex(c) else { continue };
            let why = format!("column rule #{}", r.index + 1);
            let choice = match v {
                ValueSpec::From(f) => {
                    let (q, n) = f.rsplit_once('.').unwrap_or(("", f));
                    resolve_ref(&group, q, n).map(|(gi, ci)| {
                        used_src.insert((gi, ci));
                        Choice { value: group[gi].value(ci), method: r.method(), confidence: 1.0, reason: why.clone() }
                    })
                }
                ValueSpec::Constant(l) => Some(Choice {
                    value: Value::Constant { literal: l.clone() },
                    method: Method::Rule,
                    confidence: 1.0,
                    reason: why.clone(),
                }),
                ValueSpec::Expr(e, text) => {
                    let mut e = e.clone();
                    let ok =
                        expr::resolve(&mut e, &|q, n| resolve_ref(&group, q, n).map(|(gi, _)| group[gi].alias.clone()));
                    match ok {
                        Ok(()) => Some(Choice {
                            value: Value::Expression { expr: e, text: text.clone() },
                            method: Method::Rule,
                            confidence: 1.0,
                            reason: why.clone(),
                        }),
                        Err(msg) => {
                            usage.findings.push(Finding {
                                severity: Severity::Error,
                                code: "rule_unresolved".into(),
                                message: format!("{why} (`{}`): {msg}", r.target_text),
                                object: Some(format!("{}.{c}", tgt.tref)),
                            });
                            None
                        }
                    }
                }
            };
            if let Some(ch) = choice {
                usage.columns[r.index] = true;
                chosen[ti] = Some(ch);
            }
        }
        // 2. Renames in the table rule.
        for (s, t) in &plan.renames {
            let (q, n) = s.rsplit_once('.').unwrap_or(("", s));
            match (resolve_ref(&group, q, n), tindex(t)) {
                (Some((gi, ci)), Some(ti)) if chosen[ti].is_none() => {
                    used_src.insert((gi, ci));
                    usage.renames_hit.insert((plan.rule.unwrap_or(usize::MAX), s.clone()));
                    let method = if plan.method == Method::Locked { Method::Locked } else { Method::Rule };
                    chosen[ti] = Some(Choice {
                        value: group[gi].value(ci),
                        method,
                        confidence: 1.0,
                        reason: format!("table rule #{} renames `{s}`", plan.rule.map_or(0, |i| i + 1)),
                    });
                }
                _ => {}
            }
        }
        // 3. Renames file.
        if let Some(file) = &rules.rename_file {
            for (gi, s) in group.iter().enumerate() {
                for (ci, col) in s.t.cols.iter().enumerate() {
                    let Some((tt, tc, line)) = file.columns.get(&(s.t.tref.name.clone(), col.name.clone())) else {
                        continue;
                    };
                    if !tt.eq_ignore_ascii_case(tname) || used_src.contains(&(gi, ci)) {
                        continue;
                    }
                    if let Some(ti) = tindex(tc).filter(|&ti| chosen[ti].is_none() && !dropped[ti]) {
                        used_src.insert((gi, ci));
                        chosen[ti] = Some(Choice {
                            value: s.value(ci),
                            method: Method::RenameFile,
                            confidence: 1.0,
                            reason: format!("renames file line {line}"),
                        });
                    }
                }
            }
        }
        // 4. Rename patterns.
        for (gi, s) in group.iter().enumerate() {
            let renamers: Vec<_> = rules
                .renames
                .iter()
                .filter(|r| {
                    r.scope == crate::config::rules::RenameScope::Columns
                        && r.applies_to_table(&s.t.tref.name, &s.t.tref.to_string())
                })
                .collect();
            if renamers.is_empty() {
                continue;
            }
            for (ci, col) in s.t.cols.iter().enumerate() {
                if used_src.contains(&(gi, ci)) {
                    continue;
                }
                let mut name = col.name.clone();
                let mut applied = Vec::new();
                for r in &renamers {
                    let next = r.apply(&name);
                    if next != name {
                        applied.push(r.index);
                        name = next;
                    }
                }
                if applied.is_empty() {
                    continue;
                }
                if let Some(ti) = tindex(&name).filter(|&ti| chosen[ti].is_none() && !dropped[ti]) {
                    used_src.insert((gi, ci));
                    for i in &applied {
                        usage.renames[*i] = true;
                    }
                    let list: Vec<String> = applied.iter().map(|i| format!("#{}", i + 1)).collect();
                    chosen[ti] = Some(Choice {
                        value: s.value(ci),
                        method: Method::Pattern,
                        confidence: 1.0,
                        reason: format!("rename rule {} gives `{name}`", list.join(", ")),
                    });
                }
            }
        }
        // 5. Inference. A joined table's join key holds the same values as the key it joins on:
        // it is not a column of its own to map.
        if plan.combine == Combine::Join {
            for (_, _, rt, rc) in &plan.join_on {
                let joined = group.iter().enumerate().skip(1).find(|(_, s)| &s.t.tref.name == rt);
                if let Some((gi, ci)) =
                    joined.and_then(|(gi, s)| Some((gi, s.t.cols.iter().position(|c| &c.name == rc)?)))
                {
                    used_src.insert((gi, ci));
                }
            }
        }
        if rules.infer {
            infer_columns(plan, &group, tgt, &dropped, &mut chosen, &mut used_src, rules, usage.probe.as_mut());
        }
        for (ti, ((target, auto), choice)) in targets.iter().zip(chosen).enumerate() {
            if choice.is_some() {
                given_value[ti] = true;
            }
            if let Some(c) = &choice {
                match &c.value {
                    Value::Column { alias, source } => {
                        referenced.insert((alias.clone(), source.name.clone()));
                    }
                    Value::Expression { expr: e, .. } => referenced.extend(expr::columns(e)),
                    _ => {}
                }
            }
            let pii = {
                let mut tags = rules.tagger.tags(&target.name, target.comment.as_deref(), &target.logical);
                if let Some(Choice { value: Value::Column { source, .. }, .. }) = &choice {
                    tags.extend(rules.tagger.tags(&source.name, source.comment.as_deref(), &source.logical));
                }
                tags.sort();
                tags.dedup();
                tags
            };
            let input = RowInput {
                table: tname,
                object: format!("{}.{}", tgt.tref, target.name),
                target: target.clone(),
                target_auto_increment: *auto,
                branch: branch.clone(),
                choice,
                dropped: dropped[ti],
                load_metadata: tgt.profiles.get(ti).is_some_and(|p| p.load_metadata),
                threshold,
                pii,
            };
            rows.push(build_row(rules, input, &mut usage.columns));
        }
    }

    let mut sources: Vec<SourceTable> = all
        .iter()
        .map(|s| SourceTable { table: s.t.tref.clone(), alias: s.alias.clone(), join_on: Vec::new() })
        .collect();
    for (lt, lc, rt, rc) in &plan.join_on {
        let find = |name: &str| {
            all.iter().position(|s| {
                s.t.tref.name.eq_ignore_ascii_case(name) || s.t.tref.to_string().eq_ignore_ascii_case(name)
            })
        };
        match (find(lt), find(rt)) {
            (Some(l), Some(r)) => sources[r].join_on.push(JoinKey {
                left_alias: all[l].alias.clone(),
                left_column: lc.clone(),
                right_column: rc.clone(),
            }),
            _ => usage.findings.push(Finding {
                severity: Severity::Warning,
                code: "rule_no_match".into(),
                message: format!(
                    "table rule #{}: join condition `{lt}.{lc} = {rt}.{rc}` names a table that is not a source",
                    plan.rule.map_or(0, |i| i + 1)
                ),
                object: Some(tgt.tref.to_string()),
            }),
        }
    }
    let filter = plan.filter.as_ref().and_then(|f| {
        let mut e = f.clone();
        match expr::resolve(&mut e, &|q, n| resolve_ref(&all, q, n).map(|(gi, _)| all[gi].alias.clone())) {
            Ok(()) => {
                referenced.extend(expr::columns(&e));
                Some(e)
            }
            Err(msg) => {
                usage.findings.push(Finding {
                    severity: Severity::Error,
                    code: "rule_unresolved".into(),
                    message: format!("table rule #{} filter: {msg}", plan.rule.map_or(0, |i| i + 1)),
                    object: Some(tgt.tref.to_string()),
                });
                None
            }
        }
    });
    let mut unmapped_source_columns: Vec<ColumnRef> = all
        .iter()
        .flat_map(|s| {
            s.t.cols
                .iter()
                .filter(|c| !referenced.contains(&(s.alias.clone(), c.name.clone())))
                .map(|c| ColumnRef { alias: s.alias.clone(), column: c.name.clone() })
        })
        .collect();
    unmapped_source_columns.sort();
    let unmapped_target_columns =
        targets.iter().zip(&given_value).filter(|(_, g)| !**g).map(|((c, _), _)| c.name.clone()).collect();
    TableMapping {
        target: tgt.tref.clone(),
        sources,
        combine: plan.combine,
        method: plan.method,
        confidence: (plan.confidence * 1000.0).round() / 1000.0,
        reason: plan.reason.clone(),
        filter,
        columns: rows,
        unmapped_source_columns,
        unmapped_target_columns,
    }
}

/// Evidence that two columns are their schemas' hub keys (see `mapping::mark_hub`).
const HUB_KEY_SCORE: f64 = 0.8;

/// Evidence between a source table's own key and the target's lineage key
/// (`legacy_customer_number`, `source_passenger_id`; see `mapping::mark_references`).
const LINEAGE_KEY_SCORE: f64 = 0.9;

/// Discount for an integer column that refers to another table (`address_id` next to table
/// `address`) against a text column whose name has no identifier word (`customer_address`):
/// the key points at a row whose text lives in that other table. An identifier that refers
/// to nothing on its side (`feat_type_id` → `feat_type`) is not discounted.
const KEY_AGAINST_TEXT: f64 = 0.7;

fn key_against_text(key: &Profile, kt: &LogicalType, other: &Profile, ot: &LogicalType) -> bool {
    key.refers
        && matches!(kt, LogicalType::Integer { .. })
        && is_text(ot)
        && !other.concepts.iter().any(|w| super::dict::IDENTIFIER_ROLES.contains(&w.as_str()))
}

/// Evidence into a surrogate key or a foreign key to one (`FactSalesOrder.CustomerKey`) from a
/// column of another name: the load looks the key up by that value, it does not copy it.
const SURROGATE_LOOKUP: f64 = 0.8;

/// Evidence between two first primary-key columns whose names say no more than this.
const KEY_POSITION_SCORE: f64 = 0.6;

/// Evidence between two identifiers whose types are incompatible.
const INCOMPATIBLE_IDENTIFIERS: f64 = 0.75;

/// A point in time or a flag stored in another type (`BA_OPEN_DT` DECIMAL(8,0) against
/// `opened_on` DATE, `AUTOPAY_IND` CHAR(1) against a BOOLEAN, a Unix-epoch `trial_end_at`
/// INTEGER against a TIMESTAMP): a name says what the value is, the types differ only in how
/// it is stored. Such a pair is no evidence against the names; the type verdict still asks for
/// a cast. An identifier (`order_date_key` INTEGER, a date dimension's key) is not a date.
fn stored_as(a: (&Profile, &LogicalType), b: (&Profile, &LogicalType)) -> Option<&'static str> {
    use super::dict::TEMPORAL_ROLES;
    let says = |words: &[&str]| [a.0, b.0].iter().any(|p| p.concepts.iter().any(|w| words.contains(&w.as_str())));
    let numeric = |t: &LogicalType| matches!(t, LogicalType::Integer { .. } | LogicalType::Decimal { .. });
    let plain = |t: &LogicalType| is_text(t) || numeric(t);
    // `BlkNum` TEXT holds the number `block` INTEGER does: the name says so.
    for ((x, xt), (y, yt)) in [(a, b), (b, a)] {
        if numeric(xt) && is_text(yt) && y.concepts.last().is_some_and(|w| w == "number") && !x.is_identifier() {
            return Some("; a number stored as text (a cast is needed)");
        }
    }
    for ((_, xt), (y, yt)) in [(a, b), (b, a)] {
        if !plain(yt) || y.is_identifier() {
            continue;
        }
        if matches!(xt, LogicalType::Date | LogicalType::Timestamp { .. } | LogicalType::Time { .. })
            && says(TEMPORAL_ROLES)
        {
            return Some("; a point in time stored as another type (a cast is needed)");
        }
        if matches!(xt, LogicalType::Boolean) && says(&["flag", "ind", "is", "has"]) {
            return Some("; a flag stored as another type (a cast is needed)");
        }
    }
    None
}

/// Evidence between two tables' points in time (`Labevents.charttime` → `measurement_datetime`;
/// see `mapping::mark_event_times`), at least one of them named as its table's own time. Where
/// the target keeps its time as both a date and a timestamp, only the source's kind is evidence.
const EVENT_TIME_SCORE: f64 = 0.7;

fn event_time_evidence(s: &Profile, st: &LogicalType, tgt: &TableCtx, ti: usize) -> bool {
    use super::similarity::EventTime::*;
    let kind = std::mem::discriminant(st);
    let same = |i: usize| std::mem::discriminant(&tgt.cols[i].logical) == kind;
    match (s.event_time, tgt.profiles[ti].event_time) {
        (No, _) | (_, No) | (Sole, Sole) => false,
        _ => same(ti) || !(0..tgt.cols.len()).any(|i| tgt.profiles[i].event_time != No && same(i)),
    }
}

/// Whether the tables are paired already (columns being assigned) or only a candidate pair that
/// table inference checks ([`fit`]). Some evidence holds only once rows are known to be alike:
/// two tables' points in time say nothing about whether they hold the same things.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paired {
    Yes,
    No,
}

/// Evidence below this is never raised by [`max_delta`].
const MAX_DELTA_FLOOR: f64 = 0.6;

/// Evidence for every free source column (`(group index, column index)`) against every free
/// target column (catalog columns of `tgt`): names on the evidence ladder, then structure
/// (first primary-key columns, type compatibility).
fn score_matrix(
    group: &[Src],
    free_src: &[(usize, usize)],
    tgt: &TableCtx,
    free_tgt: &[usize],
    rules: &Rules,
    paired: Paired,
) -> Scorer {
    let names = free_src
        .iter()
        .map(|&(gi, ci)| group[gi].t.profiles[ci].concepts.as_slice())
        .chain(free_tgt.iter().map(|&ti| tgt.profiles[ti].concepts.as_slice()));
    let weights = Weights::new(names);
    // The tables' own names are every column's implicit context: `measurement_datetime` of
    // `measurement` says `datetime`, and `valueuom` (unit of measure) of a lab table matched
    // against `measurement` loses little for `measure` (see `Weights::in_context`).
    let context: Vec<&str> = group
        .iter()
        .flat_map(|s| s.t.features.concepts.iter())
        .chain(&tgt.features.concepts)
        .map(String::as_str)
        .collect();
    let weigh = |concepts: &[String]| weights.in_context(concepts, &context, &rules.vocab);
    let src_w: Vec<Vec<WordWeight>> =
        free_src.iter().map(|&(gi, ci)| weigh(&group[gi].t.profiles[ci].concepts)).collect();
    let tgt_w: Vec<Vec<WordWeight>> = free_tgt.iter().map(|&ti| weigh(&tgt.profiles[ti].concepts)).collect();
    let scorer = Scorer { evidence: Vec::new(), src_w, tgt_w };
    let evidence = free_src
        .iter()
        .enumerate()
        .map(|(r, &k)| {
            free_tgt
                .iter()
                .enumerate()
                .map(|(c, &ti)| cell(group, k, &scorer.src_w[r], tgt, ti, &scorer.tgt_w[c], rules, paired, false))
                .collect()
        })
        .collect();
    Scorer { evidence, ..scorer }
}

/// Scores of a group against a target, and each column's word weights to explain a chosen pair with.
struct Scorer {
    evidence: Vec<Vec<Option<Evidence>>>,
    src_w: Vec<Vec<WordWeight>>,
    tgt_w: Vec<Vec<WordWeight>>,
}

/// Evidence for one source column against one target column: names on the evidence ladder,
/// then structure (hub keys, first primary-key columns, type compatibility). Reason texts
/// only when `explain`.
#[allow(clippy::too_many_arguments)]
fn cell(
    group: &[Src],
    (gi, ci): (usize, usize),
    sw: &[WordWeight],
    tgt: &TableCtx,
    ti: usize,
    tw: &[WordWeight],
    rules: &Rules,
    paired: Paired,
    explain: bool,
) -> Option<Evidence> {
    let sp = &group[gi].t.profiles[ci];
    let scol = group[gi].t.cols[ci];
    let spk = group[gi].t.table.pk_position(&scol.name);
    let tcol = tgt.cols[ti];
    let note = |e: &mut Evidence, text: &str| {
        if explain {
            e.reason.push_str(text);
        }
    };
    // Evidence from structure alone, where the names say less.
    let structure = |score: f64, why: &str| Evidence {
        score,
        method: Method::Structure,
        reason: if explain { why.to_string() } else { String::new() },
        doubtful: false,
    };
    let mut ev = score_with((sp, sw), (&tgt.profiles[ti], tw), &rules.strategies, &rules.vocab, explain);
    // Load metadata is filled by the load: only the same column on the source side (a warehouse
    // copied into another) is a copy of it.
    if tgt.profiles[ti].load_metadata {
        return ev.filter(|e| matches!(e.method, Method::Exact | Method::Normalized));
    }
    if rules.strategies.has(Method::Structure)
        && sp.hub
        && tgt.profiles[ti].hub
        && ev.as_ref().is_none_or(|e| e.score < HUB_KEY_SCORE)
    {
        ev = Some(structure(HUB_KEY_SCORE, "both are the identifier most tables of their schema share"));
    }
    if paired == Paired::Yes
        && rules.strategies.has(Method::Structure)
        && ev.as_ref().is_none_or(|e| e.score < EVENT_TIME_SCORE)
        && event_time_evidence(sp, &scol.logical, tgt, ti)
    {
        ev = Some(structure(EVENT_TIME_SCORE, "both are their row's point in time"));
    }
    // The target's lineage key keeps the driving source table's own (single-column) key.
    if tgt.profiles[ti].lineage
        && gi == 0
        && rules.strategies.has(Method::Structure)
        && group[gi].t.table.primary_key.as_ref().is_some_and(|k| k.columns == [scol.name.as_str()])
        && ev.as_ref().is_none_or(|e| e.score < LINEAGE_KEY_SCORE)
    {
        ev = Some(structure(LINEAGE_KEY_SCORE, "the target keeps the source row's key"));
    }
    if rules.strategies.has(Method::Structure) {
        let both_pk1 = spk == Some(1) && tgt.table.pk_position(&tcol.name) == Some(1);
        let (v, _) = verdict(&scol.logical, &tcol.logical);
        if let Some(e) = &mut ev {
            if tgt.profiles[ti].surrogate && !matches!(e.method, Method::Exact | Method::Normalized) {
                e.score *= SURROGATE_LOOKUP;
                e.doubtful = true;
                note(e, "; the target is a surrogate key, filled by a lookup");
            } else if key_against_text(sp, &scol.logical, &tgt.profiles[ti], &tcol.logical)
                || key_against_text(&tgt.profiles[ti], &tcol.logical, sp, &scol.logical)
            {
                e.score *= KEY_AGAINST_TEXT;
                e.doubtful = true;
                note(e, "; a reference to another table against a text column");
            } else if let Some(what) = (v == Verdict::Incompatible)
                .then(|| stored_as((sp, &scol.logical), (&tgt.profiles[ti], &tcol.logical)))
                .flatten()
            {
                note(e, what);
            } else if v == Verdict::Incompatible {
                // Identifiers of incompatible types come from different systems: a copy
                // cannot carry one into the other (`Id` TEXT(18) against `id` INTEGER).
                let both_ids = sp.is_identifier() && tgt.profiles[ti].is_identifier();
                e.score *= if both_ids { INCOMPATIBLE_IDENTIFIERS } else { 0.9 };
                e.doubtful = true;
                note(e, if both_ids { "; identifiers of incompatible types" } else { "; types incompatible" });
            } else if both_pk1 && !tcol.auto_increment {
                // (A key the target generates is no evidence of a copy: the name decides.)
                e.score = (e.score + 0.05).min(1.0);
                note(e, "; both first primary-key columns");
            }
        }
        // Position alone, where the names say less: a surrogate key (a generated key named
        // `…_key`/`…_sk`, the warehouse convention) takes a source value only when the names say
        // so; any other first primary-key column takes the other's.
        if both_pk1
            && v != Verdict::Incompatible
            && !super::is_surrogate_key(tcol, &tgt.profiles[ti])
            && ev.as_ref().is_none_or(|e| e.score < KEY_POSITION_SCORE && !e.doubtful)
        {
            ev = Some(structure(KEY_POSITION_SCORE, "both first primary-key columns"))
        }
    }
    ev
}

/// Whole-name matches (same name up to case, separators, the table's column prefix,
/// abbreviations or synonyms) that are the only such match of both their columns. The
/// assignment keeps them: a summed score must not trade `failure_code` ↔ `FailureCode` for two
/// half-matches (`failure_code` ↔ `FailureReason`, `failure_message` ↔ `FailureCode`).
fn anchors(evidence: &[Vec<Option<Evidence>>]) -> Vec<(usize, usize)> {
    let whole = |e: &Option<Evidence>| {
        e.as_ref().is_some_and(|e| {
            !e.doubtful
                && matches!(
                    e.method,
                    Method::Exact | Method::Normalized | Method::Prefix | Method::Abbreviation | Method::Synonym
                )
        })
    };
    let cols = evidence.first().map_or(0, Vec::len);
    let mut per_col = vec![0usize; cols];
    for row in evidence {
        for (c, e) in row.iter().enumerate() {
            if whole(e) {
                per_col[c] += 1;
            }
        }
    }
    evidence
        .iter()
        .enumerate()
        .filter_map(|(r, row)| {
            let mut hits = row.iter().enumerate().filter(|(_, e)| whole(e)).map(|(c, _)| c);
            match (hits.next(), hits.next()) {
                (Some(c), None) if per_col[c] == 1 => Some((r, c)),
                _ => None,
            }
        })
        .collect()
}

/// One global 1:1 assignment over an evidence matrix (Hungarian), each pair's confidence
/// raised by [`max_delta`] when it is clearly the best for both of its columns.
/// Returns `(row, column, evidence)`.
fn assign(
    evidence: Vec<Vec<Option<Evidence>>>,
    explain: impl Fn(usize, usize) -> Option<Evidence>,
) -> Vec<(usize, usize, Evidence)> {
    let matrix: Vec<Vec<f64>> =
        evidence.iter().map(|row| row.iter().map(|e| e.as_ref().map_or(0.0, |e| e.score)).collect()).collect();
    let anchors = anchors(&evidence);
    drop(evidence);
    let mut out = Vec::new();
    // Anchored pairs are the only option of their row and column; the rest is assigned as usual.
    let mut solve = matrix.clone();
    for &(r, c) in &anchors {
        solve[r].iter_mut().enumerate().filter(|(j, _)| *j != c).for_each(|(_, x)| *x = 0.0);
        solve.iter_mut().enumerate().filter(|(i, _)| *i != r).for_each(|(_, row)| row[c] = 0.0);
    }
    let pairs = hungarian(&solve, MIN_COLUMN_SCORE);
    // What each column got: a column assigned something better than (r, c) would offer it
    // does not contest (r, c) (`product_name` ↔ `i_product_name` is no rival of `brand_name` ↔ `i_brand`).
    let mut row_got = vec![0.0f64; matrix.len()];
    let mut col_got = vec![0.0f64; matrix.first().map_or(0, Vec::len)];
    for &(r, c) in &pairs {
        row_got[r] = matrix[r][c];
        col_got[c] = matrix[r][c];
    }
    for (r, c) in pairs {
        let Some(mut ev) = explain(r, c) else { continue };
        let rival = (0..matrix[r].len())
            .filter(|&j| j != c && matrix[r][j] >= col_got[j])
            .map(|j| matrix[r][j])
            .chain((0..matrix.len()).filter(|&i| i != r && matrix[i][c] >= row_got[i]).map(|i| matrix[i][c]))
            .fold(0.0, f64::max);
        let alternatives = matrix[r].len() + matrix.len() - 2;
        let boosted = if ev.doubtful { ev.score } else { max_delta(ev.score, rival, alternatives, MAX_DELTA_FLOOR) };
        if boosted > ev.score {
            ev.reason.push_str(&format!("; clear best on both sides (next best {rival:.2})"));
            ev.score = boosted;
        }
        out.push((r, c, ev));
    }
    out
}

/// Inferred column matches of one source table against one target table, as if they were
/// paired alone with no rules: `(source column, target column, confidence)`. Table inference
/// uses it to check a candidate pair against its columns.
pub(crate) fn fit(src: &TableCtx, tgt: &TableCtx, rules: &Rules) -> Vec<(usize, usize, f64)> {
    let group = [Src { alias: String::new(), t: src }];
    let free_src: Vec<(usize, usize)> = (0..src.cols.len()).map(|ci| (0, ci)).collect();
    let free_tgt: Vec<usize> = (0..tgt.cols.len()).collect();
    let Scorer { evidence, src_w, tgt_w } = score_matrix(&group, &free_src, tgt, &free_tgt, rules, Paired::No);
    let explain =
        |r: usize, c: usize| cell(&group, free_src[r], &src_w[r], tgt, free_tgt[c], &tgt_w[c], rules, Paired::No, true);
    assign(evidence, explain).into_iter().map(|(r, c, ev)| (free_src[r].1, free_tgt[c], ev.score)).collect()
}

/// Score every free source column against every free target column of the group and
/// assign 1:1. Confidence is discounted when the table pairing itself is uncertain.
#[allow(clippy::too_many_arguments)]
fn infer_columns(
    plan: &Plan,
    group: &[Src],
    tgt: &TableCtx,
    dropped: &[bool],
    chosen: &mut [Option<Choice>],
    used_src: &mut HashSet<(usize, usize)>,
    rules: &Rules,
    probe: Option<&mut Probe>,
) {
    let free_src: Vec<(usize, usize)> = group
        .iter()
        .enumerate()
        .flat_map(|(gi, s)| (0..s.t.cols.len()).map(move |ci| (gi, ci)))
        .filter(|k| !used_src.contains(k))
        .collect();
    // Columns added by rules (after the catalog's) only receive values from rules.
    let free_tgt: Vec<usize> = (0..tgt.profiles.len()).filter(|&ti| chosen[ti].is_none() && !dropped[ti]).collect();
    if free_src.is_empty() || free_tgt.is_empty() {
        return;
    }
    let Scorer { evidence, src_w, tgt_w } = score_matrix(group, &free_src, tgt, &free_tgt, rules, Paired::Yes);
    let explain =
        |r: usize, c: usize| cell(group, free_src[r], &src_w[r], tgt, free_tgt[c], &tgt_w[c], rules, Paired::Yes, true);
    // A pair inferred from names alone discounts its columns more than one its columns support.
    let factor = if plan.method == Method::ColumnSet {
        0.85 + 0.15 * plan.confidence.clamp(0.0, 1.0)
    } else {
        0.6 + 0.4 * plan.confidence.clamp(0.0, 1.0)
    };
    let probed = probe.and_then(|p| {
        let c =
            free_tgt.iter().position(|&ti| tgt.cols.get(ti).is_some_and(|t| t.name.eq_ignore_ascii_case(&p.column)))?;
        Some((p, c, evidence.iter().map(|row| row[c].is_some()).collect::<Vec<bool>>()))
    });
    let assigned = assign(evidence, explain);
    if let Some((p, c, weighed)) = probed {
        for (r, _) in weighed.iter().enumerate().filter(|(_, w)| **w) {
            let Some(ev) = explain(r, c) else { continue };
            let (gi, ci) = free_src[r];
            let assigned_to = assigned.iter().find(|a| a.0 == r).map(|a| tgt.cols[free_tgt[a.1]].name.clone());
            p.candidates.push(Candidate {
                alias: group[gi].alias.clone(),
                source: format!("{}.{}", group[gi].t.tref.name, group[gi].t.cols[ci].name),
                score: ev.score,
                method: ev.method,
                reason: ev.reason,
                doubtful: ev.doubtful,
                assigned_to,
            });
        }
    }
    for (r, c, ev) in assigned {
        let (gi, ci) = free_src[r];
        let ti = free_tgt[c];
        used_src.insert((gi, ci));
        let confidence = if plan.confidence >= 0.999 { ev.score } else { ev.score * factor };
        let reason = if plan.confidence >= 0.999 {
            ev.reason
        } else {
            format!("{} (table pair confidence {:.2})", ev.reason, plan.confidence)
        };
        chosen[ti] = Some(Choice { value: group[gi].value(ci), method: ev.method, confidence, reason });
    }
}
