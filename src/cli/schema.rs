//! `followup schema`: the input's JSON Schema (draft 2020-12) on stdout.

use super::context::Context;
use crate::error::Exit;
use crate::flows::schema;

#[derive(clap::Args, Debug)]
#[command(after_help = "Example:
  followup schema > followup.schema.json
  # then, as the first line of your YAML (followup init writes it):
  # yaml-language-server: $schema=./followup.schema.json")]
pub struct Args {}

pub fn run(ctx: &Context, _: Args) -> Exit {
    ctx.print(schema::json().as_bytes())
}
