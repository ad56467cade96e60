//! Line mode driven command by command on the invented world of `tests/fixtures/reader`,
//! with no input, no terminal and the desk in memory.

use super::*;
use crate::query::fixture_world;

fn reader(corpus: &Corpus) -> LineReader<'_> {
    let options = Options {
        today: Date::ymd(2025, 12, 1),
        width: 80,
        histories: Vec::new(),
        max_bytes: 1 << 20,
        desk: Desk::default(),
    };
    LineReader::new(corpus, options, Box::new(Unsaved::default()))
}

/// What `line` answers, as text.
fn say(r: &mut LineReader<'_>, line: &str) -> String {
    let mut out = Vec::new();
    let flow = r.step(line, &mut out).unwrap();
    assert_eq!(flow, Flow::Continue, "{line}");
    String::from_utf8(out).unwrap()
}

/// The last line of an answer: where the reader is.
fn place(answer: &str) -> &str {
    answer.lines().last().unwrap_or("")
}

#[test]
fn a_number_opens_what_the_last_list_numbered_and_each_answer_ends_with_the_place() {
    let c = fixture_world();
    let mut r = reader(&c);
    let mut start = Vec::new();
    r.start(None, &mut start).unwrap();
    let start = String::from_utf8(start).unwrap();
    assert!(start.contains("3 briefs:"), "{start}");
    assert_eq!(place(&start), "[the list of briefs — 3 briefs]");
    let brief = say(&mut r, "1");
    assert!(
        place(&brief).starts_with("[reader-alpha — brief 1 of 3]"),
        "{brief}"
    );
    let section = say(&mut r, "open reader-alpha/positions");
    assert!(section.contains("1. "), "{section}");
    let entry = say(&mut r, "2");
    assert!(place(&entry).contains("— entry 2 of "), "{entry}");
    let next = say(&mut r, "NEXT");
    assert!(place(&next).contains("— entry 3 of "), "{next}");
    let prev = say(&mut r, "p");
    assert!(place(&prev).contains("— entry 2 of "), "{prev}");
    let up = say(&mut r, "up");
    assert_eq!(
        place(&up),
        "[reader-alpha/positions — section 2 of 3]".replace("2 of 3", &where_section(&c))
    );
    let back = say(&mut r, "back");
    assert!(place(&back).contains("— entry 2 of "), "{back}");
}

fn where_section(c: &Corpus) -> String {
    let b = c.briefs().find("reader-alpha").unwrap();
    let i = b.sections.iter().position(|s| s.id == "positions").unwrap();
    format!("{} of {}", i + 1, b.sections.len())
}

#[test]
fn an_unknown_command_says_so_and_suggests_the_nearest() {
    let c = fixture_world();
    let mut r = reader(&c);
    let a = say(&mut r, "timelin");
    assert!(
        a.starts_with("Unknown command timelin. Did you mean timeline?"),
        "{a}"
    );
    say(&mut r, "list");
    let a = say(&mut r, "open 99");
    assert!(
        a.contains("There is no 99 here: the last list runs from 1 to 3."),
        "{a}"
    );
    assert_eq!(say(&mut r, "   "), "");
}

#[test]
fn no_input_line_panics_or_writes_an_escape() {
    let c = fixture_world();
    let mut r = reader(&c);
    let nasty = [
        "\x1b[2J\x1b]52;c;AAAA\x07",
        "open \x1b[31mreader-alpha",
        "\u{0}\u{1}\u{7f}",
        "search \"unclosed",
        "filter stance",
        "filter group nobody",
        "compare 0",
        "follow -1",
        "versions",
        "proposals",
        "note",
        "mark",
        "next change",
        "next result",
        "9999999999999999999999999",
        "open 0",
        "ünïcödé 字",
        "help nothing",
        "/",
        "..",
    ];
    for line in nasty {
        let a = say(&mut r, line);
        assert!(!a.contains('\x1b'), "{line:?}: {a}");
        assert!(!a.is_empty(), "{line:?}");
    }
    let huge = "open ".to_owned() + &"x".repeat(MAX_LINE * 2);
    let a = say(&mut r, &huge);
    assert!(a.contains("over 16 KiB"), "{a}");
}

#[test]
fn quit_and_its_short_forms_end_it() {
    let c = fixture_world();
    for q in ["quit", "Q", "exit"] {
        let mut r = reader(&c);
        let mut out = Vec::new();
        assert_eq!(r.step(q, &mut out).unwrap(), Flow::Quit);
    }
}

#[test]
fn help_lists_every_command_of_the_table() {
    let c = fixture_world();
    let mut r = reader(&c);
    let a = say(&mut r, "help");
    for cmd in COMMANDS {
        assert!(
            a.contains(&format!("\n{}", cmd.names[0])),
            "{}: {a}",
            cmd.names[0]
        );
    }
    let one = say(&mut r, "help N");
    assert!(one.starts_with("next"), "{one}");
}

