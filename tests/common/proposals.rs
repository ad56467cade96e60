//! The invented Harbour negotiation of `tests/fixtures/proposals`, made whole: its text
//! files copied, and Revision 1 written as a Word file whose tracked changes two
//! delegations made (written here, never a real document).

use std::path::Path;

use super::docx::{By, Docx, del, ins, p, para, run};

/// Revision 1 as its drafters sent it: the text with every change rejected is the
/// version (`as: original` in the history); Estria's and the TCC drafting team's changes
/// are proposals on it.
pub fn rev1_docx() -> Vec<u8> {
    let estria = |id| By {
        id,
        author: "Delegation of Estria",
        date: "2025-10-16T09:00:00Z",
    };
    let tcc = |id| By {
        id,
        author: "TCC drafting team",
        date: "2025-10-17T15:30:00Z",
    };
    let body = [
        p("Harbour Digital Cooperation Statement"),
        p("Revision 1"),
        p("Preamble"),
        p("Recalling the founding declaration of the Harbour Forum,"),
        p("I. Connectivity"),
        para(
            "",
            &[
                run("1. We commit to connect every school"),
                ins(estria(1), " and clinic"),
                run(" in the region by 2030."),
            ]
            .concat(),
        ),
        para(
            "",
            &[
                run("2. The forum should meet once a year in a host city chosen by rotation"),
                ins(tcc(2), " in every district"),
                run("."),
            ]
            .concat(),
        ),
        para(
            "",
            &[
                run("3. We invite donors"),
                del(tcc(3), " and operators"),
                run(" to fund community networks."),
            ]
            .concat(),
        ),
        p("II. Review"),
        p("4. A review of this statement shall take place in five years."),
    ]
    .concat();
    Docx::new(body).bytes()
}

/// The Harbour negotiation in `dir`: the fixture's files, and `rev1.docx`.
pub fn harbour(dir: &Path) {
    let from = super::fixtures("proposals");
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.join("rev1.docx"), rev1_docx()).unwrap();
}
