//! The format fitted to real material (issue 13): several citations for one entry, kinds
//! of source and undated ones, dates other sources give, ranges, the outcome of a planned
//! event recorded in another brief, reservations on paragraphs, joint actors — loaded,
//! shown and folded by the real binary, and refused with a place when wrong.

mod common;

use std::path::Path;

use common::{brief_in, fixtures, ok, stderr, stdout};

fn run(home: &Path, args: &[&str]) -> std::process::Output {
    brief_in(home)
        .args(["--no-builtin", "--briefs"])
        .arg(fixtures("format"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_new_fields_load_and_show_where_a_reader_needs_them() {
    let home = tempfile::tempdir().unwrap();
    let out = ok("check", &run(home.path(), &["check"]));
    assert!(out.starts_with("ok: 2 briefs"), "{out}");
    let text = ok(
        "show",
        &run(
            home.path(),
            &[
                "show",
                "after/positions",
                "after/timeline",
                "after/figures",
                "--width",
                "0",
            ],
        ),
    );
    for want in [
        "Made jointly by: Republic of Northland, Kingdom of Southland",
        "Stance: reservation",
        "Paragraphs: PP7, 48",
        // What a summary rests on is said with the citation, and a page with no date is so.
        "Session notes (A notes service, undated; machine-generated summary)",
        "Also dated: 2025-12-16 in Another account (Example Weekly, 2025-12-20; news)",
        "Sources: Meetings coverage of the plenary",
        "         Another account (Example Weekly, 2025-12-20; news), headline",
        "Outcome of: before/timeline/plenary",
        "Value: about 67–74%",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    let json = ok(
        "json",
        &run(
            home.path(),
            &[
                "--today",
                "2026-12-01",
                "show",
                "after/timeline/adoption",
                "--format",
                "json",
            ],
        ),
    );
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["sources"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(
        v["data"]["cite"].as_array().unwrap().len(),
        2,
        "a list stays a list"
    );
    assert_eq!(v["standing"], "held");
}

#[test]
fn time_is_told_truthfully_everywhere() {
    let home = tempfile::tempdir().unwrap();
    // After the meeting: the planned plenary folds into the adoption another brief
    // records; the side event nobody recorded is no longer "planned".
    let after = ok(
        "timeline",
        &run(home.path(), &["--today", "2026-12-01", "timeline"]),
    );
    let rows: Vec<&str> = after.lines().collect();
    assert_eq!(rows.len(), 2, "{after}");
    assert!(
        rows[0].contains("outcome unknown") && rows[0].contains("side event"),
        "{after}"
    );
    assert!(
        rows[1].contains("\theld\t")
            && rows[1].ends_with("after/timeline/adoption before/timeline/plenary"),
        "one meeting, held, both entries: {after}"
    );
    assert!(!after.contains("planned"), "{after}");
    let shown = ok(
        "show",
        &run(
            home.path(),
            &[
                "--today",
                "2026-12-01",
                "show",
                "before/timeline",
                "--width",
                "0",
            ],
        ),
    );
    assert!(
        shown.contains("Status: held, as after/timeline/adoption records (planned here)"),
        "{shown}"
    );
    assert!(shown.contains("Status: outcome unknown"), "{shown}");
    // Before them, both are planned; a year-only or month-only date keeps its precision.
    let before = ok(
        "timeline",
        &run(home.path(), &["--today", "2025-06-01", "timeline"]),
    );
    assert!(before.contains("in 3 months\tplanned"), "{before}");
    let md = ok(
        "markdown",
        &run(
            home.path(),
            &[
                "--today",
                "2026-12-01",
                "show",
                "before/timeline/side-event",
                "--format",
                "markdown",
            ],
        ),
    );
    assert!(md.contains("- **Status:** outcome unknown"), "{md}");
}

/// A copy of the format fixtures with `from` replaced by `to` in `file`.
fn broken(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["planned.yaml", "after.yaml"] {
        let text = std::fs::read_to_string(fixtures("format").join(f)).unwrap();
        let text = if f == file {
            assert!(text.contains(from), "{from}");
            text.replacen(from, to, 1)
        } else {
            text
        };
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    dir
}

fn check_fails(dir: &Path) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = brief_in(home.path())
        .args(["--no-builtin", "check"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn each_new_field_is_refused_with_its_place_when_wrong() {
    for (file, from, to, want) in [
        (
            "after.yaml",
            "outcome_of: [before/timeline/plenary]",
            "outcome_of: [before/timeline/nothing]",
            "outcome_of[0]: `before/timeline/nothing` names nothing in the loaded briefs",
        ),
        (
            "after.yaml",
            "        status: held\n        outcome_of",
            "        status: planned\n        outcome_of",
            "outcome_of: records the outcome of planned events, so this event was held",
        ),
        (
            "after.yaml",
            "members: [northland, southland]",
            "members: [northland, westland]",
            "actors[2].members[1]: unknown actor `westland`",
        ),
        (
            "after.yaml",
            "members: [northland, southland]",
            "members: [northland]",
            "actors[2].members: a joint actor has two members or more",
        ),
        (
            "after.yaml",
            "value: [67, 74]",
            "value: [74, 67]",
            "a range goes from low to high",
        ),
        (
            "after.yaml",
            "          - {source: other-account, at: \"headline\"}",
            "          - {source: no-such-source, at: \"headline\"}",
            "cite[1].source: unknown source `no-such-source`",
        ),
        (
            "after.yaml",
            "          - date: 2025-12-16",
            "          - date: 2025-12-17",
            "other_dates[0].date: 2025-12-17 is the event's own date",
        ),
    ] {
        let dir = broken(file, from, to);
        let out = check_fails(dir.path());
        assert!(out.contains(want), "{to:?}: wanted {want:?} in:\n{out}");
        assert!(
            out.lines()
                .all(|l| l.starts_with("after.yaml:") || l.contains("after.yaml:")),
            "every error with its file and place: {out}"
        );
    }
}

#[test]
fn a_held_event_whose_date_has_not_come_is_reported_by_check() {
    let home = tempfile::tempdir().unwrap();
    // On the day, all is well; a week before, the adoption cannot have been held yet.
    ok(
        "check on the day",
        &run(home.path(), &["--today", "2025-12-17", "check"]),
    );
    let out = run(home.path(), &["--today", "2025-12-10", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("after.yaml:")
            && text.contains("sections[0].events[0].status: is `held`, but the event's date 2025-12-17 is after today (2025-12-10)"),
        "{text}"
    );
}

#[test]
fn told_as_of_a_day_before_it_a_held_meeting_is_still_to_come() {
    let home = tempfile::tempdir().unwrap();
    let before = ok(
        "timeline",
        &run(home.path(), &["--today", "2025-12-01", "timeline"]),
    );
    let adoption = before
        .lines()
        .find(|l| l.contains("adopts the text"))
        .unwrap();
    assert!(adoption.contains("in 16 days\tplanned"), "{adoption}");
    let shown = ok(
        "show",
        &run(
            home.path(),
            &[
                "--today",
                "2025-12-01",
                "show",
                "after/timeline/adoption",
                "-w",
                "0",
            ],
        ),
    );
    assert!(shown.contains("Status: planned"), "{shown}");
}

/// The format fixtures with the planned brief's side event given `same_as` (its
/// `status: planned` line followed by `line`), and the after brief's adoption given
/// `after_line` the same way.
fn with_same_as(line: &str, after_line: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let planned = std::fs::read_to_string(fixtures("format").join("planned.yaml")).unwrap();
    let from = "title: A side event nobody wrote about afterwards\n        status: planned";
    assert!(planned.contains(from));
    let planned = planned.replacen(from, &format!("{from}\n        {line}"), 1);
    std::fs::write(dir.path().join("planned.yaml"), planned).unwrap();
    let after = std::fs::read_to_string(fixtures("format").join("after.yaml")).unwrap();
    let after = match after_line {
        Some(l) => {
            let from = "        status: held\n        outcome_of";
            assert!(after.contains(from));
            after.replacen(
                from,
                &format!("        status: held\n        {l}\n        outcome_of"),
                1,
            )
        }
        None => after,
    };
    std::fs::write(dir.path().join("after.yaml"), after).unwrap();
    dir
}

#[test]
fn same_as_names_an_event_not_itself_and_never_loops() {
    // A misspelt event is pointed to the one meant.
    let dir = with_same_as("same_as: [after/timeline/adoptoin]", None);
    let out = check_fails(dir.path());
    assert!(
        out.contains("planned.yaml:")
            && out.contains("same_as[0]: `after/timeline/adoptoin` names nothing in the loaded briefs: did you mean `after/timeline/adoption`?"),
        "{out}"
    );
    // So is an event named by words of its id in another order.
    let dir = with_same_as("same_as: [after/timeline/text-adoption]", None);
    let out = check_fails(dir.path());
    assert!(
        out.contains("did you mean `after/timeline/adoption`?"),
        "{out}"
    );
    // Not a selector of an event at all.
    let dir = with_same_as("same_as: [after/timeline]", None);
    let out = check_fails(dir.path());
    assert!(
        out.contains("`after/timeline` is not an event's selector"),
        "{out}"
    );
    // The event itself.
    let dir = with_same_as("same_as: [before/timeline/side-event]", None);
    let out = check_fails(dir.path());
    assert!(
        out.contains("same_as[0]: `before/timeline/side-event` is this event itself"),
        "{out}"
    );
    // Two briefs each naming the other: a loop, reported with the way round.
    let dir = with_same_as(
        "same_as: [after/timeline/adoption]",
        Some("same_as: [before/timeline/side-event]"),
    );
    let out = check_fails(dir.path());
    assert!(
        out.contains("`after/timeline/adoption` leads back to this event through `same_as` (before/timeline/side-event → after/timeline/adoption → before/timeline/side-event)"),
        "{out}"
    );
    // One way only is right.
    let dir = with_same_as("same_as: [after/timeline/adoption]", None);
    let home = tempfile::tempdir().unwrap();
    let out = brief_in(home.path())
        .args(["--no-builtin", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn one_meeting_under_two_names_and_dates_is_one_row_naming_both_briefs() {
    // The side event, planned for 10 September, is said to be the meeting the other brief
    // records as the adoption of 17 December: one row, held, with both entries.
    let dir = with_same_as("same_as: [after/timeline/adoption]", None);
    let home = tempfile::tempdir().unwrap();
    let timeline = |today: &str| {
        ok(
            "timeline",
            &brief_in(home.path())
                .args(["--no-builtin", "--briefs"])
                .arg(dir.path())
                .args(["--today", today, "timeline"])
                .output()
                .unwrap(),
        )
    };
    let out = timeline("2026-01-10");
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.contains("before/timeline/side-event") || l.contains("after/timeline/adoption")
        })
        .collect();
    assert_eq!(rows.len(), 1, "{out}");
    assert!(rows[0].contains("held"), "{}", rows[0]);
    assert!(
        rows[0].contains("before/timeline/side-event")
            && rows[0].contains("after/timeline/adoption"),
        "{}",
        rows[0]
    );
    assert!(!out.contains("outcome unknown"), "{out}");
    // Its page says where it is recorded held, and names the other.
    let shown = ok(
        "show",
        &brief_in(home.path())
            .args(["--no-builtin", "--briefs"])
            .arg(dir.path())
            .args([
                "--today",
                "2026-01-10",
                "show",
                "before/timeline/side-event",
            ])
            .output()
            .unwrap(),
    );
    assert!(shown.contains("Same as"), "{shown}");
    assert!(
        shown.contains("held, as after/timeline/adoption records"),
        "{shown}"
    );
    // The other brief's page names it back, though the link is written on one side.
    let other = ok(
        "show",
        &brief_in(home.path())
            .args(["--no-builtin", "--briefs"])
            .arg(dir.path())
            .args(["--today", "2026-01-10", "show", "after/timeline/adoption"])
            .output()
            .unwrap(),
    );
    assert!(
        other.contains("Same as: before/timeline/side-event"),
        "{other}"
    );
}

#[test]
fn an_approximate_publication_date_is_said_to_be_one_wherever_it_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let brief = "id: undated\ntitle: An undated page\npublisher: p\nkind: web-page\npublished: 2025-06\n\
                 published_approximate: true\nsummary: A page with no date of its own.\n\
                 actors:\n  - {id: p, name: Publisher, group: civil-society}\n\
                 sources:\n  - {id: s, title: S, publisher: Publisher}\n\
                 sections:\n  - id: a\n    title: A\n    items:\n      - {id: x, title: X, summary: Y., cite: {source: s, at: top}}\n";
    std::fs::write(dir.path().join("undated.yaml"), brief).unwrap();
    let home = tempfile::tempdir().unwrap();
    let show = |format: &str| {
        let out = brief_in(home.path())
            .args(["--no-builtin", "--briefs"])
            .arg(dir.path())
            .args(["show", "undated", "-f", format, "-w", "0"])
            .output()
            .unwrap();
        ok("show", &out)
    };
    assert!(
        show("text").contains("published about 2025-06"),
        "{}",
        show("text")
    );
    assert!(
        show("markdown").contains("published about 2025-06*"),
        "{}",
        show("markdown")
    );
    let json: serde_json::Value = serde_json::from_str(show("json").trim()).unwrap();
    assert_eq!(json["data"]["published"], "2025-06");
    assert_eq!(json["data"]["published_approximate"], true);
    // A date given as exact is shown as it is, and the field is left out of its JSON.
    let exact = brief.replace("published_approximate: true\n", "");
    std::fs::write(dir.path().join("undated.yaml"), exact).unwrap();
    assert!(
        show("text").contains("published 2025-06\n"),
        "{}",
        show("text")
    );
    let json: serde_json::Value = serde_json::from_str(show("json").trim()).unwrap();
    assert!(json["data"].get("published_approximate").is_none());
}
