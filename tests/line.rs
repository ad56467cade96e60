//! Line mode (issue 25) as a screen reader or a script drives it: the real binary, its
//! commands on stdin through a pipe, its answer read from stdout. Every screen of the
//! reader is walked; no line may hold an escape byte or a box-drawing character.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::{brief_in, fixtures, ok, pty};

/// The invented Harbour negotiation, written once per test run.
fn harbour() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("line-harbour");
    static MADE: std::sync::Once = std::sync::Once::new();
    MADE.call_once(|| common::proposals::harbour(&dir));
    dir
}

/// `brief ARGS` with `input` piped to stdin, the desk in `home`.
fn piped(home: &Path, args: &[&str], input: &str) -> Output {
    let mut child = brief_in(home)
        .args(["--today", "2025-12-01"])
        .args(args)
        .env("COLUMNS", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Line mode on the reader's invented world.
fn world(home: &Path, input: &str) -> String {
    let dir = fixtures("reader");
    let out = piped(
        home,
        &["--no-builtin", "--briefs", dir.to_str().unwrap(), "read"],
        input,
    );
    let text = ok("line mode", &out);
    assert_plain(&text);
    text
}

/// Nothing a screen reader would read as noise or a terminal would act on.
fn assert_plain(text: &str) {
    for line in text.lines() {
        assert!(!line.contains('\x1b'), "an escape byte: {line:?}");
        assert!(
            !line.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)),
            "box drawing: {line:?}"
        );
        assert!(
            !line.contains('¶') && !line.contains('▸'),
            "a glyph: {line:?}"
        );
    }
}

/// The answer to the command at `n` (0 the opening lines): answers end with the
/// bracketed place line.
fn answers(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in text.lines() {
        out.last_mut().unwrap().push_str(line);
        out.last_mut().unwrap().push('\n');
        if line.starts_with('[') && line.ends_with(']') {
            out.push(String::new());
        }
    }
    out
}

#[test]
fn the_reader_walks_by_list_number_next_previous_up_and_back() {
    let home = tempfile::tempdir().unwrap();
    let text = world(
        home.path(),
        "list\n2\nopen reader-beta/positions\n1\nnext\nprevious\nup\nback\nfollow 1\nshow\n",
    );
    let a = answers(&text);
    assert!(
        a[0].starts_with("brief, line mode: 3 briefs loaded."),
        "{}",
        a[0]
    );
    assert!(a[1].contains("1. Alpha Perspective on the Future of the Forum (reader-alpha)"));
    assert!(a[2].ends_with("[reader-beta — brief 2 of 3]\n"), "{}", a[2]);
    assert!(a[3].contains("4 entries:"), "{}", a[3]);
    assert!(a[4].contains("Stance: conditional"), "{}", a[4]);
    assert!(
        a[4].ends_with("[reader-beta/positions/norland-funding-2025 — entry 1 of 4]\n"),
        "{}",
        a[4]
    );
    assert!(a[5].contains("— entry 2 of 4]"), "{}", a[5]);
    assert!(a[6].contains("— entry 1 of 4]"), "{}", a[6]);
    assert!(
        a[7].contains("[reader-beta/positions — section 4 of 4]"),
        "{}",
        a[7]
    );
    assert!(a[8].contains("— entry 1 of 4]"), "{}", a[8]);
    assert_eq!(
        a[10].lines().last(),
        a[9].lines().last(),
        "show says it again"
    );
}

#[test]
fn search_filter_compare_timeline_and_figures_each_answer_in_lines() {
    let home = tempfile::tempdir().unwrap();
    let text = world(
        home.path(),
        "search funding\n1\nnext result\nfilter\nfilter stance oppose\ncompare\ncompare reader-forum-funding\nfilter clear\ntimeline\nfigures\n",
    );
    let a = answers(&text);
    assert!(a[1].contains("entries match funding:"), "{}", a[1]);
    assert!(a[1].contains("[search for funding — "), "{}", a[1]);
    assert!(a[3].starts_with("Result 2 of "), "{}", a[3]);
    assert!(a[4].contains("stance: support, oppose"), "{}", a[4]);
    assert!(a[5].contains("Filter on: stance oppose."), "{}", a[5]);
    assert!(a[6].contains("(reader-forum-funding)"), "{}", a[6]);
    assert!(a[6].contains("; filter: stance oppose]"), "{}", a[6]);
    // Side by side: each actor in turn, under its stakeholder group, its stance in words.
    let side = &a[7];
    assert!(
        side.contains("By group, each actor counted once:"),
        "{side}"
    );
    assert!(side.contains("Government: "), "{side}");
    assert!(side.contains(": oppose"), "{side}");
    assert!(
        !side.contains(": support\n"),
        "the filter keeps only oppose: {side}"
    );
    assert!(a[8].contains("Filter cleared."), "{}", a[8]);
    assert!(a[9].contains("Today is 2025-12-01."), "{}", a[9]);
    assert!(a[10].contains("sources differ"), "{}", a[10]);
}

