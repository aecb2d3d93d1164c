//! CODEOWNERS matching: GitHub's documented examples, and agreement with the
//! PyPI `codeowners` package (an independent port of the same semantics) over
//! generated patterns and paths.

use mapwright::access::CodeOwners;
use std::io::Write;
use std::process::{Command, Stdio};

const GLOBAL: &str = "* @global-owner1 @global-owner2\n";

fn owners(text: &str, path: &str) -> Vec<String> {
    CodeOwners::parse("CODEOWNERS", text).owners(path).to_vec()
}

#[track_caller]
fn check(text: &str, cases: &[(&str, &[&str])]) {
    for (path, want) in cases {
        assert_eq!(owners(text, path), *want, "owners of `{path}` with\n{text}");
    }
}

/// Each rule of the example file on docs.github.com ("About code owners"), after
/// the catch-all default line, with the files its comment says it owns (or not).
#[test]
fn github_documented_rules_one_by_one() {
    let g: &[&str] = &["@global-owner1", "@global-owner2"];
    // Later matches win: only @js-owner for JS files; inline comments are ignored.
    let js = format!("{GLOBAL}*.js    @js-owner #This is an inline comment.\n");
    check(&js, &[("src/app.js", &["@js-owner"]), ("app.js", &["@js-owner"]), ("README.md", g)]);
    // E-mail owners.
    check(&format!("{GLOBAL}*.go docs@example.com\n"), &[("cmd/main.go", &["docs@example.com"]), ("a.rs", g)]);
    // Team owners.
    check(&format!("{GLOBAL}*.txt @octo-org/octocats\n"), &[("notes/todo.txt", &["@octo-org/octocats"])]);
    // `/build/logs/`: the build/logs directory at the root and its subdirectories.
    check(
        &format!("{GLOBAL}/build/logs/ @doctocat\n"),
        &[("build/logs/a.log", &["@doctocat"]), ("build/logs/2024/b.log", &["@doctocat"]), ("src/build/logs/c", g)],
    );
    // `docs/*`: files directly in docs/, not nested ones.
    check(
        &format!("{GLOBAL}docs/* docs@example.com\n"),
        &[("docs/getting-started.md", &["docs@example.com"]), ("docs/build-app/troubleshooting.md", g)],
    );
    // `apps/`: any apps directory anywhere.
    check(
        &format!("{GLOBAL}apps/ @octocat\n"),
        &[("apps/web/x.rb", &["@octocat"]), ("deeply/nested/apps/y.rb", &["@octocat"]), ("myapps/z.rb", g)],
    );
    // `/docs/`: the docs directory at the root and its subdirectories.
    check(
        &format!("{GLOBAL}/docs/ @doctocat\n"),
        &[("docs/a.md", &["@doctocat"]), ("docs/build-app/troubleshooting.md", &["@doctocat"]), ("src/docs/b.md", g)],
    );
    // `/scripts/`: approval from either owner.
    check(&format!("{GLOBAL}/scripts/ @doctocat @octocat\n"), &[("scripts/deploy.sh", &["@doctocat", "@octocat"])]);
    // `**/logs`: a logs directory at any depth.
    check(
        &format!("{GLOBAL}**/logs @octocat\n"),
        &[
            ("build/logs/a", &["@octocat"]),
            ("scripts/logs/b", &["@octocat"]),
            ("deeply/nested/logs/c", &["@octocat"]),
            ("logs/d", &["@octocat"]),
            ("catalogs/e", g),
        ],
    );
    // A later pattern without owners clears ownership of /apps/github.
    check(
        &format!("{GLOBAL}/apps/ @octocat\n/apps/github\n"),
        &[("apps/web/a", &["@octocat"]), ("apps/github/b", &[])],
    );
    // A later pattern with its own owner takes /apps/github.
    check(
        &format!("{GLOBAL}/apps/ @octocat\n/apps/github @doctocat\n"),
        &[("apps/web/a", &["@octocat"]), ("apps/github/b", &["@doctocat"])],
    );
}

/// The whole example file at once: the last matching line decides.
#[test]
fn github_documented_file_last_match_wins() {
    let file = "# example from docs.github.com, rules in the documented order\n\
        * @global-owner1 @global-owner2\n\
        *.js @js-owner #This is an inline comment.\n\
        *.go docs@example.com\n\
        *.txt @octo-org/octocats\n\
        /build/logs/ @doctocat\n\
        docs/* docs@example.com\n\
        apps/ @octocat\n\
        /docs/ @doctocat\n\
        /scripts/ @doctocat @octocat\n\
        **/logs @octocat\n\
        /apps/ @octocat\n\
        /apps/github\n\
        /apps/ @octocat\n\
        /apps/github @doctocat\n";
    let co = CodeOwners::parse(".github/CODEOWNERS", file);
    assert!(co.invalid.is_empty(), "{:?}", co.invalid);
    check(
        file,
        &[
            ("README.md", &["@global-owner1", "@global-owner2"]),
            ("src/app.js", &["@js-owner"]),
            ("main.go", &["docs@example.com"]),
            ("notes.txt", &["@octo-org/octocats"]),
            // /build/logs/ is overridden by the later **/logs.
            ("build/logs/app.js", &["@octocat"]),
            // docs/* is overridden by the later /docs/.
            ("docs/getting-started.md", &["@doctocat"]),
            ("scripts/deploy.sh", &["@doctocat", "@octocat"]),
            ("scripts/logs/x", &["@octocat"]),
            ("src/apps/x.rb", &["@octocat"]),
            ("apps/web/x.rb", &["@octocat"]),
            ("apps/github/x.rb", &["@doctocat"]),
        ],
    );
    assert_eq!(co.rule_for("apps/github/x.rb").map(|r| r.line), Some(15));
}

