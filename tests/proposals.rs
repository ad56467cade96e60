//! `brief proposals` and `brief blame` on the invented Harbour negotiation
//! (`tests/fixtures/proposals`, its Word version written by `common::proposals`): each
//! source of proposals, each verdict, blame, and the progress counts.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{brief_in, json_lines, ok, stderr, stdout};

/// The negotiation, written once per test run into cargo's folder for tests.
fn harbour() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("harbour");
    static MADE: std::sync::Once = std::sync::Once::new();
    MADE.call_once(|| common::proposals::harbour(&dir));
    dir
}

fn run(args: &[&str]) -> Output {
    let dir = harbour();
    let home = common::shared_home("proposals-home");
    brief_in(&home)
        .current_dir(&dir)
        .args(["--no-builtin"])
        .args(args)
        .output()
        .unwrap()
}

/// The proposals as JSON, one object each.
fn proposals(extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["proposals", "history.yaml", "-f", "json"];
    args.extend_from_slice(extra);
    json_lines(&ok("proposals", &run(&args)))
}

/// The one proposal made on `version` ¶`para` by `actors` with `action`.
fn find<'a>(
    all: &'a [serde_json::Value],
    version: &str,
    para: &str,
    actors: &[&str],
    action: &str,
) -> &'a serde_json::Value {
    let found: Vec<&serde_json::Value> = all
        .iter()
        .filter(|p| {
            p["version"] == version
                && p["paragraph"] == para
                && p["action"] == action
                && p["actors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap())
                    .eq(actors.iter().copied())
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{version} ¶{para} {actors:?} {action}: {all:#?}"
    );
    found[0]
}

#[test]
fn proposals_written_in_the_history_are_placed_and_judged_against_the_next_draft() {
    let all = proposals(&[]);
    // Norland's amendment of the zero draft: the compilation is no new draft, so its
    // verdict is Revision 1's (not made) and the last version's (ten beside five: half).
    let norland = find(&all, "zero", "5", &["norland"], "amend");
    assert_eq!(norland["reflected"], "no");
    assert_eq!(norland["next"]["version"], "rev1");
    assert_eq!(norland["final"]["reflected"], "partly");
    assert_eq!(norland["final"]["kept"], 0.5);
    assert_eq!(norland["status"], "rejected");
    assert_eq!(norland["cite"]["source"], "harbour-record");
    assert_eq!(norland["from"], "history");
    // SG's new paragraph, recorded as accepted, is nowhere in Revision 2: the record and
    // the words part ways, and that is said.
    let sg = find(&all, "rev1", "2", &["sg"], "add");
    assert_eq!(sg["new_after"], true);
    assert_eq!(sg["reflected"], "no");
    assert_eq!(sg["disagrees_with_record"], true);
}

#[test]
fn a_compilations_attributions_are_proposals_by_actors_named_any_way() {
    let all = proposals(&["--version", "comp"]);
    // By short name (SG), id in lower case (ues), full name (Civil Society Caucus).
    assert_eq!(
        find(&all, "comp", "1", &["sg"], "delete")["reflected"],
        "yes"
    );
    let retain = find(&all, "comp", "1", &["estria", "ues"], "retain");
    assert_eq!(retain["reflected"], "partly");
    assert_eq!(retain["kept"], 0.85);
    assert_eq!(
        retain["next"]["not_made"],
        serde_json::json!(["and", "clinic"])
    );
    let alt = find(&all, "comp", "1", &["csc"], "alternative");
    assert_eq!(alt["reflected"], "no");
    assert_eq!(alt["next"]["not_made"], serde_json::json!(["+library"]));
    assert_eq!(
        find(&all, "comp", "2", &["westmark"], "add")["reflected"],
        "yes"
    );
    assert_eq!(
        find(&all, "comp", "3", &["ues"], "delete")["reflected"],
        "yes"
    );
    // An option given in a paragraph of a compilation (`Option 2 [TCC]: …`): Revision 1
    // made part of it, Revision 2 undid that part.
    let option = find(&all, "comp", "4", &["tcc"], "alternative");
    assert_eq!(option["reflected"], "partly");
    assert_eq!(option["kept"], 0.4);
    assert_eq!(option["final"]["reflected"], "no");
    assert_eq!(
        find(&all, "comp", "5", &["norland"], "reservation")["reflected"],
        "yes"
    );
    // The attributions are not the text under negotiation: the compilation's paragraph
    // reads as the zero draft's, and the diff says so.
    let diff = ok(
        "changes",
        &run(&["changes", "history.yaml", "zero", "comp", "-f", "json"]),
    );
    assert!(
        !diff.contains("G77") && !diff.contains("Estria") && !diff.contains("retain"),
        "{diff}"
    );
}

#[test]
fn bracketed_options_are_proposals_by_no_one_and_pending_while_open() {
    let all = proposals(&[]);
    let options: Vec<(&str, &str, &str)> = all
        .iter()
        .filter(|p| p["from"] == "bracketed option")
        .map(|p| {
            (
                p["version"].as_str().unwrap(),
                p["wording"].as_str().unwrap(),
                p["reflected"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        options,
        [
            (
                "comp",
                "The forum shall meet once a year in the host city.",
                "no"
            ),
            (
                "comp",
                "The forum should meet once a year in the host city.",
                "yes"
            ),
            (
                "rev2",
                "A review of this statement shall take place in five years.",
                "pending"
            ),
            (
                "rev2",
                "A review of this statement shall take place in ten years.",
                "pending"
            ),
        ]
    );
    assert!(
        all.iter()
            .filter(|p| p["from"] == "bracketed option")
            .all(|p| p["actors"] == serde_json::json!([]))
    );
}

#[test]
fn a_word_versions_tracked_changes_are_proposals_by_their_authors() {
    let all = proposals(&["--version", "rev1"]);
    let estria = find(&all, "rev1", "1", &["estria"], "add");
    assert_eq!(estria["wording"], "and clinic");
    assert_eq!(estria["reflected"], "no");
    assert_eq!(estria["date"], "2025-10-16T09:00:00Z");
    assert_eq!(estria["from"], "tracked change");
    let district = find(&all, "rev1", "2", &["tcc"], "add");
    assert_eq!(district["reflected"], "partly");
    assert_eq!(district["kept"], 0.67);
    assert_eq!(
        find(&all, "rev1", "3", &["tcc"], "delete")["reflected"],
        "yes"
    );
}

#[test]
fn an_author_no_brief_declares_is_reported_and_kept_under_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    common::proposals::harbour(dir.path());
    let history = std::fs::read_to_string(dir.path().join("history.yaml")).unwrap();
    std::fs::write(
        dir.path().join("history.yaml"),
        history.replace("  \"TCC drafting team\": tcc\n", ""),
    )
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = brief_in(home.path())
        .current_dir(dir.path())
        .args([
            "--no-builtin",
            "proposals",
            "history.yaml",
            "--version",
            "rev1",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    let all = json_lines(&ok("proposals", &out));
    assert!(
        stderr(&out)
            .contains("`TCC drafting team` (2 proposals) is no actor a loaded brief declares"),
        "{}",
        stderr(&out)
    );
    find(&all, "rev1", "3", &["TCC drafting team"], "delete");
}

#[test]
fn filters_keep_an_actors_a_versions_or_a_paragraphs_proposals() {
    // A joint actor's proposals count for its members: SG's for Norland; and so does a
    // proposal made together (rev1 ¶4, from the secretariat's record).
    let norland = proposals(&["--actor", "Norland"]);
    let by: Vec<String> = norland
        .iter()
        .map(|p| format!("{} {} {}", p["version"], p["paragraph"], p["actors"]))
        .collect();
    assert_eq!(
        by,
        [
            "\"zero\" \"5\" [\"norland\"]",
            "\"comp\" \"1\" [\"sg\"]",
            "\"comp\" \"5\" [\"norland\"]",
            "\"rev1\" \"2\" [\"sg\"]",
            "\"rev1\" \"3\" [\"sg\"]",
            "\"rev1\" \"4\" [\"norland\",\"westmark\"]",
        ]
    );
    let para = proposals(&["--version", "comp", "--para", "2"]);
    assert_eq!(para.len(), 3);
    // Nothing kept is exit 1, as a search with no match.
    let none = run(&["proposals", "history.yaml", "--actor", "nobody"]);
    assert_eq!(none.status.code(), Some(1));
    let bad = run(&["proposals", "history.yaml", "--version", "rev9"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("no version `rev9`"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn the_text_output_gives_each_verdict_its_evidence_and_each_actor_a_record() {
    let text = ok("proposals", &run(&["proposals", "history.yaml"]));
    assert!(
        text.starts_with("Harbour Digital Cooperation Statement — 21 of 21 proposals\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "rev1 ¶2  TCC  add “in every district”  (tracked change; 2025-10-17T15:30:00Z)\n    → rev2: partly (67% of what it asked)\n      made: in every\n      not made: district\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("→ rev2: not reflected  ⚠ not what the record says"),
        "{text}"
    );
    assert!(
        text.contains("\nBy actor, against the last version\n"),
        "{text}"
    );
    assert!(
        text.contains("  Estria: 3 proposals — 1 reflected, 1 partly, 1 not\n"),
        "{text}"
    );
    let md = ok(
        "proposals",
        &run(&["proposals", "history.yaml", "-f", "markdown"]),
    );
    assert!(
        md.contains(
            "| where | by | action | wording | next version | last version | record | from |"
        ),
        "{md}"
    );
    assert!(md.contains("| rev1, new after ¶2 | SG | add |"), "{md}");
    assert!(
        md.contains("- TCC: 3 proposals — 1 reflected, 1 partly, 1 not"),
        "{md}"
    );
}

#[test]
fn blame_gives_each_run_of_words_its_version_and_who_asked_for_it() {
    let text = ok("blame", &run(&["blame", "history.yaml", "rev2", "2"]));
    assert_eq!(
        text,
        "harbour-statement rev2 ¶2: who brought in each run of words\n\
         zero  ·         The forum\n\
         comp  ·         should\n\
         zero  ·         meet once a year in\n\
         rev1  ·         a\n\
         zero  ·         host city\n\
         rev1  Westmark  chosen by rotation\n\
         rev2  TCC       in every region.\n"
    );
    let runs = json_lines(&ok(
        "blame",
        &run(&["blame", "history.yaml", "rev2", "2", "-f", "json"]),
    ));
    assert_eq!(runs[5]["by"], serde_json::json!(["westmark"]));
    assert_eq!(runs[5]["action"], "add");
    assert_eq!(runs[0]["by"], serde_json::Value::Null);
    let missing = run(&["blame", "history.yaml", "rev2", "9"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("`rev2` has no paragraph 9"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn changes_end_with_each_versions_progress() {
    let text = ok(
        "changes",
        &run(&["changes", "history.yaml", "zero", "rev2"]),
    );
    assert!(
        text.ends_with(
            "\nProgress\n  zero  0 of 6 paragraphs agreed, 6 pending; nothing in brackets\n  comp  0 of 6 paragraphs agreed, 6 pending; 2 spans in brackets in 1 paragraph\n  rev1  0 of 5 paragraphs agreed, 5 pending; nothing in brackets\n  rev2  2 of 5 paragraphs agreed (1 ad ref), 3 pending; 2 spans in brackets in 1 paragraph\n"
        ),
        "{text}"
    );
    let json = ok(
        "changes",
        &run(&["changes", "history.yaml", "zero", "rev2", "-f", "json"]),
    );
    assert!(!json.contains("Progress"));
}

#[test]
fn a_position_naming_paragraphs_of_a_loaded_text_links_to_them_and_check_holds_it_to_them() {
    let sel = "harbour-delegations/positions/norland-on-review";
    let page = ok("show", &run(&["--briefs", ".", "show", sel, "-w", "0"]));
    assert!(
        page.contains("Paragraphs: 4 of harbour-statement/rev2"),
        "{page}"
    );
    assert!(
        page.contains("Paragraph: harbour-statement/rev2/4"),
        "{page}"
    );
    // And the paragraph's page names the positions that name it.
    let para = ok(
        "show",
        &run(&[
            "--briefs",
            ".",
            "show",
            "harbour-statement/rev2/4",
            "-w",
            "0",
        ]),
    );
    assert!(para.contains(&format!("Named by: {sel}")), "{para}");
    let other = ok(
        "show",
        &run(&[
            "--briefs",
            ".",
            "show",
            "harbour-statement/rev2/3",
            "-w",
            "0",
        ]),
    );
    assert!(!other.contains("Named by:"), "{other}");
    // The paragraph is there: check passes; a label the version lacks is reported.
    ok("check", &run(&["check", "."]));
    let dir = tempfile::tempdir().unwrap();
    common::proposals::harbour(dir.path());
    let actors = std::fs::read_to_string(dir.path().join("actors.yaml")).unwrap();
    std::fs::write(
        dir.path().join("actors.yaml"),
        actors.replace("paragraphs: [\"4\"]", "paragraphs: [\"4\", \"98\"]"),
    )
    .unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = brief_in(home.path())
        .current_dir(dir.path())
        .args(["--no-builtin", "check", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("paragraphs[1]: `harbour-statement/rev2` has no paragraph 98"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    std::fs::write(
        dir.path().join("actors.yaml"),
        actors.replace(
            "text: harbour-statement/rev2",
            "text: harbour-statement/rev7",
        ),
    )
    .unwrap();
    let out = brief_in(home.path())
        .current_dir(dir.path())
        .args(["--no-builtin", "check", "."])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("`harbour-statement/rev7` names no version of a loaded text"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

// ---- proposals written in a brief's section (tests/fixtures/proposals/rev1-proposals.yaml) ----

const RECORD: &str = "harbour-rev1-proposals/on-rev1";

#[test]
fn proposals_in_a_briefs_section_join_the_texts_own_with_where_they_were_made() {
    let all = proposals(&["--version", "rev1"]);
    // Norland and Westmark together: Revision 2 put ten beside five, half of what they
    // asked.
    let ten = find(&all, "rev1", "4", &["norland", "westmark"], "amend");
    assert_eq!(ten["from"], "brief");
    assert_eq!(ten["entry"], format!("{RECORD}/review-in-ten-years"));
    assert_eq!(ten["section"], "Proposals on Revision 1");
    assert_eq!(ten["reflected"], "partly");
    assert_eq!(ten["kept"], 0.5);
    assert_eq!(ten["status"], "pending");
    assert_eq!(ten["date"], "2025-10-22");
    assert_eq!(
        ten["cite"],
        serde_json::json!({"source": "harbour-rev1-record", "at": "Item 2"})
    );
    // SG's deletion went through, as the TCC's tracked change of the same words did.
    let sg = find(&all, "rev1", "3", &["sg"], "delete");
    assert_eq!(sg["reflected"], "yes");
    assert_eq!(sg["from"], "brief");
    assert_eq!(
        find(&all, "rev1", "3", &["tcc"], "delete")["from"],
        "tracked change"
    );
    // UES's new paragraph, recorded as accepted, is not in Revision 2 — unlike its
    // compilation proposal to delete the same words, which was: the record is wrong.
    let ues = find(&all, "rev1", "3", &["ues"], "add");
    assert_eq!(ues["new_after"], true);
    assert_eq!(ues["reflected"], "no");
    assert_eq!(ues["disagrees_with_record"], true);
    let comp = proposals(&["--version", "comp"]);
    assert_eq!(
        find(&comp, "comp", "3", &["ues"], "delete")["reflected"],
        "yes"
    );
    // Recorded as rejected, and not there: record and words agree.
    let csc = find(&all, "rev1", "1", &["csc"], "add");
    assert_eq!(csc["reflected"], "no");
    assert_eq!(csc["disagrees_with_record"], false);

    let text = ok(
        "proposals",
        &run(&["proposals", "history.yaml", "--version", "rev1"]),
    );
    assert!(
        text.contains(&format!(
            "rev1 ¶3  SG  delete “and operators”  (from brief harbour-rev1-proposals, section Proposals on Revision 1; 2025-10-22; recorded: accepted)\n    {RECORD}/no-operators  (cites harbour-rev1-record, Item 3)\n    → rev2: reflected\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("  Norland: 1 proposal — 0 reflected, 1 partly\n  Westmark: 1 proposal — 0 reflected, 1 partly\n"),
        "{text}"
    );
    let md = ok(
        "proposals",
        &run(&[
            "proposals",
            "history.yaml",
            "--version",
            "rev1",
            "-f",
            "markdown",
        ]),
    );
    assert!(
        md.contains(&format!(
            "| rev1, new after ¶3 | UES | add | Member States should publish their spectrum plans every two years. | rev2: not reflected | rev2: not reflected | accepted ⚠ | from brief harbour-rev1-proposals, section Proposals on Revision 1 (`{RECORD}/spectrum-plans-back`) |\n"
        )),
        "{md}"
    );
}

#[test]
fn blame_names_a_briefs_proposal_where_it_brought_words_in() {
    let text = ok("blame", &run(&["blame", "history.yaml", "rev2", "4"]));
    assert_eq!(
        text,
        "harbour-statement rev2 ¶4: who brought in each run of words\n\
         zero  ·                  A review of this statement shall take place in [five]\n\
         rev2  Norland, Westmark  [ten]\n\
         zero  ·                  years.\n"
    );
    let runs = json_lines(&ok(
        "blame",
        &run(&["blame", "history.yaml", "rev2", "4", "-f", "json"]),
    ));
    assert_eq!(runs[1]["by"], serde_json::json!(["norland", "westmark"]));
    assert_eq!(runs[1]["from"], "brief");
    assert_eq!(runs[1]["entry"], format!("{RECORD}/review-in-ten-years"));
}

#[test]
fn show_prints_a_briefs_proposals_and_the_paragraph_links_back_to_them() {
    let section = ok("show", &run(&["--briefs", ".", "show", RECORD, "-w", "0"]));
    assert!(
        section.contains(&format!(
            "SG: delete ¶3 of harbour-statement/rev1\n{RECORD}/no-operators\nProposed by: Southern Group of States\nMade jointly by: Republic of Norland, Principality of Westmark\nOn: harbour-statement/rev1/3\nAction: delete\nWording: “and operators”\nProposed: 2025-10-22\nRecorded: accepted\n"
        )),
        "{section}"
    );
    assert!(
        section.contains("UES: add a paragraph after ¶3 of harbour-statement/rev1\n"),
        "{section}"
    );
    assert!(
        section.contains("Source: Record of the second round on Revision 1 (Harbour Forum secretariat, 2025-10-25), Item 3\nParagraph: harbour-statement/rev1/3\n"),
        "{section}"
    );
    let md = ok(
        "show",
        &run(&["--briefs", ".", "show", RECORD, "-f", "markdown"]),
    );
    assert!(
        md.contains("## Norland, Westmark: amend ¶4 of harbour-statement/rev1\n"),
        "{md}"
    );
    assert!(md.contains("- **Recorded:** pending\n"), "{md}");
    let json = ok(
        "show",
        &run(&[
            "--briefs",
            ".",
            "show",
            &format!("{RECORD}/libraries-too"),
            "-f",
            "json",
        ]),
    );
    let obj: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(obj["type"], "proposal");
    assert_eq!(obj["data"]["action"], "add");
    assert_eq!(obj["data"]["status"], "rejected");
    assert_eq!(obj["data"]["on"], "harbour-statement/rev1/1");
    assert_eq!(obj["actors"][0]["id"], "csc");
    assert_eq!(obj["paragraph"], "harbour-statement/rev1/1");
    // The paragraph's page tells them with the text's own, and links to them.
    let para = ok(
        "show",
        &run(&[
            "--briefs",
            ".",
            "show",
            "harbour-statement/rev1/3",
            "-w",
            "0",
        ]),
    );
    assert!(
        para.contains("• SG: delete “and operators” (from brief harbour-rev1-proposals, section Proposals on Revision 1; harbour-rev1-record, Item 3; recorded: accepted) → Revision 2: reflected\n"),
        "{para}"
    );
    assert!(
        para.contains(&format!(
            "Proposal: {RECORD}/no-operators\n          {RECORD}/spectrum-plans-back\n"
        )),
        "{para}"
    );
    let other = ok(
        "show",
        &run(&[
            "--briefs",
            ".",
            "show",
            "harbour-statement/rev1/2",
            "-w",
            "0",
        ]),
    );
    assert!(!other.contains("Proposal:"), "{other}");
    // And search finds them by their words.
    let found = ok("search", &run(&["--briefs", ".", "search", "library"]));
    assert!(
        found.contains(&format!("{RECORD}/libraries-too")),
        "{found}"
    );
    // The filters by actor and group find what they asked for, as they find positions:
    // Westmark asked with Norland, and is found by its own id.
    let by_actor = ok(
        "search --actor",
        &run(&["--briefs", ".", "search", "--actor", "westmark", "review"]),
    );
    assert!(
        by_actor.contains(&format!("{RECORD}/review-in-ten-years\t")),
        "{by_actor}"
    );
    assert!(!by_actor.contains("libraries-too"), "{by_actor}");
    let by_group = ok(
        "search --group",
        &run(&[
            "--briefs",
            ".",
            "search",
            "--group",
            "civil-society",
            "library",
        ]),
    );
    assert!(
        by_group.contains(&format!("{RECORD}/libraries-too\t")),
        "{by_group}"
    );
    // A proposal takes no stance: a stance filter leaves them out.
    let stanced = run(&[
        "--briefs", ".", "search", "--actor", "westmark", "--stance", "support", "review",
    ]);
    assert!(
        !stdout(&stanced).contains("review-in-ten-years"),
        "{}",
        stdout(&stanced)
    );
}

/// `brief check` of the negotiation with the record's YAML changed by `edit`: its exit
/// code and what it printed.
fn check_edited(edit: impl Fn(&str) -> String) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    common::proposals::harbour(dir.path());
    let file = dir.path().join("rev1-proposals.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let edited = edit(&yaml);
    assert_ne!(edited, yaml, "the edit changed nothing");
    std::fs::write(&file, edited).unwrap();
    let home = tempfile::tempdir().unwrap();
    let out = brief_in(home.path())
        .current_dir(dir.path())
        .args(["--no-builtin", "check", "."])
        .output()
        .unwrap();
    (
        out.status.code(),
        format!("{}{}", stdout(&out), stderr(&out)),
    )
}

#[test]
fn check_holds_a_briefs_proposals_to_their_actors_text_version_and_paragraph() {
    let fine = ok("check", &run(&["check", "."]));
    assert!(fine.ends_with(", 1 positions, 4 proposals\n"), "{fine}");
    let cases: [(&str, &str, &str); 9] = [
        (
            "by: [csc]",
            "by: [csx]",
            "rev1-proposals.yaml:48:14: sections[0].proposals[3].by[0]: unknown actor `csx`: did you mean `csc`?",
        ),
        (
            "on: harbour-statement/rev1/4",
            "on: harbour-statment/rev1/4",
            "rev1-proposals.yaml:23:13: sections[0].proposals[0].on: `harbour-statment` is no loaded negotiated text: did you mean `harbour-statement`?",
        ),
        (
            "after: harbour-statement/rev1/3",
            "after: harbour-statement/rev7/3",
            "rev1-proposals.yaml:40:16: sections[0].proposals[2].after: `harbour-statement` has no version `rev7`; its versions: zero, comp, rev1, rev2",
        ),
        (
            "on: harbour-statement/rev1/3",
            "on: harbour-statement/rev1/9",
            "rev1-proposals.yaml:32:13: sections[0].proposals[1].on: `harbour-statement/rev1` has no paragraph 9: the labels are those of that version",
        ),
        (
            "action: amend",
            "action: ammend",
            "rev1-proposals.yaml:24:17: sections[0].proposals[0].action: unknown value `ammend`: did you mean `amend`?",
        ),
        (
            "status: rejected",
            "status: refused",
            "rev1-proposals.yaml:53:17: sections[0].proposals[3].status: unknown value `refused` (allowed values: pending, accepted, partly, rejected, withdrawn)",
        ),
        (
            "on: harbour-statement/rev1/4",
            "on: harbour-statement/rev1",
            "sections[0].proposals[0].on: `harbour-statement/rev1` is not TEXT/VERSION/LABEL",
        ),
        (
            "        on: harbour-statement/rev1/4\n",
            "        on: harbour-statement/rev1/4\n        after: harbour-statement/rev1/3\n",
            "sections[0].proposals[0].after: a proposal is on a paragraph or after one: give `on` or `after`, not both",
        ),
        (
            "        wording: A review of this statement shall take place in ten years.\n",
            "",
            "sections[0].proposals[0].action: `amend` needs `wording`",
        ),
    ];
    for (from, to, said) in cases {
        let (code, out) = check_edited(|y| y.replacen(from, to, 1));
        assert_eq!(code, Some(1), "{from} → {to}: {out}");
        assert!(out.contains(said), "{from} → {to}: {out}");
    }
}
