//! The rows of two versions, their filters, n and N, and the two layouts: the columns
//! kept level row by row and every line inside the width.
use super::*;
use std::path::Path;

fn lakeland() -> NegotiatedText {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts/lakeland.yaml");
    crate::library::read_text(&path, 1 << 20).unwrap()
}

/// zero → rev2: two steps composed.
fn zero_rev2() -> Comparison {
    of_text(&lakeland(), 0, 2)
}

fn row<'a>(c: &'a Comparison, place: &str) -> &'a Row {
    c.rows
        .iter()
        .find(|r| r.place() == place)
        .unwrap_or_else(|| panic!("no row {place}: {:?}", places(c)))
}

fn places(c: &Comparison) -> Vec<String> {
    c.rows.iter().map(Row::place).collect()
}

/// A part's wording as its side reads it, markers left out.
fn plain(p: &Part) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_paragraph_of_both_versions_is_on_one_row_with_its_own_wording() {
    let text = lakeland();
    let c = of_text(&text, 0, 2);
    let (old, new) = (&text.versions[0], &text.versions[2]);
    let mut seen_old = vec![0; old.paragraphs.len()];
    let mut seen_new = vec![0; new.paragraphs.len()];
    for r in &c.rows {
        for p in &r.old {
            seen_old[p.index] += 1;
            assert_eq!(p.label, old.paragraphs[p.index].label.as_str());
            assert!(p.runs.iter().all(|r| r.op != Op::Insert), "{r:?}");
            // Cut at the right place: each part is its own paragraph's words.
            assert_eq!(
                squeeze(&plain(p)).replace(' ', ""),
                old.paragraphs[p.index].text.replace(' ', ""),
                "{}",
                r.place()
            );
        }
        for p in &r.new {
            seen_new[p.index] += 1;
            assert!(p.runs.iter().all(|r| r.op != Op::Delete), "{r:?}");
            assert_eq!(
                squeeze(&plain(p)).replace(' ', ""),
                new.paragraphs[p.index].text.replace(' ', ""),
                "{}",
                r.place()
            );
        }
    }
    assert!(seen_old.iter().all(|&n| n == 1), "{seen_old:?}");
    assert!(seen_new.iter().all(|&n| n == 1), "{seen_new:?}");
}

#[test]
fn merges_splits_and_moves_say_where_each_part_went() {
    let c = zero_rev2();
    let merged = row(&c, "4, 5 → 5");
    assert_eq!(merged.kind, PairKind::Merged);
    assert_eq!(merged.old.len(), 2);
    assert_eq!(merged.old_head(0), "¶ 4 · merged into ¶5");
    assert_eq!(merged.old_head(1), "¶ 5 · merged into ¶5");
    assert_eq!(merged.new_head(0), "¶ 5 · merged from ¶4, 5");
    // The deleted full stop ends part 4; part 5 starts with what part 5 said.
    assert!(
        plain(&merged.old[0]).ends_with("networks. We")
            || plain(&merged.old[0]).ends_with("networks."),
        "{:?}",
        merged.old[0].runs
    );
    assert!(plain(&merged.old[1]).contains("note that community networks"));

    let split = row(&c, "7 → 7, 8");
    assert_eq!(split.kind, PairKind::Split);
    assert_eq!(split.new.len(), 2);
    assert_eq!(split.old_head(0), "¶ 7 · split into ¶7, 8 · 1 bracket");
    assert!(
        split.new_head(1).contains("brackets 1 → 0"),
        "{}",
        split.new_head(1)
    );

    let moved = row(&c, "2 → 4");
    assert_eq!(moved.kind, PairKind::Moved);
    assert_eq!(moved.old_head(0), "¶ 2 · moved to ¶4");
    assert_eq!(moved.new_head(0), "¶ 4 · moved from ¶2");

    let status = row(&c, "6");
    assert!(status.is_change(), "a change of status is a change");
    assert_eq!(
        status.new_head(0),
        "¶ 6 · line breaks changed · status agreed ad ref → agreed"
    );
    let by_hand = row(&c, "8 → New 8A");
    assert!(by_hand.new_head(0).ends_with("paired by hand"));
    assert_eq!(by_hand.old[0].id.as_deref(), Some("8"));
    assert_eq!(by_hand.new[0].id.as_deref(), Some("new-8a"));
}

