//! Lines as a screen reader should hear them: the marks the other views draw (`¶`, `§`,
//! `→`, `·`, rules and box corners) said in words or left out, and what the user typed
//! quoted back without its control characters.

use std::io::{self, Write};

use crate::brief::text::neutralise;

/// Room for a quoted command in an answer: a pasted page is not read back whole.
const ECHO_CHARS: usize = 60;

/// `line` with the views' marks in words: `¶ 4` is `paragraph 4`, `§ II` is `section II`,
/// `a → b` is `a to b`, ` · ` is a comma, `▸` and box drawing go. Applied to every line
/// line mode writes (brief text has these marks only where an author typed them, and
/// reads the same in words).
pub fn speak(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let word = match c {
            '¶' => "paragraph",
            '§' => "section",
            '→' | '⟶' => "to",
            '★' => "bookmarked",
            '✎' => "note",
            '⚠' => "warning:",
            '·' | '›' if out.ends_with(' ') && chars.peek() == Some(&' ') => {
                out.pop();
                out.push(',');
                continue;
            }
            '▸' | '▾' | '▶' | '▼' | '│' | '┃' | '║' => {
                // Dropped with the space after it.
                if chars.peek() == Some(&' ') {
                    chars.next();
                }
                continue;
            }
            c if ('\u{2500}'..='\u{257F}').contains(&c) => continue,
            c => {
                out.push(c);
                continue;
            }
        };
        // A word needs a space before and after it, unless the line ends or one is there.
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
        if chars
            .peek()
            .is_some_and(|n| *n != ' ' && *n != ',' && *n != '.')
        {
            out.push(' ');
        }
    }
    out
}

/// What the user typed, fit to quote in an answer: control characters and escape
/// sequences made harmless, cut to a length a listener can follow.
pub fn echo(typed: &str) -> String {
    let clean = neutralise(typed);
    let mut cut: String = clean.chars().take(ECHO_CHARS).collect();
    if clean.chars().count() > ECHO_CHARS {
        cut.push('…');
    }
    cut
}

/// Where line mode writes: each line spoken (see [`speak`]) and wrapped to the width,
/// trailing spaces gone; a line that was only a rule is not written at all.
pub struct Out<'a> {
    w: &'a mut dyn Write,
    width: usize,
}

impl<'a> Out<'a> {
    pub fn new(w: &'a mut dyn Write, width: usize) -> Out<'a> {
        Out { w, width }
    }

    /// One line of text, wrapped.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        let spoken = speak(text);
        if spoken.trim().is_empty() {
            if text.trim().is_empty() {
                return writeln!(self.w);
            }
            // A rule, said as nothing.
            return Ok(());
        }
        for l in crate::query::page::wrap(spoken.trim_end(), self.width) {
            writeln!(self.w, "{}", l.trim_end())?;
        }
        Ok(())
    }

    /// A line already laid out at the width (a page's): spoken, not wrapped again.
    pub fn laid(&mut self, text: &str) -> io::Result<()> {
        let spoken = speak(text);
        if spoken.trim().is_empty() && !text.trim().is_empty() {
            return Ok(());
        }
        writeln!(self.w, "{}", spoken.trim_end())
    }

    /// One line, spoken but never wrapped: the place line, which a script reads whole.
    pub fn whole(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.w, "{}", speak(text).trim_end())
    }

    pub fn blank(&mut self) -> io::Result<()> {
        writeln!(self.w)
    }

    pub fn width(&self) -> usize {
        self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_views_marks_are_said_in_words() {
        assert_eq!(speak("¶ 4, 5 → 5 · merged"), "paragraph 4, 5 to 5, merged");
        assert_eq!(speak("moved to ¶3"), "moved to paragraph 3");
        assert_eq!(speak("§ II Review"), "section II Review");
        assert_eq!(speak("▸ SUPPORT"), "SUPPORT");
        assert_eq!(speak("────────"), "");
        assert_eq!(speak("a │ b"), "a b");
        assert_eq!(speak("Question 5 › 1) Internet"), "Question 5, 1) Internet");
        assert_eq!(
            speak("zero ¶PP2 → rev1 ¶PP3"),
            "zero paragraph PP2 to rev1 paragraph PP3"
        );
    }

    #[test]
    fn what_the_user_typed_is_quoted_harmless_and_short() {
        let typed = format!("\x1b[2Jopen {}", "x".repeat(200));
        let e = echo(&typed);
        assert!(!e.contains('\x1b'));
        assert!(e.chars().count() <= ECHO_CHARS + 1);
    }

    #[test]
    fn a_rule_is_not_written_and_long_lines_wrap() {
        let mut buf = Vec::new();
        let mut out = Out::new(&mut buf, 20);
        out.line("────").unwrap();
        out.line("one two three four five six seven").unwrap();
        out.blank().unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text, "one two three four\nfive six seven\n\n");
    }
}
