//! `followup add INPUT (--invite FILE.ics | --company C --role R --start T
//! --timezone Z) [...]` (SPEC §8): appends an interview to `interviews`,
//! in the style of the interviews already there.
//!
//! With `--invite`, the invitation is read by `ics::invite::read` (start,
//! end, zone, people; see docs/invites.md) and what it does not say is
//! guessed, each guess reported: the company from the organizer's mail
//! domain (never a free mail service's: then `--company` is asked for),
//! the role from the title, a name from an address, `Last, First` turned
//! round. Flags always win over the invitation. `timezone` is written only
//! when it differs from `defaults.timezone`. The id is `--id`, else made
//! from the company and the role, unique in the file.

use super::super::dates::resolve_date;
use super::guess::{company_from_domain, id_for, name_from_address, role_from_title, unreversed};
use super::session::{Edited, Refused, Session};
use crate::ics::invite::{self, Invite, LeftOut};
use crate::io;
use crate::model::suggest;
use crate::model::validate::same_name;
use crate::model::yaml::edit::{Editor, Fragment};
use crate::model::yaml::{Value, parse};
use crate::zone::{self, Zone, windows::Resolver};
use jiff::Timestamp;
use jiff::civil::DateTime;
use std::path::Path;

/// What to add; flags win over the invitation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// An `.ics` invitation to read.
    pub invite: Option<&'a str>,
    pub company: Option<&'a str>,
    pub role: Option<&'a str>,
    /// Local date-time in the employer zone (`2026-11-17T14:00`).
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
    pub timezone: Option<&'a str>,
    pub id: Option<&'a str>,
    /// `Name <address>`, `Name` or an address.
    pub interviewers: &'a [String],
    /// The candidate's addresses besides `candidate.email`.
    pub me: &'a [String],
    pub process: Option<&'a str>,
    /// A date, or `today`, `+1w`, … (employer zone).
    pub decision_by: Option<&'a str>,
}

/// One interviewer to write.
struct Person {
    name: String,
    email: Option<String>,
}

