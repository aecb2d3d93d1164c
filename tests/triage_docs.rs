//! docs/troubleshooting.md and docs/exit-codes.md must list exactly the error
//! classes and run statuses the code has, with the same exit codes and owners —
//! so operators never search for a code the docs do not explain.

use mapwright::error::Class;
use mapwright::ops::summary::Status;
use std::collections::BTreeMap;

fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Forces this test to be revisited when a class is added: the match is exhaustive.
fn position(c: Class) -> usize {
    match c {
        Class::Usage => 0,
        Class::Config => 1,
        Class::Template => 2,
        Class::ConnectionRefused => 3,
        Class::AuthFailed => 4,
        Class::Timeout => 5,
        Class::CatalogPermission => 6,
        Class::Discovery => 7,
        Class::Mapping => 8,
        Class::PolicyDenied => 9,
        Class::AccessDenied => 10,
        Class::StoreConflict => 11,
        Class::Store => 12,
        Class::Verification => 13,
        Class::Drift => 14,
        Class::Internal => 15,
    }
}

#[test]
fn class_all_lists_every_class_once() {
    for (i, c) in Class::ALL.iter().enumerate() {
        assert_eq!(position(*c), i, "Class::ALL is out of step with the Class enum at {c:?}");
    }
}

/// `## MW-CODE` sections of the troubleshooting page with their `- key: value` lines.
fn sections(doc: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        if let Some(code) = line.strip_prefix("## ") {
            let code = code.trim().to_string();
            assert!(out.insert(code.clone(), BTreeMap::new()).is_none(), "{code} documented twice");
            current = Some(code);
        } else if let (Some(code), Some(item)) = (&current, line.strip_prefix("- "))
            && let Some((k, v)) = item.split_once(": ")
        {
            out.get_mut(code).expect("section").insert(k.to_string(), v.trim().to_string());
        }
    }
    out
}

#[test]
fn troubleshooting_documents_every_error_class_with_its_exit_code_and_owner() {
    let doc = sections(&read("docs/troubleshooting.md"));
    for class in Class::ALL {
        let code = class.code();
        let Some(fields) = doc.get(code) else { panic!("docs/troubleshooting.md has no `## {code}` section") };
        assert_eq!(fields.get("exit").map(String::as_str), Some(class.exit_code().to_string().as_str()), "{code}");
        assert_eq!(fields.get("owner").map(String::as_str), Some(class.owner()), "{code}");
        for key in ["what", "causes", "fix"] {
            assert!(fields.get(key).is_some_and(|v| v.len() > 10), "{code}: missing `- {key}:`");
        }
    }
    let known: Vec<&str> = Class::ALL.iter().map(|c| c.code()).collect();
    for code in doc.keys() {
        assert!(known.contains(&code.as_str()), "docs/troubleshooting.md documents unknown code {code}");
    }
}

#[test]
fn exit_codes_doc_lists_every_run_status_and_the_precedence() {
    let doc = read("docs/exit-codes.md");
    for s in Status::ALL {
        let row = format!("| `{}` | {} |", s.as_str(), s.exit_code());
        assert!(doc.contains(&row), "docs/exit-codes.md lacks the row `{row}`");
    }
    let mut by_rank: Vec<Status> = Status::ALL.iter().copied().filter(|s| s.exit_code() != 0).collect();
    by_rank.sort_by_key(|s| std::cmp::Reverse(s.precedence()));
    let order: Vec<String> = by_rank.iter().map(|s| s.exit_code().to_string()).collect();
    let line = format!("precedence: {}", order.join(" > "));
    assert!(doc.contains(&line), "docs/exit-codes.md must state `{line}`");
}
