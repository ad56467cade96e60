//! `brief --plain`, and `brief read` when TERM=dumb or stdout is not a terminal: line
//! mode (`crate::line`), fed stdin a line at a time. All it does is here: load, open the
//! desk, prompt when a person types (stdin a terminal), read, step, flush.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::ctx::Ctx;
use crate::desk::store::Store;
use crate::line::{DeskSaver, Flow, LineReader, MAX_LINE, Options, Unsaved};

/// The desk store the full-screen reader saves to.
struct StoreSaver(Store);

impl DeskSaver for StoreSaver {
    fn save(&mut self, changes: &[crate::desk::Change]) -> Result<crate::desk::Desk, String> {
        match self.0.save(changes) {
            Ok(notice) => {
                if let Some(n) = notice {
                    eprintln!("brief: {}", crate::brief::text::neutralise(&n.0));
                }
                Ok(self.0.desk.clone())
            }
            Err(e) => Err(e.to_string()),
        }
    }
}

/// The width to wrap at: COLUMNS when it is a number, else 80.
fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

pub fn run(ctx: &Ctx, start: Option<String>) -> Result<ExitCode, Failure> {
    // With the cache's searchable texts, as the reader searches them.
    let loaded = ctx.load_with_texts(true, None);
    let corpus = loaded.corpus;
    let (saver, desk): (Box<dyn DeskSaver>, _) = match ctx.open_desk_quietly() {
        Ok((store, notice)) => {
            if let Some(n) = notice {
                eprintln!("brief: {n}");
            }
            let desk = store.desk.clone();
            (Box::new(StoreSaver(store)), desk)
        }
        Err(Failure::NotFound(why) | Failure::Usage(why)) => {
            eprintln!("brief: notes will not be saved: {why}");
            (
                Box::new(Unsaved {
                    why: Some(why),
                    changes: Vec::new(),
                }),
                Default::default(),
            )
        }
        Err(Failure::Io(e)) => {
            let why = super::read::desk_folder_problem(ctx, &e);
            eprintln!("brief: notes will not be saved: {why}");
            (
                Box::new(Unsaved {
                    why: Some(why),
                    changes: Vec::new(),
                }),
                Default::default(),
            )
        }
    };
    let options = Options {
        today: ctx.today,
        width: width(),
        histories: loaded.histories,
        max_bytes: ctx.max_file_size(),
        desk,
    };
    let mut reader = LineReader::new(corpus, options, saver);
    if let Some(texts) = loaded.texts {
        reader = reader.with_texts(std::sync::Arc::new(texts));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stdin = io::stdin();
    let person = stdin.is_terminal();
    let mut input = stdin.lock();
    reader.start(start.as_deref(), &mut out)?;
    let mut buf = Vec::new();
    loop {
        if person {
            write!(out, "brief> ")?;
        }
        out.flush()?;
        buf.clear();
        if !read_line(&mut input, &mut buf)? {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        if reader.step(&line, &mut out)? == Flow::Quit {
            break;
        }
    }
    out.flush()?;
    if super::read::keep_unsaved(reader.unsaved()) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of input into `buf`, without its line break; `false` at the end of input. A
/// line longer than [`MAX_LINE`] is cut there (the rest read and dropped), which
/// [`LineReader::step`] then refuses: memory stays bounded whatever is piped in.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<bool> {
    let limit = MAX_LINE as u64 + 1;
    let n = input.by_ref().take(limit).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(false);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    } else if buf.len() as u64 >= limit {
        // Drop the rest of the line, a chunk at a time.
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let k = input.by_ref().take(1 << 16).read_until(b'\n', &mut rest)?;
            if k == 0 || rest.last() == Some(&b'\n') {
                break;
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_too_long_is_cut_and_the_next_line_read_whole() {
        let long = "x".repeat(MAX_LINE * 3);
        let text = format!("{long}\nnext\r\n");
        let mut input = io::Cursor::new(text.into_bytes());
        let mut buf = Vec::new();
        assert!(read_line(&mut input, &mut buf).unwrap());
        assert_eq!(buf.len(), MAX_LINE + 1);
        buf.clear();
        assert!(read_line(&mut input, &mut buf).unwrap());
        assert_eq!(buf, b"next");
        buf.clear();
        assert!(!read_line(&mut input, &mut buf).unwrap());
    }
}
