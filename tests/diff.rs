//! `brief diff OLD NEW` as a user runs it, on the invented Lakeland outcome in
//! tests/fixtures/drafts (a zero draft as copied from a PDF, Revision 1 as text and as
//! Akoma Ntoso, Revision 2 as Markdown): golden output in every format, bad input, and
//! properties of the alignment and the word diff on generated texts.

mod common;

use std::path::Path;
use std::process::Output;

use brief::draft::words::{Op, rebuild};
use brief::draft::{Options, PairKind, compare, model::Block, model::Version};
use common::{brief_in, fixtures, json_lines, ok, pair_kinds, shared_home, stderr};
use proptest::prelude::*;

fn draft(name: &str) -> String {
    fixtures("drafts").join(name).display().to_string()
}

fn run(args: &[&str]) -> Output {
    brief_in(&shared_home("diff"))
        .arg("diff")
        .args(args)
        .output()
        .expect("run brief")
}

fn diff(old: &str, new: &str, more: &[&str]) -> String {
    let (o, n) = (draft(old), draft(new));
    let mut args = vec![o.as_str(), n.as_str()];
    args.extend_from_slice(more);
    ok(&format!("diff {old} {new} {more:?}"), &run(&args))
}

fn kinds_of(s: &str) -> Vec<(String, String, String)> {
    pair_kinds(s)
}

#[test]
fn zero_draft_to_revision_1_as_text() {
    let text = diff("zero.txt", "rev1.txt", &["--width", "88"]);
    insta::assert_snapshot!("diff_zero_rev1_text", text);
    // The swap: 3 went up (with a capital changed), 2 went down unchanged.
    assert!(text.contains("changed    3 → 2  (renumbered)\n"), "{text}");
    assert!(
        text.contains("moved      2 → 3  (renumbered; same words)\n"),
        "{text}"
    );
    assert!(text.contains("[-regulators-] {+Regulators+}"), "{text}");
    // Re-wrapped and re-hyphenated, not changed.
    assert!(text.contains("unchanged  1  (layout only)\n"), "{text}");
    assert!(text.contains("unchanged  PP1  (layout only)\n"), "{text}");
    // A status tag is status, not words.
    assert!(
        text.contains(
            "unchanged  6 → 5  (layout only; renumbered; status: agreed ad ref → agreed)\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Agreed"), "{text}");
}

#[test]
fn every_case_of_the_zero_draft_to_revision_1() {
    let got = kinds_of(&diff("zero.txt", "rev1.txt", &["-f", "json"]));
    let want = |k: &str, o: &str, n: &str| (k.to_owned(), o.to_owned(), n.to_owned());
    for case in [
        want("merged", "4,5", "4"),
        want("split", "7", "6,7"),
        want("inserted", "", "1bis"),
        want("deleted", "8", ""),
        want("inserted", "", "8"),
        want("changed", "PP3", "PP3"),
        want("changed", "II", "II"),
        want("unchanged", "I", "I"),
    ] {
        assert!(got.contains(&case), "{case:?} not in {got:?}");
    }
    // Numbers run together on one line (6, 7, 8 of the zero draft) are three paragraphs,
    // and the glued `3.We invite` is paragraph 3.
    assert!(got.iter().any(|(_, o, _)| o == "6"), "{got:?}");
    assert!(got.iter().any(|(_, o, n)| o == "3" && n == "2"), "{got:?}");
}

