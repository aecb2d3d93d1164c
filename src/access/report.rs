//! Human renderings of an [`ApprovalReport`]: plain text for terminals and
//! Markdown for a pull-request comment (JSON is the serde form).

use super::approvals::{ApprovalReport, RequirementKind};
use std::fmt::Write;

impl RequirementKind {
    fn label(self) -> &'static str {
        match self {
            RequirementKind::CodeOwners => "code owners",
            RequirementKind::DatasourceGrant => "datasource grant",
            RequirementKind::PolicyExemption => "policy exemption",
        }
    }
}

fn list(items: &[String], quote: bool) -> String {
    if items.is_empty() {
        return "—".into();
    }
    items.iter().map(|i| if quote { format!("`{i}`") } else { i.clone() }).collect::<Vec<_>>().join(", ")
}

impl ApprovalReport {
    fn status_line(&self) -> String {
        let met = self.requirements.iter().filter(|r| r.met).count();
        let total = self.requirements.len();
        match (&self.reviews, self.met) {
            (_, true) => format!("all {total} requirement(s) met"),
            (None, false) => format!("{total} requirement(s); no reviews given (pass --reviews FILE)"),
            (Some(_), false) => format!("{met} of {total} requirement(s) met"),
        }
    }

    /// Plain text for a terminal.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        let head = self.head_commit.get(..12).unwrap_or(&self.head_commit);
        let base = self.base_commit.get(..12).unwrap_or(&self.base_commit);
        let _ = writeln!(o, "access check {} ({base})..HEAD ({head}), owners from {}", self.base, self.codeowners);
        let _ = writeln!(o, "{} changed file(s)", self.changes.len());
        for r in &self.requirements {
            let mark = if r.met { "ok " } else { "MISSING" };
            let _ = writeln!(o, "  [{mark}] {}: {}", r.kind.label(), r.reason);
            let _ = writeln!(o, "        files: {}", list(&r.files, false));
            let _ = writeln!(o, "        any of: {}", list(&r.owners, false));
            if self.reviews.is_some() {
                let _ = writeln!(o, "        approved by: {}", list(&r.approved_by, false));
            }
            if !r.changes_requested_by.is_empty() {
                let _ = writeln!(o, "        changes requested by: {}", list(&r.changes_requested_by, false));
            }
        }
        if !self.unowned.is_empty() {
            let _ = writeln!(o, "  no code owner (no code-owner review required): {}", list(&self.unowned, false));
        }
        for f in &self.shared_rule_files {
            let _ = writeln!(o, "  rule file {} changes the mappings of: {}", f.file, list(&f.pipelines, false));
        }
        let _ = writeln!(o, "{}", self.status_line());
        o
    }

    /// Markdown for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        let mut o = String::new();
        let icon = if self.met { "✅" } else { "❌" };
        let _ = writeln!(o, "### {icon} Required approvals\n");
        let _ = writeln!(
            o,
            "Change `{}`…`HEAD` ({} file(s)); owners from `{}`.\n",
            self.base,
            self.changes.len(),
            self.codeowners
        );
        if !self.requirements.is_empty() {
            let _ = writeln!(o, "| | Requirement | Files | Any one of | Approved by |");
            let _ = writeln!(o, "|---|---|---|---|---|");
            for r in &self.requirements {
                let mark = if r.met { "✅" } else { "❌" };
                let mut approved = list(&r.approved_by, false);
                if !r.changes_requested_by.is_empty() {
                    approved.push_str(&format!(" (changes requested: {})", list(&r.changes_requested_by, false)));
                }
                let owners = if r.owners.is_empty() { "**no owner**".to_string() } else { list(&r.owners, false) };
                let _ = writeln!(
                    o,
                    "| {mark} | **{}**: {} | {} | {owners} | {approved} |",
                    r.kind.label(),
                    r.reason.replace('|', "\\|"),
                    list(&r.files, true)
                );
            }
            let _ = writeln!(o);
        }
        if !self.unowned.is_empty() {
            let _ = writeln!(o, "Files without a code owner: {}\n", list(&self.unowned, true));
        }
        for f in &self.shared_rule_files {
            let _ = writeln!(o, "Rule file `{}` changes the mappings of: {}\n", f.file, list(&f.pipelines, true));
        }
        let _ = writeln!(o, "**{}**", self.status_line());
        o
    }
}
