//! The commands for pipes, run as a user runs them: the real binary on small fixture
//! briefs, with golden output for every command and format.

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use unicode_width::UnicodeWidthStr;

fn fixtures() -> PathBuf {
    common::fixtures("cli")
}

/// brief on the fixture briefs alone.
fn command(args: &[&str]) -> Command {
    let mut cmd = common::brief_in(&common::shared_home("cli"));
    cmd.arg("--no-builtin")
        .arg("--briefs")
        .arg(".")
        .args(args)
        .current_dir(fixtures());
    cmd
}

fn run(args: &[&str]) -> Output {
    command(args).output().expect("run brief")
}

/// stdout of a run that must succeed.
fn ok(args: &[&str]) -> String {
    common::ok(&format!("{args:?}"), &run(args))
}

#[test]
fn list_walks_briefs_sections_and_entries() {
    insta::assert_snapshot!("list", ok(&["list"]));
    insta::assert_snapshot!("list_brief", ok(&["list", "example-input"]));
    insta::assert_snapshot!("list_section", ok(&["list", "example-input/positions"]));
}

#[test]
fn show_in_every_format() {
    // Statuses are told against a fixed day, so the snapshots do not age.
    insta::assert_snapshot!(
        "show_text",
        ok(&[
            "--today",
            "2026-11-22",
            "show",
            "example-input",
            "--width",
            "72"
        ])
    );
    insta::assert_snapshot!(
        "show_markdown",
        ok(&[
            "--today",
            "2026-11-22",
            "show",
            "example-input",
            "--format",
            "markdown"
        ])
    );
    insta::assert_snapshot!(
        "show_json",
        ok(&[
            "show",
            "example-input/positions/state-on-mandate",
            "--format",
            "json"
        ])
    );
    insta::assert_snapshot!(
        "show_yaml",
        ok(&[
            "show",
            "example-input/timeline/high-level-meeting",
            "--format",
            "yaml"
        ])
    );
}

#[test]
fn show_json_is_one_parseable_object_per_selector() {
    let text = ok(&[
        "show",
        "example-input",
        "example-input/figures/forums-count",
        "-f",
        "json",
    ]);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["type"], "brief");
    assert_eq!(objects[1]["type"], "figure");
    assert_eq!(objects[1]["data"]["value"], 180.0);
    assert_eq!(objects[1]["source"]["author"], "Jane Doe");
}

#[test]
fn piped_text_wraps_at_80_and_width_0_does_not_wrap() {
    let text = ok(&["show", "world-input/voices/emoji"]);
    assert!(text.lines().all(|l| l.width() <= 80), "{text}");
    let unwrapped = ok(&["show", "example-input/recommendations", "--width", "0"]);
    assert!(
        unwrapped
            .lines()
            .any(|l| l.width() > 80 || l.starts_with("A longer")),
        "{unwrapped}"
    );
}

#[test]
fn wrapping_counts_display_width_for_cjk_and_emoji() {
    for width in [20, 33, 40, 57] {
        let text = ok(&["show", "world-input/voices", "--width", &width.to_string()]);
        for line in text.lines() {
            // A selector or an address longer than the width is the one thing allowed to
            // overflow: each is kept whole, to be copied.
            if line.starts_with("world-input/") || line.trim_start().starts_with("https://") {
                continue;
            }
            assert!(
                line.width() <= width,
                "width {width}: {line:?} is {} columns",
                line.width()
            );
        }
        assert!(text.contains("北京"), "CJK kept");
        // A joined emoji is shown as its parts: a terminal that draws each of them takes
        // 4 columns where ratatui would count 2 (see `brief::text::is_unsteady`).
        assert!(text.contains("👩💻"), "emoji kept");
        assert!(text.contains("Lillestrøm"), "accents kept");
    }
}

#[test]
fn escape_sequences_in_briefs_never_reach_stdout_in_any_format() {
    for format in ["text", "markdown", "json", "yaml"] {
        let out = run(&[
            "show",
            "world-input",
            "--format",
            format,
            "--color",
            "never",
        ]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{format}: control character in output"
        );
        // Shown visibly (Markdown escapes the bracket, JSON keeps the picture as is).
        assert!(
            text.contains("␛") && text.contains("52;c;SGVsbG8=␇"),
            "{format}: shown visibly"
        );
    }
    for args in [
        &["search", "hostile"][..],
        &["list", "world-input/voices"],
        &["compare", "example-forum-mandate"],
    ] {
        let out = run(args);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('\x1b'), "{args:?}");
    }
}

