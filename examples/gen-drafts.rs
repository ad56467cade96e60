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
    for v in 1..=versions {
        // Consecutive weeks from 2020-01-06, written as a real date.
        let day = days_from_civil(2020, 1, 6) + 7 * (v as i64 - 1);
        let (y, m, d) = civil_from_days(day);
        out += &format!(
            "  - {{id: v{v:02}, label: Version {v}, date: {y:04}-{m:02}-{d:02}, \
             symbol: SYN/{n}/Rev.{v}, file: v{v:02}.txt}}\n"
        );
    }
    out
}

/// Days since 1970-01-01 of a date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
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
    fn dates_round_trip() {
        let d = super::days_from_civil(2020, 1, 6);
        assert_eq!(super::civil_from_days(d), (2020, 1, 6));
        assert_eq!(super::civil_from_days(d + 7 * 8), (2020, 3, 2));
    }
}
