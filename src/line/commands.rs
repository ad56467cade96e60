//! Line mode's one command table: it dispatches (`find`) and it is the help (`help`), so
//! the two cannot disagree, as the reader's key table is both its keys and its help.

use std::io;

use super::speak::{Out, echo};
use super::{Flow, LineReader, Screen, reader, screens, texts};

type Run = for<'c, 'o, 'w> fn(&mut LineReader<'c>, &str, &mut Out<'o>) -> io::Result<Flow>;

/// One command: its long name first, then its short forms; what it takes; what it does.
pub struct Command {
    pub names: &'static [&'static str],
    pub args: &'static str,
    pub help: &'static str,
    pub run: Run,
}

const fn cmd(
    names: &'static [&'static str],
    args: &'static str,
    help: &'static str,
    run: Run,
) -> Command {
    Command {
        names,
        args,
        help,
        run,
    }
}

/// Every command, in the help's order.
pub static COMMANDS: &[Command] = &[
    cmd(
        &["help", "h", "?"],
        "[COMMAND]",
        "list the commands, or say what one does",
        help,
    ),
    cmd(
        &["list", "l", "ls"],
        "",
        "number what is here: the briefs, a brief's sections, a section's entries, or the rows of the screen",
        list,
    ),
    cmd(
        &["open", "o", "go"],
        "N | SELECTOR",
        "open item N of the last list (a number alone does too), or a brief, section or entry by selector",
        open,
    ),
    cmd(
        &["show", "s", "again"],
        "",
        "say again what the reader is on",
        show,
    ),
    cmd(
        &["next", "n"],
        "[change | result]",
        "the next entry (a paragraph, in a text), or the next row; next change: the next row that changed; next result: the next entry the search found",
        next,
    ),
    cmd(
        &["previous", "p", "prev"],
        "[change | result]",
        "the entry or row before; previous change, previous result: the change or search result before",
        previous,
    ),
    cmd(
        &["up", "u", ".."],
        "",
        "up one level: from an entry to its section, its brief, the list of briefs",
        up,
    ),
    cmd(
        &["back", "b"],
        "",
        "back to where the last jump came from, or from a screen to the reader",
        back,
    ),
    cmd(
        &["follow", "ref"],
        "N",
        "follow cross-reference N of the entry being read",
        follow,
    ),
    cmd(
        &["search", "find", "/"],
        "WORDS",
        "search every brief; open N reads result N; search alone repeats the results",
        search,
    ),
    cmd(
        &["filter", "f"],
        "[KIND VALUE | clear]",
        "narrow what is listed, searched and compared: stance, group, actor, tag, source, in SELECTOR; the same again takes it off; filter alone lists the choices. On the versions screen: all, changed, not agreed, bracketed",
        filter,
    ),
    cmd(
        &["compare", "c"],
        "[ISSUE | N]",
        "who stands where: the issues, or each actor's positions on one, by stakeholder group",
        compare,
    ),
    cmd(
        &["figures", "fig"],
        "",
        "the figures the sources give, and where they differ",
        figures,
    ),
    cmd(
        &["timeline", "t"],
        "",
        "the events of every brief in date order, with today",
        timeline,
    ),
    cmd(&["desk", "notes", "d"], "", "every bookmark and note", desk),
    cmd(
        &["note", "a"],
        "[TEXT | clear]",
        "write TEXT as the note on the entry being read; note alone says the note; note clear takes it away",
        note,
    ),
    cmd(
        &["mark", "m", "bookmark"],
        "",
        "bookmark the entry being read, or take the bookmark away",
        mark,
    ),
    cmd(
        &["versions", "v", "diff"],
        "[TEXT] [A B]",
        "two versions of a negotiated text, paragraph by paragraph: the old wording, then the new, changes marked [-old-] {+new+}",
        versions,
    ),
    cmd(
        &["proposals", "pr"],
        "[TEXT]",
        "who proposed what on a negotiated text, paragraph by paragraph, and whether it was reflected",
        proposals,
    ),
    cmd(
        &["quit", "q", "exit"],
        "",
        "leave (so does the end of input)",
        quit,
    ),
];

/// The command a word names, any case.
pub fn find(word: &str) -> Option<&'static Command> {
    COMMANDS
        .iter()
        .find(|c| c.names.iter().any(|n| n.eq_ignore_ascii_case(word)))
}

/// The command name nearest to an unknown word.
pub fn nearest(word: &str) -> &'static str {
    let word: String = word.chars().take(40).collect();
    COMMANDS
        .iter()
        .flat_map(|c| c.names.iter().map(move |n| (c.names[0], *n)))
        .filter(|(_, n)| n.len() > 1 || word.len() == 1)
        .min_by_key(|(_, n)| strsim::damerau_levenshtein(&word, n))
        .map_or("help", |(long, _)| long)
}

/// `open N | SELECTOR — what it does (also: o, go)`.
fn usage(c: &Command) -> String {
    let mut s = c.names[0].to_owned();
    if !c.args.is_empty() {
        s.push(' ');
        s.push_str(c.args);
    }
    s.push_str(": ");
    s.push_str(c.help);
    if c.names.len() > 1 {
        s.push_str(&format!(" (also: {})", c.names[1..].join(", ")));
    }
    s
}

