//! What reading patent lists (专利清单) and counting their records found: one
//! variant per finding, carried by [`super::Kind::Patent`]. The wording is in
//! `text/patents.rs`.

/// A finding about a patent list, its records or the tables that go with them
/// (the street assignment table, the IPC concordance).
#[derive(Debug, Clone, PartialEq)]
pub enum PatentFinding {
    /// A sheet read as a patent list: its rows, the records taken, the rows left
    /// out as bad, the duplicates, and which columns it has and lacks.
    ListRead {
        rows: usize,
        records: usize,
        bad: usize,
        duplicates: usize,
        has: Vec<&'static str>,
        lacks: Vec<&'static str>,
    },
    /// An application number that is not one (the row is left out).
    BadNumber { text: String },
    /// A check digit that does not follow from the digits; the record is kept.
    CheckDigit { text: String, expected: char },
    /// A date that is missing or not a date (the row is left out); `field` is the column.
    BadDate { field: &'static str, text: String },
    /// A patent type other than the three (the row is left out).
    BadKind { text: String },
    /// Granted before it was filed (the row is left out).
    GrantBeforeFiling { filed: String, granted: String },
    /// Two rows of one application number that disagree (at each of them;
    /// `other` is the other row's place, `fields` the columns that differ). The
    /// first row read is counted.
    ConflictingDuplicate { number: String, other: super::Place, fields: Vec<&'static str> },
    /// A patent the list says lapsed, without a date: not counted in force in any year.
    LapsedUndated { text: String },
    /// Applicant types inferred from names (no 申请人类型 column or an unknown value).
    TypesInferred { count: usize },
    /// Which of the five high-value criteria could be assessed.
    Criteria { assessed: Vec<&'static str>, not: Vec<(&'static str, &'static str)> },
    /// An address no keyword of the street table matches: `count` records, the
    /// place is the first one's.
    Unmatched { address: String, count: usize },
    /// Records have addresses but the project has no street table.
    NoStreetTable { records: usize },
    /// A street table's cell names no street of the catalogue.
    UnknownStreet { label: String },
    /// A row of the street table or the concordance without a keyword or a name.
    IncompleteRow,
    /// A district figure a workbook gives beside the list's count of it.
    Compared(Box<Comparison>),
}

/// A workbook's district figure and the list's count of it, as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub indicator: String,
    pub year: i32,
    pub official: String,
    pub list: String,
    pub difference: String,
    pub percent: String,
    /// The tolerance, in %.
    pub bound: String,
    /// Whether the difference is beyond it.
    pub beyond: bool,
}

impl PatentFinding {
    /// A stable name for the JSON API and tests.
    pub fn id(&self) -> &'static str {
        match self {
            PatentFinding::ListRead { .. } => "patent-list-read",
            PatentFinding::BadNumber { .. } => "patent-bad-number",
            PatentFinding::CheckDigit { .. } => "patent-check-digit",
            PatentFinding::BadDate { .. } => "patent-bad-date",
            PatentFinding::BadKind { .. } => "patent-bad-kind",
            PatentFinding::GrantBeforeFiling { .. } => "patent-grant-before-filing",
            PatentFinding::ConflictingDuplicate { .. } => "patent-conflicting-duplicate",
            PatentFinding::LapsedUndated { .. } => "patent-lapsed-undated",
            PatentFinding::TypesInferred { .. } => "patent-types-inferred",
            PatentFinding::Criteria { .. } => "patent-criteria",
            PatentFinding::Unmatched { .. } => "patent-unmatched-address",
            PatentFinding::NoStreetTable { .. } => "patent-no-street-table",
            PatentFinding::UnknownStreet { .. } => "patent-unknown-street",
            PatentFinding::IncompleteRow => "patent-incomplete-row",
            PatentFinding::Compared(_) => "patent-compared",
        }
    }
}
