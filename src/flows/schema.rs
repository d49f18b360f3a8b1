//! `schema` (SPEC §2): the input's JSON Schema (draft 2020-12), for
//! editors; `model::schema` derives it.

/// The schema as JSON text.
pub fn json() -> String {
    crate::model::schema::to_json()
}
