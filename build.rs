//! Embeds every brief under `briefs/` in the binary, so `brief` works from any folder.
//!
//! Each shipped brief is loaded here with the crate's own loader: one that does not pass
//! its checks fails the build with the loader's diagnostics, and each one that does is
//! stored encoded (bitcode), so that start-up decodes it instead of parsing and checking
//! YAML (see src/library/builtin.rs). The YAML is embedded too, for what needs the
//! text: `brief check` placing a problem between briefs on a line, and the tests.

use std::fmt::Write;
use std::path::Path;

// The loader's modules, compiled into this script as they are into the crate: they refer
// only to one another (`super::`) and to external crates, which are build-dependencies.
// Cargo rebuilds, and so reruns, this script whenever one of these files changes. The
// script uses only `load`, so the rest of what they offer is unused here.
#[path = "src/brief"]
#[allow(dead_code)]
mod brief {
    pub mod corpus;
    pub mod date;
    pub mod diag;
    pub mod load;
    pub mod model;
    pub mod proposal;
    pub mod text;
    pub mod validate;
    pub mod yaml;
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
                .collect()
        })
        .unwrap_or_default();
    // A newcomer opens the reader on the overview and then the end of the review; the
    // briefs of single documents follow in file-name order.
    const FIRST: &[&str] = &["wsis20-overview.yaml", "wsis20-outcome-2025.yaml"];
    names.sort_by_key(|n| {
        (
            FIRST.iter().position(|f| f == n).unwrap_or(FIRST.len()),
            n.clone(),
        )
    });
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut files = String::new();
    let mut encoded = String::new();
    let mut ids = String::new();
    let mut hashes = String::new();
    let mut failed = 0;
    let mut candidates = Vec::new();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Named as `brief check briefs/NAME` names it, so that an editor can jump there.
        let shown = format!("briefs/{name}");
        let brief = match brief::load::load(&shown, &bytes, &brief::load::Limits::default()) {
            Ok(brief) => brief,
            Err(rejected) => {
                for d in &rejected.diagnostics {
                    eprintln!("{d}");
                }
                failed += 1;
                continue;
            }
        };
        let bin = out_dir.join(format!("{name}.bitcode"));
        let bytes = bitcode::encode(&brief);
        writeln!(hashes, "    {:#018x},", fnv1a(&bytes)).unwrap();
        std::fs::write(&bin, bytes).unwrap();
        writeln!(
            files,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
        writeln!(
            encoded,
            "    include_bytes!({:?}),",
            bin.display().to_string()
        )
        .unwrap();
        writeln!(ids, "    {:?},", brief.id.as_str()).unwrap();
        candidates.push(brief::corpus::Candidate {
            brief,
            name: shown,
            valid: true,
            masked: Vec::new(),
            deferred: None,
        });
    }
    if failed > 0 {
        eprintln!(
            "{failed} shipped brief{} under briefs/ did not pass the loader's checks, which \
             brief holds them to when it is built: fix the problems above",
            if failed == 1 { "" } else { "s" }
        );
        std::process::exit(1);
    }
    // The checks between briefs, made here once: a binary with only its built-in briefs
    // to load makes its corpus of what they declare, written below, without them.
    let shown: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
    // Every built-in brief is among the candidates: none exists elsewhere.
    let (corpus, problems) = brief::corpus::Corpus::build(candidates, &[]);
    for (i, name) in shown.iter().enumerate() {
        let mine = brief::corpus::problems_of(&problems, i);
        if mine.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(name.trim_start_matches("briefs/")))
            .unwrap_or_default();
        let limits = brief::load::Limits::default();
        for d in brief::load::locate(name, &text, &limits, &mine) {
            eprintln!("{d}");
        }
    }
    if !problems.is_empty() {
        eprintln!(
            "the shipped briefs under briefs/ do not agree with one another, which brief holds \
             them to when it is built: fix the problems above"
        );
        std::process::exit(1);
    }
    std::fs::write(
        out_dir.join("globals.bitcode"),
        bitcode::encode(&corpus.globals()),
    )
    .unwrap();
    let listings: Vec<brief::corpus::Listing> = corpus
        .briefs()
        .iter()
        .map(brief::corpus::Listing::of)
        .collect();
    std::fs::write(out_dir.join("listings.bitcode"), bitcode::encode(&listings)).unwrap();
    let out = format!(
        "/// The shipped briefs: (file name, contents).\n\
         pub static BUILTIN: &[(&str, &[u8])] = &[\n{files}];\n\
         /// Each of [`BUILTIN`], in the same order, loaded and checked at build time and \
         encoded with bitcode: a `Brief`.\n\
         pub static ENCODED: &[&[u8]] = &[\n{encoded}];\n\
         /// The id of each of [`BUILTIN`], in the same order.\n\
         pub static IDS: &[&str] = &[\n{ids}];\n\
         /// A hash (FNV-1a) of each of [`ENCODED`], in the same order: what version of it \
         this is.\n\
         pub static HASHES: &[u64] = &[\n{hashes}];\n\
         /// What the briefs of [`ENCODED`] declare for one another, checked together at \
         build time: a `corpus::Globals`.\n\
         pub static GLOBALS: &[u8] = include_bytes!({:?});\n\
         /// The outline of each of [`ENCODED`], in the same order: a `Vec<corpus::Listing>`.\n\
         pub static LISTINGS: &[u8] = include_bytes!({:?});\n",
        out_dir.join("globals.bitcode").display().to_string(),
        out_dir.join("listings.bitcode").display().to_string()
    );
    std::fs::write(out_dir.join("builtin_briefs.rs"), out).unwrap();
    model_fingerprint();
}

/// 64-bit FNV-1a: enough to tell versions of a file apart, and no build-dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Where the source of what the load cache keeps is: the model and everything that makes
/// it from files (the loader, the checks, the texts' readers and alignment, the searchable
/// text) — every layer up to the library, which the cache is part of. The layers above it
/// (query, desk, render, tui, cli) only read what was loaded, so they cannot change what
/// is cached; `library::tests` fails when a source file is neither here nor there.
const CACHE_SHAPERS: &[&str] = &[
    "src/brief",
    "src/search",
    "src/draft",
    "src/library",
    // A version that is a PDF is read through it.
    "src/pdf.rs",
];

/// A hash of every source file that shapes what the load cache holds (see
/// [`CACHE_SHAPERS`]), so that the cache (src/library/cache.rs) is thrown away whenever a build
/// may make other briefs of the same files, even with the same version. The files hashed
/// are listed in `BRIEF_MODEL_FILES` for the test that checks the list is whole.
fn model_fingerprint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for shaper in CACHE_SHAPERS {
        let path = root.join(shaper);
        // A folder is watched whole: a file added to it reruns this script too.
        println!("cargo:rerun-if-changed={}", path.display());
        rust_files(&path, &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    let mut names = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        for b in name.bytes().chain(std::fs::read(path).unwrap_or_default()) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        names.push(name);
    }
    println!("cargo:rustc-env=BRIEF_MODEL_FINGERPRINT={hash:016x}");
    println!("cargo:rustc-env=BRIEF_MODEL_FILES={}", names.join(";"));
}

/// The `.rs` files at `path`: itself if it is one, else those in it and below it.
fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_file() {
        if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_path_buf());
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for e in entries.flatten() {
        rust_files(&e.path(), out);
    }
}
