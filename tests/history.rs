//! A text's history (versions in order, a concordance): `brief trace`, `brief changes`
//! and `brief diff HISTORY V1 V2`, run as a user would, and refused clearly when wrong.

mod common;

use std::path::Path;

use common::{brief_in, fixtures, ok, stderr};

fn run(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    brief_in(home.path()).args(args).output().unwrap()
}

fn history() -> String {
    fixtures("drafts/lakeland.yaml").display().to_string()
}

#[test]
fn trace_follows_a_paragraph_through_every_version_with_each_change() {
    let h = history();
    let out = ok(
        "trace",
        &run(&["trace", &h, "8", "--in", "rev2", "-w", "0"]),
    );
    let mut lines = out.lines();
    // Split from Zero Draft ¶7, then renumbered: the lineage first, then each step.
    assert_eq!(lines.next(), Some("zero 7 → rev1 7 → rev2 8"));
    assert!(out.contains("\nzero → rev1\nsplit      7 → 6, 7"), "{out}");
    assert!(
        out.contains("\nrev1 → rev2\nunchanged  7 → 8  (renumbered)"),
        "{out}"
    );
    // The default is the latest version; a deleted paragraph ends its lineage.
    let deleted = ok("trace", &run(&["trace", &h, "7", "--in", "zero"]));
    assert!(
        deleted.starts_with("zero 7 → rev1 6, 7 → rev2 7, 8"),
        "{deleted}"
    );
}

#[test]
fn the_concordance_overrides_the_alignment_and_changes_summarise_by_section() {
    let h = history();
    let out = ok("changes", &run(&["changes", &h, "zero", "rev1"]));
    // ¶8 was rewritten beyond recognition: without the concordance it would be a
    // deletion and an insertion; the history pairs it by hand.
    assert!(
        out.contains("changed    8  (status: none → suggested for closure; paired by hand)"),
        "{out}"
    );
    assert!(
        out.contains("II. Governance and review of the forum"),
        "{out}"
    );
    let files = ok(
        "diff of the files",
        &run(&[
            "diff",
            &fixtures("drafts/zero.txt").display().to_string(),
            &fixtures("drafts/rev1.txt").display().to_string(),
            "-f",
            "summary",
        ]),
    );
    assert!(!files.contains("paired by hand"), "{files}");
    // diff on the history, narrowed to one paragraph, in JSON.
    let json = ok(
        "diff history",
        &run(&["diff", &h, "rev1", "rev2", "--para", "8", "-f", "json"]),
    );
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["old"].as_array().unwrap().iter().any(|l| l == "8")
                || r["new"].as_array().unwrap().iter().any(|l| l == "8")),
        "{json}"
    );
}

