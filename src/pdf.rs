//! A version from a PDF: its text taken out by `pdftotext -layout` (poppler-utils), then
//! read as plain text, with the page furniture, page breaks and footnotes the plain
//! reader knows. Here, and not in `draft::read`, because it runs a program: the readers
//! take bytes and know neither files nor processes.
//!
//! The PDF's bytes go to pdftotext on its stdin and its text comes back on its stdout, so
//! no file name (which may begin with `-`) is ever an argument. A PDF made to be slow or
//! to unpack into gigabytes of text is stopped: pdftotext gets [`TIMEOUT`], and its output
//! is read up to [`MAX_TEXT`].

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::draft::{self, ReadError, Version, read::Side};

/// How long pdftotext may take over one file.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The most text taken from one PDF: far more than any negotiated text.
pub const MAX_TEXT: usize = 64 << 20;

/// Whether a file is a PDF, by its name or its first bytes.
pub fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF") || name.to_ascii_lowercase().ends_with(".pdf")
}

/// Read a file's bytes as a version: a PDF through pdftotext, anything else as
/// [`draft::read`] reads it.
pub fn read_version(name: &str, bytes: &[u8]) -> Result<Version, ReadError> {
    read_version_as(name, bytes, None)
}

/// [`read_version`], taking `side` of a text with tracked changes.
pub fn read_version_as(name: &str, bytes: &[u8], side: Option<Side>) -> Result<Version, ReadError> {
    if !is_pdf(name, bytes) {
        return draft::read::read_as(name, bytes, side);
    }
    let text = pdftotext(bytes)?;
    draft::read::read_form(draft::Form::Plain, &text)
}

/// The text of a PDF, as `pdftotext -layout` lays it out (pages apart by form feeds).
pub fn pdftotext(pdf: &[u8]) -> Result<Vec<u8>, ReadError> {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::PdfToText(
                "a PDF, and pdftotext, which takes its text out, is not installed: install poppler-utils (apt install poppler-utils), or copy the text out of the PDF into a .txt file".to_owned(),
            ),
            _ => ReadError::PdfToText(format!("a PDF, and pdftotext could not be run: {e}")),
        })?;
    // Writing, reading and waiting at once: pdftotext may fill its output before it has
    // read all its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let result = std::thread::scope(|s| {
        s.spawn(move || {
            // pdftotext may stop reading (a broken file): what it says is in its status.
            let _ = stdin.write_all(pdf);
        });
        let out = s.spawn(move || {
            let mut text = Vec::new();
            let read = (&mut stdout)
                .take(MAX_TEXT as u64 + 1)
                .read_to_end(&mut text);
            read.map(|_| text)
        });
        let err = s.spawn(move || {
            let mut msg = Vec::new();
            let _ = (&mut stderr).take(4096).read_to_end(&mut msg);
            msg
        });
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if start.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(ReadError::PdfToText(format!(
                        "a PDF that pdftotext did not finish reading in {} seconds",
                        TIMEOUT.as_secs()
                    )));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => break Err(ReadError::PdfToText(format!("pdftotext: {e}"))),
            }
        };
        // Past the size limit the reader stops reading: pdftotext is stopped too, so
        // that it does not wait on a full pipe.
        let text = out.join().expect("reader thread");
        let msg = err.join().expect("reader thread");
        (status, text, msg)
    });
    let (status, text, msg) = result;
    let status = status?;
    let text = text.map_err(|e| ReadError::PdfToText(format!("pdftotext: {e}")))?;
    if text.len() > MAX_TEXT {
        return Err(ReadError::PdfToText(format!(
            "a PDF whose text is larger than {} MB",
            MAX_TEXT >> 20
        )));
    }
    if !status.success() {
        let said = String::from_utf8_lossy(&msg);
        let said = said.lines().next().unwrap_or("").trim();
        return Err(ReadError::PdfToText(format!(
            "a PDF that pdftotext could not read ({status}){}{}",
            if said.is_empty() { "" } else { ": " },
            crate::brief::text::neutralise(said)
        )));
    }
    Ok(text)
}
