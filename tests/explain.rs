//! `closc explain`: snapshots of the table and the JSON for the closure
//! examples and the programs in tests/explain/, plus direct checks of the
//! facts that matter (free variables, boxed variables, direct calls).
//! `UPDATE_EXPECT=1 cargo test --test explain` rewrites the snapshots.

use std::path::Path;
use std::process::Command;

const CLOSC: &str = env!("CARGO_BIN_EXE_closc");

fn explain(file: &str, json: bool) -> String {
    let mut cmd = Command::new(CLOSC);
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).arg("explain");
    if json {
        cmd.arg("--json");
    }
    let out = cmd.arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn snapshot(file: &str) {
    let name = Path::new(file)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/explain/snapshots");
    for (json, ext) in [(false, "txt"), (true, "json")] {
        let got = explain(file, json);
        let path = dir.join(format!("{name}.{ext}"));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_EXPECT=1 writes it)", path.display()));
        assert_eq!(
            got,
            want,
            "closc explain {file} differs from {}",
            path.display()
        );
    }
}

#[test]
fn snapshots() {
    for file in [
        "examples/greeting.scm",
        "examples/counter.scm",
        "examples/bank-account.scm",
        "examples/closures.scm",
        "examples/function-factory.scm",
        "tests/explain/loops.scm",
        "tests/explain/shared-box.scm",
        "tests/explain/fixnum-copies.scm",
        "tests/cases/closures/records-without-code.scm",
        "tests/cases/closures/self-reference.scm",
        "tests/cases/closures/shared-records.scm",
    ] {
        snapshot(file);
    }
}

/// The line of the table for lambda `id`, split into its columns.
fn row(table: &str, id: &str) -> Vec<String> {
    let line = table
        .lines()
        .find(|l| l.starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no row {id} in\n{table}"));
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn greeting_captures_message_unboxed() {
    let t = explain("examples/greeting.scm", false);
    let outer = row(&t, "#0");
    let inner = row(&t, "#1");
    assert_eq!(outer[1], "make-greeter");
    assert_eq!(inner[4], "message", "free variables: {inner:?}");
    assert_eq!(inner[5], "-", "nothing boxed: {inner:?}");
    assert_eq!(inner[6], "4", "header + code + arity + 1 slot");
    assert!(t.contains("0 boxed variables"));
}

#[test]
fn counter_keeps_count_in_its_record() {
    // `count` is assigned and captured, but only the counter closure uses it
    // and one record is made per binding: the record's slot is the variable.
    let t = explain("examples/counter.scm", false);
    let maker = row(&t, "#0");
    let counter = row(&t, "#1");
    assert_eq!(maker[5], "-", "no box to bind: {maker:?}");
    assert_eq!(counter[4], "count[in record]", "{counter:?}");
    assert_eq!(counter[6], "4", "header + code + arity + count");
    assert!(t.contains("count in #1 (lambda)"), "{t}");
    assert!(t.contains("0 boxed variables, 1 kept in records"), "{t}");
    let j = explain("examples/counter.scm", true);
    assert!(
        j.contains("\"free\": [{\"name\": \"count\", \"boxed\": false, \"in_record\": true}]"),
        "{j}"
    );
    assert!(
        j.contains("\"direct_call_sites\": 2"),
        "(make-counter) twice: {j}"
    );
}

#[test]
fn bank_account_shares_one_box() {
    let j = explain("examples/bank-account.scm", true);
    assert!(
        j.contains("\"boxes\": [{\"name\": \"balance\", \"line\": 3, \"column\": 23, \"assigned\": true, \"captured_by\": [1, 2, 3]}]"),
        "{j}"
    );
    let t = explain("examples/bank-account.scm", false);
    let dispatch = row(&t, "#3");
    assert_eq!(dispatch[3], "message . args");
    assert_eq!(dispatch[4], "balance[box] withdraw deposit");
    assert_eq!(dispatch[6], "6");
}
