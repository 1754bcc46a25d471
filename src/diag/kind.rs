//! What a diagnostic found: one variant per finding, with what its text needs as
//! values: counts, years and limits as numbers, names as strings, the cases a text
//! varies by as enums, and figures whose printed form depends on the catalogue
//! (an indicator's decimals) already formatted as printed. The Chinese wording
//! lives in [`super::text`].

use super::Place;

/// The kinds of findings.
#[derive(Debug, Clone, PartialEq)]
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
    /// Values of a table whose year cannot be determined: neither their headings
    /// (in a long table, their 年份 cell) nor the table's title, the sheet's name
    /// or the file's name give one, so they are not read. `count` of them, the
    /// first few of their `cells`; in a grid, the `labels` of the rows or columns
    /// (`axis`) they stand in, empty when one has none. `dated` values of the
    /// table have a year (from `years_from`). `title` is empty when the table
    /// has none.
    TableYearUnknown {
        title: String,
        range: String,
        years_from: YearsFrom,
        count: usize,
        cells: Vec<String>,
        labels: Vec<String>,
        axis: Axis,
        dated: usize,
    },
    /// A growth-rate or share column, not read as values.
    RateColumnSkipped { column: String },
    /// A year cell that is not a year; the row was not read.
    YearUnreadable { text: String },
    /// A row or column label that matches no indicator (`candidates` are the
    /// nearest names); that row's or column's figures are not read.
    UnknownIndicator { label: String, candidates: Vec<String>, axis: Axis },
    /// A region label that matches no street.
    UnknownRegion { label: String },
    /// A value that is not a number (`what` says what it is, `hint` what to do).
    NotANumber { indicator: String, year: i32, what: String, hint: String },
    /// A unit that cannot be converted to the catalogue's.
    UnitNotConvertible { indicator: String, from: String, to: String },
    /// A value outside the indicator's plausible range.
    OutOfRange { indicator: String, year: i32, shown: String, min: String, max: String, unit: String },
    /// The same figure read twice with different values (`value` and
    /// `first_value` as printed, with as many decimals as it takes to tell them
    /// apart; `unit` the catalogue's, which both are in).
    ConflictingFigures {
        indicator: String,
        region: String,
        year: i32,
        value: String,
        first: String,
        first_value: String,
        unit: String,
    },
    /// Nothing at all was read from the data folder.
    NoValues,
    /// The compilation date is not after the report year.
    DateBeforeYearEnd { date: (i32, u32, u32), year: i32 },
    /// The compilation date is more than a year after the report year: the cover
    /// of an earlier year's yearbook would carry a later date (`configured` when
    /// the date comes from `yearbook.toml`, else from the environment or today).
    DateLongAfterYear { date: (i32, u32, u32), year: i32, configured: bool },
    /// A main indicator of the plan has no value for the report year.
    MainIndicatorMissing { indicator: String, year: i32 },
    /// A gap in an indicator's yearly series (`missing` are the years).
    SeriesGap { indicator: String, missing: Vec<i32> },
    /// The parts of a total do not add up to it (`places` are the parts' cells;
    /// `sum` and `total` as printed, as far as they differ).
    PartsDisagree {
        year: i32,
        parts: Vec<String>,
        sum: String,
        indicator: String,
        total: String,
        places: Vec<String>,
    },
    /// The streets of an indicator do not add up to the district's figure (`sum`
    /// and `total` as printed, as far as they differ).
    StreetsDisagree { year: i32, indicator: String, sum: String, total: String },
    /// A text file (.csv, .tsv, .txt) read as one table, in an encoding and with a
    /// delimiter found from its content; a note, but a warning when the encoding
    /// is guessed as another than UTF-8, UTF-16 or GB18030 ([`TextEncoding::Other`]).
    TextWorkbook { encoding: TextEncoding, delimiter: Delimiter },
    /// A sheet past one of the reader's limits; the sheet was not read.
    SheetOverLimit { limit: SheetLimit },
    /// A file that is on disk but cannot be read as a workbook.
    WorkbookUnreadable { reason: WorkbookError },
    /// A figure that this year's workbooks give differently from last year's
    /// yearbook (`new`, `old` and `difference` as printed, `difference` signed).
    Revision {
        indicator: String,
        region: String,
        year: i32,
        new: String,
        old: String,
        unit: String,
        difference: String,
        /// Last year's yearbook, by file name.
        previous_file: String,
    },
    /// A year-end stock lower than the year before (figures as printed, as far as
    /// they differ).
    StockFell {
        indicator: String,
        year: i32,
        value: String,
        previous_year: i32,
        previous_value: String,
        /// Where the previous year's figure comes from.
        previous_place: Place,
    },
    /// A change on the previous year beyond the checks' bound (`percent` is the
    /// size of the change and `bound` the bound, both as printed, in %).
    ImplausibleChange {
        indicator: String,
        year: i32,
        value: String,
        direction: Direction,
        percent: String,
        bound: String,
        previous_year: i32,
        /// Where the previous year's figure comes from.
        previous_place: Place,
    },
    /// A derived figure a workbook gives, without the data to compute it; not used.
    GivenNotComputable { indicator: String, region: String, year: i32, value: String },
    /// A derived figure a workbook gives that differs from the computed one; the
    /// computed one is used (`given` and `computed` as printed, as far as they
    /// differ; `inputs` are where its data were read).
    GivenDisagrees {
        indicator: String,
        region: String,
        year: i32,
        given: String,
        rule: String,
        computed: String,
        inputs: Vec<Place>,
    },
    /// A plan's baseline in the catalogue that differs from the data of the
    /// baseline year as printed; the data are used (`data` and `baseline` as
    /// printed, with the indicator's decimals; `plan` is the plan's short name).
    BaselineDisagrees { indicator: String, year: i32, data: String, plan: String, baseline: String },
    /// A table none of whose names the catalogue knows, not read (`labels` are the
    /// first few of `count`).
    ForeignTable { range: String, count: usize, labels: Vec<String> },
    /// A table of regions and years whose indicator is named nowhere; not read.
    TableWithoutIndicator { range: String, shape: TableShape },
    /// Columns of a table of regions × indicators headed by a year alone (or by
    /// nothing), with no indicator named around the table; their figures are not
    /// read, the other columns' are. `columns` are the column letters, each with
    /// the year its heading gives.
    ColumnsWithoutIndicator { range: String, columns: Vec<(String, Option<i32>)> },
    /// Figures of one sheet that repeat those of a sheet read earlier, which stays
    /// their source (`cell` and `earlier_cell` are one pair of them).
    RepeatedFigures { count: usize, earlier: Place, cell: String, earlier_cell: String },
    /// An entry of the data folder that is not read: a folder, a FIFO, a link that
    /// leads to no regular file, a file of another type (`entry` says which).
    EntryNotRead { entry: Entry },
    /// A workbook of the data folder that is a symbolic link, read through it;
    /// `target` is the file read, whose size and SHA-256 the input manifest gives.
    LinkFollowed { target: String },
    /// `count` more findings of the kind `of` (its [`Kind::id`]) in a sheet than
    /// are listed (see [`super::Findings`]).
    Omitted { count: usize, of: &'static str },
    /// A stated growth rate (in %) that the figures beside it do not give: this
    /// period's `this` (at `this_cell`) against the year before's `before` give
    /// `computed` (with the stated rate's decimals), beyond the rounding of the
    /// printed numbers. `label` is the row's, `heading` the rate column's.
    GrowthDisagrees {
        label: String,
        heading: String,
        stated: String,
        computed: String,
        this: String,
        this_cell: String,
        before: String,
        before_cell: String,
    },
    /// Months or quarters of a flow that do not make a whole year: the `missing`
    /// periods (as named: `10月`, `四季度`); no figure for the year is read.
    PeriodsIncomplete { indicator: String, region: String, year: i32, missing: Vec<String> },
    /// Only part of a year (`period`, e.g. `2025年1—9月`, or for a stock the last
    /// month-end given) and no whole year: no figure for the year is read.
    PartYearOnly { indicator: String, region: String, year: i32, period: String, stock: bool },
    /// A stated 合计 / 全年 of months or quarters that differs from their sum beyond
    /// the rounding of the printed numbers (`total` and `sum` as printed; `parts`
    /// names them, e.g. `1—12月`); the stated total is used.
    PeriodTotalDisagrees {
        indicator: String,
        region: String,
        year: i32,
        total: String,
        sum: String,
        parts: String,
    },
    /// Headings relative to the table's own period (`words`: 本年累计, 上年同期)
    /// in a table whose title, sheet name and file name give no period: their
    /// values have no year and are not read.
    RelativePeriodsUnresolved { range: String, words: Vec<String> },
    /// A finding about the words people edit or write (文字修改.toml): worded in
    /// [`super::words`].
    Text(super::words::TextFinding),
    /// A finding about a patent list or its records.
    Patent(super::patents::PatentFinding),
}