#[test]
fn wording_keeps_wdiff_markers_on_each_side() {
    let c = zero_rev2();
    let r = row(&c, "PP3 → PP4");
    let old: String = marked(&r.old[0].runs).into_iter().map(|(_, t)| t).collect();
    let new: String = marked(&r.new[0].runs).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        new,
        "Noting with {+deep+} concern the growing gap in digital skills between urban and rural learners,"
    );
    assert_eq!(
        old,
        "Noting with concern the growing gap in digital skills between urban and rural learners,"
    );
    let r = row(&c, "8 → New 8A");
    let old: String = marked(&r.old[0].runs).into_iter().map(|(_, t)| t).collect();
    // Rewritten whole but for `We`, `the` and the full stop: one change, not a scatter
    // around the kept `the`.
    assert_eq!(
        old,
        "We [-decide to review the mandate of the forum in five years, taking into account the views of all stakeholders-]."
    );
}

#[test]
fn filters_let_through_what_they_say() {
    let c = zero_rev2();
    let all = shown(&c.rows, Filter::All);
    assert_eq!(all.len(), c.rows.len());
    let changed = shown(&c.rows, Filter::Changed);
    assert!(changed.len() < all.len() && !changed.is_empty());
    assert!(changed.iter().all(|&i| c.rows[i].is_change()));
    assert!(!changed.contains(&c.rows.iter().position(|r| r.place() == "1").unwrap()));
    let open = shown(&c.rows, Filter::NotAgreed);
    let open_places: Vec<String> = open.iter().map(|&i| c.rows[i].place()).collect();
    assert!(open_places.contains(&"1".to_owned()), "{open_places:?}");
    for agreed in ["2", "6", "8 → New 8A"] {
        assert!(
            !open_places.contains(&agreed.to_owned()),
            "{agreed}: {open_places:?}"
        );
    }
    assert!(
        open.iter()
            .all(|&i| !c.rows[i].is_heading() && !c.rows[i].new.is_empty())
    );
    let bracketed = shown(&c.rows, Filter::Bracketed);
    let b: Vec<String> = bracketed.iter().map(|&i| c.rows[i].place()).collect();
    assert_eq!(b, vec!["7 → 7, 8".to_owned()]);
    let mut f = Filter::All;
    for _ in 0..4 {
        f = f.next();
    }
    assert_eq!(f, Filter::All, "f comes back round to all");
}

#[test]
fn n_and_shift_n_step_through_the_changes_only() {
    let c = zero_rev2();
    let all = shown(&c.rows, Filter::All);
    let changes: Vec<usize> = (0..all.len())
        .filter(|&k| c.rows[all[k]].is_change())
        .collect();
    assert!(changes.len() > 3);
    let mut at = 0;
    let mut walked = Vec::new();
    // From the top: the first change may be row 0 itself only by N/n from before it.
    if c.rows[all[0]].is_change() {
        walked.push(0);
    }
    while let Some(k) = next_change(&c.rows, &all, at, true) {
        walked.push(k);
        at = k;
    }
    assert_eq!(walked, changes, "n visits every change once, in order");
    assert_eq!(
        next_change(&c.rows, &all, at, true),
        None,
        "and stops at the last"
    );
    let mut back = Vec::new();
    while let Some(k) = next_change(&c.rows, &all, at, false) {
        back.push(k);
        at = k;
    }
    back.reverse();
    assert_eq!(back, changes[..changes.len() - 1], "N walks them back");
}

/// The column of the gutter's `│` in a columns line, in display columns.
fn gutter_at(line: &Line) -> Option<usize> {
    let text = line_text(line);
    let i = text.find('│')?;
    Some(width(&text[..i]))
}

