//! Hostile input through the real binary: whatever a brief, a file name, a note or an
//! argument holds, no output of brief — stdout or stderr, in any format, in any message —
//! carries a byte a terminal would act on.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What a terminal acts on: C0 controls but newline and tab, DEL, C1 controls, and bidi
/// embeddings, overrides and isolates. Returns the first one found, with some context.
fn dangerous(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .find(|&(_, c)| {
            (c < ' ' && c != '\n' && c != '\t')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .map(|(i, c)| {
            let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
            format!("U+{:04X} after {:?}", c as u32, &text[from..i])
        })
}

fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(found) = dangerous(bytes) {
            panic!("{what}: {stream} carries {found}");
        }
    }
}

/// A name and text a hostile sender might choose.
const EVIL: &str = "\x1b]0;pwned\x07\x1b[2J\u{9b}31m\u{202e}\u{2066}\x08\r\x7f";

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let briefs = dir.path().join("briefs");
        std::fs::create_dir(&briefs).unwrap();
        let fixtures = common::fixtures("cli");
        for f in ["example.yaml", "world.yaml"] {
            std::fs::copy(fixtures.join(f), briefs.join(f)).unwrap();
        }
        // A broken brief whose file name is itself an attack.
        std::fs::write(briefs.join(format!("{EVIL}.yaml")), "id: [\n").unwrap();
        Sandbox { dir }
    }

    fn briefs(&self) -> PathBuf {
        self.dir.path().join("briefs")
    }

    fn run(&self, args: &[&str]) -> Output {
        common::brief_in(self.dir.path())
            .arg("--no-builtin")
            .arg("--briefs")
            .arg(self.briefs())
            .args(args)
            .output()
            .unwrap()
    }
}

#[test]
fn no_output_of_any_command_carries_a_control_sequence() {
    let s = Sandbox::new();
    // A note is the user's own text, but it may be pasted from anywhere.
    let noted = s.run(&[
        "note",
        "world-input/voices/hostile",
        &format!("pasted {EVIL} note"),
    ]);
    assert_clean("note", &noted);
    assert!(noted.status.success(), "{noted:?}");

    let mut runs: Vec<Vec<String>> = Vec::new();
    for format in ["text", "markdown", "json", "yaml"] {
        for sel in ["world-input", "world-input/voices/hostile", "example-input"] {
            runs.push(vec!["show".into(), sel.into(), "-f".into(), format.into()]);
        }
    }
    for args in [
        &["list"][..],
        &["list", "world-input"],
        &["list", "world-input/voices"],
        &["search", "hostile"],
        &["search", "pwned"],
        &["compare"],
        &["compare", "example-forum-mandate"],
        &["compare", "example-forum-mandate", "-f", "markdown"],
        &["timeline"],
        &["notes"],
        &["notes", "--json"],
        &["export"],
        &["export", "-f", "json"],
        &["check"],
        &["schema"],
    ] {
        runs.push(args.iter().map(|a| a.to_string()).collect());
    }
    // A version of a negotiated text is pasted from anywhere too: its paragraphs, a
    // footnote at a page's foot, as `brief paragraphs` and `brief diff` print them.
    let draft = s.dir.path().join("draft.txt");
    std::fs::write(
        &draft,
        format!("1. We note {EVIL} the work,3 of all.\n\n3 A note {EVIL}.\n\x0c2. We decide {EVIL}.\n\x0c"),
    )
    .unwrap();
    let draft = draft.display().to_string();
    for format in ["text", "json"] {
        runs.push(vec![
            "paragraphs".into(),
            draft.clone(),
            "-f".into(),
            format.into(),
        ]);
    }
    for format in ["text", "markdown", "json", "summary"] {
        runs.push(vec![
            "diff".into(),
            draft.clone(),
            draft.clone(),
            "-f".into(),
            format.into(),
        ]);
    }
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_clean(&format!("{args:?}"), &s.run(&args));
        let mut coloured = args.clone();
        coloured.extend(["--color", "always"]);
        if !matches!(args[0], "schema" | "notes" | "export" | "check") {
            let out = s.run(&coloured);
            // Colour is brief's own SGR codes and nothing else: drop them, then check.
            let mut stripped = out.clone();
            stripped.stdout = strip_sgr(&out.stdout);
            assert_clean(&format!("{coloured:?}"), &stripped);
        }
    }
}

