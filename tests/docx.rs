//! Word files through the real binary: `brief diff FILE.docx` (the tracked changes, with
//! who made each and when), a .docx as a version of a text's history (`as:`), and
//! `brief history new` / `brief history add`. Every file is built by `common::docx` from
//! invented wording.

mod common;

use std::path::Path;
use std::process::Output;

use common::docx::{ANA, BEN, sample};
use common::{brief_in, ok, stderr};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    brief_in(&dir.join("home"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A folder with the sample Word file in it, as `draft.docx`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.docx"), sample().bytes()).unwrap();
    dir
}

#[test]
fn diff_of_one_word_file_shows_each_tracked_change_with_its_author_and_date() {
    let dir = folder();
    let out = ok(
        "diff",
        &run_in(dir.path(), &["diff", "draft.docx", "-w", "0"]),
    );
    // The word diff of the original against the accepted, then the change itself.
    assert!(
        out.contains(&format!(
            "changed    2\n    Invites {{+all+}} members to share [-early-] tide reports; (a) coastal members; (b) river members;\n    · inserted by {ANA}, 2025-10-01T09:00:00Z: all\n    · deleted by {BEN}, 2025-10-02T14:30:00Z: early\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "    · moved from by {BEN}, 2025-10-02T14:30:00Z: at dawn"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "    · moved to by {BEN}, 2025-10-02T14:30:00Z: at dawn"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "    · inserted by {ANA}, 2025-10-01T09:00:00Z: Welcomes the new lighthouse keepers;"
        )),
        "{out}"
    );
    // Paragraphs with no change say nothing more.
    assert!(out.contains("unchanged  1\nchanged    2\n"), "{out}");
    assert!(out.contains("unchanged  3\nchanged    4\n"), "{out}");
    // A paragraph inserted whole: its words and its mark.
    assert!(
        out.contains(&format!(
            "inserted   6\n    {{+Welcomes the new lighthouse keepers;+}}\n    · inserted by {ANA}, 2025-10-01T09:00:00Z: Welcomes the new lighthouse keepers;\n    · paragraph split by {ANA}, 2025-10-01T09:00:00Z\n"
        )),
        "{out}"
    );
}

#[test]
fn diff_of_one_word_file_as_json_gives_each_change_its_author_and_date() {
    let dir = folder();
    let out = ok(
        "diff json",
        &run_in(dir.path(), &["diff", "draft.docx", "-f", "json"]),
    );
    let pairs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let two = pairs
        .iter()
        .find(|p| p["old"] == serde_json::json!(["2"]))
        .unwrap();
    let runs: Vec<(String, String, Option<String>, Option<String>)> = two["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["op"].as_str().unwrap().to_owned(),
                c["text"].as_str().unwrap().to_owned(),
                c["author"].as_str().map(str::to_owned),
                c["date"].as_str().map(str::to_owned),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        runs[..4],
        [
            ("equal".into(), "Invites".into(), None, None),
            (
                "insert".into(),
                " all".into(),
                s(ANA),
                s("2025-10-01T09:00:00Z")
            ),
            ("equal".into(), " members to share".into(), None, None),
            (
                "delete".into(),
                " early".into(),
                s(BEN),
                s("2025-10-02T14:30:00Z")
            ),
        ]
    );
    assert_eq!(
        two["tracked"],
        serde_json::json!([
            {"kind": "inserted", "author": ANA, "date": "2025-10-01T09:00:00Z", "text": "all"},
            {"kind": "deleted", "author": BEN, "date": "2025-10-02T14:30:00Z", "text": "early"},
        ])
    );
    // A pair with no tracked change has no `tracked`, and its runs no author: the shape
    // of a diff of two files.
    let one = pairs
        .iter()
        .find(|p| p["old"] == serde_json::json!(["1"]))
        .unwrap();
    assert!(one.get("tracked").is_none(), "{one}");
    assert!(one["changes"][0].get("author").is_none(), "{one}");
}

#[test]
fn diff_of_one_file_that_is_not_a_word_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "1. Decides.\n").unwrap();
    let out = run_in(dir.path(), &["diff", "a.txt"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("or one Word file (.docx)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_word_file_beside_a_text_file_diffs_as_its_accepted_side() {
    let dir = folder();
    std::fs::write(
        dir.path().join("later.txt"),
        "1. Decides to convene the harbour council every year;\n",
    )
    .unwrap();
    let out = ok(
        "diff",
        &run_in(dir.path(), &["diff", "draft.docx", "later.txt", "-w", "0"]),
    );
    // The accepted side has the inserted paragraph; the text file does not.
    assert!(
        out.contains("deleted    6\n    [-Welcomes the new lighthouse keepers;-]"),
        "{out}"
    );
}

#[test]
fn a_history_takes_either_side_of_a_word_file_as_a_version() {
    let dir = folder();
    std::fs::write(
        dir.path().join("harbours.yaml"),
        "id: harbours\ntitle: Shared harbours\nversions:\n  - {id: before, label: Before the changes, date: 2025-10-01, file: draft.docx, as: original}\n  - {id: after, label: After the changes, date: 2025-10-03, file: draft.docx}\n",
    )
    .unwrap();
    let out = ok(
        "changes",
        &run_in(dir.path(), &["changes", "harbours.yaml", "before", "after"]),
    );
    assert!(out.contains("changed    2"), "{out}");
    assert!(out.contains("{+all+}"), "{out}");
    assert!(out.contains("[-early-]"), "{out}");
    assert!(
        out.contains("inserted   6\n      {+Welcomes the new lighthouse keepers;+}"),
        "{out}"
    );
    // A side that is not one is refused at its place in the history.
    std::fs::write(
        dir.path().join("bad.yaml"),
        "id: harbours\ntitle: Shared harbours\nversions:\n  - {id: before, label: Before, date: 2025-10-01, file: draft.docx, as: rejected}\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["changes", "bad.yaml", "before", "before"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).contains("bad.yaml:4:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unknown variant `rejected`"),
        "{}",
        stderr(&out)
    );
}

/// The files in `dir` other than the home the tests give brief, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "home")
        .collect();
    names.sort();
    names
}

#[test]
fn history_new_then_add_builds_a_history_and_a_failed_add_leaves_it_as_it_was() {
    let dir = folder();
    let d = dir.path();
    let run = |args: &[&str]| run_in(d, args);
    ok(
        "new",
        &run(&[
            "history",
            "new",
            "harbours.yaml",
            "--title",
            "Shared \"harbours\"",
        ]),
    );
    let file = d.join("harbours.yaml");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "id: harbours\ntitle: \"Shared \\\"harbours\\\"\"\nversions: []\n"
    );
    // Never over a file.
    let again = run(&["history", "new", "harbours.yaml", "--title", "Other"]);
    assert_eq!(again.status.code(), Some(1), "{again:?}");
    assert!(
        stderr(&again).contains("exists already"),
        "{}",
        stderr(&again)
    );

    std::fs::write(
        d.join("zero.txt"),
        "1. Decides to convene the harbour council every year;\n\n2. Invites members to share early tide reports;\n",
    )
    .unwrap();
    let first = ok(
        "add zero",
        &run(&[
            "history",
            "add",
            "harbours.yaml",
            "zero.txt",
            "--id",
            "zero",
            "--label",
            "Zero draft",
            "--date",
            "2025-09-01",
        ]),
    );
    assert_eq!(
        first,
        "harbours.yaml: added `zero` (Zero draft, 2025-09-01), 2 paragraphs\n"
    );
    let second = ok(
        "add rev1",
        &run(&[
            "history",
            "add",
            "harbours.yaml",
            "draft.docx",
            "--id",
            "rev1",
            "--label",
            "Revision 1",
            "--date",
            "2025-10-05",
            "--symbol",
            "HC/1/L.1",
            "--as",
            "original",
            "-w",
            "0",
        ]),
    );
    // What `brief changes` prints of the two.
    let changes = ok(
        "changes",
        &run(&["changes", "harbours.yaml", "zero", "rev1", "-w", "0"]),
    );
    assert!(second.contains("\nzero → rev1\n"), "{second}");
    assert!(second.ends_with(&changes), "{second}\n---\n{changes}");
    assert!(changes.contains("inserted   3"), "{changes}");
    let written = "id: harbours\ntitle: \"Shared \\\"harbours\\\"\"\nversions:\n  - id: zero\n    label: \"Zero draft\"\n    date: 2025-09-01\n    file: \"zero.txt\"\n  - id: rev1\n    label: \"Revision 1\"\n    date: 2025-10-05\n    symbol: \"HC/1/L.1\"\n    file: \"draft.docx\"\n    as: original\n";
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);

    // Each failing add says why, exits 1 and leaves the file as it was.
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("far.txt");
    std::fs::write(&elsewhere, "1. Decides.\n").unwrap();
    std::fs::write(d.join("broken.docx"), b"not a zip").unwrap();
    let add = |draft: &str, id: &str, more: &[&str]| {
        let mut args = vec![
            "history",
            "add",
            "harbours.yaml",
            draft,
            "--id",
            id,
            "--label",
            "Next",
        ];
        args.extend_from_slice(more);
        run(&args)
    };
    let far = elsewhere.display().to_string();
    for (out, said) in [
        (add("zero.txt", "rev1", &[]), "has a version `rev1` already"),
        (
            add(&far, "rev2", &[]),
            "a history names only files inside its own folder",
        ),
        (
            add("zero.txt", "rev2", &["--date", "2025-01-01"]),
            "comes before the version listed before it",
        ),
        (add("broken.docx", "rev2", &[]), "not a Word file (.docx)"),
        (
            add("zero.txt", "rev2", &["--as", "original"]),
            "this is not a Word file",
        ),
        (add("missing.txt", "rev2", &[]), "missing.txt"),
        (add("zero.txt", "Rev 2", &[]), "--id Rev 2"),
    ] {
        assert_eq!(out.status.code(), Some(1), "{said}: {out:?}");
        assert!(stderr(&out).contains(said), "{said}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), written, "{said}");
    }
    // A usage error is clap's: exit 2.
    let usage = add("zero.txt", "rev2", &["--as", "rejected"]);
    assert_eq!(usage.status.code(), Some(2), "{usage:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    // No temporary file is left behind.
    assert_eq!(
        files_in(d),
        ["broken.docx", "draft.docx", "harbours.yaml", "zero.txt"]
    );
}

#[test]
fn history_add_to_a_broken_or_missing_history_says_so_and_writes_nothing() {
    let dir = folder();
    let d = dir.path();
    let broken = "id: Harbours\ntitle: Shared harbours\nversions: []\n";
    std::fs::write(d.join("h.yaml"), broken).unwrap();
    let add = |history: &str| {
        run_in(
            d,
            &[
                "history",
                "add",
                history,
                "draft.docx",
                "--id",
                "rev1",
                "--label",
                "R1",
            ],
        )
    };
    let out = add("h.yaml");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).contains("h.yaml: id: "), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(d.join("h.yaml")).unwrap(), broken);
    let out = add("none.yaml");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).contains("none.yaml: "), "{}", stderr(&out));
    assert!(!d.join("none.yaml").exists());
}
