//! `holidays` (SPEC §3): dates, built-in calendars by name and `.ics`
//! files by path, mixed; the last two through the [`HolidaySource`].

use super::validator::{Validator, quote};
use super::values::looks_like_date;
use crate::error::FieldPath;
use crate::model::suggest;
use crate::model::yaml::Node;
use jiff::civil::Date;

impl Validator<'_> {
    pub(super) fn holiday_list(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<Vec<(Date, Option<String>)>> {
        let items = self.list(node, path, "[2026-12-25, US, ./closures.ics]")?;
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            let Some(t) = self.text(item, &p) else {
                ok = false;
                continue;
            };
            let s = t.trim();
            if looks_like_date(s) {
                match self.date(item, &p) {
                    Some(d) => out.push((d, None)),
                    None => ok = false,
                }
            } else if s.to_ascii_lowercase().ends_with(".ics") {
                match self.holidays.ics_file(s, self.years.clone()) {
                    Ok(days) => out.extend(days),
                    Err(why) => {
                        ok = false;
                        self.error(
                            &p,
                            item.span(),
                            format!("cannot read holiday file {}: {why}", quote(s)),
                            "paths are relative to the YAML file's folder; `followup holidays FILE.ics` shows what a file gives",
                        );
                    }
                }
            } else {
                match self.holidays.builtin(s, self.years.clone()) {
                    Some(days) => out.extend(days),
                    None => {
                        ok = false;
                        let names = self.holidays.builtin_names();
                        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                        let hint = match suggest::closest(s, refs.iter().copied()) {
                            Some(c) => format!("did you mean \"{c}\"?"),
                            None if refs.is_empty() => {
                                "write holidays as dates (2026-12-25) or paths to .ics files"
                                    .to_string()
                            }
                            None => format!(
                                "write a date (2026-12-25), an .ics path, or a built-in calendar: {}",
                                refs.join(", ")
                            ),
                        };
                        self.error(
                            &p,
                            item.span(),
                            format!(
                                "{} is not a date, an .ics file or a known holiday calendar",
                                quote(s)
                            ),
                            hint,
                        );
                    }
                }
            }
        }
        ok.then_some(out)
    }
}