/// Small deterministic PRNG (xorshift64*), so generated cases are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SEGMENTS: &[&str] = &["a", "b", "docs", "logs", "apps", "src", "x.js", "y.txt"];
const OWNERS: &[&str] = &["@u1", "@org/team-a", "dev@example.com", "@u2"];

fn gen_pattern(r: &mut Rng) -> String {
    let (s, t) = (r.pick(SEGMENTS), r.pick(SEGMENTS));
    match r.next() % 16 {
        0 => "*".into(),
        1 => "*.js".into(),
        2 => "*.txt".into(),
        3 => s.into(),
        4 => format!("{s}/"),
        5 => format!("/{s}"),
        6 => format!("/{s}/"),
        7 => format!("{s}/*"),
        8 => format!("/{s}/*"),
        9 => format!("**/{s}"),
        10 => format!("{s}/**"),
        11 => format!("{s}/**/{t}"),
        12 => format!("{s}/{t}"),
        13 => format!("/{s}/{t}/"),
        14 => "d?cs/".into(),
        _ => format!("*/{t}"),
    }
}

fn gen_file(r: &mut Rng) -> String {
    let mut text = String::from("# generated\n");
    for _ in 0..(3 + r.next() % 8) {
        let mut line = gen_pattern(r);
        for _ in 0..(r.next() % 3) {
            line.push(' ');
            line.push_str(r.pick(OWNERS));
        }
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn gen_path(r: &mut Rng) -> String {
    let depth = 1 + r.next() % 4;
    (0..depth).map(|_| r.pick(SEGMENTS)).collect::<Vec<_>>().join("/")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Python with the `codeowners` package, or `None` (skip outside CI, fail under CI).
fn oracle_python() -> Option<String> {
    let python = std::env::var("MAPWRIGHT_TEST_PYTHON")
        .unwrap_or_else(|_| format!("{}/.venv/bin/python", env!("CARGO_MANIFEST_DIR")));
    let ok = Command::new(&python).args(["-c", "import codeowners"]).output().is_ok_and(|o| o.status.success());
    if ok {
        return Some(python);
    }
    let why = format!(
        "`{python}` with the PyPI `codeowners` package is not available \
         (pip install -r .ci/requirements.txt, or set MAPWRIGHT_TEST_PYTHON)"
    );
    if in_ci() {
        panic!("{why}; required under CI=true");
    }
    eprintln!("SKIP: {why}");
    None
}

const ORACLE: &str = r#"
import json, sys
from codeowners import CodeOwners
out = []
for case in json.load(sys.stdin):
    co = CodeOwners(case["text"])
    out.append([[o for _, o in co.of(p)] for p in case["paths"]])
json.dump(out, sys.stdout)
"#;

#[test]
fn agrees_with_pypi_codeowners_on_generated_cases() {
    let Some(python) = oracle_python() else { return };
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let cases: Vec<(String, Vec<String>)> =
        (0..300).map(|_| (gen_file(&mut r), (0..40).map(|_| gen_path(&mut r)).collect())).collect();
    let input: Vec<serde_json::Value> =
        cases.iter().map(|(text, paths)| serde_json::json!({"text": text, "paths": paths})).collect();
    let mut child = Command::new(&python)
        .args(["-c", ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn python");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(serde_json::to_string(&input).expect("json").as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python output");
    assert!(out.status.success(), "oracle failed: {}", String::from_utf8_lossy(&out.stderr));
    let expected: Vec<Vec<Vec<String>>> = serde_json::from_slice(&out.stdout).expect("oracle json");
    let mut compared = 0;
    let mut owned = 0;
    for ((text, paths), want) in cases.iter().zip(&expected) {
        let co = CodeOwners::parse("CODEOWNERS", text);
        assert!(co.invalid.is_empty(), "generated an invalid line: {:?}", co.invalid);
        for (path, want) in paths.iter().zip(want) {
            assert_eq!(co.owners(path), want.as_slice(), "owners of `{path}` differ from PyPI codeowners for\n{text}");
            compared += 1;
            owned += usize::from(!want.is_empty());
        }
    }
    // Guard against a vacuous comparison (e.g. nothing ever matching).
    assert!(owned > compared / 5 && owned < compared, "{owned} of {compared} paths owned");
    eprintln!("compared {compared} paths ({owned} owned) against PyPI codeowners");
}
