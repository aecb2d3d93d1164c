//! Human renderings of a [`RunSummary`]: an aligned text table for terminals
//! and logs, and GitHub-flavoured Markdown for job summaries and PR comments.
//! (The JSON rendering is [`RunSummary::to_json`].)

use super::summary::{PipelineResult, RunSummary, Status};

const HEADERS: [&str; 10] =
    ["STATUS", "PIPELINE", "VERSION", "TABLES", "COLUMNS", "ACCEPTED", "REVIEW", "UNMAPPED", "FINDINGS", "TIME"];

/// The cells of one row, in [`HEADERS`] order (without the status icon).
fn cells(p: &PipelineResult) -> [String; 10] {
    let c = &p.counts;
    [
        p.status.as_str().to_string(),
        p.pipeline.clone(),
        p.version.map_or("-".to_string(), |v| format!("v{v}")),
        c.tables.to_string(),
        c.columns.to_string(),
        c.accepted.to_string(),
        c.needs_review.to_string(),
        format!("{}/{}", c.unmapped_source, c.unmapped_target),
        c.findings.to_string(),
        duration(p.duration_ms),
    ]
}

/// `850ms`, `2.4s`, `3m05s`.
pub fn duration(ms: u64) -> String {
    match ms {
        0..1_000 => format!("{ms}ms"),
        1_000..60_000 => format!("{:.1}s", ms as f64 / 1000.0),
        _ => format!("{}m{:02}s", ms / 60_000, (ms % 60_000) / 1000),
    }
}

/// Text: headline, aligned table, then the errors and drift of each pipeline.
pub fn text(s: &RunSummary) -> String {
    let rows: Vec<[String; 10]> = s.pipelines.iter().map(cells).collect();
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out =
        format!("mapwright run: {} in {} → exit {}\n\n", s.headline(), duration(s.duration_ms), s.exit_code());
    if rows.is_empty() {
        out.push_str("no pipelines selected\n");
        return out;
    }
    out.push_str(&line(&HEADERS.map(String::from)));
    for row in &rows {
        out.push_str(&line(row));
    }
    for p in &s.pipelines {
        if let Some(e) = &p.error {
            let message = e.message.trim_end().replace('\n', "\n    ");
            out.push_str(&format!("\n{} ({}): error[{}]: {message}\n", p.pipeline, p.path, e.code));
            if let Some(h) = &e.hint {
                out.push_str(&format!("  hint: {h}\n"));
            }
            out.push_str(&format!("  owner: {}\n", e.owner));
        }
        if !p.drift.is_empty() {
            out.push_str(&format!("\n{} ({}): drift since the previous version:\n", p.pipeline, p.path));
            for d in &p.drift {
                out.push_str(&format!("  - {d}\n"));
            }
        }
    }
    out
}

/// Markdown for `$GITHUB_STEP_SUMMARY` (and anything that renders GFM).
pub fn markdown(s: &RunSummary) -> String {
    let headline_icon = s.worst().filter(|w| w.exit_code() != 0).map_or("✅", icon);
    let mut out = format!(
        "## {headline_icon} mapwright run: {}\n\nExit code **{}** · {}{}\n\n",
        cell(&s.headline()),
        s.exit_code(),
        duration(s.duration_ms),
        s.shard.as_deref().map(|x| format!(" · shard {x}")).unwrap_or_default()
    );
    if s.pipelines.is_empty() {
        out.push_str("No pipelines selected.\n");
        return out;
    }
    out.push_str("| Status | Pipeline | Version | Tables | Columns | Accepted | Needs review | Unmapped (source/target) | Findings | Time |\n");
    out.push_str("| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |\n");
    for p in &s.pipelines {
        let c = cells(p);
        out.push_str(&format!(
            "| {} {} | {} | {} |\n",
            icon(p.status),
            c[0],
            code_span(&c[1]),
            c[2..].iter().map(|x| cell(x)).collect::<Vec<_>>().join(" | ")
        ));
    }
    let failed: Vec<&PipelineResult> = s.pipelines.iter().filter(|p| p.error.is_some()).collect();
    if !failed.is_empty() {
        out.push_str("\n### Errors\n");
        for p in failed {
            let Some(e) = &p.error else { continue };
            out.push_str(&format!(
                "\n**{}** ({}) · `{}` · owner: {}\n\n{}",
                cell(&p.pipeline),
                code_span(&p.path),
                e.code,
                e.owner,
                fenced(&e.message)
            ));
            if let Some(h) = &e.hint {
                out.push_str(&format!("\n> **Hint:** {}\n", cell(h)));
            }
        }
    }
    let drifted: Vec<&PipelineResult> = s.pipelines.iter().filter(|p| !p.drift.is_empty()).collect();
    if !drifted.is_empty() {
        out.push_str("\n### Drift since the previous version\n");
        for p in drifted {
            out.push_str(&format!("\n**{}**\n\n", cell(&p.pipeline)));
            for d in &p.drift {
                out.push_str(&format!("- {}\n", cell(d)));
            }
        }
    }
    out
}