#[test]
fn note_and_mark_are_saved_in_the_desk_the_reader_uses() {
    let home = tempfile::tempdir().unwrap();
    let text = world(
        home.path(),
        "open reader-beta/positions\n1\nmark\nnote Raise it at the plenary\ndesk\n",
    );
    let a = answers(&text);
    assert!(a[3].starts_with("Bookmarked."), "{}", a[3]);
    assert!(a[4].starts_with("Note saved."), "{}", a[4]);
    assert!(a[5].contains("1 mark on the desk:"), "{}", a[5]);
    assert!(a[5].contains("Note: Raise it at the plenary"), "{}", a[5]);
    // The same store `brief notes` reads.
    let dir = fixtures("reader");
    let notes = ok(
        "notes",
        &brief_in(home.path())
            .args(["--no-builtin", "--briefs", dir.to_str().unwrap(), "notes"])
            .output()
            .unwrap(),
    );
    assert!(
        notes.contains("reader-beta/positions/norland-funding-2025"),
        "{notes}"
    );
    assert!(notes.contains("Raise it at the plenary"), "{notes}");
    // And a new line-mode session sees it on the page.
    let again = world(
        home.path(),
        "open reader-beta/positions/norland-funding-2025\n",
    );
    assert!(
        again.contains("Your note: Raise it at the plenary"),
        "{again}"
    );
}

#[test]
fn versions_say_each_pair_of_paragraphs_old_then_new_with_the_changed_words_marked() {
    let home = tempfile::tempdir().unwrap();
    let dir = harbour();
    let out = piped(
        home.path(),
        &[
            "--no-builtin",
            "--briefs",
            dir.to_str().unwrap(),
            "read",
            "harbour-statement",
        ],
        "versions harbour-statement zero rev2\nnext change\nnext change\nlist\nfilter changed\nprevious change\nversions\n",
    );
    let text = ok("versions", &out);
    assert_plain(&text);
    let a = answers(&text);
    assert!(
        a[1].contains("zero (Zero draft, 2025-09-01) compared"),
        "{}",
        a[1]
    );
    assert!(
        a[1].contains("[versions of harbour-statement, zero to rev2 — row 1 of"),
        "{}",
        a[1]
    );
    let changes = format!("{}{}", a[2], a[3]);
    assert!(
        changes.contains("[-") || changes.contains("{+"),
        "{changes}"
    );
    assert!(
        changes.contains("\nzero") && changes.contains("\nrev2"),
        "{changes}"
    );
    assert!(a[4].contains("1. section"), "{}", a[4]);
    assert!(a[5].contains("Showing changed rows"), "{}", a[5]);
    assert!(a[5].contains(", changed only]"), "{}", a[5]);
    // Alone, on the text: its last two versions.
    assert!(a[7].contains("rev1 (Revision 1"), "{}", a[7]);
}

#[test]
fn proposals_say_each_actors_action_and_verdict_in_words() {
    let home = tempfile::tempdir().unwrap();
    let dir = harbour();
    let out = piped(
        home.path(),
        &["--no-builtin", "--briefs", dir.to_str().unwrap(), "read"],
        "proposals harbour-statement\nlist\nnext\n",
    );
    let text = ok("proposals", &out);
    assert_plain(&text);
    let a = answers(&text);
    let head = &a[1];
    assert!(
        head.starts_with("Proposals on Harbour Digital Cooperation Statement (harbour-statement):"),
        "{head}"
    );
    assert!(head.contains("By actor:"), "{head}");
    assert!(head.contains("Paragraph 1 of "), "{head}");
    assert!(
        ["reflected", "partly", "not reflected", "pending"]
            .iter()
            .any(|w| head.contains(w)),
        "{head}"
    );
    for glyph in ["✓", "◐", "○", "⇄"] {
        assert!(!text.contains(glyph), "{glyph} in {text}");
    }
    assert!(a[2].contains("paragraphs with proposals:"), "{}", a[2]);
    assert!(a[3].starts_with("Paragraph 2 of "), "{}", a[3]);
}

