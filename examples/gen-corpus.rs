//! Write a synthetic corpus of briefs for measuring speed at scale.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --out DIR [--briefs N] [--seed S]
//! ```
//!
//! The default, 1,000 briefs, is about 100,000 entries in about 70 MB of YAML. The same
//! seed writes the same bytes. Load it with `brief --no-builtin --briefs DIR ...`.

use std::path::PathBuf;
use std::process::ExitCode;

use brief::brief::synth::{self, Options};
use brief::brief::yaml;
use clap::Parser;

#[derive(Parser)]
#[command(about = "Write a synthetic corpus of briefs for benchmarks")]
struct Args {
    /// Folder to write the briefs into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// How many briefs, the registry of shared actors and issues included.
    #[arg(long, default_value_t = Options::default().briefs)]
    briefs: usize,
    #[arg(long, default_value_t = Options::default().seed)]
    seed: u64,
    /// Also write each brief as JSON into this folder, for comparing with jq.
    #[arg(long, value_name = "DIR")]
    json: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    for dir in std::iter::once(&args.out).chain(&args.json) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("gen-corpus: cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let (mut bytes, mut entries) = (0usize, 0usize);
    let options = Options {
        briefs: args.briefs,
        seed: args.seed,
    };
    for brief in synth::generate(options) {
        entries += brief
            .sections
            .iter()
            .map(|s| s.entry_count())
            .sum::<usize>();
        let text = match yaml::encode(&brief) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("gen-corpus: cannot write brief {}: {e}", brief.id);
                return ExitCode::FAILURE;
            }
        };
        bytes += text.len();
        let path = args.out.join(synth::file_name(&brief));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen-corpus: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        if let Some(dir) = &args.json {
            let path = dir.join(format!("{}.json", brief.id));
            let written = serde_json::to_vec(&brief)
                .map_err(std::io::Error::other)
                .and_then(|json| std::fs::write(&path, json));
            if let Err(e) = written {
                eprintln!("gen-corpus: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "wrote {} briefs, {entries} entries, {:.1} MB of YAML to {}",
        args.briefs,
        bytes as f64 / 1e6,
        args.out.display()
    );
    ExitCode::SUCCESS
}
