//! Questions asked of the loaded briefs, answered once for every view: who stands where
//! on an issue, how the stakeholder groups tally, which figures sources state differently,
//! and what the timeline's rows are.
//!
//! Plain data and functions over a [`Corpus`](crate::brief::corpus::Corpus): no terminal,
//! no I/O. `render` (the command line) and `tui` (the reader) both build on this module
//! and never on each other, so the two cannot drift apart on what a verdict or a
//! "sources differ" means.

pub mod desk;
pub mod figures;
pub mod matrix;
pub mod names;
pub mod page;
pub mod positions;
pub mod proposals;
pub mod sources;
pub mod timeline;
pub mod versions;

use crate::brief::model::StakeholderGroup;

/// A stakeholder group as a column heading: "GOV", "TECH".
pub fn group_short(g: StakeholderGroup) -> &'static str {
    match g {
        StakeholderGroup::Government => "GOV",
        StakeholderGroup::Intergovernmental => "IGO",
        StakeholderGroup::PrivateSector => "PRIV",
        StakeholderGroup::CivilSociety => "CIVIL",
        StakeholderGroup::TechnicalCommunity => "TECH",
        StakeholderGroup::AcademicCommunity => "ACAD",
        StakeholderGroup::Unspecified => "OTHER",
    }
}

/// The invented briefs of `tests/fixtures/reader`, loaded as the tests load fixtures.
#[cfg(test)]
pub(crate) fn fixture_world() -> crate::brief::corpus::Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let loaded = crate::library::load(&crate::library::Request {
        paths: vec![dir],
        ..crate::library::Request::default()
    });
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.corpus.briefs().len(), 3);
    loaded.corpus
}

/// The fixture world with `edit` applied to its briefs, checked again as a load would.
#[cfg(test)]
pub(crate) fn fixture_world_edited(
    edit: impl FnOnce(&mut Vec<crate::brief::model::Brief>),
) -> crate::brief::corpus::Corpus {
    let mut briefs = fixture_world().briefs().iter().cloned().collect::<Vec<_>>();
    edit(&mut briefs);
    let candidates = briefs
        .into_iter()
        .map(|brief| crate::brief::corpus::Candidate {
            name: brief.id.to_string(),
            brief,
            valid: true,
            masked: Vec::new(),
            deferred: None,
        })
        .collect();
    let (corpus, problems) = crate::brief::corpus::Corpus::build(candidates, &[]);
    assert!(problems.is_empty(), "{problems:?}");
    corpus
}
