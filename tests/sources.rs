//! Where a reader finds the documents a brief rests on (issue 24): `brief show` ends with
//! the sources cited and their addresses, Markdown and the prep sheet link each source's
//! title, and `brief sources`, `brief actors` and `brief issues` list what is declared —
//! the real binary, on the built-in briefs and on briefs written to be hostile.

mod common;

use std::path::Path;

use common::{brief_in, json_lines, ok, shared_home, stderr};

fn run(home: &Path, args: &[&str]) -> std::process::Output {
    brief_in(home)
        .args(["--today", "2026-12-06", "--color", "never"])
        .args(args)
        .output()
        .unwrap()
}

const REV1: &str = "wsis20-outcome-2025/drafts/revision-1";

#[test]
fn show_ends_with_the_sources_cited_and_where_each_can_be_read() {
    let home = shared_home("sources");
    let text = ok("show", &run(&home, &["show", REV1, "--width", "0"]));
    let list = text
        .split("\nSources\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no Sources list:\n{text}"));
    assert!(
        list.contains("- Revision 1 of the WSIS+20 outcome document released (Digital Watch Observatory (dig.watch), 2025-11)\n  https://dig.watch/?p=234252"),
        "{list}"
    );
    // Each source once, and one without an address says so rather than guess.
    assert_eq!(
        list.matches("https://dig.watch/?p=234252").count(),
        1,
        "{list}"
    );
    assert!(
        list.contains("WSIS+20 roadmap and first consultations (commentary) (CircleID, 2025-06)\n  no public address known"),
        "{list}"
    );
    // A section lists the sources of all its entries.
    let section = ok("show", &run(&home, &["show", "wsis20-outcome-2025/drafts"]));
    let list = section.split("\nSources\n").nth(1).unwrap();
    assert!(list.contains("https://menafn.com/1109768196/"), "{list}");
}

#[test]
fn markdown_and_the_prep_sheet_link_each_source_title_to_its_address() {
    let home = tempfile::tempdir().unwrap();
    let md = ok(
        "markdown",
        &run(home.path(), &["show", REV1, "-f", "markdown"]),
    );
    assert!(
        md.contains("- **Source:** [Revision 1 of the WSIS+20 outcome document released](https://dig.watch/?p=234252) (Digital Watch Observatory (dig.watch), 2025-11; news), paragraphs 2–3"),
        "{md}"
    );
    // No address, no link.
    assert!(
        md.contains(
            "- **Also from:** WSIS+20 roadmap and first consultations (commentary) (CircleID"
        ),
        "{md}"
    );
    ok("note", &run(home.path(), &["note", REV1, "--bookmark"]));
    let sheet = ok("export", &run(home.path(), &["export"]));
    assert!(
        sheet.contains("Source: [Revision 1 of the WSIS+20 outcome document released](https://dig.watch/?p=234252)"),
        "{sheet}"
    );
    let json = ok("export json", &run(home.path(), &["export", "-f", "json"]));
    let marks = json_lines(&json);
    let sources = marks[0]["sources"].as_array().unwrap();
    assert_eq!(sources[0]["url"], "https://dig.watch/?p=234252");
    assert_eq!(sources[3]["id"], "circleid-wsis20-commentary");
    assert!(sources[3]["url"].is_null());
}

/// A brief whose source address tries to break out of a Markdown link and to colour the
/// terminal.
const HOSTILE: &str = r#"id: hostile
title: "Hostile addresses"
publisher: someone
kind: other
published: 2025
summary: A brief whose source's address is made to break what shows it.
sources:
  - id: trap
    title: "A [trap] title"
    publisher: Someone
    url: "https://example.org/a b)[x](javascript:alert(1))<y>\e[31m"
actors:
  - id: someone
    name: Someone
    group: unspecified
sections:
  - id: s
    title: S
    items:
      - id: i
        title: I
        summary: An item citing the trap.
        cite: {source: trap, at: "top"}
"#;