/// `out` without the `ESC [ digits;... m` sequences brief writes for colour.
fn strip_sgr(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'm') {
                i = j + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[test]
fn messages_about_names_the_user_typed_carry_no_control_sequence() {
    let s = Sandbox::new();
    let checked = s.run(&["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(
        report.contains("␛]0;pwned␇"),
        "the bad file is named, visibly: {report}"
    );
    assert_clean("check", &checked);
    for args in [
        vec!["show".to_owned(), format!("world-input/{EVIL}")],
        vec!["show".to_owned(), EVIL.to_owned()],
        vec!["search".to_owned(), EVIL.to_owned()],
        vec![
            "search".to_owned(),
            "--actor".to_owned(),
            EVIL.to_owned(),
            "x".to_owned(),
        ],
        vec!["compare".to_owned(), EVIL.to_owned()],
        vec!["note".to_owned(), EVIL.to_owned(), "x".to_owned()],
        vec!["check".to_owned(), format!("/nonexistent/{EVIL}.yaml")],
        vec![format!("--{EVIL}")],
        vec![
            "show".to_owned(),
            "-f".to_owned(),
            EVIL.to_owned(),
            "x".to_owned(),
        ],
        vec![EVIL.to_owned()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = s.run(&args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_clean(&format!("{args:?}"), &out);
    }
}

#[test]
fn the_size_limit_is_the_users_to_set_and_holds_against_the_cache() {
    let s = Sandbox::new();
    let example = s.briefs().join("example.yaml");
    // Old enough for the cache to take it.
    std::fs::File::options()
        .write(true)
        .open(&example)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60))
        .unwrap();
    let size = std::fs::metadata(&example).unwrap().len();
    assert!(s.run(&["list"]).stdout.starts_with(b"example-input\t"));
    let small = s.run(&["--max-file-size", "1K", "list"]);
    let err = String::from_utf8_lossy(&small.stderr);
    assert!(
        err.contains(&format!(
            "example.yaml: file is {size} bytes, over the limit of 1024 bytes"
        )),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&small.stdout).contains("example-input"));
    let checked = s.run(&["--max-file-size", "1K", "check"]);
    assert_eq!(checked.status.code(), Some(1));
    for bad in ["0", "-1", "8X", "lots", "99999999999G"] {
        let out = s.run(&[&format!("--max-file-size={bad}"), "list"]);
        assert_eq!(out.status.code(), Some(2), "--max-file-size {bad}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not a size"),
            "{bad}"
        );
    }
    assert!(s.run(&["--max-file-size", "2M", "list"]).status.success());
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let meta = std::fs::metadata(&p).unwrap();
            (
                p.clone(),
                std::fs::read(&p).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn brief_never_writes_into_brief_files() {
    let s = Sandbox::new();
    let before = snapshot(&s.briefs());
    for args in [
        &["list"][..],
        &["show", "world-input", "-f", "yaml"],
        &["search", "igf"],
        &["compare"],
        &["timeline"],
        &["check"],
        &["note", "world-input/voices/cjk", "a note"],
        &["note", "world-input/voices/emoji", "-b"],
        &["notes"],
        &["export"],
        &["note", "world-input/voices/cjk", "--remove"],
        &["--no-cache", "list"],
    ] {
        s.run(args);
    }
    assert_eq!(snapshot(&s.briefs()), before, "the briefs folder changed");
}

/// brief has no network code: no crate that opens connections is in the build.
#[test]
fn no_networking_crate_is_built_in() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    for name in [
        "hyper",
        "reqwest",
        "ureq",
        "curl",
        "tokio",
        "socket2",
        "rustls",
        "openssl",
        "native-tls",
        "h2",
        "isahc",
        "attohttpc",
        "surf",
        "async-std",
    ] {
        assert!(
            !lock.contains(&format!("\nname = \"{name}\"\n")),
            "{name} is in Cargo.lock"
        );
    }
}

/// And at run time: no socket is opened, whatever the command (checked under strace
/// where it is installed; the crate check above holds everywhere).
#[test]
fn no_command_opens_a_socket() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("strace is not installed: the run-time network check is skipped");
        return;
    }
    let s = Sandbox::new();
    for args in [
        &["list"][..],
        &["show", "world-input"],
        &["search", "igf"],
        &["check"],
    ] {
        let log = s.dir.path().join("strace.log");
        let out = common::isolate(&mut Command::new("strace"), s.dir.path())
            .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
            .arg(&log)
            .arg(common::BIN)
            .arg("--no-builtin")
            .arg("--briefs")
            .arg(s.briefs())
            .args(args)
            .output()
            .unwrap();
        let traced = std::fs::read_to_string(&log).unwrap_or_default();
        if !out.status.success() && traced.is_empty() && args[0] != "check" {
            // strace itself could not trace here (no ptrace in this sandbox).
            eprintln!(
                "strace cannot trace here: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return;
        }
        assert!(
            !traced.contains("socket(") && !traced.contains("connect("),
            "{args:?}:\n{traced}"
        );
    }
}

