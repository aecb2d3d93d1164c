//! One row of the mapping: steps, type verdict, nullability, PII, status and findings
//! for a target column once its value is chosen.

use super::compile::{ColumnPlanRule, Rules};
use super::model::*;
use super::types::verdict;

/// The chosen value of one target column and how it was chosen.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: Value,
    pub method: Method,
    pub confidence: f64,
    pub reason: String,
}

/// Column-level rules that apply to `table.column`: literal rules first, then patterns in file order.
pub fn applicable<'r>(rules: &'r Rules, table: &str, column: &str) -> Vec<&'r ColumnPlanRule> {
    let mut v: Vec<&ColumnPlanRule> = rules.columns.iter().filter(|r| r.matches(table, column)).collect();
    v.sort_by_key(|r| (r.literal.is_none(), r.index));
    v
}

/// Inputs for building one row.
pub struct RowInput<'a> {
    pub table: &'a str,
    pub object: String,
    pub target: ColumnInfo,
    pub target_auto_increment: bool,
    pub branch: Option<String>,
    pub choice: Option<Choice>,
    pub dropped: bool,
    /// The target is load metadata (`dw_load_ts`): unmapped, the reason says who fills it.
    pub load_metadata: bool,
    pub threshold: f64,
    pub pii: Vec<String>,
}

/// Build the row and note which column rules took effect (by rule index).
pub fn build_row(rules: &Rules, input: RowInput, used: &mut [bool]) -> ColumnMapping {
    let RowInput {
        table,
        object,
        target,
        target_auto_increment,
        branch,
        choice,
        dropped,
        load_metadata,
        threshold,
        pii,
    } = input;
    let appl = applicable(rules, table, &target.name);
    let cast = appl.iter().find_map(|r| r.cast.as_ref().map(|c| (r.index, c.clone())));
    let default = appl.iter().find_map(|r| r.default.as_ref().map(|d| (r.index, d.clone())));
    let mask = appl.iter().find_map(|r| r.mask.as_ref().map(|m| (r.index, m.clone())));
    let mut findings = Vec::new();
    let mut steps = Vec::new();
    let finding = |severity, code: &str, message: String| Finding {
        severity,
        code: code.into(),
        message,
        object: Some(object.clone()),
    };

    let (value, method, confidence, reason) = match (&choice, dropped) {
        (Some(c), _) => (c.value.clone(), c.method, c.confidence, c.reason.clone()),
        (None, true) => (Value::None, Method::Rule, 1.0, "dropped by rule".to_string()),
        (None, false) if load_metadata => (
            Value::None,
            Method::Unmapped,
            0.0,
            "load metadata: the load fills it, not a source column (a [[columns]] rule can set it)".to_string(),
        ),
        (None, false) => (Value::None, Method::Unmapped, 0.0, "no matching source column".to_string()),
    };
    let has_value = !matches!(value, Value::None);
    let mut tv = TypeVerdict { verdict: Verdict::NotApplicable, why: None, nullability_risk: false };
    if let Value::Column { source, .. } = &value {
        let (mut v, mut why) = verdict(&source.logical, &target.logical);
        let mut cast_to = None;
        if let Some((idx, to)) = &cast {
            used[*idx] = true;
            let (v1, w1) = verdict(&source.logical, to);
            let (v2, w2) = verdict(to, &target.logical);
            let worst = if v2 > v1 && v2 != Verdict::NotApplicable { (v2, w2) } else { (v1, w1) };
            v = worst.0;
            why = worst.1;
            if v == Verdict::Incompatible {
                v = Verdict::Narrowing;
                why = Some(format!("conversion may fail: {}", why.unwrap_or_default()));
            }
            cast_to = Some(to.clone());
        } else if v != Verdict::Same {
            cast_to = Some(target.logical.clone());
        }
        if let Some(to) = cast_to {
            steps.push(Step::Cast { to, lossy: matches!(v, Verdict::Narrowing | Verdict::Incompatible) });
        }
        match v {
            Verdict::Narrowing => findings.push(finding(
                Severity::Warning,
                "lossy_cast",
                format!("values may be changed: {}", why.clone().unwrap_or_default()),
            )),
            Verdict::Incompatible => findings.push(finding(
                Severity::Error,
                "type_incompatible",
                format!("{}; add a column rule with `cast`", why.clone().unwrap_or_default()),
            )),
            _ => {}
        }
        tv = TypeVerdict { verdict: v, why, nullability_risk: false };
    } else if let (Some((idx, to)), true) = (&cast, has_value) {
        used[*idx] = true;
        steps.push(Step::Cast { to: to.clone(), lossy: false });
    }
    if let (Some((idx, lit)), true) = (&default, has_value) {
        used[*idx] = true;
        steps.push(Step::Default { literal: lit.clone() });
    }
    if let Value::Column { source, .. } = &value
        && source.nullable
        && !target.nullable
        && target.default.is_none()
        && default.is_none()
    {
        tv.nullability_risk = true;
        findings.push(finding(
            Severity::Warning,
            "nullability",
            format!("nullable source `{}` into NOT NULL target without a default", source.name),
        ));
    }
    if let (Some((idx, m)), true) = (&mask, has_value) {
        used[*idx] = true;
        steps.push(Step::Mask { mask: m.clone() });
    }
    let status = if !has_value {
        if dropped { Status::Accepted } else { Status::Unmapped }
    } else if confidence >= threshold || matches!(method, Method::Rule | Method::Locked) {
        Status::Accepted
    } else {
        findings.push(finding(
            Severity::Info,
            "needs_review",
            format!("confidence {confidence:.2} is below the threshold {threshold:.2}: {reason}"),
        ));
        Status::NeedsReview
    };
    if !has_value && !target.nullable && target.default.is_none() && !target_auto_increment {
        findings.push(finding(
            Severity::Warning,
            "unmapped_required",
            "NOT NULL target column without default receives no value".to_string(),
        ));
    }
    findings.sort();
    ColumnMapping {
        target,
        branch,
        value,
        steps,
        method,
        confidence: (confidence * 1000.0).round() / 1000.0,
        reason,
        status,
        type_verdict: tv,
        pii,
        findings,
    }
}