#[test]
fn a_hostile_address_is_shown_as_text_and_never_breaks_a_link_or_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.yaml"), HOSTILE).unwrap();
    let home = tempfile::tempdir().unwrap();
    let with = |args: &[&str]| {
        let out = brief_in(home.path())
            .args(["--no-builtin", "--color", "always", "--briefs"])
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let md = with(&["show", "hostile/s/i", "-f", "markdown"]);
    assert!(
        md.contains("[A \\[trap\\] title](https://example.org/a%20b%29%5Bx%5D%28javascript:alert%281%29%29%3Cy%3E"),
        "{md}"
    );
    assert!(!md.contains("](javascript"), "{md}");
    assert!(!md.contains('\x1b'), "{md:?}");
    let text = with(&["show", "hostile/s/i"]);
    // Only brief's own styling codes: none from the address.
    assert!(!text.contains("\x1b[31m"), "{text:?}");
    for list in [
        with(&["sources"]),
        with(&["sources", "hostile"]),
        with(&["sources", "-f", "json"]),
    ] {
        assert!(!list.contains('\x1b'), "{list:?}");
        assert_eq!(list.lines().count(), 1, "{list}");
    }
}

#[test]
fn sources_actors_and_issues_list_what_is_declared_with_ids() {
    let home = shared_home("sources");
    let all = ok("sources", &run(&home, &["sources"]));
    let line = all
        .lines()
        .find(|l| l.starts_with("un-press-ga12746\t"))
        .unwrap_or_else(|| panic!("{all}"));
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields.len(), 5, "{line}");
    assert_eq!(fields[4], "https://press.un.org/en/2025/ga12746.doc.htm");
    assert!(all.lines().all(|l| l.split('\t').count() == 5), "{all}");
    assert!(
        all.lines()
            .any(|l| l.starts_with("isoc-elements-input\t")
                && l.ends_with("\tno public address known")),
        "{all}"
    );
    // Restricted to what a brief, a section or an entry cites, in the order first cited.
    let rev1 = ok("sources SEL", &run(&home, &["sources", REV1]));
    let ids: Vec<&str> = rev1
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "digwatch-rev1",
            "afnic-wsis20-conclusion",
            "isoc-rev1-remarks",
            "circleid-wsis20-commentary"
        ]
    );
    let brief = ok(
        "sources brief",
        &run(&home, &["sources", "isoc-igf-2025-blog"]),
    );
    assert_eq!(brief.lines().count(), 1, "{brief}");
    assert!(brief.starts_with("isoc-igf-blog-2025\t"), "{brief}");
    let wrong = run(&home, &["sources", "wsis20-outcome-2025/draft"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("did you mean `wsis20-outcome-2025/drafts`?"),
        "{}",
        stderr(&wrong)
    );
    let json = json_lines(&ok(
        "sources json",
        &run(&home, &["sources", REV1, "-f", "json"]),
    ));
    assert_eq!(json[0]["id"], "digwatch-rev1");
    assert_eq!(json[0]["url"], "https://dig.watch/?p=234252");
    assert_eq!(json[0]["kind"], "news");

    let actors = ok("actors", &run(&home, &["actors"]));
    assert!(
        actors
            .lines()
            .any(|l| l == "isoc\tInternet Society\tISOC\ttechnical community"),
        "{actors}"
    );
    assert!(
        actors.lines().all(|l| l.split('\t').count() == 4),
        "{actors}"
    );
    let actors = json_lines(&ok("actors json", &run(&home, &["actors", "-f", "json"])));
    let joint = actors
        .iter()
        .find(|a| a["id"] == "lebanon-egypt-jordan")
        .unwrap();
    assert_eq!(joint["members"][2], "jordan");

    let issues = ok("issues", &run(&home, &["issues"]));
    assert!(
        issues
            .lines()
            .any(|l| l == "igf-mandate\tA permanent IGF with sustainable funding"),
        "{issues}"
    );
    let issues = json_lines(&ok("issues json", &run(&home, &["issues", "-f", "json"])));
    assert!(
        issues
            .iter()
            .any(|i| i["id"] == "igf-mandate"
                && i["question"].as_str().unwrap().starts_with("Should"))
    );
}
