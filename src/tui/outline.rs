//! The outline as a flattened tree (as jless keeps its JSON): one Vec of nodes in reading
//! order, each knowing its depth and parent, plus the list of rows currently visible. A
//! key press touches the visible list, never the briefs themselves.

use crate::brief::corpus::{Corpus, Target};
use crate::search::Filter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Brief,
    Section,
    Entry,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub level: Level,
    pub brief: usize,
    pub section: usize,
    /// Place in [`crate::brief::model::Section::entries`] order (entries only).
    pub entry: usize,
    pub parent: Option<usize>,
    /// Direct children in the whole tree.
    pub children: usize,
    /// Entries under this node that pass the filter (1 or 0 for an entry).
    pub admitted: usize,
}

#[derive(Debug, Clone)]
pub struct Outline {
    nodes: Vec<Node>,
    expanded: Vec<bool>,
    visible: Vec<usize>,
    filtering: bool,
    /// Node id of each section: `sections[brief][section]`.
    sections: Vec<Vec<usize>>,
}

impl Outline {
    /// Briefs open on their sections; sections closed. With many briefs, briefs closed too.
    pub fn new(corpus: &Corpus) -> Outline {
        let mut nodes = Vec::new();
        let mut sections = Vec::new();
        // From each brief's listing: a brief not yet decoded is decoded when it is shown.
        let briefs = corpus.briefs();
        for bi in 0..briefs.len() {
            let Some(b) = briefs.contents(bi) else {
                break;
            };
            sections.push(Vec::with_capacity(b.sections()));
            let brief_node = nodes.len();
            nodes.push(Node {
                level: Level::Brief,
                brief: bi,
                section: 0,
                entry: 0,
                parent: None,
                children: b.sections(),
                admitted: 0,
            });
            for si in 0..b.sections() {
                let section_node = nodes.len();
                sections[bi].push(section_node);
                let entries = b.entries(si);
                nodes.push(Node {
                    level: Level::Section,
                    brief: bi,
                    section: si,
                    entry: 0,
                    parent: Some(brief_node),
                    children: entries,
                    admitted: 0,
                });
                for ei in 0..entries {
                    nodes.push(Node {
                        level: Level::Entry,
                        brief: bi,
                        section: si,
                        entry: ei,
                        parent: Some(section_node),
                        children: 0,
                        admitted: 0,
                    });
                }
            }
        }
        let many = corpus.briefs().len() > 20;
        let expanded = nodes
            .iter()
            .map(|n| n.level == Level::Brief && !many)
            .collect();
        let mut outline = Outline {
            nodes,
            expanded,
            visible: Vec::new(),
            filtering: false,
            sections,
        };
        outline.apply_filter(corpus, &Filter::default());
        outline
    }

    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Node ids of the rows shown, top to bottom.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn is_expanded(&self, id: usize) -> bool {
        self.expanded[id]
    }

    pub fn has_children(&self, id: usize) -> bool {
        self.nodes[id].children > 0 && (!self.filtering || self.nodes[id].admitted > 0)
    }

    /// Count what the filter admits; with an active filter, open every section that holds
    /// something admitted, so what passes is in sight.
    pub fn apply_filter(&mut self, corpus: &Corpus, filter: &Filter) {
        self.filtering = filter_is_active(filter);
        for n in &mut self.nodes {
            n.admitted = 0;
        }
        let briefs = corpus.briefs();
        for id in 0..self.nodes.len() {
            let n = &self.nodes[id];
            if n.level != Level::Entry {
                continue;
            }
            // Without a filter every entry is admitted, and no brief need be read.
            let admitted = !self.filtering || {
                let b = &briefs[n.brief];
                let s = &b.sections[n.section];
                s.entry_at(n.entry)
                    .is_some_and(|e| filter.admits(corpus, b, s, e))
            };
            if admitted {
                let mut at = Some(id);
                while let Some(i) = at {
                    self.nodes[i].admitted += 1;
                    at = self.nodes[i].parent;
                }
            }
        }
        if self.filtering {
            for id in 0..self.nodes.len() {
                if self.nodes[id].level != Level::Entry && self.nodes[id].admitted > 0 {
                    self.expanded[id] = true;
                }
            }
        }
        self.refresh();
    }

    /// Rebuild the visible rows from what is open and what passes the filter.
    fn refresh(&mut self) {
        self.visible.clear();
        let mut skip_depth: Option<Level> = None;
        for (id, n) in self.nodes.iter().enumerate() {
            if let Some(level) = skip_depth {
                if depth(n.level) > depth(level) {
                    continue;
                }
                skip_depth = None;
            }
            if self.filtering && n.admitted == 0 {
                skip_depth = Some(n.level);
                continue;
            }
            self.visible.push(id);
            if n.level != Level::Entry && !self.expanded[id] {
                skip_depth = Some(n.level);
            }
        }
    }

    pub fn set_expanded(&mut self, id: usize, open: bool) {
        if self.expanded[id] != open {
            self.expanded[id] = open;
            self.refresh();
        }
    }