#[test]
fn help_unknown_commands_hostile_lines_and_the_end_of_input() {
    let home = tempfile::tempdir().unwrap();
    let long = "x".repeat(40_000);
    let input =
        format!("help\nHELP open\nserch x\n\n\x1b[2J\x07\n{long}\n\u{0}\nQuIt\nnever read\n");
    let text = world(home.path(), &input);
    let a = answers(&text);
    assert!(a[1].contains("quit: leave"), "{}", a[1]);
    assert!(a[2].starts_with("open N | SELECTOR: "), "{}", a[2]);
    assert!(
        a[3].starts_with("Unknown command serch. Did you mean search?"),
        "{}",
        a[3]
    );
    assert!(a[4].starts_with("Unknown command ␛[2J␇."), "{}", a[4]);
    assert!(a[5].starts_with("That line is over 16 KiB"), "{}", a[5]);
    assert!(!text.contains("never read"));
    // The end of input quits as quit does: status 0.
    let out = piped(
        home.path(),
        &[
            "--no-builtin",
            "--briefs",
            fixtures("reader").to_str().unwrap(),
            "read",
        ],
        "list",
    );
    assert!(out.status.success());
}

#[test]
fn brief_alone_piped_still_lists_and_plain_reads() {
    let home = tempfile::tempdir().unwrap();
    let dir = fixtures("reader");
    let d = dir.to_str().unwrap();
    let listed = ok(
        "brief",
        &piped(home.path(), &["--no-builtin", "--briefs", d], ""),
    );
    assert!(listed.starts_with("reader-alpha\t"), "{listed}");
    for args in [
        vec!["--no-builtin", "--briefs", d, "--plain"],
        vec![
            "--no-builtin",
            "--briefs",
            d,
            "read",
            "--plain",
            "reader-gamma",
        ],
        vec![
            "--no-builtin",
            "--plain",
            "--briefs",
            d,
            "read",
            "reader-gamma",
        ],
    ] {
        let text = ok("plain", &piped(home.path(), &args, "quit\n"));
        assert!(text.starts_with("brief, line mode:"), "{args:?}: {text}");
    }
    let at = ok(
        "read SEL",
        &piped(
            home.path(),
            &["--no-builtin", "--briefs", d, "read", "reader-gamma"],
            "",
        ),
    );
    assert!(at.contains("[reader-gamma — brief 3 of 3]"), "{at}");
}

#[test]
fn term_dumb_and_a_piped_stdout_enter_line_mode_on_a_terminal() {
    // TERM=dumb on a terminal: a person types, so a prompt.
    let mut s = pty::spawn_with(&[pty::brief(), "read"], 80, 24, &[("TERM", "dumb")]);
    s.wait_for("brief, line mode:");
    s.wait_for("brief> ");
    s.send("open reader-beta\r");
    s.wait_for("[reader-beta — brief 2 of 3]");
    s.send("quit\r");
    assert_eq!(s.exit_code(), 0);
    // `brief read | cat`: stdout is a pipe, stdin still the terminal.
    let script = format!(
        "'{}' --no-builtin --briefs '{}' read | cat",
        pty::brief(),
        fixtures("reader").display()
    );
    let mut s = pty::spawn(&["/bin/sh", "-c", &script], 80, 24);
    s.wait_for("brief> ");
    s.send("timeline\r");
    s.wait_for("events, in date order:");
    s.send("q\r");
    assert_eq!(s.exit_code(), 0);
}

/// The README's transcript is what line mode answers now.
#[test]
fn the_readme_transcript_is_current() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- line-mode transcript -->")
        .expect("a transcript");
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let (command, shown) = block.split_once('\n').unwrap();
    let input = command
        .split("printf '")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("printf '…' in the transcript")
        .replace("\\n", "\n");
    let home = tempfile::tempdir().unwrap();
    let dir = fixtures("reader");
    let out = piped(
        home.path(),
        &["--no-builtin", "--briefs", dir.to_str().unwrap(), "read"],
        &input,
    );
    let text = ok("transcript", &out);
    assert_eq!(
        shown, text,
        "README.md's line-mode transcript is out of date"
    );
}