#[test]
fn revision_1_to_2_markdown_with_bis_and_new_numbers() {
    let md = diff("rev1.txt", "rev2.md", &["--format", "markdown"]);
    insta::assert_snapshot!("diff_rev1_rev2_markdown", md);
    assert!(
        md.contains("~~\\[thirty\\] \\[sixty\\]~~ **sixty**"),
        "{md}"
    );
    let got = kinds_of(&diff("rev1.txt", "rev2.md", &["-f", "json"]));
    assert!(
        got.contains(&("unchanged".into(), "1bis".into(), "2".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("inserted".into(), "".into(), "4bis".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("whitespace".into(), "8".into(), "New 8A".into())),
        "{got:?}"
    );
}

#[test]
fn golden_output_of_the_other_pairs() {
    insta::assert_snapshot!(
        "diff_rev1_rev2_text",
        diff("rev1.txt", "rev2.md", &["--width", "80"])
    );
    insta::assert_snapshot!(
        "diff_rev1_rev2_json",
        diff("rev1.txt", "rev2.md", &["-f", "json"])
    );
    let md = diff("zero.txt", "rev1.txt", &["-f", "markdown"]);
    insta::assert_snapshot!("diff_zero_rev1_markdown", md);
    // A change next to a full stop widens to the word, so that CommonMark strikes it out;
    // each part of the merge is marked with its label where it begins.
    assert!(
        md.contains("¶4 We call upon donors to support community ~~networks.~~ ¶5 ~~We~~ **networks, and we**"),
        "{md}"
    );
}

#[test]
fn a_summary_by_section_leaves_out_what_did_not_change() {
    let text = diff("zero.txt", "rev1.txt", &["-f", "summary"]);
    insta::assert_snapshot!("diff_zero_rev1_summary", text);
    // Under its section, with a few words of context.
    assert!(
        text.contains("I. Connectivity\n  inserted   1bis  (status: preliminarily agreed)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "      We invite national [-regulators-] {+Regulators+} to publish coverage …\n"
        ),
        "{text}"
    );
    // A paragraph only renumbered or re-wrapped is not news; a change of status is.
    assert!(
        !text.contains("PP1") && !text.contains("  unchanged  1\n"),
        "{text}"
    );
    assert!(
        text.contains("unchanged  6 → 5  (status: agreed ad ref → agreed)"),
        "{text}"
    );
    insta::assert_snapshot!(
        "diff_rev1_rev2_summary",
        diff("rev1.txt", "rev2.md", &["-f", "summary"])
    );
}

#[test]
fn json_lines_are_stable_and_rebuild_both_sides() {
    let out = diff("zero.txt", "rev1.txt", &["--format", "json"]);
    insta::assert_snapshot!("diff_zero_rev1_json", out);
    for v in json_lines(&out) {
        for field in ["kind", "old", "new", "changes", "renumbered", "similarity"] {
            assert!(v.get(field).is_some(), "{field} missing in {v}");
        }
        let side = |leave_out: &str| -> String {
            v["changes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["op"] != leave_out)
                .map(|c| c["text"].as_str().unwrap())
                .collect()
        };
        let (old, new) = (side("insert"), side("delete"));
        match v["kind"].as_str().unwrap() {
            "inserted" => assert!(old.is_empty() && !new.is_empty(), "{v}"),
            "deleted" => assert!(new.is_empty() && !old.is_empty(), "{v}"),
            "unchanged" | "whitespace" => assert_eq!(old, new, "{v}"),
            "moved" => {}
            _ => assert_ne!(old, new, "{v}"),
        }
    }
}

#[test]
fn the_akn_copy_reads_as_the_text_it_copies() {
    let got = kinds_of(&diff("rev1.txt", "rev1.xml", &["-f", "json"]));
    assert!(
        got.iter()
            .all(|(k, o, n)| (k == "unchanged" || k == "whitespace") && o == n),
        "{got:?}"
    );
    assert_eq!(got.len(), 18, "{got:?}");
    // And from the zero draft, the AKN copy pairs as the text one does.
    let strip = |v: Vec<(String, String, String)>| {
        v.into_iter()
            .map(|(k, o, n)| {
                (
                    if k == "whitespace" {
                        "unchanged".into()
                    } else {
                        k
                    },
                    o,
                    n,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(kinds_of(&diff("zero.txt", "rev1.xml", &["-f", "json"]))),
        strip(kinds_of(&diff("zero.txt", "rev1.txt", &["-f", "json"])))
    );
}

#[test]
fn colour_only_with_the_markers() {
    let plain = diff("rev1.txt", "rev2.md", &["--width", "0"]);
    assert!(!plain.contains('\x1b'), "{plain}");
    let colour = diff(
        "rev1.txt",
        "rev2.md",
        &["--width", "0", "--color", "always"],
    );
    assert!(
        colour.contains("\x1b[31m[-[thirty] [sixty]-]\x1b[0m"),
        "{colour}"
    );
    assert!(colour.contains("\x1b[32m{+sixty+}\x1b[0m"), "{colour}");
    // No wrapping with width 0: one line for each paragraph's text.
    assert!(plain.lines().all(|l| !l.starts_with("     ")), "{plain}");
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let good = draft("rev1.txt");
    for (file, says) in [
        (
            // Read through pdftotext, which finds no PDF in it (or is not installed).
            write("scan.pdf", b"%PDF-1.7\n\x00\x01\x02binary"),
            "a PDF",
        ),
        (write("latin1.txt", b"Caf\xe9 au lait"), "not a text file"),
        (
            write("page.xml", b"<html><body><p>x</p></body></html>"),
            "not Akoma Ntoso",
        ),
        (
            write("broken.xml", b"<akomaNtoso><doc>"),
            "not well-formed XML",
        ),
        (write("empty.txt", b"\n \n"), "no paragraphs"),
        (
            dir.path().join("missing.txt").display().to_string(),
            "missing.txt",
        ),
    ] {
        let out = run(&[&good, &file]);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with("brief: ") && err.contains(says),
            "{file}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = run(&[&good]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(&[&good, &good, "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn escapes_in_a_text_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    // As the text has it, and written as a mail archive's quoted-printable (decoded,
    // then neutralised as any other).
    for (name, text) in [
        ("hostile.txt", "1. We decide\x1b[2J to meet.\n"),
        (
            "quoted.txt",
            "1.=09We decide=1B[2J to meet.\n\n2.=09We=09agree.\n",
        ),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let p = p.display().to_string();
        let out = ok(name, &run(&[&draft("rev1.txt"), &p, "--color", "always"]));
        assert!(!out.contains("\x1b[2J") && !out.contains("=1B"), "{out}");
        assert!(out.contains("␛[2J"), "{out}");
    }
}

#[test]
fn pairs_given_by_hand_overrule_the_alignment() {
    // Revision 1's new paragraph 8 is not the zero draft's 8; a delegate who says it is
    // gets them paired, marked as given by hand.
    let got = json_lines(&diff(
        "zero.txt",
        "rev1.txt",
        &["-f", "json", "--pair", "8=8", "--pair", "=1bis"],
    ));
    let eight = got
        .iter()
        .find(|v| v["old"] == serde_json::json!(["8"]))
        .expect("old 8 is paired");
    assert_eq!(eight["new"], serde_json::json!(["8"]), "{eight}");
    assert_eq!(eight["forced"], true, "{eight}");
    assert_eq!(eight["kind"], "changed", "{eight}");
    let text = diff("zero.txt", "rev1.txt", &["--pair", "8=8"]);
    assert!(
        text.contains("changed    8  (status: none → suggested for closure; paired by hand)"),
        "{text}"
    );
    // A label that is not there is an error, naming it; a malformed pair is usage.
    for (pair, code, says) in [
        ("9=9", 1, "paragraph 9 of the old version"),
        ("8,8=8", 1, "twice"),
        ("=", 2, "names no paragraph"),
        ("8", 2, "OLD=NEW"),
    ] {
        let (o, n) = (draft("zero.txt"), draft("rev1.txt"));
        let out = run(&[&o, &n, "--pair", pair]);
        assert_eq!(out.status.code(), Some(code), "{pair}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{pair}: {}", stderr(&out));
    }
}

#[test]
fn a_version_from_stdin() {
    use std::io::Write;
    let mut child = brief_in(&shared_home("diff"))
        .args(["diff", "-", &draft("rev1.txt"), "-f", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let zero = std::fs::read(draft("zero.txt")).unwrap();
    child.stdin.take().unwrap().write_all(&zero).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        kinds_of(&ok("stdin", &out)),
        kinds_of(&diff("zero.txt", "rev1.txt", &["-f", "json"]))
    );
}

#[test]
fn hostile_texts_end_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    // One huge paragraph against a copy with every fifth word changed: the shortest word
    // diff would take Myers minutes; the deadline gives a coarser one in seconds.
    let words = |f: &dyn Fn(usize) -> String| {
        let w: Vec<String> = (0..150_000).map(f).collect();
        format!("1. {}\n", w.join(" "))
    };
    let a = write("a.txt", words(&|i| format!("w{}", i % 97)));
    let b = write(
        "b.txt",
        words(&|i| {
            if i % 5 == 0 {
                format!("z{i}")
            } else {
                format!("w{}", i % 97)
            }
        }),
    );
    let start = std::time::Instant::now();
    let out = ok("huge", &run(&[&a, &b, "-f", "json"]));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    assert_eq!(json_lines(&out).len(), 1);
    // Containers nested past any real text: an error, not a stack overflow.
    let deep = write(
        "deep.xml",
        format!(
            "<akomaNtoso><doc><mainBody>{}</mainBody></doc></akomaNtoso>",
            "<hcontainer>".repeat(100_000) + &"</hcontainer>".repeat(100_000)
        ),
    );
    let out = run(&[&deep, &deep]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("nested"), "{}", stderr(&out));
}

#[test]
fn a_version_with_itself_is_all_unchanged() {
    for f in ["zero.txt", "rev1.txt", "rev2.md", "rev1.xml"] {
        let got = kinds_of(&diff(f, f, &["-f", "json"]));
        assert!(
            got.iter().all(|(k, o, n)| k == "unchanged" && o == n),
            "{f}: {got:?}"
        );
    }
}

// Properties, on generated texts through the library.

/// A paragraph of `n` words from a small vocabulary, with a number of its own so that
/// paragraphs differ.
fn paragraph() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "forum",
        "States",
        "regional",
        "networks",
        "access",
        "the",
        "of",
        "and",
        "shall",
        "Governments",
        "governments",
        "[open]",
        "report",
        "meet",
        "annual",
        "spectrum",
        "skills",
        "learners,",
        "rural",
        "(Agreed)",
        "decides;",
        "Invites",
    ]);
    (prop::collection::vec(words, 6..30), 0u32..1_000_000)
        .prop_map(|(w, n)| format!("Invites the forum {n} {}.", w.join(" ")))
}

fn version(paras: &[String]) -> Version {
    Version::from_blocks(
        paras
            .iter()
            .enumerate()
            .map(|(i, t)| Block {
                text: format!("{}. {t}", i + 1),
                ..Block::default()
            })
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any bytes, and text made of the pieces the readers look for, read to a version or
    /// an error, and any two versions compare: never a panic.
    #[test]
    fn no_input_panics(
        a in prop::collection::vec(any::<u8>(), 0..400),
        pieces in prop::collection::vec(prop::sample::select(vec![
            "1.", "1bis", " ter", "New 65A.", "PP2", "(a)", "A. ", "IV. ", "\n", "\n\n", " ",
            "-\n", "[", "]", "(Agreed)", "[Agreed ad ref]", "word", "Word", ",", ";", "2. ",
            "\r", "\u{c}", "é", "\u{202e}", "\x1b[", "#", "*", "\\", "<p>", "</p>",
        ]), 0..60),
        xml in prop::collection::vec(prop::sample::select(vec![
            "<akomaNtoso>", "</akomaNtoso>", "<doc>", "</doc>", "<mainBody>", "</mainBody>",
            "<preamble>", "</preamble>", "<paragraph>", "</paragraph>", "<num>1.</num>",
            "<content>", "</content>", "<p>", "</p>", "text", "<hcontainer>", "</hcontainer>",
            "<heading>", "</heading>", "<subparagraph>", "</subparagraph>",
        ]), 0..40),
    ) {
        let text: String = pieces.concat();
        let xml: String = xml.concat();
        let mut versions = Vec::new();
        for (name, bytes) in [
            ("a.txt", a.as_slice()),
            ("b.txt", text.as_bytes()),
            ("b.md", text.as_bytes()),
            ("c.xml", xml.as_bytes()),
        ] {
            if let Ok(v) = brief::draft::read(name, bytes) {
                versions.push(v);
            }
        }
        for x in &versions {
            for y in &versions {
                let e = compare(x, y, &Options::default(), &[]).unwrap();
                let mut out = Vec::new();
                brief::draft::render::text(&e, 40, true, &mut out).unwrap();
                brief::draft::render::markdown(&e, &mut out).unwrap();
                brief::draft::render::json(&e, &mut out).unwrap();
            }
        }
    }

    #[test]
    fn a_text_with_itself_is_unchanged(paras in prop::collection::vec(paragraph(), 1..30)) {
        let v = version(&paras);
        let e = compare(&v, &v, &Options::default(), &[]).unwrap();
        prop_assert_eq!(e.len(), v.paragraphs.len());
        prop_assert!(e.iter().all(|e| e.kind() == PairKind::Unchanged && !e.pair.renumbered));
    }

    #[test]
    fn the_changes_rebuild_both_sides(
        a in prop::collection::vec(paragraph(), 1..20),
        b in prop::collection::vec(paragraph(), 1..20),
    ) {
        let (va, vb) = (version(&a), version(&b));
        let entries = compare(&va, &vb, &Options::default(), &[]).unwrap();
        let mut olds = 0;
        let mut news = 0;
        for e in &entries {
            let join = |ps: &[&brief::draft::Paragraph]| {
                ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ")
            };
            let (o, n) = (rebuild(&e.changes, Op::Insert), rebuild(&e.changes, Op::Delete));
            prop_assert!(o.split_whitespace().eq(join(&e.old).split_whitespace()), "old: {:?} vs {:?}", o, join(&e.old));
            prop_assert!(n.split_whitespace().eq(join(&e.new).split_whitespace()), "new: {:?} vs {:?}", n, join(&e.new));
            olds += e.old.len();
            news += e.new.len();
        }
        // Every paragraph is in exactly one pair.
        prop_assert_eq!(olds, va.paragraphs.len());
        prop_assert_eq!(news, vb.paragraphs.len());
    }

    #[test]
    fn shuffling_gives_moves_not_rewrites(
        paras in prop::collection::vec(paragraph(), 2..30),
        seed in any::<u64>(),
    ) {
        let mut shuffled = paras.clone();
        // Fisher–Yates with a SplitMix step, so the case is reproducible from its seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            shuffled.swap(i, (z ^ (z >> 31)) as usize % (i + 1));
        }
        let (va, vb) = (version(&paras), version(&shuffled));
        let e = compare(&va, &vb, &Options::default(), &[]).unwrap();
        prop_assert_eq!(e.len(), paras.len());
        for x in &e {
            prop_assert!(matches!(x.kind(), PairKind::Unchanged | PairKind::Moved), "{:?}", x.kind());
            prop_assert!(!x.reworded());
            prop_assert_eq!(&x.old[0].text, &x.new[0].text);
        }
        let moved = e.iter().filter(|x| x.kind() == PairKind::Moved).count();
        prop_assert_eq!(moved == 0, paras == shuffled || paras.windows(2).all(|w| w[0] == w[1]));
    }
}

#[test]
fn fixtures_are_ours() {
    // A reminder that the fixture texts are invented: the forum does not exist.
    let zero = std::fs::read_to_string(Path::new(&draft("zero.txt"))).unwrap();
    assert!(zero.contains("Lakeland Regional Internet Forum"));
}

// ---- issue 21: -f side-by-side ------------------------------------------------------

/// The column of the gutter's `│` in a line, in display columns.
fn gutter(line: &str) -> Option<usize> {
    line.find('│')
        .map(|i| brief::brief::text::width(&line[..i]))
}

/// Two versions in two columns from 100 columns: every line within the width, the
/// gutter in one column on every line (a row that pushed its right side over would move
/// it), each row's two headings on one line, and the markers in the text.
#[test]
fn side_by_side_keeps_the_columns_level_and_inside_the_width() {
    for (w, args) in [
        (100, vec!["zero.txt", "rev2.md"]),
        (150, vec!["zero.txt", "rev2.md"]),
    ] {
        let ws = w.to_string();
        let out = diff(args[0], args[1], &["-f", "side-by-side", "-w", &ws]);
        let left = (w - 3) / 2;
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].contains("zero.txt") && lines[0].contains("rev2.md"),
            "{out}"
        );
        for l in &lines {
            assert!(brief::brief::text::width(l) <= w, "{w}: {l:?}");
        }
        for l in &lines[2..] {
            assert_eq!(gutter(l), Some(left + 1), "{w}: {l:?}");
        }
        // The merge: both sides' headings on the line the row starts at.
        let merge = lines
            .iter()
            .find(|l| l.starts_with("¶ 4 · merged into ¶5"))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(merge.ends_with("│ ¶ 5 · merged from ¶4, 5"), "{merge:?}");
        assert!(
            out.contains("{+deep+}") && out.contains("[-[thirty]-]"),
            "{out}"
        );
        assert!(!out.contains('\x1b'), "no colour into a pipe");
    }
}

/// Narrower than 100 columns, old above new; with a history, the versions by name; and
/// `changes` shares the format.
#[test]
fn side_by_side_stacks_below_a_hundred_columns_and_names_a_history_s_versions() {
    let h = fixtures("drafts/lakeland.yaml").display().to_string();
    let out = ok(
        "diff history",
        &run(&[&h, "zero", "rev2", "-f", "side-by-side", "-w", "60"]),
    );
    for l in out.lines() {
        assert!(brief::brief::text::width(l) <= 60, "{l:?}");
    }
    // The versions by id: their long names do not fit in 60 columns.
    assert!(out.starts_with("zero → rev2\n"), "{out}");
    let at = out
        .find("¶ PP3 → PP4 · changed")
        .expect("the row's heading");
    let (old, new) = (out[at..].find("\nzero: "), out[at..].find("\nrev2: "));
    assert!(old.unwrap() < new.unwrap(), "old above new: {out}");
    assert!(out.contains("rev2: Noting with {+deep+} concern"), "{out}");
    let changes = brief_in(&shared_home("diff"))
        .args([
            "changes",
            &h,
            "zero",
            "rev2",
            "-f",
            "side-by-side",
            "-w",
            "120",
        ])
        .output()
        .unwrap();
    let changes = ok("changes", &changes);
    assert!(changes.starts_with("zero · Zero draft"), "{changes}");
    assert!(changes.lines().nth(1).unwrap().contains('┼'), "{changes}");
}