fn broken_history(dir: &Path, from: &str, to: &str) -> String {
    for f in ["zero.txt", "rev1.txt", "rev2.md"] {
        std::fs::copy(fixtures("drafts").join(f), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(fixtures("drafts/lakeland.yaml")).unwrap();
    assert!(text.contains(from), "{from}");
    let path = dir.join("history.yaml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path.display().to_string()
}

#[test]
fn a_wrong_history_or_request_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to, want) in [
        (
            "date: 2025-11-07",
            "date: 2025-08-01",
            "versions[1].date: 2025-08-01 comes before the version listed before it",
        ),
        (
            "pairs: [\"8=8\"]",
            "pairs: [\"8=80\"]",
            "`rev1` has no paragraph 80",
        ),
        ("file: rev1.txt", "file: nowhere.txt", "nowhere.txt"),
        (
            "  - from: zero\n    to: rev1",
            "  - from: zero\n    to: rev2",
            "does not follow",
        ),
        ("versions:", "versionz:", "unknown field `versionz`"),
    ] {
        let h = broken_history(dir.path(), from, to);
        let out = run(&["changes", &h, "zero", "rev1"]);
        assert_eq!(out.status.code(), Some(1), "{to}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(want),
            "{to}: wanted {want:?}: {}",
            stderr(&out)
        );
    }
    let h = history();
    let out = run(&["diff", &h, "rev2", "rev1"]);
    assert_eq!(out.status.code(), Some(2), "later first is a usage error");
    let out = run(&["diff", &h, "zero", "rev9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("its versions: zero, rev1, rev2"),
        "{}",
        stderr(&out)
    );
    let out = run(&["trace", &h, "99"]);
    assert!(
        stderr(&out).contains("rev2: that version has no paragraph 99"),
        "{}",
        stderr(&out)
    );
}

/// Loaded beside briefs (`--briefs`, the config folder), a text is part of the library:
/// a version is a section, a paragraph an entry with its change and its lineage.
#[test]
fn a_history_loads_beside_the_briefs_with_versions_and_paragraphs() {
    let dir = fixtures("drafts").display().to_string();
    let with = |args: &[&str]| {
        let mut all = vec!["--no-builtin", "--briefs", dir.as_str()];
        all.extend_from_slice(args);
        run(&all)
    };
    let checked = ok("check", &with(&["check"]));
    assert!(checked.starts_with("ok: 1 briefs"), "{checked}");
    let versions = ok("list", &with(&["list", "lakeland-outcome"]));
    assert_eq!(
        versions
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect::<Vec<_>>(),
        [
            "lakeland-outcome/zero",
            "lakeland-outcome/rev1",
            "lakeland-outcome/rev2"
        ],
        "{versions}"
    );
    let para = ok(
        "show",
        &with(&["show", "lakeland-outcome/rev1/7", "-w", "0"]),
    );
    assert!(para.contains("split from Zero draft ¶7."), "{para}");
    assert!(
        para.contains("Change from Zero draft ¶7: The secretariat shall publish a summary of each meeting within [thirty] {+[sixty]+} days[-,-]{+. The summary shall be+}"),
        "{para}"
    );
    assert!(para.contains("Lineage: zero 7 → rev1 7 → rev2 8"), "{para}");
    assert!(
        para.contains("Group: II. Governance and review of the forum"),
        "{para}"
    );
    // Labels become selectors: bis numbering and the New 8A of Revision 2.
    ok("bis", &with(&["show", "lakeland-outcome/rev1/1bis"]));
    ok("new", &with(&["show", "lakeland-outcome/rev2/new-8a"]));
    let found = ok("search", &with(&["search", "sixty"]));
    assert!(found.contains("lakeland-outcome/rev2/7"), "{found}");
    // A broken history is reported with its file, and the briefs beside it still load.
    let bad = tempfile::tempdir().unwrap();
    let h = broken_history(bad.path(), "file: rev1.txt", "file: gone.txt");
    let out = run(&["--no-builtin", "--briefs", &h, "check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = common::stdout(&out);
    assert!(said.contains("history.yaml:13:5: version `rev1`"), "{said}");
}

/// A history travels by mail with its drafts: it may name only files inside its own
/// folder. A path out of it (`..`, absolute) or a symbolic link that leads out is refused
/// at the line that names it, by every command, and nothing of the file is read; files in
/// a subfolder, or linked within the folder, are fine.
#[test]
fn a_history_names_only_files_inside_its_own_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "1. The password is swordfish.\n").unwrap();
    let secret_path = secret.display().to_string();
    let dir = tempfile::tempdir().unwrap();
    let parent_path = format!(
        "../{}/secret.txt",
        outside.path().file_name().unwrap().to_str().unwrap()
    );
    std::os::unix::fs::symlink(&secret, dir.path().join("link.txt")).unwrap();
    for named in [parent_path.as_str(), secret_path.as_str(), "link.txt"] {
        let h = broken_history(dir.path(), "file: rev1.txt", &format!("file: \"{named}\""));
        let briefs = ["--no-builtin", "--briefs", h.as_str()];
        for args in [&["check"][..], &["list"], &["search", "swordfish"]] {
            let out = run(&[&briefs[..], args].concat());
            let said = format!("{}{}", common::stdout(&out), stderr(&out));
            // `list` lists what did load, and says what did not.
            if args[0] == "check" {
                assert_eq!(out.status.code(), Some(1), "{named}: {said}");
            }
            assert!(
                said.contains("history.yaml:13:5: version `rev1`")
                    && said.contains("a history names only files inside its own folder"),
                "{named} {args:?}: {said}"
            );
            assert!(!said.contains("swordfish"), "{named} {args:?}: {said}");
        }
        let out = run(&["trace", &h, "1"]);
        assert_eq!(out.status.code(), Some(1), "{named}");
        assert!(
            stderr(&out).contains("history.yaml:13:5: version `rev1`"),
            "{}",
            stderr(&out)
        );
    }
    // Inside the folder, through a subfolder or a link that stays in it: read.
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::copy(
        fixtures("drafts/rev1.txt"),
        dir.path().join("drafts/rev1.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("drafts/rev1.txt", dir.path().join("inside.txt")).unwrap();
    for named in ["drafts/rev1.txt", "./inside.txt"] {
        let h = broken_history(dir.path(), "file: rev1.txt", &format!("file: {named}"));
        ok(named, &run(&["--no-builtin", "--briefs", &h, "check"]));
    }
}

/// Between versions that do not follow each other, `changes` and `diff` follow each
/// paragraph through the versions between, concordance and all, as `trace` does: ¶8 of
/// the Zero draft, paired by hand with New 8A of Revision 2 through Revision 1, is one
/// paragraph changed, not one deleted and another inserted.
#[test]
fn changes_and_diff_between_distant_versions_agree_with_trace() {
    let h = history();
    let traced = ok("trace", &run(&["trace", &h, "8", "--in", "zero"]));
    assert!(
        traced.starts_with("zero 8 → rev1 8 → rev2 New 8A"),
        "{traced}"
    );
    let changes = ok("changes", &run(&["changes", &h, "zero", "rev2", "-w", "0"]));
    assert!(
        changes.contains("changed    8 → New 8A  (status: none → agreed ad ref; paired by hand)"),
        "{changes}"
    );
    assert!(!changes.contains("deleted    8"), "{changes}");
    let diff = ok("diff", &run(&["diff", &h, "zero", "rev2", "-w", "0"]));
    assert!(
        diff.contains(
            "changed    8 → New 8A  (renumbered; status: none → agreed ad ref; paired by hand)"
        ),
        "{diff}"
    );
    let json = ok("diff", &run(&["diff", &h, "zero", "rev2", "-f", "json"]));
    assert_eq!(
        json,
        ok(
            "changes",
            &run(&["changes", &h, "zero", "rev2", "-f", "json"])
        ),
        "the same pairs, word for word"
    );
    assert!(
        json.lines()
            .any(|l| l.contains("\"old\":[\"8\"]") && l.contains("\"new\":[\"New 8A\"]")),
        "{json}"
    );
}

/// `brief show` of an entry of the library's view of the lakeland text, unwrapped.
fn show_text(target: &str) -> String {
    let dir = fixtures("drafts").display().to_string();
    ok(
        target,
        &run(&["--no-builtin", "--briefs", &dir, "show", target, "-w", "0"]),
    )
}

/// A paragraph new in a version says so, and has no change to show: there is no
/// paragraph it changed from.
#[test]
fn a_new_paragraph_says_it_is_new() {
    for target in ["lakeland-outcome/rev2/pp2", "lakeland-outcome/rev2/4bis"] {
        let new = show_text(target);
        assert!(new.contains("\nnew in Revision 2.\n"), "{new}");
        assert!(!new.contains("Change from"), "{new}");
        assert!(!new.contains(" ¶."), "{new}");
    }
    let preliminary = show_text("lakeland-outcome/rev1/1bis");
    assert!(
        preliminary.contains("\nnew in Revision 1; preliminarily agreed.\n"),
        "{preliminary}"
    );
}

/// A paragraph whose status changed says from what to what, even when its words did not;
/// a change of line breaks alone reads as no change of text.
#[test]
fn a_paragraphs_change_of_status_is_said_and_layout_is_no_change() {
    let closed = show_text("lakeland-outcome/rev2/new-8a");
    assert!(
        closed.contains(
            "\nunchanged from Revision 1 ¶8 (layout only); status: suggested for closure → agreed ad ref.\n"
        ),
        "{closed}"
    );
    let agreed = show_text("lakeland-outcome/rev2/2");
    assert!(
        agreed.contains("; status: preliminarily agreed → agreed.\n"),
        "{agreed}"
    );
    // Still agreed: said as it stands.
    let kept = show_text("lakeland-outcome/rev2/6");
    assert!(kept.contains("¶5; agreed.\n"), "{kept}");
    let version = show_text("lakeland-outcome/rev2");
    assert!(
        version.contains("From Revision 1: 3 unchanged (layout only), 2 inserted, 2 changed."),
        "{version}"
    );
    assert!(!version.contains("whitespace"), "{version}");
    // And where the version stands: its paragraphs by status, what is still bracketed.
    assert!(
        version.contains("3 of 14 paragraphs agreed (1 ad ref), 11 pending; nothing in brackets."),
        "{version}"
    );
    let rev1 = show_text("lakeland-outcome/rev1");
    assert!(
        rev1.contains(
            "2 of 12 paragraphs agreed (1 preliminarily), 1 suggested for closure, 9 pending; 2 spans in brackets in 1 paragraph."
        ),
        "{rev1}"
    );
}

/// `brief changes` and `brief diff` in text and Markdown call a change of line breaks
/// alone unchanged, with a note, not `whitespace` (which JSON keeps as its stable name).
#[test]
fn a_change_of_layout_alone_reads_as_unchanged() {
    let h = history();
    let text = ok("diff", &run(&["diff", &h, "zero", "rev1", "-w", "0"]));
    assert!(text.contains("\nunchanged  PP1  (layout only)\n"), "{text}");
    assert!(!text.contains("whitespace"), "{text}");
    let md = ok(
        "markdown",
        &run(&["diff", &h, "zero", "rev1", "-f", "markdown"]),
    );
    assert!(md.contains("\n**unchanged** PP1 (layout only)\n"), "{md}");
    let summary = ok("changes", &run(&["changes", &h, "zero", "rev1"]));
    assert!(
        summary.contains("\n  unchanged  6 → 5  (status: agreed ad ref → agreed)\n"),
        "{summary}"
    );
    let json = ok("json", &run(&["diff", &h, "zero", "rev1", "-f", "json"]));
    assert!(json.contains(r#""kind":"whitespace""#), "{json}");
}

/// A heading labelled by its own text (`Preamble`) is shown once; a numbered one as the
/// draft prints it (`II. Governance …`).
#[test]
fn a_heading_is_shown_once() {
    let version = show_text("lakeland-outcome/rev2");
    assert!(!version.contains("Preamble Preamble"), "{version}");
    assert!(version.contains("\nPreamble\n"), "{version}");
    let first = show_text("lakeland-outcome/rev1/pp1");
    assert!(first.contains("\nGroup: Preamble\n"), "{first}");
    let numbered = show_text("lakeland-outcome/rev2/1");
    assert!(
        numbered.contains("\nGroup: I. Connectivity\n"),
        "{numbered}"
    );
}

/// The line that names a version's stage ("Zero draft", "Revision 1") is the draft's
/// frame, not its text: no comparison of a history shows it as deleted and inserted.
#[test]
fn a_versions_stage_line_is_not_a_change() {
    let h = history();
    for (from, to) in [("zero", "rev1"), ("rev1", "rev2"), ("zero", "rev2")] {
        for format in ["text", "summary"] {
            let out = ok(
                "changes",
                &run(&["changes", &h, from, to, "-f", format, "-w", "0"]),
            );
            for stage in ["Zero draft", "Revision 1", "Revision 2"] {
                assert!(!out.contains(stage), "{from} {to} {format}: {out}");
            }
        }
    }
    // The title line is text like any other, unchanged.
    let out = ok("diff", &run(&["diff", &h, "zero", "rev1", "-w", "0"]));
    assert!(
        out.starts_with("unchanged  Draft outcome of the Lakeland Regional Internet Forum\n"),
        "{out}"
    );
}

/// A version's source is the text's title with the version's name and symbol, published
/// by the drafters: never the title twice, nor the symbol as a publisher.
#[test]
fn a_version_is_cited_by_its_name_and_symbol() {
    let title = "Draft outcome of the Lakeland Regional Internet Forum";
    let zero = show_text("lakeland-outcome/zero/1");
    assert!(
        zero.contains(&format!(
            "Source: {title}, Zero draft (the drafters, 2025-08-29), ¶ 1"
        )),
        "{zero}"
    );
    let rev2 = show_text("lakeland-outcome/rev2/1");
    assert!(
        rev2.contains(&format!(
            "Source: {title}, Revision 2 (LRIF/2025/L.2) (the drafters, 2025-12-03), ¶ 1"
        )),
        "{rev2}"
    );
}

/// A history that names its publisher (an actor declared in a brief) has its versions
/// cited as published by that actor, by name.
#[test]
fn a_version_is_cited_as_published_by_the_texts_publisher() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["zero.txt", "rev1.txt", "rev2.md"] {
        std::fs::copy(fixtures("drafts").join(f), dir.path().join(f)).unwrap();
    }
    let history = std::fs::read_to_string(fixtures("drafts/lakeland.yaml")).unwrap();
    std::fs::write(
        dir.path().join("lakeland.yaml"),
        history.replacen("\nversions:", "\npublisher: lrif-bureau\nversions:", 1),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bodies.yaml"),
        "id: lrif-bodies
title: The Lakeland forum's bodies
publisher: lrif-bureau
kind: other
published: 2025-12
summary: Who drafts the forum's outcome.
sources:
  - {id: lrif-rules, title: Rules of procedure, publisher: The forum, date: 2024-01-10}
actors:
  - {id: lrif-bureau, name: Bureau of the Lakeland Forum, group: intergovernmental}
sections:
  - id: bodies
    title: Bodies
    items:
      - id: bureau
        title: The bureau
        summary: It drafts the outcome.
        cite: {source: lrif-rules, at: rule 3}
",
    )
    .unwrap();
    let briefs = dir.path().display().to_string();
    let out = ok(
        "show",
        &run(&[
            "--no-builtin",
            "--briefs",
            &briefs,
            "show",
            "lakeland-outcome/zero/1",
            "-w",
            "0",
        ]),
    );
    assert!(
        out.contains(", Zero draft (Bureau of the Lakeland Forum, 2025-08-29), ¶ 1"),
        "{out}"
    );
}

/// A paragraph asked of a version that does not have it: the versions that do are named,
/// with the option that asks them.
#[test]
fn trace_of_a_label_not_in_the_version_says_which_versions_have_it() {
    let h = history();
    let out = run(&["trace", &h, "1bis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("rev2: that version has no paragraph 1bis; rev1 has it: --in rev1"),
        "{}",
        stderr(&out)
    );
    let out = run(&["trace", &h, "8", "--in", "zero"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["trace", &h, "7", "--in", "rev2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["trace", &h, "4bis", "--in", "zero"]);
    assert!(
        stderr(&out).contains("zero: that version has no paragraph 4bis; rev2 has it: --in rev2"),
        "{}",
        stderr(&out)
    );
}