/// Adds the interview `req` describes to the file at `path`.
pub fn add(path: &str, req: &Request<'_>, now: Timestamp) -> Result<Edited, Refused> {
    let s = Session::open(path)?;
    let mut notes = Vec::new();
    let default_zone = defaults_timezone(s.text());
    let mut own: Vec<String> = req.me.to_vec();
    own.extend(s.loaded.model.candidate.email.clone());

    let invite = match req.invite {
        Some(file) => Some(read_invite(file, &own)?),
        None => None,
    };
    // The employer zone: --timezone, else the invitation's, else defaults.
    let zone_name = req
        .timezone
        .map(str::to_string)
        .or_else(|| invite.as_ref().and_then(|i| i.zone.clone()))
        .or_else(|| default_zone.clone());
    let Some(zone_name) = zone_name else {
        return Err(Refused::usage(match &invite {
            Some(_) => {
                "the invitation names no time zone, and the file has no defaults.timezone\n  = help: pass --timezone, the employer's zone (e.g. --timezone America/New_York); the times are converted to it"
            }
            None => {
                "no time zone: pass --timezone, the employer's zone (e.g. --timezone America/New_York)"
            }
        }));
    };
    let zone = zone::lookup(zone_name.trim()).ok_or_else(|| {
        let names = zone::names();
        let hint = suggest::hint(
            zone_name.trim(),
            &names.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        Refused::usage(format!(
            "unknown time zone \"{}\"\n  = help: {hint}",
            zone_name.escape_debug()
        ))
    })?;

    let (start, end) = match (&invite, req.start) {
        (_, Some(start)) => (
            start.trim().to_string(),
            req.end.map(|e| e.trim().to_string()),
        ),
        (Some(inv), None) => invite_times(inv, &zone, req.timezone.is_some(), &mut notes),
        (None, None) => return Err(Refused::usage("--start is needed without --invite")),
    };

    let company = match (req.company, &invite) {
        (Some(c), _) => c.trim().to_string(),
        (None, Some(inv)) => company_of(inv, &own, &mut notes)?,
        (None, None) => return Err(Refused::usage("--company is needed without --invite")),
    };
    let role = match (req.role, &invite) {
        (Some(r), _) => r.trim().to_string(),
        (None, Some(inv)) => {
            let title = inv.summary.as_deref().unwrap_or_default();
            let role = role_from_title(title, &company).ok_or_else(|| {
                Refused::usage(
                    "the invitation has no title to take the role from\n  = help: pass --role",
                )
            })?;
            notes.push(format!(
                "guessed: role \"{role}\" from the title \"{title}\" (--role to change it)"
            ));
            role
        }
        (None, None) => return Err(Refused::usage("--role is needed without --invite")),
    };

    let mut people = Vec::new();
    if let Some(inv) = &invite {
        people_of(inv, &mut people, &mut notes);
    }
    for text in req.interviewers {
        let p = person_flag(text).ok_or_else(|| {
            Refused::usage(format!(
                "--interviewer \"{}\" names nobody\n  = help: write \"Name <address>\", a name, or an address",
                text.escape_debug()
            ))
        })?;
        let known = people.iter().any(|q: &Person| {
            same_name(&q.name, &p.name)
                || matches!((&q.email, &p.email), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
        });
        if !known {
            people.push(p);
        }
    }

    let taken: Vec<&str> = s
        .loaded
        .model
        .interviews
        .iter()
        .map(|iv| iv.id.as_str())
        .collect();
    let id = match req.id {
        Some(id) if taken.contains(&id.trim()) => {
            return Err(Refused::usage(format!(
                "{} already has an interview with id \"{}\"\n  = help: choose another, e.g. --id {}",
                s.path,
                id.trim(),
                id_for(id.trim(), "", &taken)
            )));
        }
        Some(id) => id.trim().to_string(),
        None => id_for(&company, &role, &taken),
    };
    let today = zone.at(now).date();
    let decision_by = req
        .decision_by
        .map(|d| resolve_date(d, today).map_err(|e| Refused::usage(format!("--decision-by {e}"))))
        .transpose()?;

    let mut entries: Vec<(String, Fragment)> = vec![
        ("id".into(), Fragment::text(&id)),
        ("company".into(), Fragment::text(&company)),
        ("role".into(), Fragment::text(&role)),
        ("start".into(), Fragment::text(&start)),
    ];
    if let Some(end) = &end {
        entries.push(("end".into(), Fragment::text(end)));
    }
    let default_is_same = default_zone
        .as_deref()
        .and_then(|d| zone::lookup(d.trim()))
        .is_some_and(|d| d.name == zone.name);
    if !default_is_same {
        entries.push(("timezone".into(), Fragment::text(&zone.name)));
    }
    if let Some(p) = req.process {
        entries.push(("process".into(), Fragment::text(p.trim())));
    }
    if !people.is_empty() {
        let list = people
            .iter()
            .map(|p| {
                let mut m = vec![("name", p.name.clone())];
                m.extend(p.email.clone().map(|e| ("email", e)));
                Fragment::map_of_text(m)
            })
            .collect();
        entries.push(("interviewers".into(), Fragment::List(list)));
    }
    if let Some(d) = decision_by {
        entries.push(("decision_by".into(), Fragment::text(d.to_string())));
    }
    let summary = format!(
        "added {id}: {company}, {role}, {start} ({}), {}",
        zone.name,
        match people.len() {
            0 => "no interviewers".to_string(),
            1 => "1 interviewer".to_string(),
            n => format!("{n} interviewers"),
        }
    );
    let edited = Editor::new(s.text()).and_then(|mut e| {
        e.push(&[], "interviews", &Fragment::Map(entries))?;
        e.finish()
    });
    s.write(edited, summary, notes)
}

/// `defaults.timezone` as written, if any.
fn defaults_timezone(text: &str) -> Option<String> {
    let root = parse(text).ok().flatten()?;
    let defaults = root.as_map()?.iter().find(|(k, _)| k.name == "defaults")?;
    let tz = defaults
        .1
        .as_map()?
        .iter()
        .find(|(k, _)| k.name == "timezone")?;
    match &tz.1.value {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

fn read_invite(file: &str, own: &[String]) -> Result<Invite, Refused> {
    let bytes = io::read(Path::new(file))?;
    invite::read(
        &bytes,
        &invite::Options {
            own_addresses: own,
            zones: &Resolver,
        },
    )
    .map_err(|e| Refused::invalid(format!("{file}: {e}")))
}

/// Start and end as local times in the employer zone: the invitation's
/// instants moved into `zone` when it was given on the command line, else
/// its own local times.
fn invite_times(
    inv: &Invite,
    zone: &Zone,
    zone_given: bool,
    notes: &mut Vec<String>,
) -> (String, Option<String>) {
    let local = |instant: Option<Timestamp>, written: DateTime| match instant {
        Some(t) if zone_given || inv.zone.is_none() => zone.at(t).datetime(),
        _ => written,
    };
    let start = local(inv.start_utc, inv.start);
    let end = local(inv.end_utc, inv.end);
    if inv.start_utc.is_none() {
        notes.push(format!(
            "check: the invitation's times are floating (no zone); read as {} time",
            zone.name
        ));
    } else if inv.zone.is_none() || zone_given && inv.zone.as_deref() != Some(zone.name.as_str()) {
        notes.push(format!("the times were converted to {}", zone.name));
    }
    for g in &inv.guessed {
        notes.push(format!("guessed: {g}"));
    }
    for w in &inv.warnings {
        notes.push(format!("check: {w}"));
    }
    let end = (end > start).then(|| clock(end));
    (clock(start), end)
}

/// `2026-11-17T14:00` (seconds only when there are some).
fn clock(t: DateTime) -> String {
    if t.second() == 0 && t.subsec_nanosecond() == 0 {
        t.strftime("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// The company from the organizer's domain (the first interviewer's when
/// the organizer is the candidate), or a refusal asking for `--company`.
fn company_of(inv: &Invite, own: &[String], notes: &mut Vec<String>) -> Result<String, Refused> {
    let own_organizer = inv
        .organizer
        .as_ref()
        .and_then(|o| o.email.as_deref())
        .is_some_and(|e| own.iter().any(|m| m.eq_ignore_ascii_case(e.trim())));
    let domain = if own_organizer {
        inv.people.iter().find_map(|p| {
            p.email
                .as_deref()?
                .rsplit_once('@')
                .map(|(_, d)| d.to_ascii_lowercase())
        })
    } else {
        inv.organizer_domain.clone()
    };
    let Some(domain) = domain else {
        return Err(Refused::usage(
            "the invitation names no organizer to take the company from\n  = help: pass --company",
        ));
    };
    match company_from_domain(&domain) {
        Ok(c) => {
            notes.push(format!("guessed: company \"{c}\" from the organizer's domain {domain} (--company to change it)"));
            Ok(c)
        }
        Err(why) => Err(Refused::usage(format!(
            "cannot tell the company from the invitation: {why}\n  = help: pass --company \"Company name\""
        ))),
    }
}

/// The invitation's people as interviewers, and notes on who was left out
/// and which names were guessed.
fn people_of(inv: &Invite, people: &mut Vec<Person>, notes: &mut Vec<String>) {
    for p in &inv.people {
        let email = p.email.as_deref().map(|e| e.trim().to_string());
        let name = match (p.name.as_deref().map(str::trim), email.as_deref()) {
            (Some(n), _) if !n.is_empty() => match unreversed(n) {
                Some(turned) => {
                    notes.push(format!("guessed: \"{n}\" is {turned}"));
                    turned
                }
                None => n.to_string(),
            },
            (_, Some(e)) => match name_from_address(e) {
                Some(n) => {
                    notes.push(format!("guessed: the name {n} from the address {e}"));
                    n
                }
                None => {
                    notes.push(format!(
                        "check: {e} has no name; its address stands in for one"
                    ));
                    e.split('@').next().unwrap_or(e).to_string()
                }
            },
            _ => continue,
        };
        people.push(Person { name, email });
    }
    for (p, why) in &inv.left_out {
        let who = match (&p.name, &p.email) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (None, Some(e)) => e.clone(),
            (Some(n), None) => n.clone(),
            (None, None) => "someone".to_string(),
        };
        let why = match why {
            LeftOut::Candidate => "you",
            LeftOut::Room => "a room",
            LeftOut::Group => "a group or shared calendar",
            LeftOut::NonParticipant => "copied for information only",
            LeftOut::Declined => "declined",
            LeftOut::NoReply => "a no-reply sender",
        };
        notes.push(format!("left out: {who} ({why})"));
    }
}

/// `Name <address>`, `Name`, or an address.
fn person_flag(text: &str) -> Option<Person> {
    let t = text.trim();
    if let Some((name, rest)) = t.split_once('<') {
        let email = rest.strip_suffix('>')?.trim();
        let name = name.trim().trim_matches('"').trim();
        let name = if name.is_empty() {
            name_from_address(email).unwrap_or_else(|| email.to_string())
        } else {
            name.to_string()
        };
        return (!email.is_empty()).then(|| Person {
            name,
            email: Some(email.to_string()),
        });
    }
    if t.contains('@') && !t.contains(' ') {
        return Some(Person {
            name: name_from_address(t).unwrap_or_else(|| t.to_string()),
            email: Some(t.to_string()),
        });
    }
    (!t.is_empty()).then(|| Person {
        name: t.to_string(),
        email: None,
    })
}