#[test]
fn search_numbers_its_hits_and_a_number_reads_one() {
    let c = fixture_world();
    let mut r = reader(&c);
    let a = say(&mut r, "search funding");
    assert!(a.contains("1. "), "{a}");
    assert!(place(&a).starts_with("[search for funding — "), "{a}");
    let hit = say(&mut r, "1");
    assert!(place(&hit).contains("— entry "), "{hit}");
    let next = say(&mut r, "next result");
    assert!(next.starts_with("Result 2 of "), "{next}");
}

#[test]
fn a_filter_narrows_the_lists_and_says_so_in_the_place() {
    let c = fixture_world();
    let mut r = reader(&c);
    say(&mut r, "open reader-alpha/positions");
    let on = say(&mut r, "filter stance oppose");
    assert!(on.contains("Filter on: stance oppose."), "{on}");
    assert!(on.contains("pass the filter"), "{on}");
    assert!(place(&on).ends_with("; filter: stance oppose]"), "{on}");
    let off = say(&mut r, "filter stance oppose");
    assert!(off.contains("Filter off"), "{off}");
    let bad = say(&mut r, "filter colour red");
    assert!(bad.contains("There is no filter by colour"), "{bad}");
    let menu = say(&mut r, "filter");
    assert!(menu.contains("stance: support, oppose"), "{menu}");
}

#[test]
fn compare_lists_the_issues_then_each_actor_by_stakeholder_group() {
    let c = fixture_world();
    let mut r = reader(&c);
    let issues = say(&mut r, "compare");
    assert!(issues.contains("(reader-forum-funding)"), "{issues}");
    let side = say(&mut r, "compare reader-forum-funding");
    assert!(side.contains("By group, each actor counted once"), "{side}");
    assert!(side.contains("Government: "), "{side}");
    // Norland's four positions, each in turn.
    assert!(side.contains("Position 4 of 4"), "{side}");
    assert!(!side.contains('▸'), "{side}");
    let read = say(&mut r, "1");
    assert!(place(&read).contains("/positions/"), "{read}");
    let back = say(&mut r, "back");
    assert!(
        place(&back).starts_with("[compare reader-forum-funding"),
        "{back}"
    );
}

#[test]
fn timeline_and_figures_number_their_rows() {
    let c = fixture_world();
    let mut r = reader(&c);
    let t = say(&mut r, "timeline");
    assert!(t.contains("Today is 2025-12-01."), "{t}");
    assert!(t.contains("1. 1989-05-02"), "{t}");
    let f = say(&mut r, "figures");
    assert!(f.contains("sources differ"), "{f}");
}

#[test]
fn note_and_mark_go_through_the_desk_saver_and_show_on_the_page_and_desk() {
    let c = fixture_world();
    let mut r = reader(&c);
    let refused = say(&mut r, "mark");
    assert!(refused.contains("open an entry first"), "{refused}");
    say(&mut r, "open reader-alpha/positions");
    say(&mut r, "1");
    assert!(say(&mut r, "mark").contains("Bookmarked."));
    assert!(say(&mut r, "note ask about the \x1b[1mfund").contains("Note saved."));
    let page = say(&mut r, "show");
    assert!(page.contains("Your note: ask about the"), "{page}");
    assert!(!page.contains('\x1b'));
    let desk = say(&mut r, "desk");
    assert!(desk.contains("1 mark on the desk"), "{desk}");
    assert!(desk.contains("bookmarked"), "{desk}");
    say(&mut r, "1");
    assert!(say(&mut r, "note clear").contains("Note taken away."));
    assert!(say(&mut r, "m").contains("Bookmark taken away."));
    assert!(say(&mut r, "desk").contains("The desk is empty"));
}

#[test]
fn a_desk_that_cannot_be_saved_keeps_the_change_to_set_aside() {
    let c = fixture_world();
    let options = Options {
        today: Date::ymd(2025, 12, 1),
        width: 80,
        histories: Vec::new(),
        max_bytes: 1 << 20,
        desk: Desk::default(),
    };
    let saver = Unsaved {
        why: Some("the disk is full".into()),
        changes: Vec::new(),
    };
    let mut r = LineReader::new(&c, options, Box::new(saver));
    say(&mut r, "open reader-alpha/positions");
    say(&mut r, "1");
    let a = say(&mut r, "note keep me");
    assert!(a.contains("Not saved: the disk is full"), "{a}");
    assert_eq!(r.unsaved().len(), 1);
    assert!(say(&mut r, "show").contains("Your note: keep me"));
}

#[test]
fn versions_and_proposals_say_why_not_off_a_text() {
    let c = fixture_world();
    let mut r = reader(&c);
    say(&mut r, "open reader-alpha");
    let v = say(&mut r, "versions");
    assert!(v.contains("is not a negotiated text"), "{v}");
    let p = say(&mut r, "proposals reader-beta");
    assert!(p.contains("is not a negotiated text"), "{p}");
}

