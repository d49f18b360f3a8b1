//! `holidays` (SPEC §3): dates, built-in calendars by name, `.ics` files by
//! path (plain, or `{file, only, except}` to keep some of their events) and
//! `auto`, mixed; calendars and files through the [`HolidaySource`]. `auto`
//! is the employer zone's country calendar (`calendar::holidays::zones`),
//! added once the interview's zone is known ([`Validator::auto_rules`]).
//!
//! [`HolidaySource`]: super::source::HolidaySource

use super::keys::HOLIDAY_FILE_KEYS;
use super::validator::{Validator, find, quote};
use super::values::looks_like_date;
use crate::calendar::holidays::{coverage_warning, ics::Filter, zones};
use crate::error::{Diagnostic, FieldPath};
use crate::model::suggest;
use crate::model::types::Rules;
use crate::model::yaml::{Node, Span, Value};
use crate::zone::Zone;
use jiff::civil::Date;
use std::sync::Arc;

impl Validator<'_> {
    /// The dates of a `holidays` list, and where `auto` stands in it (the
    /// employer zone's calendar, added once the zone is known).
    #[allow(clippy::type_complexity)]
    pub(super) fn holiday_list(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<(Vec<(Date, Option<String>)>, Option<(FieldPath, Span)>)> {
        let items = self.list(node, path, "[2026-12-25, US, ./closures.ics, auto]")?;
        let mut out = Vec::new();
        let mut auto = None;
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = path.index(i);
            if let Value::Map(_) = item.value {
                match self.holiday_file_entry(item, &p) {
                    Some(days) => out.extend(days),
                    None => ok = false,
                }
                continue;
            }
            let Some(t) = self.text(item, &p) else {
                ok = false;
                continue;
            };
            let s = t.trim();
            if s.eq_ignore_ascii_case("auto") {
                auto = Some((p, item.span()));
            } else if looks_like_date(s) {
                match self.date(item, &p) {
                    Some(d) => out.push((d, None)),
                    None => ok = false,
                }
            } else if s.to_ascii_lowercase().ends_with(".ics") {
                match self
                    .holidays
                    .ics_file(s, self.years.clone(), &Filter::default())
                {
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
                    Some(days) => {
                        out.extend(days);
                        if let Some(w) = coverage_warning(s, self.years.clone()) {
                            self.diags.push(
                                Diagnostic::warning(p.as_str(), Some(item.pos), w)
                                    .with_len(item.span().len)
                                    .with_hint(
                                        "add the missing days as dates or from an .ics file",
                                    ),
                            );
                        }
                    }
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
                            None => "write a date (2026-12-25), an .ics path, `auto` (the employer zone's calendar) or a built-in calendar (`followup holidays --list` names them)".to_string(),
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
        ok.then_some((out, auto))
    }

    /// `{ file: ./google.ics, only: "Public holiday", except: [...] }`.
    fn holiday_file_entry(
        &mut self,
        node: &Node,
        path: &FieldPath,
    ) -> Option<Vec<(Date, Option<String>)>> {
        let m = self.map(node, path, HOLIDAY_FILE_KEYS, "a holiday file entry")?;
        let file = self.required_text(m, "file", node, path, "add `file: ./holidays.ics`");
        let mut words = |key: &str| -> Option<Vec<String>> {
            let Some(n) = find(m, key) else {
                return Some(Vec::new());
            };
            let p = path.key(key);
            let items: Vec<&Node> = match &n.value {
                Value::Seq(items) => items.iter().collect(),
                _ => vec![n],
            };
            let mut out = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let ip = if matches!(n.value, Value::Seq(_)) {
                    p.index(i)
                } else {
                    p.clone()
                };
                let t = self.text(item, &ip)?;
                if t.trim().is_empty() {
                    self.error(&ip, item.span(), format!("`{key}` is empty"), "give the words to look for in SUMMARY, DESCRIPTION or CATEGORIES, e.g. \"Public holiday\"");
                    return None;
                }
                out.push(t.trim().to_string());
            }
            Some(out)
        };
        let filter = Filter {
            only: words("only")?,
            except: words("except")?,
        };
        let file = file?;
        let at = find(m, "file").map_or_else(|| node.span(), Node::span);
        match self
            .holidays
            .ics_file(file.trim(), self.years.clone(), &filter)
        {
            Ok(days) => Some(days),
            Err(why) => {
                self.error(
                    &path.key("file"),
                    at,
                    format!("cannot read holiday file {}: {why}", quote(file.trim())),
                    "paths are relative to the YAML file's folder; `followup holidays FILE.ics` shows what a file gives",
                );
                None
            }
        }
    }

    /// `rules` with the calendar of `zone`'s country added (`holidays:
    /// [auto]`), warning at `at` when there is none.
    pub(super) fn auto_rules(
        &mut self,
        rules: Arc<Rules>,
        zone: &Zone,
        at: &(FieldPath, Span),
    ) -> Arc<Rules> {
        let key = (zone.name.clone(), Arc::as_ptr(&rules) as usize);
        if let Some(r) = self.auto_cache.get(&key) {
            return Arc::clone(r);
        }
        let resolved = zones::resolve(&zone.name, self.years.clone());
        if let Some(w) = resolved.warning {
            self.diags.push(
                Diagnostic::warning(at.0.as_str(), Some(at.1.pos), w)
                    .with_len(at.1.len)
                    .with_hint("list the dates, an .ics file, or a calendar from `followup holidays --list` beside or instead of `auto`"),
            );
        }
        self.notes.push(resolved.note);
        let mut r = (*rules).clone();
        r.calendar = r.calendar.with_holidays(resolved.days);
        let r = Arc::new(r);
        self.auto_cache.insert(key, Arc::clone(&r));
        r
    }
}