    /// Open every ancestor of `id`, so that it is visible (if the filter admits it).
    pub fn reveal(&mut self, id: usize) {
        let mut changed = false;
        let mut at = self.nodes[id].parent;
        while let Some(p) = at {
            changed |= !self.expanded[p];
            self.expanded[p] = true;
            at = self.nodes[p].parent;
        }
        if changed {
            self.refresh();
        }
    }

    /// Row of a node among the visible ones.
    pub fn row_of(&self, id: usize) -> Option<usize> {
        self.visible.binary_search(&id).ok()
    }

    /// Whether the filter shows this node.
    pub fn admitted(&self, id: usize) -> bool {
        !self.filtering || self.nodes[id].admitted > 0
    }

    /// The node a selector names.
    pub fn find(&self, corpus: &Corpus, selector: &str) -> Option<usize> {
        let target = corpus.resolve(selector)?;
        let b = brief_of(target);
        // Brief ids are unique in a corpus; found by id, no other brief is decoded.
        let bi = corpus.briefs().position(&b.id)?;
        // Briefs are contiguous in the node list: walk only this brief's nodes.
        let start = self
            .nodes
            .iter()
            .position(|n| n.brief == bi && n.level == Level::Brief)?;
        let mut id = start;
        if let Target::Section(_, s) | Target::Entry(_, s, _) = target {
            let si = b.sections.iter().position(|x| std::ptr::eq(x, s))?;
            id = (start..self.nodes.len())
                .find(|&i| self.nodes[i].level == Level::Section && self.nodes[i].section == si)?;
            if let Target::Entry(_, _, e) = target {
                let ei = s.entries().position(|x| x.id() == e.id())?;
                id += 1 + ei;
            }
        }
        Some(id)
    }

    /// The node of an entry found by search.
    pub fn node_at(&self, p: crate::search::Place) -> Option<usize> {
        let section = *self.sections.get(p.brief)?.get(p.section)?;
        let id = section + 1 + p.entry;
        (p.entry < self.nodes[section].children).then_some(id)
    }

    /// What a node shows.
    pub fn target<'c>(&self, corpus: &'c Corpus, id: usize) -> Option<Target<'c>> {
        let n = self.nodes.get(id)?;
        let b = corpus.briefs().get(n.brief)?;
        match n.level {
            Level::Brief => Some(Target::Brief(b)),
            Level::Section => Some(Target::Section(b, b.sections.get(n.section)?)),
            Level::Entry => {
                let s = b.sections.get(n.section)?;
                Some(Target::Entry(b, s, s.entry_at(n.entry)?))
            }
        }
    }
}

fn depth(level: Level) -> u8 {
    match level {
        Level::Brief => 0,
        Level::Section => 1,
        Level::Entry => 2,
    }
}

pub fn filter_is_active(f: &Filter) -> bool {
    f.within.is_some()
        || !f.tags.is_empty()
        || !f.actors.is_empty()
        || !f.groups.is_empty()
        || !f.stances.is_empty()
        || !f.sources.is_empty()
}

fn brief_of(t: Target<'_>) -> &crate::brief::model::Brief {
    match t {
        Target::Brief(b) | Target::Section(b, _) | Target::Entry(b, _, _) => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::model::Stance;

    fn corpus() -> Corpus {
        crate::library::builtin_corpus()
    }

    #[test]
    fn opens_on_briefs_and_their_sections() {
        let c = corpus();
        let o = Outline::new(&c);
        let shown: usize = c.briefs().iter().map(|b| 1 + b.sections.len()).sum();
        assert_eq!(o.visible().len(), shown);
        assert_eq!(o.node(o.visible()[0]).level, Level::Brief);
    }

    #[test]
    fn expanding_and_finding_agree() {
        let c = corpus();
        let mut o = Outline::new(&c);
        let id = o.find(&c, "wsis20-overview/issues/igf-mandate").unwrap();
        assert!(o.row_of(id).is_none());
        o.reveal(id);
        let row = o.row_of(id).unwrap();
        assert_eq!(o.visible()[row], id);
        let t = o.target(&c, id).unwrap();
        assert_eq!(
            crate::query::names::selector(t),
            "wsis20-overview/issues/igf-mandate"
        );
        let section = o.node(id).parent.unwrap();
        o.set_expanded(section, false);
        assert!(o.row_of(id).is_none());
    }

    #[test]
    fn a_filter_shows_only_what_passes_and_its_ancestors() {
        let c = corpus();
        let mut o = Outline::new(&c);
        let f = Filter {
            stances: vec![Stance::Oppose],
            ..Filter::default()
        };
        o.apply_filter(&c, &f);
        let entries: Vec<usize> = o
            .visible()
            .iter()
            .copied()
            .filter(|&i| o.node(i).level == Level::Entry)
            .collect();
        assert!(!entries.is_empty());
        for &i in o.visible() {
            assert!(o.admitted(i));
        }
        for i in entries {
            let Some(Target::Entry(_, _, crate::brief::model::EntryRef::Position(p))) =
                o.target(&c, i)
            else {
                panic!("only positions pass a stance filter");
            };
            assert_eq!(p.stance, Stance::Oppose);
        }
        o.apply_filter(&c, &Filter::default());
        assert!(o.visible().len() > 10);
    }
}
