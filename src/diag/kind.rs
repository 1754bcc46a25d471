//! What a diagnostic found: one variant per finding, with the figures its text
//! needs already formatted as printed. The Chinese wording lives in [`super::text`].

/// The kinds of findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The file could not be read from disk (`reason` is the system's, in Chinese).
    FileUnreadable { reason: String },
    /// The file is an HTML table saved as `.xls`; it was read as a table.
    HtmlWorkbook,
    /// The `.xls` file was write-protected with Excel's default password and decrypted.
    Decrypted,
    /// A sheet could not be read (the reader's own words in `detail`).
    SheetUnreadable { detail: String },
    /// A hidden sheet, skipped.
    HiddenSheet,
    /// A sheet with content but no table this tool can read.
    NoTable,
    /// Numbers outside any table (`cells` are the first few A1 references).
    StrayNumbers { count: usize, cells: Vec<String> },
    /// A table whose year cannot be determined.
    TableYearUnknown { title: String },
    /// A growth-rate or share column, not read as values.
    RateColumnSkipped { column: String },
    /// A year cell that is not a year; the row was not read.
    YearUnreadable { text: String },
    /// A row label that matches no indicator (`candidates` are the nearest names).
    UnknownIndicator { label: String, candidates: Vec<String> },
    /// A region label that matches no street.
    UnknownRegion { label: String },
    /// A value that is not a number (`what` says what it is, `hint` what to do).
    NotANumber { indicator: String, year: i32, what: String, hint: String },
    /// A unit that cannot be converted to the catalogue's.
    UnitNotConvertible { indicator: String, from: String, to: String },
    /// A value outside the indicator's plausible range.
    OutOfRange { indicator: String, year: i32, shown: String, min: String, max: String, unit: String },
    /// The same figure read twice with different values.
    ConflictingFigures {
        indicator: String,
        region: String,
        year: i32,
        value: String,
        first: String,
        first_value: String,
    },
    /// Nothing at all was read from the data folder.
    NoValues,
    /// The compilation date is not after the report year.
    DateBeforeYearEnd { date: (i32, u32, u32), year: i32 },
    /// A main indicator of the plan has no value for the report year.
    MainIndicatorMissing { indicator: String, year: i32 },
    /// A gap in an indicator's yearly series (`missing` are the years).
    SeriesGap { indicator: String, missing: Vec<i32> },
    /// The parts of a total do not add up to it (`places` are the parts' cells).
    PartsDisagree {
        year: i32,
        parts: Vec<String>,
        sum: String,
        indicator: String,
        total: String,
        places: Vec<String>,
    },
    /// The streets of an indicator do not add up to the district's figure.
    StreetsDisagree { year: i32, indicator: String, sum: String, total: String },
    /// Any other finding, with its text written where it was found (kept for code
    /// that has no kind of its own yet).
    Other { message: String, hint: String },
}

impl Kind {
    /// A finding with its own text.
    pub fn other(message: impl Into<String>, hint: impl Into<String>) -> Kind {
        Kind::Other { message: message.into(), hint: hint.into() }
    }

    /// A stable name for the JSON API and tests, e.g. `unknown-indicator`.
    pub fn id(&self) -> &'static str {
        match self {
            Kind::FileUnreadable { .. } => "file-unreadable",
            Kind::HtmlWorkbook => "html-workbook",
            Kind::Decrypted => "decrypted",
            Kind::SheetUnreadable { .. } => "sheet-unreadable",
            Kind::HiddenSheet => "hidden-sheet",
            Kind::NoTable => "no-table",
            Kind::StrayNumbers { .. } => "stray-numbers",
            Kind::TableYearUnknown { .. } => "table-year-unknown",
            Kind::RateColumnSkipped { .. } => "rate-column-skipped",
            Kind::YearUnreadable { .. } => "year-unreadable",
            Kind::UnknownIndicator { .. } => "unknown-indicator",
            Kind::UnknownRegion { .. } => "unknown-region",
            Kind::NotANumber { .. } => "not-a-number",
            Kind::UnitNotConvertible { .. } => "unit-not-convertible",
            Kind::OutOfRange { .. } => "out-of-range",
            Kind::ConflictingFigures { .. } => "conflicting-figures",
            Kind::NoValues => "no-values",
            Kind::DateBeforeYearEnd { .. } => "date-before-year-end",
            Kind::MainIndicatorMissing { .. } => "main-indicator-missing",
            Kind::SeriesGap { .. } => "series-gap",
            Kind::PartsDisagree { .. } => "parts-disagree",
            Kind::StreetsDisagree { .. } => "streets-disagree",
            Kind::Other { .. } => "other",
        }
    }
}
