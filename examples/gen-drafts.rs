//! Write synthetic versions of a long negotiated text, for timing `brief diff` against
//! other tools, or a library of many texts' histories, for timing `brief search` over
//! them (bench/compare.sh).
//!
//! ```text
//! cargo run --release --example gen-drafts -- --out DIR [--paragraphs N] [--versions V]
//! cargo run --release --example gen-drafts -- --out DIR --texts T [--paragraphs N] [--versions V]
//! ```
//!
//! Without `--texts`: DIR/v01.txt … as plain text. With `--texts T`: T texts' histories,
//! each in a folder of its own, DIR/text-0001/history.yaml beside its versions v01.txt …,
//! every text from a seed of its own; load them with `brief --no-builtin --briefs DIR`.
//! The same options write the same bytes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brief::brief::date::Date;
use brief::draft::synth::{Options, versions};
use clap::Parser;
use rayon::prelude::*;

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
    /// Write this many texts' histories, each with its versions, instead of one text's
    /// versions.
    #[arg(long, value_name = "T")]
    texts: Option<usize>,
}

/// Write `opts`' versions into `dir` as v01.txt …; their sizes in bytes.
fn write_versions(dir: &Path, opts: &Options) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut bytes = 0;
    for (i, text) in versions(opts).iter().enumerate() {
        let path = dir.join(format!("v{:02}.txt", i + 1));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += text.len();
    }
    Ok(bytes)
}

/// The history file of text number `n` (from 1) with `versions` versions, one a week.
fn history(n: usize, versions: usize) -> String {
    let mut out = format!(
        "id: text-{n:04}\ntitle: Synthetic negotiated text {n}\n\
         summary: A made-up text of many paragraphs through {versions} versions, for benchmarks.\n\
         versions:\n"
    );
    // Consecutive weeks from 2020-01-06, written as a real date.
    let first = Date::ymd(2020, 1, 6).first_day_number();
    for v in 1..=versions {
        let date = Date::from_day_number(first + 7 * (v as i64 - 1));
        out += &format!(
            "  - {{id: v{v:02}, label: Version {v}, date: {date}, \
             symbol: SYN/{n}/Rev.{v}, file: v{v:02}.txt}}\n"
        );
    }
    out
}

fn main() -> ExitCode {
    let args = Args::parse();
    let opts = Options {
        paragraphs: args.paragraphs,
        versions: args.versions,
        seed: args.seed,
        ..Options::default()
    };
    let Some(texts) = args.texts else {
        return match write_versions(&args.out, &opts) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gen-drafts: {e}");
                ExitCode::from(1)
            }
        };
    };
    let written: Result<Vec<usize>, String> = (1..=texts)
        .into_par_iter()
        .map(|n| {
            let dir = args.out.join(format!("text-{n:04}"));
            let opts = Options {
                seed: opts.seed.wrapping_add(n as u64),
                ..opts
            };
            let bytes = write_versions(&dir, &opts)?;
            let path = dir.join("history.yaml");
            std::fs::write(&path, history(n, opts.versions))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(bytes)
        })
        .collect();
    match written {
        Ok(sizes) => {
            println!(
                "wrote {texts} texts' histories of {} versions of {} paragraphs, {:.1} MB of text, to {}",
                opts.versions,
                opts.paragraphs,
                sizes.iter().sum::<usize>() as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-drafts: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn versions_are_a_week_apart_on_real_dates() {
        let h = super::history(1, 9);
        assert!(
            h.contains("id: v01, label: Version 1, date: 2020-01-06,"),
            "{h}"
        );
        assert!(
            h.contains("id: v09, label: Version 9, date: 2020-03-02,"),
            "{h}"
        );
    }
}
