//! `brief compare` and `brief timeline` as a user runs them, on the invented world of
//! tests/fixtures/reader: the query layer's answers (tallies that count actors, one
//! meeting per row, time in words) as the command line gives them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--no-builtin")
        .arg("--briefs")
        .arg(".")
        .args(args)
        .current_dir(fixtures())
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", fixtures().join("no-such-config"))
        .env(
            "BRIEF_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/compare-cache"),
        )
        .output()
        .expect("run brief")
}

/// stdout of a run that must succeed.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn compare_tallies_each_actor_once_with_its_latest_own_word() {
    let text = ok(&["compare", "reader-forum-funding", "--width", "100"]);
    insta::assert_snapshot!("compare_reader_funding", text);
    // Norland's four positions count once (its own latest: oppose), Sarnia's only as
    // the coalition reports it, and says so.
    assert!(
        text.contains("  GOV   2 oppose (1 only as reported)\n"),
        "{text}"
    );
    assert!(text.contains("each actor counted once: split"), "{text}");
}

#[test]
fn one_actor_agreeing_with_itself_is_one_voice() {
    // Old output: "converge", with the registry counted twice.
    let text = ok(&["compare", "reader-registry-oversight", "--width", "80"]);
    assert!(
        text.contains("each actor counted once: one voice"),
        "{text}"
    );
    assert!(text.contains("  TECH  1 oppose\n"), "{text}");
    let md = ok(&["compare", "reader-registry-oversight", "-f", "markdown"]);
    assert!(
        md.contains("**By group**, each actor counted once: one voice"),
        "{md}"
    );
    assert!(md.contains("- TECH: 1 oppose\n"), "{md}");
}

#[test]
fn compare_json_carries_the_tally_and_positions_latest_first() {
    let json = ok(&["compare", "reader-forum-funding", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let tally = &v["tally"];
    assert_eq!(tally["verdict"], "split");
    // Norland, Sarnia, the regional organisation, Lattice, the coalition, ICNP; the
    // friends state no position.
    assert_eq!(tally["voices"], 6);
    let gov = &tally["groups"][0];
    assert_eq!(gov["short"], "GOV");
    assert_eq!(gov["actors"], 2);
    assert_eq!(gov["stances"]["oppose"], 2);
    assert_eq!(gov["reported_only"], 1);
    let groups: Vec<&str> = tally["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["short"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["GOV", "IGO", "PRIV", "CIVIL", "ACAD", "OTHER"]);
    let norland: Vec<&str> = v["positions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["actor"]["id"] == "norland")
        .map(|p| p["selector"].as_str().unwrap())
        .collect();
    assert_eq!(
        norland,
        [
            "reader-alpha/positions/norland-funding-as-icnp-hears-it",
            "reader-gamma/positions/norland-funding-late-2025",
            "reader-beta/positions/norland-funding-2025",
            "reader-alpha/positions/norland-funding-2024",
        ]
    );
}

#[test]
fn the_tally_follows_the_actors_asked_for() {
    let text = ok(&[
        "compare",
        "reader-forum-funding",
        "--actors",
        "norland",
        "--width",
        "80",
    ]);
    assert!(
        text.contains("each actor counted once: one voice"),
        "{text}"
    );
    assert!(text.contains("  GOV   1 oppose\n"), "{text}");
}

#[test]
fn timeline_folds_one_meeting_and_says_when_in_words() {
    let text = ok(&["timeline", "--today", "2025-12-01"]);
    insta::assert_snapshot!("timeline_reader", text);
    let plenary: Vec<&str> = text.lines().filter(|l| l.contains("Plenary")).collect();
    assert_eq!(plenary.len(), 1, "{text}");
    assert!(plenary[0].ends_with(
        "\treader-alpha/timeline/plenary reader-beta/timeline/plenary reader-gamma/timeline/plenary"
    ));
    assert!(text.contains("1989-05-02\t36 years ago\theld"), "{text}");
    assert!(text.contains("2026\tnext year\tplanned"), "{text}");
    assert!(text.contains("2026-06\tin June 2026\tplanned"), "{text}");
}

#[test]
fn an_actor_filter_leaves_out_what_the_actor_only_reports() {
    // Old output listed Norland's position "as ICNP hears it" under --actor icnp.
    let out = run(&["search", "budget", "--actor", "icnp"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("reader-gamma/positions/icnp-funding"),
        "{text}"
    );
    assert!(!text.contains("norland"), "{text}");
}
