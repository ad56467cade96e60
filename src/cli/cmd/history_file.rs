//! `brief history new` and `brief history add`: writing a text's history file. The file
//! is the user's: `add` appends the new version to the text as written (comments, order
//! and quoting kept) rather than writing the whole file anew, and replaces the file only
//! once the result reads as a history with every version it names, through a temporary
//! file renamed over it, so that a failure leaves the file as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::Failure;
use crate::cli::args::{DiffFormat, HistoryAddArgs, HistoryArgs, HistoryCommand, HistoryNewArgs};
use crate::cli::ctx::Ctx;
use crate::draft::history::History;

pub fn run(ctx: &Ctx, args: &HistoryArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    match &args.command {
        HistoryCommand::New(a) => new(a, out),
        HistoryCommand::Add(a) => add(ctx, a, out),
    }
}

/// A string as YAML reads it back whatever it holds: JSON's quoting, which YAML's
/// double-quoted style shares.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// `Lake Forum.yaml` → `lake-forum`: an id from a file's name.
fn id_from_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "text".to_owned()
    } else {
        id.to_owned()
    }
}

fn new(args: &HistoryNewArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let name = args.file.display().to_string();
    let id = args.id.clone().unwrap_or_else(|| id_from_name(&args.file));
    if let Some(p) = crate::brief::validate::id_problem(&id) {
        return Err(Failure::NotFound(format!("--id {id}: {p}")));
    }
    if args.title.trim().is_empty() {
        return Err(Failure::NotFound("--title: a text needs a title".into()));
    }
    let text = format!("id: {id}\ntitle: {}\nversions: []\n", quoted(&args.title));
    // `create_new`: a file already there, even one made a moment ago, is not replaced.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.file)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::NotFound(format!(
                "{name}: exists already; `brief history new` does not overwrite a file"
            )),
            _ => Failure::NotFound(format!("{name}: {e}")),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::NotFound(format!("{name}: {e}")))?;
    writeln!(
        out,
        "{name}: the history of `{id}`, with no versions yet; add one with `brief history add {name} DRAFT --id ID --label LABEL`"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The folder a history's files are named from.
fn folder_of(history: &Path) -> PathBuf {
    match history.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The name a history gives `draft`: its path from the history's folder. A draft
/// elsewhere is refused with the rule the library holds every history to
/// (`crate::library::version_file`), which this goes through.
fn named_in(folder: &Path, draft: &Path) -> Result<String, String> {
    let cannot = |e: std::io::Error| format!("cannot read: {e}");
    let folder = folder.canonicalize().map_err(cannot)?;
    // The draft's folder resolved, its own name kept: a draft that is a link to a file
    // elsewhere is the library's to refuse, by the same rule.
    let parent = match draft.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = draft.file_name().ok_or_else(|| "not a file".to_owned())?;
    let full = parent.canonicalize().map_err(cannot)?.join(file_name);
    let named = match full.strip_prefix(&folder) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => full,
    };
    let named = named
        .to_str()
        .ok_or_else(|| "its name is not UTF-8, which a history file cannot hold".to_owned())?
        .to_owned();
    crate::library::version_file(&folder, &named)?;
    Ok(named)
}

/// `text` with `item` (a version's fields, `key: value` each) added as the last of its
/// `versions:` list, the rest as it was; `None` where the list is not written in the
/// block style this can add to.
fn appended(text: &str, item: &[String]) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| l.starts_with("versions:"))?;
    let after = lines[start]["versions:".len()..].trim();
    let after = after.split(" #").next().unwrap_or("").trim();
    let write_item = |dash: &str, out: &mut String| {
        for (k, field) in item.iter().enumerate() {
            let lead = if k == 0 { "- " } else { "  " };
            out.push_str(&format!("{dash}{lead}{field}\n"));
        }
    };
    let mut out = String::with_capacity(text.len() + 200);
    if after == "[]" {
        // `versions: []`, as `brief history new` writes it: a block list of one.
        out.extend(lines[..start].iter().copied());
        out.push_str("versions:\n");
        write_item("  ", &mut out);
        out.extend(lines[start + 1..].iter().copied());
        return Some(out);
    }
    if !after.is_empty() {
        return None;
    }
    // The list runs to the next line at the margin that is not one of its items (a
    // list may be written at the margin) nor a blank or comment line.
    let mut last = start;
    let mut dash: Option<&str> = None;
    for (k, line) in lines.iter().enumerate().skip(start + 1) {
        let body = line.trim_start();
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = &line[..line.len() - body.len()];
        let item_line = body.starts_with("- ") || body.trim_end() == "-";
        if indent.is_empty() && !item_line {
            break;
        }
        if item_line && dash.is_none() {
            dash = Some(indent);
        }
        last = k;
    }
    out.extend(lines[..=last].iter().copied());
    if !out.ends_with('\n') {
        out.push('\n');
    }
    write_item(dash.unwrap_or("  "), &mut out);
    out.extend(lines[last + 1..].iter().copied());
    Some(out)
}