/// Line mode is a view beside the full-screen reader: neither knows the other.
#[test]
fn line_mode_and_the_full_screen_reader_do_not_import_each_other() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let read = |dir: &str| -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push((
                        p.display().to_string(),
                        std::fs::read_to_string(&p).unwrap(),
                    ));
                }
            }
        }
        out
    };
    for (path, text) in read("line") {
        assert!(!text.contains(&["crate", "::tui"].concat()), "{path}");
    }
    for (path, text) in read("tui") {
        assert!(!text.contains(&["crate", "::line"].concat()), "{path}");
    }
}

/// The invented Lakeland text, loaded from its history with the file each brief came from.
fn lakeland() -> (Corpus, Vec<(String, std::path::PathBuf)>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let loaded = crate::library::load(&crate::library::Request {
        paths: vec![dir],
        ..crate::library::Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    (loaded.corpus, loaded.histories)
}

#[test]
fn versions_walk_the_rows_and_the_changes_old_wording_then_new_in_words() {
    let (c, histories) = lakeland();
    let options = Options {
        today: Date::ymd(2025, 12, 1),
        width: 80,
        histories,
        max_bytes: 8 << 20,
        desk: Desk::default(),
    };
    let mut r = LineReader::new(&c, options, Box::new(Unsaved::default()));
    // From a paragraph: its version and the one before, at that paragraph.
    say(&mut r, "open lakeland-outcome/rev1/4");
    let v = say(&mut r, "versions");
    let joined = v.replace('\n', " ");
    assert!(
        joined.contains("zero (Zero draft, 2025-08-29) compared with rev1"),
        "{v}"
    );
    assert!(v.contains(": merged\n"), "{v}");
    assert!(v.contains("zero, paragraph 4: We call upon donors"), "{v}");
    assert!(v.contains("[-.-]") && v.contains("{+, and we+}"), "{v}");
    assert!(!v.contains('¶') && !v.contains('→'), "{v}");
    let list = say(&mut r, "list");
    assert!(list.contains("1. section"), "{list}");
    let next = say(&mut r, "next change");
    assert!(next.starts_with("Row 13 of 16"), "{next}");
    let only = say(&mut r, "filter changed");
    assert!(place(&only).ends_with(", changed only]"), "{only}");
    let p = say(&mut r, "proposals");
    assert!(p.contains("Bracketed options: 2 proposals"), "{p}");
    assert!(p.contains("alternative"), "{p}");
    assert!(!p.contains('◐') && !p.contains('⇄'), "{p}");
    let back = say(&mut r, "back");
    assert!(
        place(&back).starts_with("[versions of lakeland-outcome"),
        "{back}"
    );
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// A command line: a command's name in any case or any word, then arguments drawn
    /// from numbers, selectors, words, control characters and escape sequences.
    fn line() -> impl Strategy<Value = String> {
        let names: Vec<String> = COMMANDS
            .iter()
            .flat_map(|c| c.names.iter().map(|n| n.to_string()))
            .collect();
        let word = prop_oneof![
            proptest::sample::select(names).prop_map(|n| n.to_uppercase()),
            "[a-z]{0,8}",
            "[0-9]{1,25}",
            Just("reader-alpha/positions".to_owned()),
            Just("change".to_owned()),
            Just("stance".to_owned()),
            Just("\x1b[2J\x1b]52;c;QQ==\x07".to_owned()),
            "\\PC{0,12}",
            "[\u{0}-\u{1f}\u{7f}-\u{9f}]{1,6}",
        ];
        proptest::collection::vec(word, 0..5).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Whatever is typed, line mode answers without a panic and without an escape.
        #[test]
        fn any_command_lines_get_a_plain_answer(lines in proptest::collection::vec(line(), 1..25)) {
            let c = fixture_world();
            let mut r = reader(&c);
            for l in &lines {
                let mut out = Vec::new();
                if r.step(l, &mut out).unwrap() == Flow::Quit {
                    break;
                }
                let text = String::from_utf8(out).unwrap();
                prop_assert!(!text.contains('\x1b'), "{l:?}: {text}");
                prop_assert!(!text.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)), "{l:?}: {text}");
            }
        }
    }
}

/// Searches go through one index, made at the first, and find what `brief search` finds,
/// with a filter or without.
#[test]
fn searches_share_one_index_and_find_what_brief_search_finds() {
    let corpus = fixture_world();
    let mut r = reader(&corpus);
    assert!(r.index.is_none(), "no index before a search");
    let first = say(&mut r, "search forum");
    assert!(first.contains("match"), "{first}");
    assert!(r.index.is_some());
    for filter in [
        Filter::default(),
        Filter {
            stances: vec![crate::brief::model::Stance::Oppose],
            ..Filter::default()
        },
    ] {
        r.filter = filter;
        for words in ["forum", "\"funding\" igf", "norland", "nothing-like-this"] {
            let query = Query::parse(words);
            let want: Vec<String> = crate::search::search(&corpus, &query, &r.filter)
                .into_iter()
                .map(|h| format!("{} {}", h.selector, h.snippet))
                .collect();
            let got: Vec<String> = (r.hits(&query).into_iter())
                .map(|h| format!("{} {}", h.selector, h.snippet))
                .collect();
            assert_eq!(got, want, "{words}");
        }
    }
}
