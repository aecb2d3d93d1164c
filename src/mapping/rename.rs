//! Rename rules: patterns over names and the analysts' CSV file of renames.

use super::names::Case;
use super::pattern::PatternSet;
use crate::config::rules::{RenameRule, RenameScope};
use regex::Regex;
use std::collections::BTreeMap;
use std::path::Path;

/// A compiled rename pattern.
#[derive(Debug, Clone)]
pub struct Renamer {
    pub index: usize,
    pub scope: RenameScope,
    tables: PatternSet,
    regex: Option<(Regex, String)>,
    remove_prefix: Option<String>,
    remove_suffix: Option<String>,
    case: Option<Case>,
    add_prefix: Option<String>,
    add_suffix: Option<String>,
}

impl Renamer {
    pub fn compile(index: usize, r: &RenameRule) -> Result<Renamer, String> {
        let regex = match (&r.regex, &r.replacement) {
            (Some(re), rep) => Some((
                Regex::new(re).map_err(|e| format!("invalid regular expression `{re}`: {e}"))?,
                rep.clone().unwrap_or_default(),
            )),
            (None, Some(_)) => return Err("`replacement` needs `regex`".into()),
            (None, None) => None,
        };
        let case = match &r.case {
            Some(c) => Some(Case::parse(c).ok_or_else(|| {
                let hint = crate::config::diag::did_you_mean(c, Case::NAMES)
                    .map(|b| format!("did you mean `{b}`?"))
                    .unwrap_or_else(|| format!("use one of {}", Case::NAMES.join(", ")));
                format!("unknown case `{c}`: {hint}")
            })?),
            None => None,
        };
        let any = regex.is_some()
            || case.is_some()
            || [&r.remove_prefix, &r.remove_suffix, &r.add_prefix, &r.add_suffix].iter().any(|x| x.is_some());
        if !any {
            return Err("rename rule does nothing: set `case`, `regex`, or a prefix/suffix action".into());
        }
        Ok(Renamer {
            index,
            scope: r.apply_to,
            tables: PatternSet::new(&r.tables)?,
            regex,
            remove_prefix: r.remove_prefix.clone(),
            remove_suffix: r.remove_suffix.clone(),
            case,
            add_prefix: r.add_prefix.clone(),
            add_suffix: r.add_suffix.clone(),
        })
    }

    /// Whether this rule applies to names inside source table `table`.
    pub fn applies_to_table(&self, table: &str, qualified: &str) -> bool {
        self.tables.is_empty() || self.tables.matches_any(&[table, qualified])
    }

    /// The renamed name, in the documented step order. A rule with `regex`,
    /// `remove_prefix` or `remove_suffix` only applies to names that match them
    /// (so `remove_prefix` + `add_prefix` replaces a prefix rather than adding one everywhere).
    pub fn apply(&self, name: &str) -> String {
        let mut s = name.to_string();
        if let Some((re, rep)) = &self.regex {
            if !re.is_match(&s) {
                return s;
            }
            s = re.replace_all(&s, rep.as_str()).into_owned();
        }
        if let Some(p) = &self.remove_prefix {
            match strip_prefix_ci(&s, p) {
                Some(rest) => s = rest,
                None => return name.to_string(),
            }
        }
        if let Some(p) = &self.remove_suffix {
            let lower = s.to_lowercase();
            if !(lower.ends_with(&p.to_lowercase()) && s.len() > p.len() && s.is_char_boundary(s.len() - p.len())) {
                return name.to_string();
            }
            s.truncate(s.len() - p.len());
        }
        if let Some(c) = self.case {
            s = c.apply(&s);
        }
        if let Some(p) = &self.add_prefix {
            s = format!("{p}{s}");
        }
        if let Some(p) = &self.add_suffix {
            s.push_str(p);
        }
        s
    }
}

fn strip_prefix_ci(s: &str, p: &str) -> Option<String> {
    (s.len() > p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p))
        .then(|| s[p.len()..].to_string())
}

/// Renames from a CSV file: table pairs (empty column cells) and column pairs.
#[derive(Debug, Clone, Default)]
pub struct RenameFile {
    /// Source table → (target table, CSV line).
    pub tables: BTreeMap<String, (String, usize)>,
    /// (source table, source column) → (target table, target column, CSV line).
    pub columns: BTreeMap<(String, String), (String, String, usize)>,
}

