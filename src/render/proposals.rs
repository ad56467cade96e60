//! `brief proposals` and `brief blame`: a text's proposals with what became of them, as
//! text (for reading), Markdown (for notes and mail) and JSON Lines (for `jq`).

use std::io::{self, Write};

use serde_json::json;

use crate::brief::text::neutralise;
use crate::draft::proposals::{Action, Origin, Proposal, Target, Verdict};
use crate::query::proposals::Proposals;

/// Words shown as evidence, at most: the rest are counted.
const EVIDENCE: usize = 12;

/// `“and clinic”` after the action, for the actions whose words are a few to add, delete
/// or keep; an amendment's or alternative's wording is a paragraph, shown below it.
fn inline_wording(p: &Proposal) -> Option<String> {
    match p.action {
        Action::Add | Action::Delete | Action::Retain if !p.wording.is_empty() => {
            Some(format!("“{}”", neutralise(&p.wording)))
        }
        _ => None,
    }
}

fn percent(share: f32) -> String {
    format!("{:.0}%", share * 100.0)
}

/// `rev1: partly (67%)`, or `pending (no later version)`.
fn verdict(all: &Proposals<'_>, v: &Verdict) -> String {
    match v.against {
        None => "pending (no later version yet)".to_owned(),
        Some(to) => {
            let id = all.version_id(to);
            match v.reflected {
                crate::draft::proposals::Reflected::Yes => format!("{id}: reflected"),
                crate::draft::proposals::Reflected::No => format!("{id}: not reflected"),
                crate::draft::proposals::Reflected::Partly => {
                    format!("{id}: partly ({} of what it asked)", percent(v.kept))
                }
                crate::draft::proposals::Reflected::Pending => {
                    format!("{id}: pending (still open)")
                }
            }
        }
    }
}

fn evidence(words: &[String]) -> String {
    let shown: Vec<&str> = words.iter().take(EVIDENCE).map(String::as_str).collect();
    let mut s = neutralise(&shown.join(" ")).into_owned();
    if words.len() > EVIDENCE {
        s.push_str(&format!(" … ({} more)", words.len() - EVIDENCE));
    }
    s
}

/// Where a proposal is: `comp ¶1`, or `rev1, new after ¶2`.
fn place(all: &Proposals<'_>, p: &Proposal) -> String {
    let v = all.version_id(p.version);
    match p.target {
        Target::Paragraph(_) => format!("{v} ¶{}", all.label(p)),
        Target::After(_) => format!("{v}, new after ¶{}", all.label(p)),
    }
}

/// The proposals `kept`, each with its verdicts, then each actor's record.
pub fn text(all: &Proposals<'_>, kept: &[usize], out: &mut impl Write) -> io::Result<()> {
    let text = all.text;
    writeln!(
        out,
        "{} — {} of {} proposals",
        neutralise(&text.history.title),
        kept.len(),
        all.proposals.len()
    )?;
    for &i in kept {
        let p = &all.proposals[i];
        let v = &all.verdicts[i];
        writeln!(out)?;
        let mut head = format!(
            "{}  {}  {}",
            place(all, p),
            neutralise(&all.by(i)),
            p.action.name()
        );
        if let Some(w) = inline_wording(p) {
            head.push(' ');
            head.push_str(&w);
        }
        let mut from = vec![neutralise(&p.origin.said()).into_owned()];
        if let Some(d) = &p.date {
            from.push(neutralise(d).into_owned());
        }
        if let Some(r) = p.recorded {
            from.push(format!("recorded: {}", r.name()));
        }
        writeln!(out, "{head}  ({})", from.join("; "))?;
        if inline_wording(p).is_none() && !p.wording.is_empty() {
            writeln!(out, "    “{}”", neutralise(&p.wording))?;
        }
        // A brief's proposal is an entry to read: its selector, and what it cites.
        if let Origin::Brief { selector, .. } = &p.origin {
            let cite = p.cite.as_ref().map_or(String::new(), |c| {
                format!("  (cites {}, {})", neutralise(&c.source), neutralise(&c.at))
            });
            writeln!(out, "    {}{cite}", neutralise(selector))?;
        }
        let mut line = verdict(all, &v.next);
        if v.last.against != v.next.against {
            line.push_str(&format!("; {}", verdict(all, &v.last)));
        }
        if v.disagrees(p.recorded) {
            line.push_str("  ⚠ not what the record says");
        }
        writeln!(out, "    → {line}")?;
        let shown = if v.last.against.is_some() {
            &v.last
        } else {
            &v.next
        };
        if matches!(
            shown.reflected,
            crate::draft::proposals::Reflected::Partly | crate::draft::proposals::Reflected::No
        ) {
            if !shown.made.is_empty() {
                writeln!(out, "      made: {}", evidence(&shown.made))?;
            }
            if !shown.not_made.is_empty() {
                writeln!(out, "      not made: {}", evidence(&shown.not_made))?;
            }
        }
    }
    let records = all.records(kept);
    if !records.is_empty() {
        writeln!(out, "\nBy actor, against the last version")?;
        for r in records {
            writeln!(out, "  {}", neutralise(&r.describe()))?;
        }
    }
    Ok(())
}