/// Write `text` to a file beside `path` that no other has, run `check` on it, and only
/// if that passes put it in `path`'s place: renaming within a folder replaces a file
/// whole or not at all.
fn replace_checked<T>(
    path: &Path,
    text: &str,
    check: impl FnOnce(&Path) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let folder = folder_of(path);
    let name = path.file_name().map_or_else(
        || "history".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let shown = path.display().to_string();
    let io = |e: std::io::Error| Failure::NotFound(format!("{shown}: {e}"));
    let mut k = 0;
    let (temp, mut file) = loop {
        let temp = folder.join(format!(".{name}.{}.{k}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(f) => break (temp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && k < 100 => k += 1,
            Err(e) => return Err(io(e)),
        }
    };
    let result = (|| {
        // The file keeps who may read it.
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&temp, meta.permissions());
        }
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        let checked = check(&temp)?;
        std::fs::rename(&temp, path).map_err(io)?;
        Ok(checked)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn add(ctx: &Ctx, args: &HistoryAddArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let max = ctx.max_file_size();
    let (name, bytes) = super::diff::bytes_of(&args.history, max)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::NotFound(format!("{name}: not UTF-8 text")))?;
    let history = History::parse_unfinished(&text).map_err(|problems| {
        Failure::NotFound(
            problems
                .iter()
                .map(|p| match crate::library::located(p) {
                    Some(_) => format!("{name}:{p}"),
                    None => format!("{name}: {p}"),
                })
                .collect::<Vec<_>>()
                .join("\nbrief: "),
        )
    })?;
    if let Some(p) = crate::brief::validate::id_problem(&args.id) {
        return Err(Failure::NotFound(format!("--id {}: {p}", args.id)));
    }
    if history.index(&args.id).is_some() {
        return Err(Failure::NotFound(format!(
            "{name}: has a version `{}` already; give the new one another id",
            args.id
        )));
    }
    if args.label.trim().is_empty() {
        return Err(Failure::NotFound("--label: a version needs a label".into()));
    }
    let draft_name = args.draft.display().to_string();
    let named = named_in(&folder_of(&args.history), &args.draft)
        .map_err(|e| Failure::NotFound(format!("{draft_name}: {e}")))?;
    let side = args.side.map(crate::draft::read::Side::from);
    let (_, draft_bytes) = super::diff::bytes_of(&args.draft, max)?;
    crate::draft::read::read_as(&draft_name, &draft_bytes, side)
        .map_err(|e| Failure::NotFound(e.in_file(&draft_name)))?;

    let date = args.date.unwrap_or(ctx.today);
    let mut item = vec![
        format!("id: {}", args.id),
        format!("label: {}", quoted(&args.label)),
        format!("date: {date}"),
    ];
    if let Some(symbol) = &args.symbol {
        item.push(format!("symbol: {}", quoted(symbol)));
    }
    item.push(format!("file: {}", quoted(&named)));
    if let Some(side) = side {
        item.push(format!("as: {}", side.name()));
    }
    let added = appended(&text, &item)
        .filter(|t| match History::parse(t) {
            // What was written must read back as the history with the version last.
            Ok(h) => {
                h.versions.len() == history.versions.len() + 1
                    && h.versions.last().is_some_and(|v| v.id.as_str() == args.id)
            }
            // Its problems (a date out of order) are said below, where it is read in full.
            Err(_) => true,
        })
        .ok_or_else(|| {
            Failure::NotFound(format!(
                "{name}: its `versions:` list is not written as a list of items (`- id: …`) this command can add to; add the version by hand"
            ))
        })?;
    // The new file is read in full, with every version it names, before it replaces the
    // old one: a problem (a date out of order, a version file gone) leaves the old one.
    let loaded = replace_checked(&args.history, &added, |temp| {
        crate::library::read_text(temp, max).map_err(|problems| {
            Failure::NotFound(
                problems
                    .iter()
                    .map(|p| match crate::library::located(p) {
                        Some((line, column, p)) => format!(
                            "{name}:{line}:{column}: with version `{}` added: {p}",
                            args.id
                        ),
                        None => format!("{name}: with version `{}` added: {p}", args.id),
                    })
                    .collect::<Vec<_>>()
                    .join("\nbrief: "),
            )
        })
    })?;
    let n = loaded.versions.len();
    let paragraphs = loaded.versions[n - 1].paragraphs.len();
    writeln!(
        out,
        "{name}: added `{}` ({}, {date}), {paragraphs} paragraphs",
        args.id,
        crate::brief::text::neutralise(&args.label)
    )?;
    if n < 2 {
        return Ok(ExitCode::SUCCESS);
    }
    let before = loaded.history.versions[n - 2].id.to_string();
    writeln!(out, "\n{before} → {}", args.id)?;
    let entries = super::history::compare(&loaded, &before, &args.id)?;
    super::history::render(ctx, &entries, DiffFormat::Summary, args.width, out)?;
    super::history::progress(&loaded, &before, &args.id, DiffFormat::Summary, out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> Vec<String> {
        vec!["id: rev3".into(), "label: \"R3\"".into()]
    }

    #[test]
    fn a_version_is_added_at_the_end_of_the_list_whatever_follows_it() {
        let text = "id: t\n# the drafts\nversions:\n  - id: zero\n    label: Zero\n\n  # kept\n  - {id: rev1, label: R1}\nconcordance:\n  - {from: zero, to: rev1, pairs: []}\n";
        assert_eq!(
            appended(text, &item()).unwrap(),
            "id: t\n# the drafts\nversions:\n  - id: zero\n    label: Zero\n\n  # kept\n  - {id: rev1, label: R1}\n  - id: rev3\n    label: \"R3\"\nconcordance:\n  - {from: zero, to: rev1, pairs: []}\n"
        );
        // Items at the margin, and no line end at the end of the file.
        assert_eq!(
            appended("versions:\n- id: zero\n  label: Zero", &item()).unwrap(),
            "versions:\n- id: zero\n  label: Zero\n- id: rev3\n  label: \"R3\"\n"
        );
        assert_eq!(
            appended("id: t\nversions: []\ntitle: T\n", &item()).unwrap(),
            "id: t\nversions:\n  - id: rev3\n    label: \"R3\"\ntitle: T\n"
        );
        // A list written in flow style is not rewritten.
        assert_eq!(appended("versions: [{id: zero}]\n", &item()), None);
        assert_eq!(appended("id: t\n", &item()), None);
    }

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_name(Path::new("a/Lake Forum.yaml")), "lake-forum");
        assert_eq!(id_from_name(Path::new("__.yaml")), "text");
        assert_eq!(
            id_from_name(Path::new("wsis+20 outcome.yml")),
            "wsis-20-outcome"
        );
    }

    #[test]
    fn what_is_quoted_reads_back_as_it_was() {
        for s in [
            "Revision 3",
            "a: b # c",
            "\"quoted\"\n\\",
            "- [x]",
            "é\u{1}",
        ] {
            let yaml = format!("v: {}\n", quoted(s));
            let back: std::collections::HashMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(back["v"], s, "{yaml}");
        }
    }
}
