//! What the user wrote (SPEC §3): the located YAML tree, and the vocabularies.
pub mod kinds;
pub mod yaml;
