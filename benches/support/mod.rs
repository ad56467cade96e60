//! The large corpus the benchmarks share: `brief::brief::synth`'s briefs written as YAML
//! to a temporary folder, as `cargo run --example gen-corpus` writes them. Its size is
//! `BRIEF_BENCH_BRIEFS` briefs (default 1,000: about 110,000 entries, 65 MB).

use std::path::Path;
use std::sync::Arc;

use brief::brief::corpus::Corpus;
use brief::brief::synth::{self, Options};
use brief::brief::yaml;
use brief::library::{Request, load};

pub fn brief_count() -> usize {
    std::env::var("BRIEF_BENCH_BRIEFS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(Options::default().briefs)
}

/// The synthetic briefs as YAML files in a new temporary folder, and their total size.
pub fn write_corpus() -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = 0;
    for brief in synth::generate(Options {
        briefs: brief_count(),
        ..Options::default()
    }) {
        let text = yaml::encode(&brief).unwrap();
        bytes += text.len() as u64;
        std::fs::write(dir.path().join(synth::file_name(&brief)), text).unwrap();
    }
    (dir, bytes)
}

/// Load the folder as `brief --no-builtin --briefs DIR` does, without a cache.
pub fn load_dir(dir: &Path) -> Arc<Corpus> {
    let loaded = load(&Request {
        paths: vec![dir.to_path_buf()],
        ..Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics[0]);
    Arc::new(loaded.corpus)
}

pub fn entry_count(corpus: &Corpus) -> usize {
    corpus
        .briefs()
        .iter()
        .flat_map(|b| &b.sections)
        .map(|s| s.entry_count())
        .sum()
}
