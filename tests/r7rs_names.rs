//! The conformance count: which names of the R7RS-small libraries closc binds.
//!
//! `tests/r7rs-names.txt` lists every library of R7RS appendix A with its
//! exports (syntax keywords and procedures); `tests/r7rs-missing.txt` lists
//! the names not bound yet. The test compiles one program whose top-level
//! forms are each name alone: a name is bound if the compiler does not call
//! it an unbound variable (a procedure is a builtin or a prelude definition;
//! a keyword is "invalid use of syntactic keyword", which is fine). It prints
//! the counts per library, and which bound procedures are prelude
//! definitions rather than builtins of the table
//! (`cargo test --test r7rs_names -- --nocapture`), and fails when a bound name goes missing or a listed-missing name becomes
//! bound without the list being updated.
//!
//! `library_exports_are_the_standards` checks that `import` of each
//! library gives exactly its names (`closc::libraries::standard`): those of
//! the file that are bound, and no other.

use closc::datum::SourceFile;
use closc::pipeline::{compile, Options};
use closcrt::builtins::table::BuiltinId;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;

struct Library {
    name: String,
    syntax: Vec<String>,
    procedures: Vec<String>,
}

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lines without `#` comments, trimmed, non-empty.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

fn libraries() -> Vec<Library> {
    let text = read("r7rs-names.txt");
    let mut libs: Vec<Library> = Vec::new();
    for line in lines(&text) {
        if line.starts_with('(') {
            libs.push(Library {
                name: line.to_string(),
                syntax: Vec::new(),
                procedures: Vec::new(),
            });
            continue;
        }
        let lib = libs.last_mut().expect("a library name comes first");
        match line.strip_prefix("syntax:") {
            Some(names) => lib
                .syntax
                .extend(names.split_whitespace().map(String::from)),
            None => lib
                .procedures
                .extend(line.split_whitespace().map(String::from)),
        }
    }
    libs
}

/// The names the compiler reports as unbound among `names`.
fn unbound(names: &BTreeSet<&str>) -> HashSet<String> {
    let text: String = names.iter().map(|n| format!("{n}\n")).collect();
    let files = [SourceFile::new("names.scm", text)];
    let out = compile(&files, Options::default());
    let mut diagnostics = out.warnings;
    if let Err(errors) = out.result {
        diagnostics.extend(errors);
    }
    diagnostics
        .iter()
        .filter(|d| d.message.contains("unbound variable"))
        .filter_map(|d| {
            // `unbound variable `foo`` (or `unbound variable: foo`).
            let (_, rest) = d.message.split_once("unbound variable")?;
            let rest = rest.trim_start_matches([':', ' ']);
            let name = match rest.strip_prefix('`') {
                Some(quoted) => quoted.split_once('`')?.0,
                None => rest.split_whitespace().next()?,
            };
            Some(name.to_string())
        })
        .collect()
}

#[test]
fn r7rs_names_are_bound() {
    let libs = libraries();
    let missing_listed: BTreeSet<String> = lines(&read("r7rs-missing.txt"))
        .flat_map(|l| l.split_whitespace().map(String::from))
        .collect();
    let all: BTreeSet<&str> = libs
        .iter()
        .flat_map(|l| l.syntax.iter().chain(&l.procedures))
        .map(String::as_str)
        .collect();
    let unbound = unbound(&all);

    let mut procedures = BTreeSet::new();
    let mut procedures_bound = BTreeSet::new();
    let mut report = String::new();
    for lib in &libs {
        let bound = |names: &[String]| names.iter().filter(|n| !unbound.contains(*n)).count();
        let (s, p) = (bound(&lib.syntax), bound(&lib.procedures));
        report.push_str(&format!(
            "{:26} {:3}/{:3} procedures, {:2}/{:2} syntax\n",
            lib.name,
            p,
            lib.procedures.len(),
            s,
            lib.syntax.len()
        ));
        if lib.name != "(scheme r5rs)" {
            for n in &lib.procedures {
                procedures.insert(n.as_str());
                if !unbound.contains(n) {
                    procedures_bound.insert(n.as_str());
                }
            }
        }
    }
    report.push_str(&format!(
        "all libraries but (scheme r5rs): {}/{} procedures bound\n",
        procedures_bound.len(),
        procedures.len()
    ));
    // Where the bound procedures come from: the builtin table or the prelude.
    let prelude: BTreeSet<String> = closc::prelude::expand_all()
        .iter()
        .filter_map(|e| match e {
            closc::ast::Expr::Define(name, _, _) => Some(name.clone()),
            _ => None,
        })
        .collect();
    let (in_table, in_prelude): (Vec<&str>, Vec<&str>) = procedures_bound
        .iter()
        .filter(|n| prelude.contains(**n) || BuiltinId::named(n).is_some())
        .partition(|n| BuiltinId::named(n).is_some());
    report.push_str(&format!(
        "of those, {} are builtins (the table) and {} prelude definitions: {}\n",
        in_table.len(),
        in_prelude.len(),
        in_prelude.join(" ")
    ));
    println!("{report}");

    let gone: Vec<&str> = all
        .iter()
        .copied()
        .filter(|n| unbound.contains(*n) && !missing_listed.contains(*n))
        .collect();
    let found: Vec<&String> = missing_listed
        .iter()
        .filter(|n| !unbound.contains(*n))
        .collect();
    let unknown: Vec<&String> = missing_listed
        .iter()
        .filter(|n| !all.contains(n.as_str()))
        .collect();
    assert!(
        gone.is_empty() && found.is_empty() && unknown.is_empty(),
        "{report}\nunbound but not in tests/r7rs-missing.txt: {gone:?}\n\
         bound now (remove them from tests/r7rs-missing.txt): {found:?}\n\
         in tests/r7rs-missing.txt but in no library: {unknown:?}"
    );
}

/// Names closc's standard libraries export beyond appendix A's lists, and
/// why.
const EXTRA_EXPORTS: &[(&str, &str)] = &[
    // R7RS 6.13.1 defines `port?`; appendix A omits it (a known erratum).
    ("(scheme base)", "port?"),
];

#[test]
fn library_exports_are_the_standards() {
    use closc::libraries::standard;
    let missing: BTreeSet<String> = lines(&read("r7rs-missing.txt"))
        .flat_map(|l| l.split_whitespace().map(String::from))
        .collect();
    let mut problems = Vec::new();
    for lib in libraries() {
        let Some(l) = standard::library_named(&lib.name) else {
            problems.push(format!("{} cannot be imported", lib.name));
            continue;
        };
        let want: BTreeSet<&str> = lib
            .syntax
            .iter()
            .chain(&lib.procedures)
            .map(String::as_str)
            .filter(|n| !missing.contains(*n))
            .chain(
                EXTRA_EXPORTS
                    .iter()
                    .filter(|(l, _)| *l == lib.name)
                    .map(|(_, n)| *n),
            )
            .collect();
        let got: BTreeSet<&str> = standard::exports(l).into_iter().collect();
        let lacking: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        if !lacking.is_empty() || !extra.is_empty() {
            problems.push(format!(
                "{}: lacks {lacking:?}, exports beyond the standard {extra:?}",
                lib.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
