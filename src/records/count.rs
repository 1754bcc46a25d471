//! Counting records, by the rules stated in 指标解释: applications by the year of
//! 申请日, grants by the year of 授权公告日, inventions in force at 31 December
//! ([`Patent::in_force`]), 维持10年以上 (in force at year end and filed on or
//! before 31 December ten years before), and 高价值发明专利 (in force and meeting
//! at least one of CNIPA's five criteria that the lists let us assess). Each
//! count is kept for the district, by applicant type, by IPC section and by
//! street. Receives records and the settings; hands on [`Counts`].

use std::collections::{BTreeMap, HashMap};

use super::ipc::{self, Concordance};
use super::streets::{StreetTable, Target};
use super::value::{self, PatentKind, Pledge};
use super::{ApplicantType, Field, Patent, Records};

/// What the counts of one group in one year are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Applications by type (发明, 实用新型, 外观设计).
    pub applications: [u64; 3],
    pub grants: [u64; 3],
    /// Inventions in force at year end.
    pub in_force: u64,
    /// …of them filed ten years or more before.
    pub ten_years: u64,
    /// …of them of high value.
    pub high_value: u64,
}

impl Tally {
    pub fn applications_total(&self) -> u64 {
        self.applications.iter().sum()
    }

    pub fn grants_total(&self) -> u64 {
        self.grants.iter().sum()
    }

    fn add(&mut self, other: &Tally) {
        for i in 0..3 {
            self.applications[i] += other.applications[i];
            self.grants[i] += other.grants[i];
        }
        self.in_force += other.in_force;
        self.ten_years += other.ten_years;
        self.high_value += other.high_value;
    }
}

/// Where a record's address puts it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Street(String),
    Outside,
    /// An address no keyword matches.
    Unmatched,
    /// No address, or no street table.
    Unknown,
}

/// The settings counting needs.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub streets: Option<StreetTable>,
    pub industries: Option<Concordance>,
    /// The pledge amount (万元) from which a pledge counts as 较高.
    pub pledge_threshold: f64,
}

/// The counts of one year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Year {
    pub total: Tally,
    pub by_type: BTreeMap<ApplicantType, Tally>,
    /// By IPC section letter; `'-'` for records without a class.
    pub by_section: BTreeMap<char, Tally>,
    pub by_place: BTreeMap<Place, Tally>,
    /// First patentees (not persons) by their inventions in force at year end.
    pub patentees: Vec<(String, u64)>,
}

/// The five criteria: name, and whether (and why not) it could be assessed.
pub type Criteria = Vec<(&'static str, Option<&'static str>)>;

/// Counts per year, and what the counting could and could not see.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub years: BTreeMap<i32, Year>,
    pub criteria: Criteria,
    /// Unmatched addresses, most frequent first: the address, its records and the
    /// first record's list and row.
    pub unmatched: Vec<(String, usize, (u16, u32))>,
    /// Records with an address, when no street table is set.
    pub unplaced: usize,
}

/// The counts of one year as they are added up: groups by index.
#[derive(Clone)]
struct Acc {
    total: Tally,
    by_type: [Tally; 5],
    by_section: [Tally; 9],
    by_place: Vec<Tally>,
}

impl Acc {
    fn add(&mut self, (t, s, pl): (usize, usize, usize), f: &dyn Fn(&mut Tally)) {
        f(&mut self.total);
        f(&mut self.by_type[t]);
        f(&mut self.by_section[s]);
        f(&mut self.by_place[pl]);
    }
}

/// Counts the records for every year from the first filing to the last date in
/// the lists.
pub fn count(records: &Records, rules: &Rules) -> Counts {
    let criteria = criteria(records, rules);
    let (place_of, place_names) = places(records, rules);
    let industry: Vec<bool> = records
        .ipcs
        .iter()
        .map(|c| rules.industries.as_ref().is_some_and(|t| t.industry(c).is_some()))
        .collect();
    let last = records.patents.iter().map(|p| p.granted.unwrap_or(p.filed).max(p.filed)).max();
    let first = records.patents.iter().map(|p| p.filed).min();
    let mut counts = Counts { criteria, ..Counts::default() };
    let (Some(first), Some(last)) = (first, last) else { return counts };
    let (first, last) = (value::year(first), value::year(last));
    let empty = Acc {
        total: Tally::default(),
        by_type: [Tally::default(); 5],
        by_section: [Tally::default(); 9],
        by_place: vec![Tally::default(); place_names.len()],
    };
    let mut accs = vec![empty; (last - first + 1) as usize];
    let mut in_force_by_name: Vec<HashMap<u32, u64>> = vec![HashMap::new(); accs.len()];
    let section_of: Vec<usize> =
        records.ipcs.iter().map(|c| ipc::section_of(c).map_or(8, |s| (s as u8 - b'A') as usize)).collect();
    for p in &records.patents {
        let section = p.ipc.map_or(8, |i| section_of[i as usize]);
        let place = p.address.map_or(0, |a| place_of[a as usize]);
        let group = (p.applicant_type as usize, section, place);
        let k = kind_index(p.kind);
        let at = |y: i32| (y - first) as usize;
        accs[at(value::year(p.filed))].add(group, &|t| t.applications[k] += 1);
        if let Some(g) = p.granted {
            accs[at(value::year(g))].add(group, &|t| t.grants[k] += 1);
        }
        let Some(granted) = p.granted.filter(|_| p.kind == PatentKind::Invention) else { continue };
        let person = p.applicant_type == ApplicantType::Person;
        for y in value::year(granted)..=last {
            let end = value::year_end(y);
            if !p.in_force(end) {
                continue;
            }
            let ten = p.filed <= value::year_end(y - 10);
            let high = ten || high_value(p, rules, &industry);
            accs[at(y)].add(group, &|t| {
                t.in_force += 1;
                t.ten_years += u64::from(ten);
                t.high_value += u64::from(high);
            });
            if let Some(a) = p.applicant.filter(|_| !person) {
                *in_force_by_name[at(y)].entry(a).or_default() += 1;
            }
        }
    }
    for (i, (acc, names)) in accs.into_iter().zip(in_force_by_name).enumerate() {
        let mut patentees: Vec<(String, u64)> =
            names.into_iter().map(|(a, n)| (records.names[a as usize].to_string(), n)).collect();
        patentees.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        patentees.truncate(10);
        let nonzero = |t: &&Tally| **t != Tally::default();
        let year = Year {
            total: acc.total,
            by_type: ApplicantType::ALL.into_iter().zip(acc.by_type).filter(|(_, t)| nonzero(&t)).collect(),
            by_section: ipc::SECTIONS
                .iter()
                .map(|s| s.0)
                .chain(['-'])
                .zip(acc.by_section)
                .filter(|(_, t)| nonzero(&t))
                .collect(),
            by_place: place_names.iter().cloned().zip(acc.by_place).filter(|(_, t)| nonzero(&t)).collect(),
            patentees,
        };
        counts.years.insert(first + i as i32, year);
    }
    counts.unmatched = unmatched(records, &place_of, &place_names);
    if rules.streets.is_none() {
        counts.unplaced = records.patents.iter().filter(|p| p.address.is_some()).count();
    }
    counts
}

