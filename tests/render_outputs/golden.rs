//! Golden files: compare rendered artifacts with `tests/golden/<case>/`, print a readable
//! line diff on mismatch, and rewrite the files with `MAPWRIGHT_BLESS=1`.

use std::path::{Path, PathBuf};

fn bless() -> bool {
    std::env::var("MAPWRIGHT_BLESS").is_ok_and(|v| v == "1" || v == "true")
}

pub fn dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(case)
}

/// Every file under `root`, as `/`-separated relative paths, sorted.
fn files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(root) {
                out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    out.sort();
    out
}

/// Check (or bless) `artifacts` against the golden folder of `case`: same set of files,
/// same bytes. Panics with one readable diff per differing file.
pub fn check(case: &str, artifacts: &[(String, Vec<u8>)]) {
    let root = dir(case);
    if bless() {
        let _ = std::fs::remove_dir_all(&root);
        for (name, bytes) in artifacts {
            let p = root.join(name);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir golden");
            std::fs::write(&p, bytes).expect("write golden");
        }
        eprintln!("blessed {} golden file(s) in {}", artifacts.len(), root.display());
        return;
    }
    let mut problems = Vec::new();
    let produced: Vec<&str> = artifacts.iter().map(|(n, _)| n.as_str()).collect();
    for stale in files(&root).iter().filter(|f| !produced.contains(&f.as_str())) {
        problems.push(format!("golden file {case}/{stale} is no longer produced"));
    }
    for (name, bytes) in artifacts {
        match std::fs::read(root.join(name)) {
            Err(_) => problems.push(format!("no golden file {case}/{name}")),
            Ok(want) if want != *bytes => problems.push(format!(
                "{case}/{name} differs (- golden, + rendered):\n{}",
                diff(&String::from_utf8_lossy(&want), &String::from_utf8_lossy(bytes))
            )),
            Ok(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nIf the change is intended, rewrite the goldens with `MAPWRIGHT_BLESS=1 cargo test --test render_outputs` and review the git diff.",
        problems.join("\n\n")
    );
}

/// A unified-style line diff (LCS) with 2 lines of context around each change.
pub fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    // (tag, line number in old/new, text)
    let mut ops: Vec<(char, usize, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', i + 1, a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', j + 1, b[j]));
            j += 1;
        } else {
            ops.push(('-', i + 1, a[i]));
            i += 1;
        }
    }
    let near = |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|o| o.0 != ' ');
    let mut out = String::new();
    let mut skipped = false;
    for (k, (tag, line, text)) in ops.iter().enumerate() {
        if *tag == ' ' && !near(k) {
            skipped = true;
            continue;
        }
        if skipped {
            out.push_str("   …\n");
            skipped = false;
        }
        let text = text.strip_suffix('\n').unwrap_or(text);
        out.push_str(&format!("{tag}{line:>5} {text}\n"));
    }
    out
}

#[test]
fn diff_shows_changed_lines_with_context() {
    let d = diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n");
    assert!(d.contains("-    4 d\n") && d.contains("+    4 D\n"), "{d}");
    assert!(d.contains("     3 c\n") && d.contains("     5 e\n") && !d.contains(" a\n"), "{d}");
}
