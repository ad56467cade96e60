//! Write synthetic versions of a long negotiated text, for timing `brief diff` against
//! other tools (bench/compare.sh).
//!
//! ```text
//! cargo run --release --example gen-drafts -- --out DIR [--paragraphs N] [--versions V]
//! ```
//!
//! Writes DIR/v01.txt … as plain text; the same options write the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

use brief::draft::synth::{Options, versions};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Write synthetic versions of a negotiated text for benchmarks")]
struct Args {
    /// Folder to write the versions into (created if missing).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = Options::default().paragraphs)]
    paragraphs: usize,
    #[arg(long, default_value_t = Options::default().versions)]
    versions: usize,
    #[arg(long, default_value_t = Options::default().seed)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let opts = Options {
        paragraphs: args.paragraphs,
        versions: args.versions,
        seed: args.seed,
        ..Options::default()
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("gen-drafts: {}: {e}", args.out.display());
        return ExitCode::from(1);
    }
    for (i, text) in versions(&opts).iter().enumerate() {
        let path = args.out.join(format!("v{:02}.txt", i + 1));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("gen-drafts: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
