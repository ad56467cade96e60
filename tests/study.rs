//! The cases a user study of `brief diff` on real drafts found wrong, each on an invented
//! pair of versions in tests/fixtures/drafts/study (our own wording): spaces lost, frame
//! lines taken for paragraphs, a PDF's page furniture, labels missed, output that did
//! not say what happened, and texts copied from web pages and transcriptions. Run as a user runs them, with the real binary; and
//! `brief paragraphs`, which shows what was read.

mod common;

use std::process::Output;

use common::{brief_in, fixtures, json_lines, ok, pair_kinds, shared_home, stderr, stdout};

fn study(name: &str) -> String {
    fixtures("drafts/study").join(name).display().to_string()
}

fn run(args: &[&str]) -> Output {
    brief_in(&shared_home("study"))
        .args(args)
        .output()
        .expect("run brief")
}

fn diff(old: &str, new: &str, more: &[&str]) -> String {
    let (o, n) = (study(old), study(new));
    let mut args = vec!["diff", o.as_str(), n.as_str()];
    args.extend_from_slice(more);
    if !more.contains(&"-w") {
        args.extend(["-w", "0"]);
    }
    ok(&format!("diff {old} {new}"), &run(&args))
}

/// (kind, old labels, new labels) of each pair.
fn pairs(old: &str, new: &str) -> Vec<(String, String, String)> {
    pair_kinds(&diff(old, new, &["-f", "json"]))
}

fn paragraphs(file: &str) -> Vec<serde_json::Value> {
    let f = study(file);
    json_lines(&ok("paragraphs", &run(&["paragraphs", &f, "-f", "json"])))
}

