//! Dynamic shell completion (clap_complete's `COMPLETE=$SHELL brief`): the shell calls
//! `brief -- brief show wsis` and brief answers with the selectors, issue ids or actor ids
//! of the briefs it would load for that command line.
//!
//! What is printed goes straight into the user's prompt, so nothing here may print an
//! error or panic message, and it has to be quick: the briefs come from the load cache.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::CommandFactory;
use clap_complete::CompletionCandidate;

use super::args::Cli;
use crate::brief::corpus::Corpus;
use crate::library::{self, Request};

/// Answer a completion request and exit, when the shell made one (`COMPLETE` is set);
/// otherwise return at once.
pub fn answer_if_asked() {
    if std::env::var_os("COMPLETE").is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    // A panic message would land in the user's prompt: a failed completion offers nothing.
    std::panic::set_hook(Box::new(|_| {}));
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
}

/// The briefs the command line being completed would load: its `--briefs` paths, and
/// the built-in and config-folder briefs unless it says `--no-builtin`. Loaded once.
fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        // The words being completed follow the first `--` (clap_complete's protocol).
        let words: Vec<OsString> = std::env::args_os()
            .skip_while(|a| a != "--")
            .skip(1)
            .collect();
        let request = request_of(&words);
        // Problems in brief files are `brief check`'s to report, not the prompt's.
        library::load(&request).corpus
    })
}

/// The load a command line asks for, read leniently: the line is half-typed.
fn request_of(words: &[OsString]) -> Request {
    let mut paths = Vec::new();
    let mut builtin = true;
    let mut cache = true;
    let mut words = words.iter();
    while let Some(w) = words.next() {
        let Some(w) = w.to_str() else { continue };
        match w {
            // Only what `brief` itself reads as options counts; after `--` come values.
            "--" => break,
            "--no-builtin" => builtin = false,
            "--no-cache" => cache = false,
            "--briefs" => {
                if let Some(p) = words.next() {
                    paths.push(PathBuf::from(p));
                }
            }
            _ => {
                if let Some(p) = w.strip_prefix("--briefs=") {
                    paths.push(PathBuf::from(p));
                }
            }
        }
    }
    Request {
        paths,
        builtin,
        config_dir: builtin,
        cache_dir: cache.then(crate::library::cache::default_dir).flatten(),
        limits: Default::default(),
        checked_on: None,
        texts: false,
        search: None,
    }
}

/// A candidate, unless its value could break the shell's parsing of the answer (ids are
/// checked when briefs load, but this text goes to a shell: be sure).
fn candidate(value: &str, help: Option<&str>) -> Option<CompletionCandidate> {
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    // Brief text is neutralised when loaded; a note may still hold line breaks, which
    // would end the shell's line.
    let help = help.map(|h| h.replace(['\n', '\t'], " "));
    Some(CompletionCandidate::new(value).help(help.map(Into::into)))
}

/// Every brief, section and entry.
pub fn selectors() -> Vec<CompletionCandidate> {
    corpus()
        .selectors()
        .filter_map(|s| candidate(&s, None))
        .collect()
}

/// Every issue id, with the issue's title.
pub fn issues() -> Vec<CompletionCandidate> {
    corpus()
        .issues()
        .filter_map(|i| candidate(i.id.as_str(), Some(i.title.as_str())))
        .collect()
}

/// Every actor id, with the actor's name.
pub fn actors() -> Vec<CompletionCandidate> {
    corpus()
        .actors()
        .filter_map(|a| candidate(a.id.as_str(), Some(a.name.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<OsString> {
        s.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_request_follows_the_line_being_completed() {
        let r = request_of(&words("brief --no-builtin show --briefs a --briefs=b x"));
        assert_eq!(r.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(!r.builtin && !r.config_dir);
        let r = request_of(&words("brief show -- --no-builtin"));
        assert!(r.builtin, "after -- it is a value");
    }

    #[test]
    fn candidates_that_would_break_the_shell_are_left_out() {
        assert!(candidate("a b", None).is_none());
        assert!(candidate("a\u{1b}", None).is_none());
        let c = candidate("ok", Some("two\nlines")).unwrap();
        assert_eq!(
            c.get_help().map(|h| h.to_string()).as_deref(),
            Some("two lines")
        );
    }
}