impl Kind {
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
            Kind::DateLongAfterYear { .. } => "date-long-after-year",
            Kind::MainIndicatorMissing { .. } => "main-indicator-missing",
            Kind::SeriesGap { .. } => "series-gap",
            Kind::PartsDisagree { .. } => "parts-disagree",
            Kind::StreetsDisagree { .. } => "streets-disagree",
            Kind::TextWorkbook { .. } => "text-workbook",
            Kind::SheetOverLimit { .. } => "sheet-over-limit",
            Kind::WorkbookUnreadable { .. } => "workbook-unreadable",
            Kind::Revision { .. } => "revision",
            Kind::StockFell { .. } => "stock-fell",
            Kind::ImplausibleChange { .. } => "implausible-change",
            Kind::GivenNotComputable { .. } => "given-not-computable",
            Kind::GivenDisagrees { .. } => "given-disagrees",
            Kind::BaselineDisagrees { .. } => "baseline-disagrees",
            Kind::ForeignTable { .. } => "foreign-table",
            Kind::TableWithoutIndicator { .. } => "table-without-indicator",
            Kind::ColumnsWithoutIndicator { .. } => "columns-without-indicator",
            Kind::RepeatedFigures { .. } => "repeated-figures",
            Kind::EntryNotRead { .. } => "entry-not-read",
            Kind::LinkFollowed { .. } => "link-followed",
            Kind::Omitted { .. } => "omitted",
            Kind::GrowthDisagrees { .. } => "growth-disagrees",
            Kind::PeriodsIncomplete { .. } => "periods-incomplete",
            Kind::PartYearOnly { .. } => "part-year-only",
            Kind::PeriodTotalDisagrees { .. } => "period-total-disagrees",
            Kind::RelativePeriodsUnresolved { .. } => "relative-periods-unresolved",
            Kind::Text(f) => f.id(),
            Kind::Patent(f) => f.id(),
        }
    }
}

