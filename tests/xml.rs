//! Akoma Ntoso built to hurt, loaded as a user would meet it: a version of a text's
//! history, beside good briefs, under `--briefs`. It must be refused with its place in the
//! file, not abort the process, and the briefs beside it must still load.

mod common;

use common::{brief_in, fixtures, stderr, stdout};

/// 250 KB of Akoma Ntoso with `<recitals>` nested 12,000 deep in the preamble: enough to
/// overflow the stack of a reader that recurses once a level.
fn deep_recitals() -> (String, usize) {
    let prefix = "<akomaNtoso><statement name=\"resolution\"><preamble>";
    let text = format!(
        "{prefix}{}<recital><p>Recalling its earlier work,</p></recital>{}</preamble><mainBody><paragraph><num>1.</num><content><p>Decides to meet.</p></content></paragraph></mainBody></statement></akomaNtoso>\n",
        "<recitals>".repeat(12_000),
        "</recitals>".repeat(12_000)
    );
    // akomaNtoso, statement and preamble are 3 deep: the 62nd <recitals> is the first
    // element 65 deep, one past the limit.
    let column = prefix.len() + 61 * "<recitals>".len() + 1;
    (text, column)
}

#[test]
fn a_version_nested_too_deep_is_refused_with_its_place_and_the_briefs_beside_it_load() {
    let dir = tempfile::tempdir().unwrap();
    let briefs = dir.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    std::fs::copy(fixtures("example.yaml"), briefs.join("example.yaml")).unwrap();
    let (xml, column) = deep_recitals();
    assert!(xml.len() > 250_000);
    std::fs::write(briefs.join("deep.xml"), xml).unwrap();
    std::fs::write(
        briefs.join("text.yaml"),
        "id: deep-text\ntitle: A text nested too deep\nversions:\n  - id: zero\n    label: Zero draft\n    date: 2025-08-29\n    file: deep.xml\n",
    )
    .unwrap();
    let home = dir.path().join("home");
    let run = |args: &[&str]| {
        brief_in(&home)
            .args(["--no-builtin", "--briefs"])
            .arg(&briefs)
            .args(args)
            .output()
            .unwrap()
    };
    let said = format!(
        "text.yaml:7:5: version `zero`: {}:1:{column}: elements nested 12,005 deep; a text nests at most 64",
        briefs.join("deep.xml").display()
    );
    // As with any broken file beside good ones (tests/hostile.rs): listing and searching
    // succeed with the problem on stderr; `check` fails and reports it on stdout.
    for (args, code, shown, wanted) in [
        (&["list"][..], 0, "stderr", "example-input\t"),
        (&["search", "mandate"][..], 0, "stderr", "example-input/"),
        (&["check"][..], 1, "stdout", ""),
    ] {
        let out = run(args);
        // A stack overflow ends the process on a signal, with no exit code.
        assert_eq!(out.status.code(), Some(code), "{args:?}: {out:?}");
        let problems = if shown == "stderr" {
            stderr(&out)
        } else {
            stdout(&out)
        };
        assert!(
            problems.contains(&said),
            "{args:?}: wanted {said:?} in {problems:?}"
        );
        assert!(stdout(&out).contains(wanted), "{args:?}: {}", stdout(&out));
    }
}
