//! `brief check` as a user runs it: the real binary on one fixture per error class, with
//! the exact message and location asserted.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// brief run in `dir`; the user's own briefs folder is kept out (see `common`).
fn brief(dir: &Path, args: &[&str]) -> Output {
    common::brief_in(&common::shared_home("check"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run brief")
}

fn errors_dir() -> std::path::PathBuf {
    common::fixtures("errors")
}

/// Check one fixture alone; return stdout, asserting exit status 1.
fn check_fails(file: &str) -> String {
    failing(&errors_dir(), &["--no-builtin", "check", file])
}

/// brief run in `dir`; stdout, asserting exit status 1.
fn failing(dir: &Path, args: &[&str]) -> String {
    let out = brief(dir, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_error_class_is_reported_with_its_location() {
    let cases: &[(&str, &str)] = &[
        (
            "syntax.yaml",
            "syntax.yaml:12:8: illegal placement of ':' indicator",
        ),
        (
            "unknown-field.yaml",
            "unknown-field.yaml:42:9: sections[0].items[0].sumary: unknown field `sumary`: did you mean `summary`? (allowed fields: id, title, summary, body, group, tags, cite, see)",
        ),
        (
            "wrong-type.yaml",
            "wrong-type.yaml:48:14: sections[0].items[0].see: expected a sequence, found map",
        ),
        (
            "unquoted-number.yaml",
            "unquoted-number.yaml:3:8: title: expected a string, found integer `2025`: put text that looks like a number or a boolean in quotes",
        ),
        (
            "missing-field.yaml",
            "missing-field.yaml:40:9: sections[0].items[0]: missing required field `cite`",
        ),
        (
            "empty-text.yaml",
            "empty-text.yaml:41:16: sections[0].items[0].title: is empty; write the text or leave the field out if it is optional",
        ),
        (
            "bad-id.yaml",
            "bad-id.yaml:40:13: sections[0].items[0].id: `Permanent_Mandate` is not an id: use lowercase letters, digits and hyphens, starting with a letter or digit",
        ),
        (
            "duplicate-id.yaml",
            "duplicate-id.yaml:82:13: sections[3].positions[1].id: duplicate entry id `org-on-mandate`: already used at sections[3].positions[0].id",
        ),
        (
            "bad-date.yaml",
            "bad-date.yaml:88:15: sections[3].positions[1].date: `2025-02-30` is not a day of the calendar: 2025-02 has 28 days",
        ),
        (
            "end-before-date.yaml",
            "end-before-date.yaml:67:14: sections[2].events[0].end: 2025-12-15 is before the event's date 2025-12-16",
        ),
        (
            "unknown-stance.yaml",
            "unknown-stance.yaml:79:17: sections[3].positions[0].stance: unknown value `suport`: did you mean `support`? (allowed values: support, oppose, conditional, mixed, reservation, none)",
        ),
        (
            "long-summary.yaml",
            "long-summary.yaml:42:18: sections[0].items[0].summary: is 700 characters; a summary is one to three sentences (at most 600): move the rest to `body`",
        ),
        (
            "duplicate-key.yaml",
            "duplicate-key.yaml:8:1: duplicate key `language`: each key may appear once in a mapping",
        ),
        (
            "tab-indent.yaml",
            "tab-indent.yaml:13:9: while scanning a plain scalar, found a tab: indent YAML with spaces, not tabs",
        ),
        (
            "not-utf8.yaml",
            "not-utf8.yaml:16:20: not UTF-8 text (byte 0xE9 here): save the brief as UTF-8",
        ),
        (
            "binary.yaml",
            "binary.yaml:3:1: binary file (it holds NUL bytes): a brief is YAML text in UTF-8",
        ),
        (
            "empty.yaml",
            "empty.yaml: file is empty: a brief needs at least id, title, publisher, kind, published, summary and sections",
        ),
        (
            "alias-bomb.yaml",
            "alias-bomb.yaml:5:45: aliases here expand to more than 100000 nodes: refused as an alias bomb",
        ),
        (
            "deep-nesting.yaml",
            "deep-nesting.yaml:1:36: nested more than 32 levels deep; a brief needs far fewer",
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(check_fails(file).trim_end(), *expected, "fixture {file}");
    }
}

#[test]
fn all_errors_in_a_file_are_reported_not_only_the_first() {
    assert_eq!(
        check_fails("several-errors.yaml"),
        "several-errors.yaml:42:9: sections[0].items[0].sumary: unknown field `sumary`: did you mean `summary`? (allowed fields: id, title, summary, body, group, tags, cite, see)\n\
         several-errors.yaml:79:17: sections[3].positions[0].stance: unknown value `suport`: did you mean `support`? (allowed values: support, oppose, conditional, mixed, reservation, none)\n\
         several-errors.yaml:88:15: sections[3].positions[1].date: `2025-13` has month 13; months run from 01 to 12\n"
    );
    assert_eq!(
        check_fails("dangling-references.yaml"),
        "dangling-references.yaml:48:15: sections[0].items[0].see[0]: `example-input/positions/nobody` names nothing in the loaded briefs\n\
         dangling-references.yaml:60:24: sections[1].figures[0].cite.source: unknown source `example-dco`: did you mean `example-doc`?\n\
         dangling-references.yaml:77:16: sections[3].positions[0].issue: unknown issue `forum-mandate`: did you mean `example-forum-mandate`?\n\
         dangling-references.yaml:84:16: sections[3].positions[1].actor: unknown actor `example-stat`: did you mean `example-state`?\n"
    );
}

#[test]
fn an_actor_declared_twice_differently_names_both_places() {
    let fixtures = common::fixtures("");
    let out = brief(
        &fixtures,
        &[
            "--no-builtin",
            "check",
            "example.yaml",
            "errors/conflicting-actor.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "errors/conflicting-actor.yaml:21:9: actors[0].id: actor `example-org` is declared differently in example.yaml; actor ids are global, so every declaration of one must be the same\n"
    );
}

#[test]
fn good_files_pass_with_a_one_line_summary() {
    let fixtures = common::fixtures("");
    let out = brief(&fixtures, &["--no-builtin", "check", "example.yaml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "ok: 1 briefs in 1 files, 5 entries, 1 issues, 2 positions\n"
    );
}

#[test]
fn the_builtin_briefs_pass_check() {
    let out = brief(&errors_dir(), &["check"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("ok: "), "{stdout}");
}

#[test]
fn a_broken_file_does_not_stop_the_others_loading() {
    let fixtures = common::fixtures("");
    let out = brief(
        &fixtures,
        &[
            "--no-builtin",
            "--briefs",
            "example.yaml",
            "--briefs",
            "errors/syntax.yaml",
        ],
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "example-input\tExample Input to a Consultation\n"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("errors/syntax.yaml:12:8: "), "{stderr}");
}

#[test]
fn folders_fifos_and_oversized_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    let big = vec![b'#'; 9 * 1024 * 1024];
    std::fs::write(dir.path().join("big.yaml"), big).unwrap();
    let out = brief(dir.path(), &["--no-builtin", "check", "big.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "big.yaml: file is 9437184 bytes, over the limit of 8388608 bytes; a brief this large is not one brief\n"
    );
    // A folder named on the command line is searched, and holds no brief here.
    let out = brief(dir.path(), &["--no-builtin", "check", "folder.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    #[cfg(unix)]
    {
        let fifo = dir.path().join("pipe.yaml");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if made {
            let out = brief(dir.path(), &["--no-builtin", "check", "pipe.yaml"]);
            assert_eq!(out.status.code(), Some(1));
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                "pipe.yaml: is not a regular file (a FIFO, socket or device?)\n"
            );
        }
    }
}

#[test]
fn briefs_in_the_config_folder_are_loaded_unless_no_builtin() {
    let dir = tempfile::tempdir().unwrap();
    let briefs = dir.path().join("config/brief/briefs");
    std::fs::create_dir_all(&briefs).unwrap();
    std::fs::copy(common::fixtures("example.yaml"), briefs.join("mine.yaml")).unwrap();
    let run = |args: &[&str]| {
        // Its config folder is dir/config, where the brief was put.
        let out = common::brief_in(dir.path()).args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = run(&[]);
    assert!(
        listed.contains("example-input\tExample Input to a Consultation\n"),
        "{listed}"
    );
    assert!(listed.contains("wsis20-overview\t"), "{listed}");
    assert!(!run(&["--no-builtin"]).contains("example-input"));
}

#[test]
fn schema_is_published_and_up_to_date() {
    let out = brief(&errors_dir(), &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/brief.schema.json"),
    )
    .unwrap();
    assert_eq!(
        printed, committed,
        "schema/brief.schema.json is stale: run `cargo run -- schema > schema/brief.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false),
        "unknown fields must be flagged by editors too"
    );
}

#[test]
fn the_documented_example_is_the_tested_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/brief-format.md")).unwrap();
    let fixture = std::fs::read_to_string(root.join("tests/fixtures/example.yaml")).unwrap();
    assert!(
        doc.contains(&format!("```yaml\n{fixture}```")),
        "docs/brief-format.md's example differs from tests/fixtures/example.yaml"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = brief(&errors_dir(), &["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_users_copy_of_a_builtin_brief_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (name, bytes) = brief::library::builtin_files()
        .iter()
        .find(|(n, _)| *n == "isoc-igf-2025-blog.yaml")
        .expect("shipped brief");
    let text = std::str::from_utf8(bytes).unwrap().replacen(
        "\ntitle: ",
        "\ntitle: \"My edited copy\"\n# was: ",
        1,
    );
    std::fs::write(dir.path().join(name), text).unwrap();
    let out = brief(dir.path(), &["check", name]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = brief(dir.path(), &["--briefs", name]);
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(
        listed.contains("isoc-igf-2025-blog\tMy edited copy\n"),
        "{listed}"
    );
    assert_eq!(
        listed.matches("isoc-igf-2025-blog\t").count(),
        1,
        "{listed}"
    );
}

#[test]
fn cross_references_into_briefs_not_loaded_are_not_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The overview alone points into the four other briefs, none of them loaded.
    let out = brief(
        root,
        &["--no-builtin", "check", "briefs/wsis20-overview.yaml"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A reference into a loaded brief must still resolve.
    let out = brief(
        &errors_dir(),
        &["--no-builtin", "check", "dangling-references.yaml"],
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("`example-input/positions/nobody` names nothing")
    );
}

#[test]
fn one_broken_brief_is_reported_once_not_echoed_by_the_briefs_that_cite_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/circleid-wsis20-roadmap-2025.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.yaml"),
        text.replacen("stance: support", "stance: suport", 1),
    )
    .unwrap();
    let out = brief(dir.path(), &["check", "broken.yaml"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("broken.yaml:"), "{stdout}");
}

/// `brief check` beside the built-in briefs, as a user runs it; stdout, asserting exit 1.
fn check_beside_builtins(dir: &Path, file: &str) -> String {
    failing(dir, &["check", file])
}

/// Assert that every line of `expected` begins a line of `stdout`: place, path and message,
/// but not always the whole list of allowed names, which grows with the format.
fn assert_lines(stdout: &str, expected: &[&str]) {
    for e in expected {
        assert!(
            stdout.lines().any(|l| l.starts_with(e)),
            "missing line\n  {e}\nin\n{stdout}"
        );
    }
}

#[test]
fn errors_of_a_later_entry_are_reported_at_that_entry() {
    let stdout = check_fails("whole-truth.yaml");
    assert_lines(
        &stdout,
        &[
            "whole-truth.yaml:29:15: sections[1].positions[0].cite: missing required field `at`",
            "whole-truth.yaml:35:9: sections[1].positions[1].paragrafs: unknown field `paragrafs`",
            "whole-truth.yaml:36:49: sections[1].positions[1].cite.at: is empty; write the text or leave the field out if it is optional",
        ],
    );
    assert!(!stdout.contains("positions[0].paragrafs"), "{stdout}");
}

#[test]
fn a_bad_value_beside_another_error_in_its_entry_is_reported_with_the_allowed_values() {
    let stdout = check_fails("whole-truth.yaml");
    assert_lines(
        &stdout,
        &[
            "whole-truth.yaml:16:15: sections[0].events[0].date: `2025-08-29/30` is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day; for a date sources disagree on, give one here and the other under the event's `other_dates`, each with its source",
            "whole-truth.yaml:18:17: sections[0].events[0].status: unknown value `published` (allowed values: held, planned)",
        ],
    );
}

/// Check the documented example as `edit` changes it, alone (written as `name`): the run.
fn check_example(name: &str, edit: impl FnOnce(String) -> String) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::fixtures("example.yaml")).unwrap();
    std::fs::write(dir.path().join(name), edit(text)).unwrap();
    brief(dir.path(), &["--no-builtin", "check", name])
}

#[test]
fn two_allowed_names_are_listed_not_none_here() {
    let out = check_example("enum.yaml", |text| {
        text.replacen("status: planned", "status: published", 1)
            .replacen(
                "cite: {source: example-doc, at: \"Question 1\"}",
                "cite: {source: example-doc, at: \"Question 1\", page: 3}",
                1,
            )
    });
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("none here"), "{stdout}");
    assert!(
        stdout.contains("unknown value `published` (allowed values: held, planned)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("unknown field `page` (allowed fields: source, at)"),
        "{stdout}"
    );
}

#[test]
fn format_errors_do_not_hide_reference_and_declaration_errors() {
    let stdout = check_beside_builtins(&errors_dir(), "whole-truth.yaml");
    assert_lines(
        &stdout,
        &[
            "whole-truth.yaml:19:24: sections[0].events[0].cite.source: unknown source `nosuch`: declare it under `sources:` in a brief",
            "whole-truth.yaml:24:16: sections[1].positions[0].issue: unknown issue `igf-mandat`: did you mean `igf-mandate`?",
            "whole-truth.yaml:26:17: sections[1].positions[0].stance: unknown value `disassociate` (allowed values: support, oppose, ",
            "whole-truth.yaml:8:9: issues[0].id: issue `igf-mandate` is declared differently in builtin:briefs/wsis20-overview.yaml; issue ids are global, so every declaration of one must be the same",
        ],
    );
}

#[test]
fn an_unknown_actor_is_reported_beside_format_errors() {
    let out = check_example("four.yaml", |text| {
        text.replacen("actor: example-state", "actor: example-stat", 1)
            .replacen("status: planned", "status: planed", 1)
            .replacen("stance: support", "stance: suport", 1)
            .replacen("as_of: 2025", "as_of: 2025-13", 1)
            .replacen("unit: forums", "units: forums", 1)
    });
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    assert!(
        stdout.contains(".actor: unknown actor `example-stat`: did you mean `example-state`?"),
        "{stdout}"
    );
}

#[test]
fn one_word_see_selectors_are_checked() {
    let out = check_example("see.yaml", |text| {
        text.replacen(
            "see: [example-input/positions/org-on-mandate]",
            "see: [example-input, positions, zzz]",
            1,
        )
    });
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout.contains(".see[1]: `positions` names no brief: a one-word selector is a brief id; for this brief's section write `example-input/positions`"),
        "{stdout}"
    );
    assert!(
        stdout.contains(".see[2]: `zzz` names nothing in the loaded briefs"),
        "{stdout}"
    );
}

#[test]
fn each_wrong_value_is_reported_once_at_its_own_place() {
    let dir = tempfile::tempdir().unwrap();
    // Every field of the header wrong, and sections that are not mappings: each is said
    // once, where it is, and the sections after a wrong one keep their own index.
    std::fs::write(
        dir.path().join("shapes.yaml"),
        "id: [1]\ntitle: [2]\npublisher: {a: 1}\nkind: 5\npublished: x\nsummary: s\n\
         sections: [5, [1], {id: a, title: A, items: [x]}]\n",
    )
    .unwrap();
    let out = brief(dir.path(), &["--no-builtin", "check", "shapes.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "shapes.yaml:1:5: id: expected a string, found sequence\n\
         shapes.yaml:2:8: title: expected a string, found sequence\n\
         shapes.yaml:3:12: publisher: expected a string, found map\n\
         shapes.yaml:4:7: kind: expected string or map, found integer `5`: put text that looks like a number or a boolean in quotes\n\
         shapes.yaml:5:12: published: `x` is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day\n\
         shapes.yaml:7:12: sections[0]: expected a mapping of fields, found integer `5`\n\
         shapes.yaml:7:15: sections[1]: expected a mapping of fields, found a list\n\
         shapes.yaml:7:46: sections[2].items[0]: expected a mapping of fields, found text `x`\n"
    );
}

#[test]
fn unknown_keys_are_reported_in_the_order_of_the_file() {
    let out = check_example("keys.yaml", |text| format!("zz: 1\nmm: 2\naa: 3\n{text}"));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let keys: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(": ").nth(1).unwrap_or(""))
        .collect();
    assert_eq!(keys, ["zz", "mm", "aa"], "{stdout}");
}

/// A value written as another word for an allowed one (`stance: against`) is pointed to
/// the word the format uses, at its line and column.
#[test]
fn another_word_for_a_stance_is_pointed_to_the_formats_word() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(common::fixtures("cli").join("example.yaml")).unwrap();
    let (line, _) = example
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim() == "stance: support")
        .expect("a stance to change");
    std::fs::write(
        dir.path().join("ex.yaml"),
        example.replacen("stance: support", "stance: against", 1),
    )
    .unwrap();
    let out = failing(dir.path(), &["--no-builtin", "check", "ex.yaml"]);
    assert!(
        out.contains(&format!(
            "ex.yaml:{}:17: sections[3].positions[0].stance: unknown value `against`: did you mean `oppose`?",
            line + 1
        )),
        "{out}"
    );
}

/// An unknown issue whose words are those of a declared one, in part or in another order,
/// is pointed to it, though its spelling is far from it.
#[test]
fn an_unknown_issue_is_pointed_to_the_one_its_words_name() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(common::fixtures("cli").join("example.yaml")).unwrap();
    std::fs::write(
        dir.path().join("ex.yaml"),
        example.replacen(
            "issue: example-forum-mandate",
            "issue: mandate-of-the-forum",
            1,
        ),
    )
    .unwrap();
    let out = failing(dir.path(), &["--no-builtin", "check", "ex.yaml"]);
    assert!(
        out.contains("unknown issue `mandate-of-the-forum`: did you mean `example-forum-mandate`?"),
        "{out}"
    );
}