/// Read `source_table,source_column,target_table,target_column` rows.
pub fn read_rename_file(root: &Path, rel: &str) -> Result<RenameFile, String> {
    let want = ["source_table", "source_column", "target_table", "target_column"];
    let mut rdr = super::open_csv(root, rel, "renames file", &want, false)?;
    let mut out = RenameFile::default();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| format!("{rel}:{line}: {e}"))?;
        let f = |k: usize| rec.get(k).unwrap_or("").to_string();
        let (st, sc, tt, tc) = (f(0), f(1), f(2), f(3));
        if st.is_empty() || tt.is_empty() {
            return Err(format!("{rel}:{line}: source_table and target_table are required"));
        }
        match (sc.is_empty(), tc.is_empty()) {
            (true, true) => {
                if let Some((prev, pl)) = out.tables.get(&st)
                    && *prev != tt
                {
                    return Err(format!("{rel}:{line}: table `{st}` already renamed to `{prev}` on line {pl}"));
                }
                out.tables.insert(st, (tt, line));
            }
            (false, false) => {
                if let Some((_, prev, pl)) = out.columns.get(&(st.clone(), sc.clone()))
                    && *prev != tc
                {
                    return Err(format!("{rel}:{line}: column `{st}.{sc}` already renamed to `{prev}` on line {pl}"));
                }
                out.tables.entry(st.clone()).or_insert((tt.clone(), line));
                out.columns.insert((st, sc), (tt, tc, line));
            }
            _ => return Err(format!("{rel}:{line}: give both source_column and target_column, or neither")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(f: impl FnOnce(&mut RenameRule)) -> Renamer {
        let mut r = RenameRule::default();
        f(&mut r);
        Renamer::compile(0, &r).unwrap()
    }

    #[test]
    fn rename_steps_apply_in_order() {
        assert_eq!(rule(|r| r.case = Some("snake".into())).apply("CustomerName"), "customer_name");
        assert_eq!(rule(|r| r.case = Some("camel".into())).apply("customer_name"), "customerName");
        assert_eq!(rule(|r| r.case = Some("pascal".into())).apply("customer_name"), "CustomerName");
        assert_eq!(rule(|r| r.case = Some("upper".into())).apply("name"), "NAME");
        assert_eq!(rule(|r| r.case = Some("lower".into())).apply("NAME"), "name");
        assert_eq!(rule(|r| r.add_prefix = Some("dim_".into())).apply("customer"), "dim_customer");
        assert_eq!(rule(|r| r.remove_prefix = Some("tbl_".into())).apply("tbl_orders"), "orders");
        assert_eq!(rule(|r| r.add_suffix = Some("_key".into())).apply("customer"), "customer_key");
        assert_eq!(rule(|r| r.remove_suffix = Some("_id".into())).apply("customer_id"), "customer");
        let replace = rule(|r| {
            r.remove_prefix = Some("c_".into());
            r.add_prefix = Some("cust_".into());
        });
        assert_eq!(replace.apply("c_name"), "cust_name");
        assert_eq!(replace.apply("name"), "name", "no prefix to replace");
        let re = rule(|r| {
            r.regex = Some(r"^(\w+)_dt$".into());
            r.replacement = Some("${1}_date".into());
        });
        assert_eq!(re.apply("order_dt"), "order_date");
    }

    #[test]
    fn invalid_rename_rules() {
        let bad = |f: fn(&mut RenameRule)| {
            let mut r = RenameRule::default();
            f(&mut r);
            Renamer::compile(0, &r).unwrap_err()
        };
        assert!(bad(|r| r.case = Some("snak".into())).contains("did you mean `snake`"));
        assert!(bad(|r| r.regex = Some("(".into())).contains("invalid regular expression"));
        assert!(bad(|_| {}).contains("does nothing"));
        assert!(bad(|r| r.replacement = Some("x".into())).contains("needs `regex`"));
    }

    #[test]
    fn rename_file_rows() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("r.csv"),
            "source_table,source_column,target_table,target_column\ncust,,dim_customer,\ncust,nm,dim_customer,name\n",
        )
        .unwrap();
        let f = read_rename_file(dir.path(), "r.csv").unwrap();
        assert_eq!(f.tables["cust"].0, "dim_customer");
        assert_eq!(f.columns[&("cust".into(), "nm".into())].1, "name");
        std::fs::write(
            dir.path().join("bad.csv"),
            "source_table,source_column,target_table,target_column\na,x,b,y\na,x,b,z\n",
        )
        .unwrap();
        assert!(read_rename_file(dir.path(), "bad.csv").unwrap_err().contains("bad.csv:3"));
        assert!(read_rename_file(dir.path(), "missing.csv").unwrap_err().contains("cannot read"));
    }
}
