//! Finding what the user named, or saying clearly what exists instead.

use super::Failure;
use crate::brief::corpus::{Corpus, Target};
use crate::brief::diag::did_you_mean;

/// "no actor `isco`: did you mean `isoc`?", or else the ids there are.
pub fn no_such<'a>(what: &str, wrong: &str, ids: impl Iterator<Item = &'a str>) -> Failure {
    let ids: Vec<&str> = ids.collect();
    let hint = did_you_mean(wrong, ids.iter().copied()).map_or_else(
        || format!("; {what}s: {}", ids.join(", ")),
        |m| format!(": did you mean `{m}`?"),
    );
    Failure::NotFound(format!("no {what} `{wrong}`{hint}"))
}

/// Every named actor must exist.
pub fn check_actors(corpus: &Corpus, actors: &[String]) -> Result<(), Failure> {
    match actors.iter().find(|a| corpus.actor(a).is_none()) {
        Some(a) => Err(no_such("actor", a, corpus.actors().map(|x| x.id.as_str()))),
        None => Ok(()),
    }
}

/// Find what a selector names, or say what exists nearby.
pub fn resolve<'c>(corpus: &'c Corpus, selector: &str) -> Result<Target<'c>, Failure> {
    if let Some(t) = corpus.resolve(selector) {
        return Ok(t);
    }
    let all: Vec<String> = corpus.selectors().collect();
    let mut message = format!("nothing is named `{selector}`");
    // What the selector begins, at its own depth, comes first: `…/issues/igf` is the start
    // of `…/issues/igf-mandate` more surely than a misspelling of its parent `…/issues`.
    let depth = selector.matches('/').count();
    let completions: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|s| s.len() > selector.len() && s.starts_with(selector))
        .filter(|s| s.matches('/').count() == depth)
        .collect();
    if let [only] = completions.as_slice() {
        message.push_str(&format!(": did you mean `{only}`?"));
    } else if (2..=6).contains(&completions.len()) {
        let quoted: Vec<String> = completions.iter().map(|c| format!("`{c}`")).collect();
        message.push_str(&format!(": did you mean one of {}?", quoted.join(", ")));
    } else if let Some(m) = did_you_mean(selector, all.iter().map(String::as_str)) {
        message.push_str(&format!(": did you mean `{m}`?"));
    } else {
        // Offer what the deepest part that does resolve contains.
        let mut parent = selector.trim_end_matches('/');
        while let Some((head, _)) = parent.rsplit_once('/') {
            parent = head;
            if corpus.resolve(parent).is_some() {
                break;
            }
        }
        let children: Vec<&str> = match corpus.resolve(parent) {
            Some(_) => all
                .iter()
                .filter(|s| s.rsplit_once('/').is_some_and(|(h, _)| h == parent))
                .map(String::as_str)
                .collect(),
            None => all
                .iter()
                .filter(|s| !s.contains('/'))
                .map(String::as_str)
                .collect(),
        };
        let shown: Vec<&str> = children.iter().take(12).copied().collect();
        message.push_str(&format!("; there is: {}", shown.join(", ")));
        if children.len() > shown.len() {
            message.push_str(&format!(
                " and {} more (`brief list`)",
                children.len() - shown.len()
            ));
        }
    }
    Err(Failure::NotFound(message))
}