#[test]
fn files_that_cannot_be_read_are_named_and_the_others_still_load() {
    let s = Sandbox::new();
    let briefs = s.briefs();
    std::os::unix::fs::symlink(briefs.join("nowhere.yaml"), briefs.join("dangling.yaml")).unwrap();
    std::os::unix::fs::symlink(briefs.join("loop.yaml"), briefs.join("loop.yaml")).unwrap();
    let out = s.run(&["list"]);
    assert!(out.status.success(), "{out:?}");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("example-input") && listed.contains("world-input"),
        "{listed}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["dangling.yaml: cannot read", "loop.yaml: cannot read"] {
        assert!(err.contains(name), "{name} not in:\n{err}");
    }
    assert_clean("unreadable files", &out);
    // Named directly, as `brief check FILE` does.
    let checked = s.run(&["check", briefs.join("loop.yaml").to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&checked.stdout).contains("loop.yaml: cannot read"));
}

/// Files built to cost as much as a file under the size limit can: each is refused with
/// a message, in a process whose address space is capped at 1 GiB (it would be killed,
/// not refused, if the loader's budgets did not hold).
#[test]
fn costly_files_are_refused_within_bounded_memory() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("prlimit is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Near the 8 MiB limit in a release build (`cargo test --release --test hostile`);
    // smaller in the debug build CI runs, where the same files take a minute.
    let near_limit = if cfg!(debug_assertions) {
        1 << 20
    } else {
        7 << 20
    };
    let mut aliases = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..40 {
        aliases.push_str(&format!(
            "a{i}: &a{i} [*a{}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}]\n",
            if i == 1 {
                "".to_owned()
            } else {
                (i - 1).to_string()
            }
        ));
    }
    let files: Vec<(&str, String, &str)> = vec![
        (
            "nested.yaml",
            "[".repeat(near_limit),
            "nested more than 32 levels",
        ),
        (
            "wide.yaml",
            format!("id: x\ntags: [{}]\n", "t, ".repeat(near_limit / 3)),
            "wide.yaml:",
        ),
        ("aliases.yaml", aliases, "alias bomb"),
        (
            "keys.yaml",
            (0..near_limit / 16)
                .map(|i| format!("k{i:012}: v\n"))
                .collect(),
            "unknown field",
        ),
    ];
    for (name, text, expected) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let out = common::isolate(&mut Command::new("prlimit"), dir.path())
            .args(["--as=1073741824", "--"])
            .arg(common::BIN)
            .args(["--no-builtin", "check"])
            .arg(&path)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {report} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            report.contains(name) && report.contains(expected),
            "{name}: {report}"
        );
    }
}

