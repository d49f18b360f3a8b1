//! One row of the generated index (`index.rs`): a table calendar's name,
//! region, years and where its holidays are in `data.bin`. A leaf of its
//! own, since the index names it and `table` names the index.

/// One table calendar: its name (`JP`, `IN-KA`), the region it covers
/// (`Karnataka, India`), the years it holds, where its years start in the
/// data and its holiday names (indices into the shared name list).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct TableCalendar {
    pub name: &'static str,
    pub region: &'static str,
    pub first: i16,
    pub last: i16,
    pub(super) offset: u32,
    pub(super) names: &'static [u16],
}
