//! Policy exemptions: a pipeline's reviewed `[[exemptions]]` turn matching
//! `deny` verdicts of one policy into warnings.
//!
//! The exemption lives in the pipeline file, but `access check` requires the
//! owners of the exempted policy file to approve adding it, so security still
//! decides. Expired exemptions stop applying and say so.

use crate::config::{Pipeline, PolicyExemption, Workspace, diag};
use crate::error::{Error, Result};
use crate::mapping::{Mapping, PolicyMessage, PolicyVerdicts};

fn policy_path(e: &PolicyExemption) -> String {
    format!("pipelines/policies/{}.rego", e.policy)
}

fn expiry(p: &Pipeline, e: &PolicyExemption) -> Result<Option<time::Date>> {
    let Some(s) = &e.expires else { return Ok(None) };
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).map(Some).map_err(|_| {
        diag::located_error(
            &p.file.path,
            &p.file.text,
            diag::find_value_offset(&p.file.text, "expires", s),
            &format!("exemption from `{}`: `expires` must be a date like 2027-01-31, got `{s}`", e.policy),
            None,
        )
    })
}

/// `validate`: every exemption names an existing policy and has a valid date.
pub(super) fn check(ws: &Workspace) -> Vec<Error> {
    let known: Vec<String> = ws
        .policies
        .iter()
        .filter(|f| !super::is_test_file(&f.path))
        .filter_map(|f| f.path.strip_prefix("pipelines/policies/")?.strip_suffix(".rego").map(str::to_string))
        .collect();
    let mut errors = Vec::new();
    for p in &ws.pipelines {
        for e in &p.spec.exemptions {
            if !known.contains(&e.policy) {
                errors.push(diag::unknown_reference(
                    &p.file.path,
                    &p.file.text,
                    "policy",
                    "policy",
                    &e.policy,
                    known.iter().map(String::as_str),
                ));
            }
            if let Err(err) = expiry(p, e) {
                errors.push(err);
            }
        }
    }
    errors
}

/// Move exempted denies of `mapping`'s pipeline to warnings (prefixed with the reason).
pub(super) fn apply(ws: &Workspace, mapping: &Mapping, verdicts: &mut PolicyVerdicts) -> Result<()> {
    let Some(p) = ws.pipelines.iter().find(|p| p.file.path == mapping.pipeline_path || p.spec.name == mapping.pipeline)
    else {
        return Ok(());
    };
    let today = time::OffsetDateTime::now_utc().date();
    for e in &p.spec.exemptions {
        let policy = policy_path(e);
        if let Some(until) = expiry(p, e)?
            && until < today
        {
            verdicts.warn.push(PolicyMessage {
                policy: policy.clone(),
                message: format!("exemption in {} expired on {until}; its denies apply again", p.file.path),
            });
            continue;
        }
        let (exempted, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut verdicts.deny)
            .into_iter()
            .partition(|d| d.policy == policy && e.contains.as_ref().is_none_or(|c| d.message.contains(c.as_str())));
        verdicts.deny = kept;
        verdicts.warn.extend(exempted.into_iter().map(|d| PolicyMessage {
            policy: d.policy,
            message: format!("exempted by {} ({}): {}", p.file.path, e.reason, d.message),
        }));
    }
    Ok(())
}
