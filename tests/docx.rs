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