fn labels_and_kinds(file: &str) -> Vec<(String, String)> {
    paragraphs(file)
        .iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap().to_owned(),
                p["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn kinds(got: &[(String, String, String)]) -> Vec<&str> {
    got.iter().map(|p| p.0.as_str()).collect()
}

/// A version whose every space was lost still pairs paragraph by paragraph, and the one
/// word inserted is the one change.
#[test]
fn a_version_without_spaces_pairs_by_its_letters() {
    let got = pairs("spaces-a.txt", "spaces-b.txt");
    assert!(
        got.iter()
            .all(|(k, o, n)| o == n && (k == "whitespace" || k == "unchanged" || k == "changed")),
        "{got:?}"
    );
    assert_eq!(got.len(), 7, "{got:?}");
    assert_eq!(
        got.iter().filter(|p| p.0 == "changed").count(),
        1,
        "{got:?}"
    );
    let text = diff("spaces-a.txt", "spaces-b.txt", &[]);
    assert!(text.contains("tooffera{+low-cost+}basicplan"), "{text}");
    assert!(!text.contains("warning"), "{text}");
}

/// Words joined or split at a line end are not a change of wording; the real change is.
#[test]
fn words_joined_or_split_are_not_changes() {
    let got = pairs("glued-a.txt", "glued-b.txt");
    assert_eq!(
        kinds(&got),
        ["whitespace", "changed", "whitespace"],
        "{got:?}"
    );
    let text = diff("glued-a.txt", "glued-b.txt", &[]);
    assert!(text.contains("unchanged  1  (layout only)\n"), "{text}");
    assert!(text.contains("share {+open+} data"), "{text}");
    assert_eq!(text.matches("{+").count(), 1, "{text}");
    assert!(!text.contains("[-"), "{text}");
}

/// Two versions of nothing alike: a warning says so before the pairs (stderr for JSON).
#[test]
fn a_version_that_pairs_with_nothing_is_warned_of() {
    let text = diff("frame-a.txt", "other.txt", &[]);
    assert!(text.starts_with("warning: only 0 of the"), "{text}");
    assert!(text.contains("check this pairing"), "{text}");
    let (a, b) = (study("frame-a.txt"), study("other.txt"));
    let out = run(&["diff", &a, &b, "-f", "json"]);
    assert!(
        stderr(&out).contains("check this pairing"),
        "{}",
        stderr(&out)
    );
    assert!(json_lines(&stdout(&out)).len() > 1);
    // Versions of one text are not warned of.
    let same = diff("frame-a.txt", "frame-b.txt", &[]);
    assert!(!same.contains("warning"), "{same}");
}

/// The frame of an adopted text (symbol, "Draft resolution submitted by", the formula,
/// "Adopts the following", the title, the chapeau) is read as frame lines: the first
/// preambular paragraph is PP1, and the swap of 3 and 4 is one move, not a split.
#[test]
fn frame_lines_are_not_paragraphs() {
    let got = labels_and_kinds("frame-b.txt");
    let frames = got.iter().take_while(|(_, k)| k == "frame").count();
    assert_eq!(frames, 6, "{got:?}");
    assert_eq!(
        got[6],
        ("PP1".to_owned(), "preambular".to_owned()),
        "{got:?}"
    );
    assert_eq!(
        paragraphs("frame-b.txt")[6]["text"],
        "Recalling the declaration adopted by the Lakeland Regional Internet Forum at its first session,"
    );
    assert!(got.iter().all(|(l, _)| l != "PP4"), "{got:?}");
    let pairs = pairs("frame-a.txt", "frame-b.txt");
    for (k, o, n) in &pairs {
        assert!(k != "split" && k != "merged", "{pairs:?}");
        if o.starts_with("PP") || n.starts_with("PP") {
            assert_eq!((k.as_str(), o), ("unchanged", n), "{pairs:?}");
        }
    }
    let moved: Vec<_> = pairs.iter().filter(|p| p.0 == "moved").collect();
    assert_eq!(moved.len(), 1, "{pairs:?}");
    assert!(
        [("3", "4"), ("4", "3")].contains(&(moved[0].1.as_str(), moved[0].2.as_str())),
        "{pairs:?}"
    );
}

/// A PDF's text with pages: no running head, job number or page number is a paragraph,
/// the paragraph cut by the page break is one (with its change after the break), and the
/// footnote is its paragraph's, out of the wording.
#[test]
fn page_furniture_is_not_text_and_footnotes_stay_footnotes() {
    let ps = paragraphs("pages-b.txt");
    for p in &ps {
        let t = p["text"].as_str().unwrap();
        for furniture in ["LRF/2026", "26-00417", "1/2", "2/2", "Our own note"] {
            assert!(!t.contains(furniture), "{p}");
        }
    }
    let got: Vec<&str> = ps.iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(got, ["Preamble", "PP1", "PP2", "1", "2", "3", "4"]);
    assert_eq!(
        ps[2]["footnotes"],
        serde_json::json!(["Our own note: the forum first met in Port Aven."])
    );
    assert!(ps[2]["text"].as_str().unwrap().ends_with("first session,"));
    let pairs = pairs("pages-a.txt", "pages-b.txt");
    assert_eq!(pairs.len(), 7, "{pairs:?}");
    let changed: Vec<_> = pairs.iter().filter(|p| p.0 != "unchanged").collect();
    assert_eq!(changed.len(), 1, "{pairs:?}");
    let text = diff("pages-a.txt", "pages-b.txt", &[]);
    assert!(
        text.contains("lake councils{+, with the regional development bank+} and with"),
        "{text}"
    );
}

/// Labels as drafts write them: `Paragraph 58` on its own line, `58 BIS.`, `58 ter)`,
/// a tab after the number.
#[test]
fn labels_drafts_write() {
    let got: Vec<String> = labels_and_kinds("labels-a.txt")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(got, ["57", "58", "58bis", "58ter", "59"]);
    let pairs = pairs("labels-a.txt", "labels-b.txt");
    assert!(pairs.iter().all(|(_, o, n)| o == n), "{pairs:?}");
    assert_eq!(
        kinds(&pairs),
        [
            "unchanged",
            "changed",
            "unchanged",
            "unchanged",
            "unchanged"
        ]
    );
}

/// A Markdown list keeps the numbers the source gives it.
#[test]
fn markdown_keeps_the_numbers_it_is_given() {
    let got: Vec<String> = labels_and_kinds("list-a.md")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(got, ["Operative part", "5", "9", "12"]);
}

/// A sentence moved to the next paragraph is moved text, said once where it went and
/// once where it came; each part of a split is marked with its label.
#[test]
fn moved_text_and_the_parts_of_a_split_are_said() {
    let text = diff("moves-a.txt", "moves-b.txt", &[]);
    assert!(
        text.contains("lowers costs. [moved to ¶3: The councils will keep a register"),
        "{text}"
    );
    assert!(
        text.contains("every year. {moved from ¶2: The councils will keep a register"),
        "{text}"
    );
    assert!(text.contains("(text moved to 3;"), "{text}");
    assert!(
        text.contains("¶4 We request the secretariat") && text.contains(" ¶5 {+We ask the"),
        "{text}"
    );
    assert!(!text.contains("{+The councils"), "{text}");
    let columns = diff(
        "moves-a.txt",
        "moves-b.txt",
        &["-f", "side-by-side", "-w", "120"],
    );
    assert!(columns.contains("¶ 2 · text moved to ¶3"), "{columns}");
    assert!(
        columns.contains("¶ 3 · changed · text moved from ¶2"),
        "{columns}"
    );
    let json = json_lines(&diff("moves-a.txt", "moves-b.txt", &["-f", "json"]));
    let second = &json[1];
    assert_eq!(second["moved"][0]["way"], "to", "{second}");
    assert_eq!(second["moved"][0]["other"], serde_json::json!(["3"]));
    let k = second["moved"][0]["change"].as_u64().unwrap() as usize;
    assert_eq!(second["changes"][k]["op"], "delete");
}

/// A sentence moved to the paragraph before and edited on the way (a date changed, words
/// reordered, `and also` joining it) is said as moved at both ends, with its edits
/// noted; the rest of the paragraph it left is diffed without it. A note run into the
/// text is the paragraph's footnote, and a number of an earlier draft inside the opening
/// bracket is not wording.
#[test]
fn a_sentence_moved_and_edited_is_moved_text() {
    let text = diff("edited-a.txt", "edited-b.txt", &[]);
    assert!(
        text.contains("this review {+and also+} {moved from ¶2: that the councils"),
        "{text}"
    );
    assert!(
        text.contains(
            "[moved to ¶1: Recalling that the councils, in their decision 12/3 of 14 August 2024,"
        ),
        "{text}"
    );
    assert!(text.contains("(text moved from 2, edited;"), "{text}");
    assert!(
        text.contains("[-We further recall that the review shall look-]{+Welcoming"),
        "{text}"
    );
    assert!(text.contains("Districts{+”+}, [-in which"), "{text}");
    for absent in [
        "1See",
        "LRF/2020/7",
        "[-1.",
        "{+Welcoming the many views sent by the councils, the operators, the schools, the clinics and every other relevant group, in looking at",
    ] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
    let json = json_lines(&diff("edited-a.txt", "edited-b.txt", &["-f", "json"]));
    let first = json
        .iter()
        .find(|p| p["new"] == serde_json::json!(["1"]))
        .unwrap();
    assert_eq!(first["moved"][0]["edited"], true, "{first}");
    assert_eq!(first["moved"][0]["way"], "from", "{first}");
    let read = paragraphs("edited-b.txt");
    assert_eq!(read[2]["footnotes"], serde_json::json!(["See LRF/2020/7"]));
    assert!(
        read[2]["text"]
            .as_str()
            .unwrap()
            .contains("Charter for the councils")
    );
    let old = paragraphs("edited-a.txt");
    assert_eq!(old[4]["label"], "3");
    assert!(old[4]["text"].as_str().unwrap().starts_with("[Building on"));
}

/// Drafts as delegates copy them: one run onto a single line by a transcription site
/// (header lines, a title with its status tag, `Zero draft Preamble 1. Recalling …`), the
/// next from a web page, a paragraph a line with no labels. Each paragraph is found, the
/// frame pairs with the frame, and the changes are listed as a reader would: a first
/// sentence deleted whole, a clause rewritten whole as one change, insertions around a
/// kept `the` apart.
#[test]
fn copied_texts_are_read_as_their_paragraphs() {
    assert_eq!(
        labels_and_kinds("copied-a.txt")
            .iter()
            .map(|(l, k)| format!("{l} {k}"))
            .collect::<Vec<_>>(),
        [
            "LRF/2026/L.3 frame",
            "14 May 2026 frame",
            "Original: English frame",
            "Draft outcome of the Lakeland Regional Internet Forum frame",
            "Zero draft frame",
            "Preamble heading",
            "1 operative",
            "2 operative",
            "3 operative",
        ]
    );
    let new = labels_and_kinds("copied-b.txt");
    assert_eq!(new.len(), 7, "{new:?}");
    assert_eq!(new[3].1, "frame", "the chapeau: {new:?}");
    let text = diff("copied-a.txt", "copied-b.txt", &[]);
    for want in [
        "[-Draft outcome-]{+Outcome+} of the Lakeland Regional Internet Forum",
        "[-We are determined to connect every village.-] We will get there only by working {+more closely+} with",
        "towns. [-Every household, school and clinic should have a line it can pay for and the skills to use it-] {+Narrowing these gaps will take steady, sufficient and timely money from the regional development bank+}.",
        "Building on{+, among other inputs,+} the coverage maps",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
}

/// A PDF is read through pdftotext where it is installed; where it is not, the error says
/// what to install.
#[test]
fn a_pdf_is_read_through_pdftotext() {
    let pdf = study("pages.pdf");
    let installed = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if installed {
        let out = ok("paragraphs", &run(&["paragraphs", &pdf]));
        assert!(
            out.starts_with("Preamble   heading\nPP1        preambular\n"),
            "{out}"
        );
        assert!(
            out.contains("working with the lake councils, with the regional development bank"),
            "{out}"
        );
        assert!(!out.contains("LRF/2026") && !out.contains("1/2"), "{out}");
        let d = diff("pages-a.txt", "pages.pdf", &[]);
        assert!(
            d.contains("{+, with the regional development bank+}"),
            "{d}"
        );
    } else {
        eprintln!("pdftotext is not installed (poppler-utils): the PDF is not read here");
    }
    // No pdftotext on the PATH: said, with what to install.
    let out = brief_in(&shared_home("study"))
        .args(["paragraphs", &pdf])
        .env("PATH", "")
        .output()
        .expect("run brief");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("pdftotext") && err.contains("apt install poppler-utils"),
        "{err}"
    );
    // The same from stdin: a PDF is told by its first bytes.
    let piped = brief_in(&shared_home("study"))
        .args(["paragraphs", "-"])
        .env("PATH", "")
        .stdin(std::fs::File::open(&pdf).unwrap())
        .output()
        .expect("run brief");
    assert!(
        stderr(&piped).contains("poppler-utils"),
        "{}",
        stderr(&piped)
    );
}

/// `brief paragraphs` in text: label, kind and status, the text below; escape codes from
/// the file are shown, not obeyed.
#[test]
fn paragraphs_as_text() {
    let f = study("frame-b.txt");
    let out = ok("paragraphs", &run(&["paragraphs", &f]));
    assert!(out.starts_with("LRF/2026/L.7 frame\n"), "{out}");
    // A side is for a Word file's tracked changes: asked of plain text, it is a mistake.
    let sided = run(&["paragraphs", &f, "--as", "original"]);
    assert_eq!(sided.status.code(), Some(1));
    assert!(stderr(&sided).contains("Word file"), "{}", stderr(&sided));
    assert!(
        out.contains("PP1        preambular\n    Recalling the declaration"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil.txt");
    std::fs::write(
        &evil,
        "1. We note\x1b[2J the work.\n\n2. We decide. [Agreed]\n",
    )
    .unwrap();
    let e = evil.display().to_string();
    let out = ok("paragraphs", &run(&["paragraphs", &e]));
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.contains("2          operative  (agreed)\n"), "{out}");
    let json = ok("json", &run(&["paragraphs", &e, "-f", "json"]));
    assert!(
        !json.contains('\x1b') && !json.contains("\\u001b"),
        "{json}"
    );
    let bad = run(&["paragraphs", &e, "--as", "both"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// What a hostile file could make slow in the readers and the diff of this study ends
/// quickly: a million page breaks, a page of blank lines, a page of footnote-like lines
/// and calls, a label line repeated, two long texts without spaces.
#[test]
fn hostile_pages_and_glued_texts_end_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let mut many_notes = String::from("1. We note the work");
    for i in 0..50_000 {
        many_notes.push_str(&format!(" word{}", i % 999));
    }
    many_notes.push_str("\n\n");
    for i in 0..50_000 {
        many_notes.push_str(&format!("{} Note text.\n", i % 999));
    }
    many_notes.push('\u{c}');
    let files = [
        write(
            "breaks.txt",
            "A/80/L.41\n1. We note.\n\n3/9\n\u{c}".repeat(100_000),
        ),
        write(
            "blank.txt",
            format!(
                "{}1. We note.\n\u{c}2. We decide.\n\u{c}",
                "\n".repeat(500_000)
            ),
        ),
        write("notes.txt", many_notes),
        write("labels.txt", "Paragraph 58\n".repeat(100_000)),
    ];
    let glued = |shift: usize| -> String {
        let letters: String = (0..300_000)
            .map(|i| {
                if i % 50 == shift {
                    'x'
                } else {
                    (b'a' + (i * 7 % 26) as u8) as char
                }
            })
            .collect();
        format!("1.{letters}.\n\n2.{}.\n", &letters[..1000])
    };
    let (ga, gb) = (write("ga.txt", glued(0)), write("gb.txt", glued(7)));
    let start = std::time::Instant::now();
    for f in &files {
        let out = run(&["paragraphs", f, "-f", "json"]);
        assert!(out.status.code().is_some(), "{f}");
        let out = run(&["diff", f, f, "-f", "json"]);
        assert!(out.status.code().is_some(), "{f}");
    }
    let out = run(&["diff", &ga, &gb, "-f", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}