/// The same as a Markdown table, then the records as a list.
pub fn markdown(all: &Proposals<'_>, kept: &[usize], out: &mut impl Write) -> io::Result<()> {
    let cell = |s: &str| neutralise(s).replace('|', "\\|");
    writeln!(out, "## Proposals on {}\n", cell(&all.text.history.title))?;
    writeln!(
        out,
        "| where | by | action | wording | next version | last version | record | from |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|")?;
    for &i in kept {
        let p = &all.proposals[i];
        let v = &all.verdicts[i];
        let mut record = p.recorded.map_or(String::new(), |r| r.name().to_owned());
        if v.disagrees(p.recorded) {
            record.push_str(" ⚠");
        }
        let from = match &p.origin {
            Origin::Brief { selector, .. } => {
                format!("{} (`{}`)", cell(&p.origin.said()), cell(selector))
            }
            other => other.name().to_owned(),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {from} |",
            cell(&place(all, p)),
            cell(&all.by(i)),
            p.action.name(),
            cell(&p.wording),
            cell(&verdict(all, &v.next)),
            cell(&verdict(all, &v.last)),
            record
        )?;
    }
    let records = all.records(kept);
    if !records.is_empty() {
        writeln!(out, "\n### By actor, against the last version\n")?;
        for r in records {
            writeln!(out, "- {}", cell(&r.describe()))?;
        }
    }
    Ok(())
}

fn verdict_json(all: &Proposals<'_>, v: &Verdict) -> serde_json::Value {
    json!({
        "reflected": v.reflected.name(),
        "kept": (f64::from(v.kept) * 100.0).round() / 100.0,
        "version": v.against.map(|a| all.version_id(a)),
        "paragraphs": v.continuation.iter().map(|&n| all.text.versions[v.against.unwrap_or(0)].paragraphs[n].label.as_str()).collect::<Vec<_>>(),
        "made": v.made.iter().map(|w| neutralise(w)).collect::<Vec<_>>(),
        "not_made": v.not_made.iter().map(|w| neutralise(w)).collect::<Vec<_>>(),
    })
}

/// One JSON object per proposal, on a line each: `actors`, `version`, `paragraph`,
/// `action`, `wording`, `status`, `reflected` (yes, partly, no or pending) and `kept` (the
/// share, 0 to 1) against the next version, and `final` against the last.
pub fn json(all: &Proposals<'_>, kept: &[usize], out: &mut impl Write) -> io::Result<()> {
    for &i in kept {
        let p = &all.proposals[i];
        let v = &all.verdicts[i];
        let next = verdict_json(all, &v.next);
        let obj = json!({
            "text": all.text.history.id.as_str(),
            "actors": all.actors[i].iter().map(|n| neutralise(n.key())).collect::<Vec<_>>(),
            "names": all.actors[i].iter().map(|n| neutralise(&n.shown)).collect::<Vec<_>>(),
            "version": all.version_id(p.version),
            "paragraph": all.label(p),
            "new_after": matches!(p.target, Target::After(_)),
            "action": p.action.name(),
            "wording": neutralise(&p.wording),
            "status": p.recorded.map(|r| r.name()),
            "reflected": v.next.reflected.name(),
            "kept": next["kept"],
            "next": next,
            "final": verdict_json(all, &v.last),
            "disagrees_with_record": v.disagrees(p.recorded),
            "from": p.origin.name(),
            "entry": match &p.origin {
                Origin::Brief { selector, .. } => Some(neutralise(selector)),
                _ => None,
            },
            "section": match &p.origin {
                Origin::Brief { section, .. } => Some(neutralise(section)),
                _ => None,
            },
            "date": p.date.as_deref().map(neutralise),
            "cite": p.cite.as_ref().map(|c| json!({"source": c.source.as_str(), "at": c.at.as_str()})),
        });
        writeln!(out, "{obj}")?;
    }
    Ok(())
}

/// `brief blame`: each run of the paragraph's words with the version that brought it in
/// and who asked for it, one run to a line.
pub fn blame_text(
    all: &Proposals<'_>,
    v: usize,
    p: usize,
    json_lines: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let runs = all.blame(v, p);
    if json_lines {
        for (run, by) in runs {
            let proposal = run.proposal.map(|i| &all.proposals[i]);
            let obj = json!({
                "words": neutralise(&run.words),
                "version": all.version_id(run.version),
                "by": run.proposal.map(|i| all.actors[i].iter().map(|n| neutralise(n.key()).into_owned()).collect::<Vec<_>>()),
                "names": (!by.is_empty()).then(|| neutralise(&by).into_owned()),
                "action": proposal.map(|x| x.action.name()),
                "from": proposal.map(|x| x.origin.name()),
                "entry": proposal.and_then(|x| match &x.origin {
                    Origin::Brief { selector, .. } => Some(neutralise(selector)),
                    _ => None,
                }),
            });
            writeln!(out, "{obj}")?;
        }
        return Ok(());
    }
    let para = &all.text.versions[v].paragraphs[p];
    writeln!(
        out,
        "{} {} ¶{}: who brought in each run of words",
        neutralise(&all.text.history.id),
        all.version_id(v),
        para.label
    )?;
    let width = runs
        .iter()
        .map(|(r, _)| all.version_id(r.version).chars().count())
        .max()
        .unwrap_or(0);
    let who_width = runs
        .iter()
        .map(|(_, by)| by.chars().count())
        .max()
        .unwrap_or(0)
        .max(1);
    for (run, by) in runs {
        let who = if by.is_empty() {
            "·".to_owned()
        } else {
            neutralise(&by).into_owned()
        };
        writeln!(
            out,
            "{:<width$}  {:<who_width$}  {}",
            all.version_id(run.version),
            who,
            neutralise(&run.words)
        )?;
    }
    Ok(())
}
