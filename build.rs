//! Embeds every brief under `briefs/` in the binary, so `brief` works from any folder.

use std::fmt::Write;
use std::path::Path;

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
    let mut out = String::from(
        "/// The shipped briefs: (file name, contents).\npub static BUILTIN: &[(&str, &[u8])] = &[\n",
    );
    for name in &names {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
        writeln!(
            out,
            "    ({name:?}, include_bytes!({:?})),",
            dir.join(name).display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_briefs.rs");
    std::fs::write(dest, out).unwrap();
    model_fingerprint();
}

/// A hash of the files that define the model, so that the load cache (src/cache.rs) is
/// thrown away whenever the model's shape may have changed, even with the same version.
fn model_fingerprint() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/brief");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    // The cache keeps each brief's folded text too: folding and its layout count.
    for name in [
        "model.rs",
        "date.rs",
        "text.rs",
        "search.rs",
        "search_text.rs",
    ] {
        let path = src.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        for b in std::fs::read(&path).unwrap_or_default() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=BRIEF_MODEL_FINGERPRINT={hash:016x}");
}
