//! A structural checker for the Mermaid subset mapping.md uses: a `flowchart` header with a
//! direction, then node statements `id["label"]` and edges `id["label"] --> id["label"]`.
//! It follows Mermaid's flowchart grammar for that subset: ids are `[A-Za-z0-9_]` words
//! that are not keywords (`end`, `subgraph`, …), quoted labels contain no `"` (Mermaid
//! has no escapes there; `#quot;`-style entity codes are used) and no raw `<`/`>` that
//! would be read as HTML, and a `%%` outside a label starts a comment.

use std::collections::BTreeMap;

/// The ```` ```mermaid ```` blocks of a Markdown document (contents without fences).
pub fn blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in md.lines() {
        match &mut cur {
            None if line.trim_end() == "```mermaid" => cur = Some(String::new()),
            Some(b) if line.trim_end() == "```" => {
                out.push(std::mem::take(b));
                cur = None;
            }
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => {}
        }
    }
    assert!(cur.is_none(), "unterminated ```mermaid block");
    out
}

const KEYWORDS: &[&str] =
    &["end", "subgraph", "graph", "flowchart", "style", "classDef", "class", "click", "linkStyle"];

/// A parsed flowchart: node id → label, and the edges.
#[derive(Debug, Default)]
pub struct Flowchart {
    pub nodes: BTreeMap<String, String>,
    pub edges: Vec<(String, String)>,
}

fn node<'a>(s: &'a str, chart: &mut Flowchart, line: usize) -> Result<(String, &'a str), String> {
    let id_len = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
    let id = &s[..id_len];
    if id.is_empty() {
        return Err(format!("line {line}: expected a node id at `{s}`"));
    }
    if KEYWORDS.contains(&id) || id.starts_with(|c: char| c.is_ascii_digit()) && id.chars().all(|c| c.is_ascii_digit())
    {
        return Err(format!("line {line}: `{id}` cannot be a node id"));
    }
    let rest = &s[id_len..];
    let Some(rest) = rest.strip_prefix("[\"") else {
        return Err(format!("line {line}: node `{id}` must have a quoted label `[\"…\"]`"));
    };
    let Some(end) = rest.find("\"]") else {
        return Err(format!("line {line}: label of `{id}` is not closed with `\"]`"));
    };
    let label = &rest[..end];
    if label.contains('"') || label.contains('<') || label.contains('>') || label.contains('\n') {
        return Err(format!("line {line}: label of `{id}` contains a raw `\"`, `<`, `>` or line break: {label:?}"));
    }
    // Entity codes only: `#` must start `#name;` or `#123;`.
    let mut rest_label = label;
    while let Some(i) = rest_label.find('#') {
        let after = &rest_label[i + 1..];
        let semi = after.find(';').ok_or_else(|| format!("line {line}: stray `#` in label {label:?}"))?;
        if semi == 0 || !after[..semi].chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("line {line}: invalid entity code in label {label:?}"));
        }
        rest_label = &after[semi + 1..];
    }
    match chart.nodes.get(id) {
        Some(old) if old != label => return Err(format!("line {line}: node `{id}` relabelled {old:?} → {label:?}")),
        _ => {
            chart.nodes.insert(id.to_string(), label.to_string());
        }
    }
    Ok((id.to_string(), &rest[end + 2..]))
}

/// Parse a block or say why Mermaid would reject (or misread) it.
pub fn parse(block: &str) -> Result<Flowchart, String> {
    let mut lines = block.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or("empty diagram")?;
    let dir = header
        .trim()
        .strip_prefix("flowchart ")
        .ok_or_else(|| format!("header `{header}` is not `flowchart <dir>`"))?;
    if !["LR", "RL", "TB", "TD", "BT"].contains(&dir.trim()) {
        return Err(format!("unknown direction `{dir}`"));
    }
    let mut chart = Flowchart::default();
    for (i, raw) in lines {
        let line = i + 1;
        let s = raw.trim();
        if s.starts_with("%%") {
            continue;
        }
        let (from, rest) = node(s, &mut chart, line)?;
        let rest = rest.trim();
        if rest.is_empty() {
            continue;
        }
        let Some(rest) = rest.strip_prefix("-->") else {
            return Err(format!("line {line}: expected `-->` or end of statement, found `{rest}`"));
        };
        let (to, tail) = node(rest.trim_start(), &mut chart, line)?;
        if !tail.trim().is_empty() && tail.trim() != ";" {
            return Err(format!("line {line}: trailing text `{tail}`"));
        }
        chart.edges.push((from, to));
    }
    Ok(chart)
}

#[test]
fn checker_rejects_what_mermaid_rejects() {
    assert!(parse("flowchart LR\n  a[\"x\"] --> b[\"y\"]\n").is_ok());
    for bad in [
        "graph LR\n",
        "flowchart LR\n  a[\"x\"y\"] --> b[\"y\"]\n",
        "flowchart LR\n  a[x] --> b[\"y\"]\n",
        "flowchart LR\n  end[\"x\"]\n",
        "flowchart LR\n  a[\"#x\"]\n",
        "flowchart LR\n  a[\"<b>\"]\n",
        "flowchart LR\n  a[\"x\"] -> b[\"y\"]\n",
        "flowchart LR\n  a[\"x\"]\n  a[\"y\"]\n",
    ] {
        assert!(parse(bad).is_err(), "accepted {bad:?}");
    }
}