fn help(_: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    if !rest.is_empty() {
        let word = rest.split_whitespace().next().unwrap_or("").to_lowercase();
        match find(&word) {
            Some(c) => out.line(&usage(c))?,
            None => out.line(&format!(
                "No command is named {}. Did you mean {}?",
                echo(&word),
                nearest(&word)
            ))?,
        }
        return Ok(Flow::Continue);
    }
    out.line(&format!(
        "{} commands, one a line, any case:",
        COMMANDS.len()
    ))?;
    for c in COMMANDS {
        out.line(&usage(c))?;
    }
    out.line("A number alone opens that item of the last list.")?;
    Ok(Flow::Continue)
}

fn list(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    match r.screen {
        Screen::Reader => reader::list(r, out)?,
        Screen::Versions => texts::list_versions(r, out)?,
        Screen::Proposals => texts::list_proposals(r, out)?,
        _ => r.show(out)?,
    }
    Ok(Flow::Continue)
}

fn open(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    r.open(rest, out)?;
    Ok(Flow::Continue)
}

fn show(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    r.show(out)?;
    Ok(Flow::Continue)
}

/// Whether `rest` asks for changes only (`next change`).
fn changes(rest: &str) -> bool {
    matches!(rest.to_lowercase().as_str(), "change" | "changes" | "c")
}

fn next(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    step(r, rest, true, out)?;
    Ok(Flow::Continue)
}

fn previous(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    step(r, rest, false, out)?;
    Ok(Flow::Continue)
}

fn step(r: &mut LineReader<'_>, rest: &str, forward: bool, out: &mut Out<'_>) -> io::Result<()> {
    match r.screen {
        Screen::Versions => texts::step_versions(r, forward, changes(rest), out),
        Screen::Proposals => texts::step_proposals(r, forward, out),
        _ if matches!(rest.to_lowercase().as_str(), "result" | "match" | "r") => {
            screens::step_hits(r, forward, out)
        }
        Screen::Reader if changes(rest) => {
            out.line("Next change is for the versions screen: versions opens it.")
        }
        Screen::Reader => reader::step(r, forward, out),
        _ => screens::step_list(r, forward, out),
    }
}

fn up(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    match &r.screen {
        Screen::Reader => reader::up(r, out)?,
        Screen::Compare(Some(_)) => {
            r.screen = Screen::Compare(None);
            r.show(out)?;
        }
        _ => {
            r.enter(Screen::Reader);
            r.show(out)?;
        }
    }
    Ok(Flow::Continue)
}

fn back(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    match r.back.pop() {
        Some((screen, place)) => {
            r.screen = screen;
            r.at = place;
            r.show(out)?;
        }
        None if r.screen != Screen::Reader => {
            r.screen = Screen::Reader;
            r.show(out)?;
        }
        None => out.line("Nowhere to go back to.")?,
    }
    Ok(Flow::Continue)
}

fn follow(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    reader::follow(r, rest, out)?;
    Ok(Flow::Continue)
}

fn search(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    screens::search(r, rest, out)?;
    Ok(Flow::Continue)
}

fn filter(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    if r.screen == Screen::Versions {
        texts::filter_versions(r, rest, out)?;
    } else {
        screens::filter(r, rest, out)?;
    }
    Ok(Flow::Continue)
}

fn compare(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    screens::compare(r, rest, out)?;
    Ok(Flow::Continue)
}

fn figures(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    r.enter(Screen::Figures);
    r.show(out)?;
    Ok(Flow::Continue)
}

fn timeline(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    r.enter(Screen::Timeline);
    r.show(out)?;
    Ok(Flow::Continue)
}

fn desk(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    r.enter(Screen::Desk);
    r.show(out)?;
    Ok(Flow::Continue)
}

fn note(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    screens::note(r, rest, out)?;
    Ok(Flow::Continue)
}

fn mark(r: &mut LineReader<'_>, _: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    screens::mark(r, out)?;
    Ok(Flow::Continue)
}

fn versions(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    texts::versions(r, rest, out)?;
    Ok(Flow::Continue)
}

fn proposals(r: &mut LineReader<'_>, rest: &str, out: &mut Out<'_>) -> io::Result<Flow> {
    texts::proposals(r, rest, out)?;
    Ok(Flow::Continue)
}

fn quit(_: &mut LineReader<'_>, _: &str, _: &mut Out<'_>) -> io::Result<Flow> {
    Ok(Flow::Quit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_one_commands_and_every_command_has_help() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(!c.help.is_empty());
            for n in c.names {
                assert!(seen.insert(*n), "{n} names two commands");
                assert_eq!(*n, n.to_lowercase());
                assert!(!n.chars().all(|c| c.is_ascii_digit()));
            }
        }
    }

    #[test]
    fn any_case_finds_a_command_and_a_slip_finds_the_nearest() {
        assert_eq!(find("NEXT").unwrap().names[0], "next");
        assert_eq!(find("Ls").unwrap().names[0], "list");
        assert!(find("nxet").is_none());
        assert_eq!(nearest("nxet"), "next");
        assert_eq!(nearest("timelin"), "timeline");
        assert_eq!(nearest("serch"), "search");
        assert_eq!(nearest(&"z".repeat(10_000)), nearest("zzzz"));
    }
}