/// What an entry of the data folder that is not read is. Link targets are as
/// written in the link when it leads nowhere, else resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A folder (its content is not read).
    Folder,
    /// A FIFO, a device or a socket.
    Special(Special),
    /// A regular file whose name is no workbook's or data file's.
    OtherFile,
    /// A symbolic link to nothing that can be reached.
    BrokenLink { target: String },
    /// A symbolic link that leads back to itself, directly or through other links.
    LoopingLink { target: String },
    /// A symbolic link to a folder.
    LinkToFolder { target: String },
    /// A symbolic link to a FIFO, a device or a socket.
    LinkToSpecial { target: String, special: Special },
}

/// An entry of the file system that is neither a file nor a folder nor a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// A named pipe: reading it waits for a writer.
    Fifo,
    /// A block or character device.
    Device,
    Socket,
    /// Another kind the system has.
    Other,
}

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// Little- or big-endian, with or without a byte-order mark.
    Utf16,
    /// GB18030 or its subset GBK, as Chinese Windows writes text.
    Gb18030,
    /// Another encoding guessed from the content, by its WHATWG name: no Chinese
    /// encoding, so the file's text labels are likely misread.
    Other(&'static str),
}

/// The delimiter between the fields of a text table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Tab,
    Semicolon,
    Bar,
}