#[test]
fn colour_only_on_request_or_a_terminal_and_never_with_no_color() {
    let plain = ok(&["show", "example-input/figures"]);
    assert!(
        !plain.contains('\x1b'),
        "piped output has no colour by default"
    );
    let coloured = ok(&["show", "example-input/figures", "--color", "always"]);
    assert!(coloured.contains("\x1b[1m"), "--color always colours");
    let out = command(&["show", "example-input/figures"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\x1b'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = command(&[
        "show",
        "example-input",
        "world-input",
        "example-input",
        "--width",
        "30",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe closes after one line, like `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        first, "Example Input to a\n",
        "the title, wrapped to 30 columns"
    );
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn an_unknown_selector_says_what_exists() {
    let out = run(&["show", "example-input/positons"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "brief: nothing is named `example-input/positons`: did you mean `example-input/positions`?\n"
    );
    let out = run(&["show", "example-input/nothing-like-it-at-all"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "brief: nothing is named `example-input/nothing-like-it-at-all`; there is: example-input/recommendations, example-input/figures, example-input/timeline, example-input/positions\n"
    );
}

#[test]
fn search_is_case_and_accent_insensitive_and_exits_1_on_no_match() {
    insta::assert_snapshot!("search_lillestrom", ok(&["search", "LILLESTROM"]));
    insta::assert_snapshot!("search_phrase", ok(&["search", "\"stable funding\""]));
    insta::assert_snapshot!(
        "search_filters",
        ok(&["search", "--stance", "conditional", "--group", "government"])
    );
    let out = run(&["search", "mandate", "nowhere-to-be-found"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out = run(&["search", "x", "--stance", "maybe"]);
    assert_eq!(out.status.code(), Some(2), "a bad value is a usage error");
}

#[test]
fn an_empty_search_is_a_usage_error_unless_a_filter_gives_it_something_to_keep() {
    for query in ["", "   ", "\"\""] {
        let out = run(&["search", query]);
        assert_eq!(out.status.code(), Some(2), "{query:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("nothing to search for"), "{err}");
    }
    // With a filter, no words keeps every entry the filter keeps.
    let out = run(&["search", "", "--stance", "conditional"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
}

#[test]
fn compare_lines_positions_up_side_by_side_or_stacked() {
    insta::assert_snapshot!("compare_issues", ok(&["compare"]));
    insta::assert_snapshot!(
        "compare_wide",
        ok(&["compare", "example-forum-mandate", "--width", "100"])
    );
    insta::assert_snapshot!(
        "compare_narrow",
        ok(&["compare", "example-forum-mandate", "--width", "40"])
    );
    insta::assert_snapshot!(
        "compare_markdown",
        ok(&["compare", "example-forum-mandate", "-f", "markdown"])
    );
    let json = ok(&["compare", "example-forum-mandate", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(v["positions"].as_array().unwrap().len(), 3);
    let wide = ok(&["compare", "example-forum-mandate", "--width", "100"]);
    assert!(wide.lines().all(|l| l.width() <= 100));
    let narrow = ok(&["compare", "--actors", "example-state", "--width", "60"]);
    assert!(
        narrow.contains("Republic of Example") && !narrow.contains("Example Organisation\n"),
        "{narrow}"
    );
}

#[test]
fn timeline_counts_days_from_today() {
    insta::assert_snapshot!("timeline", ok(&["timeline", "--today", "2025-12-01"]));
    let out = run(&["timeline", "--from", "2030"]);
    assert_eq!(out.status.code(), Some(1), "nothing that late");
}

#[test]
fn completions_and_man_page_come_from_the_same_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let text = ok(&["completions", shell]);
        assert!(
            text.contains("compare") && text.contains("timeline"),
            "{shell}"
        );
    }
    let man = ok(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH brief"),
        "{}",
        &man[..200.min(man.len())]
    );
}

#[test]
fn global_options_work_before_or_after_the_subcommand() {
    let home = common::shared_home("cli");
    let before = common::brief_in(&home)
        .args(["--no-builtin", "--briefs", ".", "list"])
        .current_dir(fixtures())
        .output()
        .unwrap();
    let after = common::brief_in(&home)
        .args(["list", "--no-builtin", "--briefs", "."])
        .current_dir(fixtures())
        .output()
        .unwrap();
    assert_eq!(before.stdout, after.stdout);
    assert!(!before.stdout.is_empty());
}

#[test]
fn piped_brief_without_a_command_prints_the_list_not_escape_codes() {
    let listed = ok(&[]);
    assert_eq!(listed, ok(&["list"]));
}

/// The section of a man page under `heading`, up to the next.
fn man_section<'m>(man: &'m str, heading: &str) -> &'m str {
    let start = man
        .find(&format!("\n.SH {heading}\n"))
        .unwrap_or_else(|| panic!("no {heading} section in the man page"));
    let body = &man[start + 1..];
    let end = body[1..].find("\n.SH ").map_or(body.len(), |e| e + 1);
    &body[..end]
}

/// Every `std::env::var("X")` / `var_os("X")` in `dir`, with the file it is in.
fn env_vars_read_in(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            env_vars_read_in(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["var(\"", "var_os(\""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let name = &rest[..rest.find('"').unwrap()];
                    found.push((name.to_owned(), path.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn the_man_page_names_every_environment_variable_the_code_reads() {
    let mut read = Vec::new();
    env_vars_read_in(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut read,
    );
    // The scan itself works: these are read today.
    for known in ["BRIEF_DATA_DIR", "BRIEF_CACHE_DIR", "NO_COLOR", "TERM"] {
        assert!(read.iter().any(|(n, _)| n == known), "{known} not found");
    }
    let man = ok(&["man"]);
    let environment = man_section(&man, "ENVIRONMENT");
    for (name, file) in &read {
        assert!(
            environment.contains(name.as_str()),
            "{file} reads ${name}, which the man page's ENVIRONMENT does not name"
        );
    }
    // The folders brief uses, and how they are chosen.
    let files = man_section(&man, "FILES");
    for path in [
        "brief/briefs",
        "desk.yaml",
        "$BRIEF_DATA_DIR",
        "\\-\\-data\\-dir",
        "$XDG_DATA_HOME/brief",
        "$BRIEF_CACHE_DIR",
        "$XDG_CACHE_HOME/brief",
        "$XDG_CONFIG_HOME",
    ] {
        assert!(files.contains(path), "FILES does not say {path}:\n{files}");
    }
}

#[test]
fn the_man_page_refers_to_no_page_brief_does_not_ship() {
    // `brief man` is the one page brief ships.
    let shipped = ["brief"];
    let man = ok(&["man"]);
    let mut refs = Vec::new();
    for (at, _) in man.match_indices("(1)") {
        let name: String = man[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '\\' | '_'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        refs.push(name.replace("\\-", "-"));
    }
    for name in refs.iter().filter(|n| n.starts_with("brief")) {
        assert!(
            shipped.contains(&name.as_str()),
            "the man page refers to {name}(1), which brief does not ship"
        );
    }
    // The commands are still all there, by name.
    let commands = man_section(&man, "SUBCOMMANDS");
    for c in ["read", "show", "compare", "note", "completions", "man"] {
        assert!(commands.contains(&format!("\\fBbrief {c}\\fR")), "{c}");
    }
}

/// What the shell gets when it asks for completions of `line` (clap_complete's protocol,
/// as `COMPLETE=bash brief` registers it): the last word is the one being completed.
fn complete(line: &[&str]) -> Output {
    common::brief_in(&common::shared_home("cli"))
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
        .arg("--")
        .args(line)
        .current_dir(fixtures())
        .output()
        .unwrap()
}

/// The candidates offered for `line`; the run must be clean.
fn candidates(line: &[&str]) -> Vec<String> {
    let out = complete(line);
    assert!(out.status.success(), "{line:?}: {out:?}");
    assert_eq!(
        common::stderr(&out),
        "",
        "{line:?}: nothing on the user's prompt"
    );
    common::stdout(&out).lines().map(str::to_owned).collect()
}

#[test]
fn completion_offers_selectors_issues_and_actors_from_the_briefs_loaded() {
    let on = |rest: &[&str]| {
        let mut line = vec!["brief", "--no-builtin", "--briefs", "."];
        line.extend_from_slice(rest);
        candidates(&line)
    };
    let shown = on(&["show", "example-input/po"]);
    assert!(
        shown.contains(&"example-input/positions".to_owned())
            && shown.contains(&"example-input/positions/state-on-mandate".to_owned()),
        "{shown:?}"
    );
    assert!(
        shown.iter().all(|s| s.starts_with("example-input/po")),
        "{shown:?}"
    );
    for command in ["read", "list", "note"] {
        assert!(
            on(&[command, "world"]).contains(&"world-input".to_owned()),
            "{command}"
        );
    }
    assert!(on(&["search", "x", "--in", "exa"]).contains(&"example-input".to_owned()));
    // With nothing typed yet the options come too.
    let issues = on(&["compare", ""]);
    let ids: Vec<&String> = issues.iter().filter(|c| !c.starts_with('-')).collect();
    assert_eq!(ids, ["example-forum-mandate"], "{issues:?}");
    let actors = on(&["compare", "--actors", "example-s"]);
    assert_eq!(actors, ["example-state"]);
    // After a comma, the next actor of the list.
    let more = on(&["compare", "--actors", "example-state,example-o"]);
    assert_eq!(more, ["example-state,example-org"]);
    assert!(on(&["search", "--actor", ""]).contains(&"example-org".to_owned()));

    // The built-in briefs when the line does not leave them out.
    let builtin = candidates(&["brief", "show", "wsis20-over"]);
    assert!(
        builtin.contains(&"wsis20-overview".to_owned()),
        "{builtin:?}"
    );
    assert!(!builtin.contains(&"example-input".to_owned()));
}

#[test]
fn completion_never_prints_a_problem_into_the_prompt() {
    // A folder that is not there, a broken brief, an unknown command, a half-typed flag.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "id: [\n").unwrap();
    let broken = dir.path().to_str().unwrap();
    for line in [
        &[
            "brief",
            "--no-builtin",
            "--briefs",
            "no-such-folder",
            "show",
            "",
        ][..],
        &[
            "brief",
            "--no-builtin",
            "--briefs",
            broken,
            "--briefs",
            ".",
            "list",
            "exa",
        ],
        &["brief", "no-such-command", ""],
        &["brief", "show", "--wid"],
        &["brief", "--max-file-size", "nonsense", "show", "x"],
    ] {
        candidates(line);
    }
    let listed = candidates(&[
        "brief",
        "--no-builtin",
        "--briefs",
        broken,
        "--briefs",
        ".",
        "list",
        "exa",
    ]);
    assert!(
        listed.contains(&"example-input".to_owned()),
        "the good briefs still complete: {listed:?}"
    );
}

/// A number finds that number, not a longer one it is part of: `paragraph 98` is not found
/// in the built-in briefs' 1998, though a word still matches inside a word. Through the
/// cache and without it alike.
#[test]
fn a_number_in_a_search_is_a_whole_number() {
    let home = common::shared_home("cli-numbers");
    // The first search fills the cache, the second reads it.
    for cache in [None, None, Some("--no-cache")] {
        let out = common::brief_in(&home)
            .args(cache)
            .args(["search", "\"paragraph 98\""])
            .output()
            .unwrap();
        let found = common::ok("search", &out);
        assert!(
            found.contains("wsis20-outcome-2025/changes/rev2-para-98\t"),
            "{found}"
        );
        assert!(!found.contains("icann-founded"), "1998 is not 98: {found}");
        let words = common::brief_in(&home)
            .args(cache)
            .args(["search", "governanc"])
            .output()
            .unwrap();
        assert!(common::ok("search", &words).lines().count() > 3);
    }
}

/// What docs/output.md's jq examples read: an entry's object resolves its actor
/// (`.actor.name`); a section's object holds its positions, naming actors by id. Read
/// here as jq would, on the built-in briefs, so that the examples print what they say.
#[test]
fn the_json_the_documented_jq_examples_read_is_there() {
    let home = common::shared_home("cli-jq");
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = common::brief_in(&home).args(args).output().unwrap();
        common::json_lines(&common::ok("show", &out))
    };
    let section = json(&[
        "show",
        "circleid-wsis20-roadmap-2025/positions",
        "-f",
        "json",
    ]);
    let positions = section[0]["data"]["positions"]
        .as_array()
        .expect("positions");
    assert!(positions.len() > 2);
    let first = &positions[0];
    assert!(
        first["actor"].is_string() && first["stance"].is_string(),
        "{first}"
    );
    let id = first["id"].as_str().unwrap();
    let entry = json(&[
        "show",
        &format!("circleid-wsis20-roadmap-2025/positions/{id}"),
        "-f",
        "json",
    ]);
    let name = entry[0]["actor"]["name"]
        .as_str()
        .expect("the actor, resolved");
    assert!(!name.is_empty());
    assert_eq!(entry[0]["data"]["stance"], first["stance"]);
}

/// "Did you mean" offers what a selector is the start of, at its own depth, before a
/// misspelling of its parent: `…/issues/igf` is the start of `…/issues/igf-mandate`.
#[test]
fn did_you_mean_completes_before_it_corrects() {
    let home = common::shared_home("cli-complete");
    let said = |selector: &str| -> String {
        let out = common::brief_in(&home)
            .args(["show", selector])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{selector}");
        common::stderr(&out)
    };
    assert!(
        said("wsis20-overview/issues/igf")
            .contains("did you mean `wsis20-overview/issues/igf-mandate`?"),
        "{}",
        said("wsis20-overview/issues/igf")
    );
    let several = said("wsis20");
    assert!(
        several.contains("did you mean one of `wsis20-"),
        "{several}"
    );
    // A misspelling is still corrected.
    assert!(said("wsis20-overveiw").contains("did you mean `wsis20-overview`?"));
}