fn kind_index(k: PatentKind) -> usize {
    match k {
        PatentKind::Invention => 0,
        PatentKind::UtilityModel => 1,
        PatentKind::Design => 2,
    }
}

/// Whether an invention meets one of the criteria other than 维持10年以上.
fn high_value(p: &Patent, rules: &Rules, industry: &[bool]) -> bool {
    p.ipc.is_some_and(|i| industry[i as usize])
        || p.family == Some(true)
        || p.award == Some(true)
        || match p.pledge {
            Some(Pledge::Amount(a)) => a >= rules.pledge_threshold,
            Some(Pledge::Yes) => true,
            _ => false,
        }
}

/// The place of each address, as an index into the places; the first place is
/// [`Place::Unknown`], that of a record without an address.
fn places(records: &Records, rules: &Rules) -> (Vec<usize>, Vec<Place>) {
    let mut names: Vec<Place> = vec![Place::Unknown];
    let Some(table) = &rules.streets else { return (vec![0; records.addresses.len()], names) };
    let of = records
        .addresses
        .iter()
        .map(|a| {
            let p = match table.assign(a) {
                Some(Target::Street(s)) => Place::Street(s.clone()),
                Some(Target::Outside) => Place::Outside,
                None => Place::Unmatched,
            };
            names.iter().position(|n| *n == p).unwrap_or_else(|| {
                names.push(p);
                names.len() - 1
            })
        })
        .collect();
    (of, names)
}

/// The unmatched addresses with their records, most frequent first (then by
/// address), each with its first record's place.
fn unmatched(records: &Records, place_of: &[usize], names: &[Place]) -> Vec<(String, usize, (u16, u32))> {
    let Some(um) = names.iter().position(|n| *n == Place::Unmatched) else { return Vec::new() };
    let mut by: HashMap<u32, (usize, (u16, u32))> = HashMap::new();
    for p in &records.patents {
        if let Some(a) = p.address.filter(|&a| place_of[a as usize] == um) {
            let e = by.entry(a).or_insert((0, (p.list, p.row)));
            e.0 += 1;
            e.1 = e.1.min((p.list, p.row));
        }
    }
    let mut list: Vec<(String, usize, (u16, u32))> =
        by.into_iter().map(|(a, (n, at))| (records.addresses[a as usize].to_string(), n, at)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// Which of CNIPA's five criteria the lists and settings let us assess.
fn criteria(records: &Records, rules: &Rules) -> Criteria {
    let industry = match (records.has(Field::Ipc), &rules.industries) {
        (false, _) => Some("清单没有主分类号列"),
        (true, None) => Some("未设置 IPC 与战略性新兴产业参照关系表"),
        (true, Some(_)) => None,
    };
    let column = |f: Field, why: &'static str| (!records.has(f)).then_some(why);
    vec![
        ("战略性新兴产业", industry),
        ("海外同族", column(Field::Family, "清单没有同族列")),
        ("维持10年以上", None),
        ("较高质押融资", column(Field::Pledge, "清单没有质押列")),
        ("国家科学技术奖或中国专利奖", column(Field::Award, "清单没有获奖列")),
    ]
}

impl Year {
    /// The street rows in the catalogue's order, with the rest (outside,
    /// unmatched, unknown) after them.
    pub fn tally_of(&self, place: &Place) -> Tally {
        self.by_place.get(place).copied().unwrap_or_default()
    }

    /// The sum of every group of a breakdown: equals the total.
    pub fn sum<'a>(groups: impl Iterator<Item = &'a Tally>) -> Tally {
        let mut t = Tally::default();
        for g in groups {
            t.add(g);
        }
        t
    }
}