/// Which of the reader's limits a sheet passed, with the limit where it is ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetLimit {
    /// A cell beyond Excel's 1,048,576 rows × 16,384 columns, by its A1
    /// reference: as the file writes it where it writes one (an .xlsx `r`
    /// attribute, however long), else from its position.
    OutOfRange { cell: String },
    /// A cell whose text has more than `max` characters (Excel's limit).
    TextTooLong { cell: String, max: usize },
    /// The workbook's sheets, up to this one, hold more than `max` bytes of text.
    TooMuchText { max: usize },
    /// The sheet's name has `chars` characters, more than `max`.
    NameTooLong { chars: usize, max: usize },
    /// More than `max` cells hold something.
    TooManyCells { max: usize },
    /// Merged regions cover more than `max` cells of the used area.
    TooManyMergedCells { max: usize },
}

/// Why a whole file could not be read as a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// Its content is no workbook format this tool knows.
    Unknown,
    /// A .csv/.tsv/.txt file whose content is no text in a known encoding.
    NotText,
    /// An HTML page without a table; the HTML reader's reason.
    HtmlWithoutTable(String),
    /// It needs a password to open (an .xls with a real password, an encrypted .xlsx).
    Password,
    /// An .xls "protected" with XOR obfuscation.
    Xor,
    /// Another encryption this tool cannot undo; what it is.
    Encryption(String),
    /// The cells an .xls file's sheets claim (about `cells`) are more than `max`.
    TooManyCells { cells: u64, max: u64 },
    /// A text file (.csv, .tsv, .txt) too large for one sheet: `rows` rows, the
    /// widest of `cols` fields, counted saturating.
    TextTooLarge { rows: u64, cols: u64, limit: TextLimit },
    /// A line of a text file (.csv, .tsv, .txt) past one of the caps of a line,
    /// found as it was read; `line` is where its record starts (1-based).
    TextLineOverLimit { line: u64, limit: LineLimit },
    /// An .xlsx whose shared strings claim `claimed` strings, more than a table
    /// of `bytes` bytes can hold.
    SharedStringsClaim { claimed: u64, bytes: u64 },
    /// An .xlsx one of whose shared strings (zero-based `index`) has more than
    /// `max` characters, more than a cell may hold.
    SharedStringTooLong { index: u64, max: u64 },
    /// A workbook whose text (in an .xlsx, its shared strings) is more than `max`
    /// bytes.
    TooMuchText { max: u64 },
    /// A workbook of `sheets` sheets, more than `max`.
    TooManySheets { sheets: u64, max: u64 },
    /// The files inside the zip add up to `bytes` uncompressed, more than `max`.
    Unzipped { bytes: u64, max: u64 },
    /// An OLE compound file (as .xls, .doc) without an Excel workbook stream.
    NoWorkbookStream,
    /// An encrypted .xls whose encryption header is damaged; what is wrong, in
    /// Chinese.
    EncryptionDamaged(String),
    /// Its inner structure is inconsistent (sheets sharing records).
    Inconsistent,
    /// The reading library stopped with an internal error (a panic) on it; the
    /// library's words, empty when it gave none.
    ReaderCrashed(String),
    /// The reading library could not open it; its words (in English), kept as a
    /// detail.
    Corrupt(String),
}

/// Which limit of one sheet a text file passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLimit {
    /// More than `max` fields hold something.
    Cells { max: u64 },
    /// More than `max` rows (Excel's 1,048,576).
    Rows { max: u64 },
}

/// Which cap of one line a text file passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineLimit {
    /// More than `max` fields (Excel's 16,384 columns, A to XFD).
    Fields { max: u64 },
    /// More than `max` characters, delimiters and quotes included.
    Chars { max: u64 },
    /// A field (at zero-based column `col`) of more than `max` characters
    /// (Excel's 32,767 for a cell).
    FieldChars { col: u32, max: u64 },
}

/// Which way a figure went from the previous year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Rise,
    Fall,
}

/// How a table of one indicator lays out regions and years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableShape {
    /// Years down the rows, regions across the columns.
    YearsByRegions,
    /// Regions down the rows, years across the columns.
    RegionsByYears,
    /// Months or quarters down the rows, of one indicator.
    Periods,
}

/// Where the values of a table take their years from, before the title, the
/// sheet's name and the file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearsFrom {
    /// A grid's row and column headings.
    Headings,
    /// A long table's 年份 column.
    YearColumn,
}

/// Whether a label heads a row or a column of its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Row,
    Column,
}