/// `list`, `compare`, `timeline` and `notes` promise a record a line and tabs between
/// fields, for `grep` and `cut`. A line break or tab in a title (YAML's `"\n"`), in a
/// place or in a selector written into the desk by hand, must not make a line of its own.
#[test]
fn a_line_break_in_a_title_never_makes_a_record_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let briefs = dir.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    let spoof = r#"Real\nfake-brief\tFake title"#;
    let yaml = std::fs::read_to_string(common::fixtures("").join("example.yaml"))
        .unwrap()
        .replace(
            "title: \"Example Input to a Consultation\"\npublisher",
            &format!("title: \"{spoof}\"\npublisher"),
        )
        .replace("title: Recommendations", &format!("title: \"{spoof}\""))
        .replace(
            "title: Make the mandate permanent",
            &format!("title: \"{spoof}\""),
        )
        .replace(
            "title: A permanent mandate for the forum",
            &format!("title: \"{spoof}\""),
        )
        .replace("title: High-level meeting", &format!("title: \"{spoof}\""))
        .replace("place: New York", &format!("place: \"{spoof}\""));
    assert_eq!(
        yaml.matches(spoof).count(),
        6,
        "the fixture still has each title"
    );
    std::fs::write(briefs.join("example.yaml"), yaml).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("desk.yaml"),
        format!(
            "version: 1\nmarks:\n- selector: \"{spoof}\"\n  bookmark: true\n  fingerprint: '0'\n  noted: 2025-07-01\n"
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = common::brief_in(dir.path())
            .env("BRIEF_DATA_DIR", &data)
            .arg("--no-builtin")
            .arg("--briefs")
            .arg(&briefs)
            .args(args)
            .output()
            .unwrap();
        common::ok(&format!("{args:?}"), &out)
    };
    for (args, records, tabs) in [
        (&["list"][..], 1, 1),
        (&["list", "example-input"], 4, 1),
        (&["list", "example-input/recommendations"], 1, 1),
        (&["compare"], 1, 2),
        (&["timeline"], 1, 4),
        (&["notes"], 1, 2),
    ] {
        let out = run(args);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), records, "{args:?}:\n{out}");
        for l in &lines {
            assert_eq!(l.matches('\t').count(), tabs, "{args:?}: {l:?}");
            assert!(!l.starts_with("fake-brief"), "{args:?}: {l:?}");
        }
        assert!(
            out.contains("Real␤fake-brief Fake title"),
            "{args:?}:\n{out}"
        );
    }
}