fn icon(s: Status) -> &'static str {
    match s {
        Status::Published => "✅",
        Status::Unchanged => "➖",
        Status::Skipped => "⏭️",
        Status::Drift => "⚠️",
        Status::Failed | Status::Invalid => "❌",
        Status::DeniedPolicy | Status::DeniedAccess => "⛔",
    }
}

/// Text safe inside a table cell or one Markdown line: no line breaks, no
/// cell separators, no inline HTML or markup from pipeline/datasource names.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\r' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// An inline code span that survives backticks and pipes in `text`.
fn code_span(text: &str) -> String {
    let flat = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    let longest = longest_run(&flat, '`');
    let ticks = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{flat}{pad}{ticks}")
}

/// A fenced text block whose fence is longer than any backtick run inside.
fn fenced(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    format!("{fence}text\n{}\n{fence}\n", text.trim_end())
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Class, Error};
    use crate::ops::summary::tests::{result, summary};

    fn mixed() -> RunSummary {
        let mut s = summary(&[]);
        let mut ok = result("orders", Status::Published);
        ok.published(2);
        ok.counts.tables = 3;
        ok.counts.columns = 25;
        ok.duration_ms = 812;
        let mut bad = result("hr|sync", Status::Failed);
        bad.fail(
            &Error::new(Class::ConnectionRefused, "datasource hr: connection refused\n```\nsecond line")
                .with_hint("start the database"),
        );
        let mut drift = result("customers", Status::Unchanged);
        drift.unchanged(7);
        drift.drift = vec!["source: column public.customers.email added".into()];
        s.pipelines = vec![ok, bad, drift];
        s.sort();
        s
    }

    #[test]
    fn text_is_an_aligned_table_with_errors_and_drift() {
        let out = text(&mixed());
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("mapwright run: 3 pipelines: 1 failed, 1 published, 1 unchanged in "), "{out}");
        assert!(lines[0].ends_with("→ exit 1"));
        let header = lines[2];
        let pipeline_col = header.find("PIPELINE").unwrap();
        for (row, name) in lines[3..6].iter().zip(["customers", "hr|sync", "orders"]) {
            assert_eq!(row.find(name), Some(pipeline_col), "misaligned row {row:?}\n{out}");
        }
        assert!(out.contains(
            "hr|sync (pipelines/team/hr|sync.toml): error[MW-CONN-REFUSED]: datasource hr: connection refused\n    ```\n    second line\n"
        ));
        assert!(out.contains("  hint: start the database\n  owner: datasource admin\n"));
        assert!(out.contains("  - source: column public.customers.email added\n"));
        assert!(out.contains("v2") && out.contains("812ms"));
    }

    #[test]
    fn markdown_table_escapes_names_and_fences_messages() {
        let md = markdown(&mixed());
        assert!(md.starts_with("## ❌ mapwright run: 3 pipelines: 1 failed, 1 published, 1 unchanged\n"), "{md}");
        let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
        assert_eq!(rows.len(), 5, "{md}");
        let columns = |l: &str| l.replace("\\|", "").matches('|').count();
        assert!(rows.iter().all(|r| columns(r) == 11), "a row has a stray cell separator:\n{md}");
        assert!(md.contains("`hr\\|sync`"));
        assert!(md.contains("````text\ndatasource hr: connection refused\n```\nsecond line\n````\n"), "{md}");
        assert!(md.contains("> **Hint:** start the database"));
        assert!(md.contains(
            "### Drift since the previous version\n\n**customers**\n\n- source: column public.customers.email added\n"
        ));
    }

    #[test]
    fn all_green_markdown_has_a_green_headline() {
        let md = markdown(&summary(&[Status::Published, Status::Unchanged]));
        assert!(md.starts_with("## ✅ mapwright run: 2 pipelines: 1 published, 1 unchanged"), "{md}");
        assert!(!md.contains("### Errors"));
    }

    #[test]
    fn empty_run_says_so() {
        assert!(text(&summary(&[])).contains("no pipelines selected"));
        assert!(markdown(&summary(&[])).contains("No pipelines selected."));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(850), "850ms");
        assert_eq!(duration(2_449), "2.4s");
        assert_eq!(duration(185_000), "3m05s");
    }

    #[test]
    fn code_span_survives_backticks() {
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
