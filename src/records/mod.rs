//! Records: patent lists (专利清单), one row per application, read beside the
//! summary tables. A list's rows become [`Patent`] records ([`read`]), deduplicated
//! by the normalised application number ([`number`]); the records are counted
//! per year by stated rules ([`count`]): applications by 申请日 year, grants by
//! 授权公告日 year, inventions in force at year end, 维持10年以上 and
//! 高价值发明专利, overall and by applicant type ([`applicant`]), IPC section
//! ([`ipc`]) and street ([`streets`]). The district figures become observations
//! with their source, where no summary table gives them; where one does, the
//! table's figure stands and the list's count is a check ([`compare`]).
//!
//! Receives sheets of cells (and the street and concordance tables); hands on
//! [`Records`], their counts and diagnostics. Nothing here touches the file
//! system.

pub mod applicant;
pub mod columns;
pub mod compare;
pub mod count;
pub mod ipc;
pub mod number;
mod read;
pub mod streets;
pub mod todo;
pub mod value;

pub use applicant::ApplicantType;
pub use columns::{Columns, Field};
pub use number::AppNumber;
pub use read::{Builder, List, list_header};
pub use value::{PatentKind, Pledge, Ymd};

/// Designs filed from this day have a 15-year term: 2021-06-01, when the
/// fourth amendment of the Patent Law took effect (written with separators so
/// that no plan's year reads as written into the code).
const DESIGN_15_YEARS_FROM: Ymd = 20_210_601;

/// When a patent stopped being in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lapse {
    /// Not lapsed (as far as the list says).
    None,
    /// Lapsed on a date (失效日).
    On(Ymd),
    /// Lapsed, by its 法律状态, on a date the list does not give.
    Undated,
}

/// One application.
#[derive(Debug, Clone, PartialEq)]
pub struct Patent {
    pub number: AppNumber,
    pub kind: PatentKind,
    pub filed: Ymd,
    pub granted: Option<Ymd>,
    pub lapse: Lapse,
    /// The first applicant (index into [`Records::names`]).
    pub applicant: Option<u32>,
    pub applicant_type: ApplicantType,
    /// Whether the type was inferred from the name.
    pub inferred: bool,
    /// The first applicant's address (index into [`Records::addresses`]).
    pub address: Option<u32>,
    /// The main IPC class (index into [`Records::ipcs`]).
    pub ipc: Option<u32>,
    /// Has a granted family member abroad; `None` when the list does not say.
    pub family: Option<bool>,
    pub pledge: Option<Pledge>,
    /// Won a 国家科学技术奖 or 中国专利奖.
    pub award: Option<bool>,
    /// The list it was read from (index into [`Records::lists`]) and its row.
    pub list: u16,
    pub row: u32,
}

impl Patent {
    /// Whether it is in force at the end of a day: granted by then, not lapsed
    /// by then, and within its term (20 years for inventions, 10 for utility
    /// models, 15 for designs filed since 1 June 2021, else 10, from the filing date).
    pub fn in_force(&self, day: Ymd) -> bool {
        let granted = self.granted.is_some_and(|g| g <= day);
        let lapsed = match self.lapse {
            Lapse::None => false,
            Lapse::On(d) => d <= day,
            Lapse::Undated => true,
        };
        let term = match self.kind {
            PatentKind::Invention => 20,
            PatentKind::UtilityModel => 10,
            PatentKind::Design if self.filed >= DESIGN_15_YEARS_FROM => 15,
            PatentKind::Design => 10,
        };
        granted && !lapsed && day < self.filed + term * 10000
    }

    /// The columns in which two records of one number differ (the source row aside).
    pub fn differences(&self, other: &Patent) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut differ = |same: bool, f: Field| {
            if !same {
                out.push(f.name());
            }
        };
        differ(self.kind == other.kind, Field::Kind);
        differ(self.filed == other.filed, Field::Filed);
        differ(self.granted == other.granted, Field::Granted);
        differ(self.lapse == other.lapse, Field::Lapsed);
        differ(self.applicant == other.applicant, Field::Applicants);
        differ(self.applicant_type == other.applicant_type, Field::ApplicantType);
        differ(self.address == other.address, Field::Address);
        differ(self.ipc == other.ipc, Field::Ipc);
        differ(self.family == other.family, Field::Family);
        differ(self.pledge == other.pledge, Field::Pledge);
        differ(self.award == other.award, Field::Award);
        out
    }
}

/// What was read from one list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListSummary {
    pub file: String,
    pub sheet: String,
    /// The columns it has.
    pub fields: Vec<Field>,
    /// The column of the application number, where a row's findings are placed.
    pub number_col: usize,
    /// Data rows (blank rows aside).
    pub rows: usize,
    /// Records taken (first of their number).
    pub records: usize,
    /// Rows left out as bad.
    pub bad: usize,
    /// Rows whose number was read before (in this list or an earlier one).
    pub duplicates: usize,
    /// Records whose applicant type was inferred from the name.
    pub inferred: usize,
}

/// The records of every list read, deduplicated.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Sorted by application number.
    pub patents: Vec<Patent>,
    /// First applicants, each once.
    pub names: Vec<Box<str>>,
    /// Addresses, each once.
    pub addresses: Vec<Box<str>>,
    /// Main IPC classes, each once.
    pub ipcs: Vec<Box<str>>,
    pub lists: Vec<ListSummary>,
}

impl Records {
    /// Whether any list has a column.
    pub fn has(&self, field: Field) -> bool {
        self.lists.iter().any(|l| l.fields.contains(&field))
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// The files the lists were read from, each once, in reading order.
    pub fn files(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for l in &self.lists {
            if !out.contains(&l.file.as_str()) {
                out.push(&l.file);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