#[test]
fn columns_stay_level_row_by_row_and_inside_the_width() {
    let c = zero_rev2();
    for cols in [100usize, 131, 200] {
        let l = lay_out(&c, &shown(&c.rows, Filter::All), cols);
        assert!(!l.stacked);
        let left_w = (cols - 3) / 2;
        for line in l.head.iter().chain(&l.lines) {
            assert!(line_width(line) <= cols, "{cols}: {:?}", line_text(line));
        }
        // The gutter in the same column on every line: nothing on the left pushes the
        // right side over.
        for line in &l.lines {
            assert_eq!(
                gutter_at(line),
                Some(left_w + 1),
                "{cols}: {:?}",
                line_text(line)
            );
        }
        assert_eq!(gutter_at(&l.head[0]), Some(left_w + 1));
        // Each row level: its line n is line n of its old side, the gutter, line n of
        // its new side; it starts with both sides' first lines and is as tall as its
        // taller side, the shorter one facing blank lines.
        let right_w = cols - left_w - 3;
        for (k, &i) in l.shown.iter().enumerate() {
            let r = &c.rows[i];
            let left = side_lines(r, true, left_w);
            let right = side_lines(r, false, right_w);
            let end = l.starts.get(k + 1).map_or(l.lines.len(), |&s| s - 1);
            assert_eq!(
                end - l.starts[k],
                left.len().max(right.len()),
                "{}",
                r.place()
            );
            for n in 0..end - l.starts[k] {
                let got = line_text(&l.lines[l.starts[k] + n]);
                let (l_side, r_side) = got.split_at(got.find('│').unwrap());
                let want_left = left.get(n).map(line_text).unwrap_or_default();
                let want_right = right.get(n).map(line_text).unwrap_or_default();
                assert_eq!(
                    l_side.trim_end(),
                    want_left.trim_end(),
                    "{}: {got:?}",
                    r.place()
                );
                assert_eq!(
                    r_side.trim_start_matches('│').trim(),
                    want_right.trim(),
                    "{}: {got:?}",
                    r.place()
                );
            }
            if r.old.is_empty() {
                assert!(line_text(&l.lines[l.starts[k]]).starts_with(&" ".repeat(left_w)));
            }
        }
    }
}

#[test]
fn narrower_than_a_hundred_columns_old_stacks_above_new() {
    let c = zero_rev2();
    for cols in [1usize, 20, 40, 80, 99] {
        let l = lay_out(&c, &shown(&c.rows, Filter::All), cols);
        assert!(l.stacked);
        for line in l.head.iter().chain(&l.lines) {
            assert!(line_width(line) <= cols, "{cols}: {:?}", line_text(line));
        }
    }
    let l = lay_out(&c, &shown(&c.rows, Filter::All), 60);
    let text: Vec<String> = l.lines.iter().map(line_text).collect();
    let k = l
        .shown
        .iter()
        .position(|&i| c.rows[i].place() == "PP3 → PP4")
        .unwrap();
    let from = l.starts[k];
    assert!(
        text[from].starts_with("¶ PP3 → PP4 · changed · renumbered"),
        "{}",
        text[from]
    );
    let old = text[from..]
        .iter()
        .position(|t| t.starts_with("zero:"))
        .unwrap();
    let new = text[from..]
        .iter()
        .position(|t| t.starts_with("rev2:"))
        .unwrap();
    assert!(old < new, "old above new: {:?}", &text[from..from + 6]);
    // A merge names each of its parts.
    let all = text.join("\n");
    assert!(
        all.contains("zero ¶4:") && all.contains("zero ¶5:"),
        "{all}"
    );
}

#[test]
fn a_word_wider_than_a_column_is_cut_to_fit() {
    let long = "x".repeat(300);
    let lines = wrap(&[(Mark::Plain, &format!("a {long} b"))], 40);
    assert!(lines.iter().all(|l| line_width(l) <= 40));
    assert_eq!(
        lines
            .iter()
            .map(line_text)
            .collect::<String>()
            .replace(' ', ""),
        format!("a{long}b")
    );
    let wide = "語".repeat(50);
    let lines = wrap(&[(Mark::Inserted, &wide)], 7);
    assert!(lines.iter().all(|l| line_width(l) <= 7), "{lines:?}");
}

#[test]
fn the_ids_are_the_ids_of_the_text_s_brief() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drafts");
    let loaded = crate::library::load(&crate::library::Request {
        paths: vec![dir],
        ..crate::library::Request::default()
    });
    let text = lakeland();
    for (v, version) in text.versions.iter().enumerate() {
        let vid = &text.history.versions[v].id;
        for (p, id) in item_ids(version).iter().enumerate() {
            match id {
                Some(id) => {
                    let sel = format!("lakeland-outcome/{vid}/{id}");
                    assert!(loaded.corpus.resolve(&sel).is_some(), "{sel}");
                }
                None => assert!(version.paragraphs[p].kind.is_apart()),
            }
        }
    }
}