/// Word files built to hurt, each given to `brief diff FILE.docx` (and to a history under
/// `--briefs`, beside a good brief): each is refused with a message that says what a
/// Word file should be, exit status 1, in bounded time and memory (under `prlimit` where
/// it is installed), and never a panic.
#[test]
fn hostile_word_files_are_refused_with_a_clear_message() {
    use common::docx::{Docx, claim_size, encrypt_flag, p, sample, zip_of};
    let dir = tempfile::tempdir().unwrap();
    let mut encrypted = sample().bytes();
    encrypt_flag(&mut encrypted);
    let mut huge = sample().bytes();
    // The header claims 2 GiB unpacked: refused before anything is unpacked.
    claim_size(&mut huge, 0x7fff_0000);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let many: Vec<(String, Vec<u8>)> = (0..10_001)
        .map(|k| (format!("word/media/m{k}.bin"), vec![b'x']))
        .chain(sample().parts())
        .collect();
    let deep = format!(
        "{}{}{}",
        "<w:sdt><w:sdtContent>".repeat(5_000),
        p("Decides."),
        "</w:sdtContent></w:sdt>".repeat(5_000)
    );
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb.docx",
            // 16 MiB of one paragraph packs to some 20 KB.
            Docx::new(p("Decides to meet.").repeat(16 * 1024 * 1024 / 80)).bytes(),
            "word/document.xml unpacks to more than 100 times its packed size: a zip bomb, not a Word file",
        ),
        (
            "encrypted.docx",
            encrypted,
            "word/document.xml is encrypted in the zip: save the file without a password",
        ),
        (
            "protected.docx",
            ole,
            "a password-protected Word file (or an old binary .doc)",
        ),
        (
            "text.docx",
            b"1. Decides to meet.\n".to_vec(),
            "not a Word file (.docx): a .docx is a zip archive, and this is not one",
        ),
        (
            "other.docx",
            zip_of(&[("notes.txt".to_owned(), b"1. Decides.".to_vec())]),
            "a zip archive, but not a Word file: a .docx has word/document.xml",
        ),
        (
            "huge.docx",
            huge,
            "word/document.xml unpacks to more than 64 MiB; a Word file's part is at most that",
        ),
        (
            "many.docx",
            zip_of(&many),
            "a zip archive of 10,008 entries; a Word file has at most 10,000",
        ),
        (
            "deep.docx",
            Docx::new(deep).bytes(),
            // The root is 1 deep, the body 2, each content control two more: the 32nd
            // `<w:sdt>` is the first 65 deep, after the root's tag (83 characters), the
            // body's (8) and 31 pairs of 21. The paragraph's text is 10,005 deep.
            "in word/document.xml: line 2, column 743: elements nested 10,005 deep; a text nests at most 64",
        ),
    ];
    let prlimit = Command::new("prlimit").arg("--version").output().is_ok();
    for (name, bytes, said) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut cmd = if prlimit {
            let mut c = Command::new("prlimit");
            c.args(["--as=1073741824", "--"]).arg(common::BIN);
            c
        } else {
            Command::new(common::BIN)
        };
        let started = std::time::Instant::now();
        let out = common::isolate(&mut cmd, dir.path())
            .arg("diff")
            .arg(&path)
            .output()
            .unwrap();
        let took = started.elapsed();
        // 101 is a panic; a signal (no code) a crash or the memory limit.
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        let err = common::stderr(&out);
        assert!(err.contains(said), "{name}: wanted {said:?} in {err:?}");
        assert!(
            err.starts_with(&format!("brief: {}: ", path.display())),
            "{name}: {err}"
        );
        assert!(took.as_secs() < 20, "{name}: {took:?}");
        assert_clean(name, &out);
    }
    // As a history's version, beside a good brief: the brief loads, the problem is said.
    let briefs = dir.path().join("briefs");
    std::fs::create_dir(&briefs).unwrap();
    std::fs::copy(
        common::fixtures("cli/example.yaml"),
        briefs.join("example.yaml"),
    )
    .unwrap();
    std::fs::copy(dir.path().join("bomb.docx"), briefs.join("bomb.docx")).unwrap();
    std::fs::write(
        briefs.join("text.yaml"),
        "id: bomb\ntitle: A bomb\nversions:\n  - id: zero\n    label: Zero\n    date: 2025-01-01\n    file: bomb.docx\n",
    )
    .unwrap();
    let out = common::brief_in(dir.path())
        .args(["--no-builtin", "--briefs"])
        .arg(&briefs)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(common::stdout(&out).contains("example-input\t"), "{out:?}");
    assert!(
        common::stderr(&out).contains("text.yaml:7:5: version `zero`: "),
        "{}",
        common::stderr(&out)
    );
    assert!(
        common::stderr(&out).contains("a zip bomb"),
        "{}",
        common::stderr(&out)
    );
}
