//! What `followup add --invite` guesses from an invitation (SPEC §8): the
//! company from the organizer's mail domain, the role from the title, a
//! person's name from an address, and an id from both. Each guess is
//! printed, so the user can correct it; none of them reads anything but
//! its arguments.

/// Mail domains of free mail services: a person's own address there says
/// nothing of an employer, so `add` asks for `--company` instead.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "zoho.com",
    "fastmail.com",
    "hey.com",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "libero.it",
    "qq.com",
    "163.com",
    "naver.com",
];

/// Services that send invitations for others: their domain is not the
/// employer's.
const SENDERS: &[&str] = &[
    "zoom.us",
    "calendly.com",
    "teams.microsoft.com",
    "google.com",
];

/// Labels of a free mail service under any country domain (`yahoo.co.uk`).
const FREE_MAIL_NAMES: &[&str] = &[
    "gmail", "hotmail", "outlook", "live", "yahoo", "gmx", "yandex",
];

/// The company a mail domain names (`talent.acme-corp.example` → `Acme
/// Corp`), or why it names none.
pub(super) fn company_from_domain(domain: &str) -> Result<String, String> {
    let d = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = d.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return Err(format!("\"{d}\" is not a mail domain"));
    }
    let n = labels.len();
    let free = FREE_MAIL.contains(&d.as_str())
        || FREE_MAIL_NAMES.contains(&labels[n - 2])
        || (n >= 3 && FREE_MAIL_NAMES.contains(&labels[n - 3]) && labels[n - 1].len() == 2);
    if free {
        return Err(format!("{d} is a free mail service, not a company"));
    }
    if SENDERS
        .iter()
        .any(|s| d == *s || d.ends_with(&format!(".{s}")))
    {
        return Err(format!("{d} sends invitations for others"));
    }
    // `acme.co.uk`, `acme.com.au`: the name is before the second level;
    // `acme.onmicrosoft.com`: a Microsoft 365 tenant is named first.
    let second_level = [
        "co",
        "com",
        "ac",
        "org",
        "net",
        "gov",
        "ne",
        "or",
        "onmicrosoft",
    ];
    let label = if n >= 3 && second_level.contains(&labels[n - 2]) {
        labels[n - 3]
    } else {
        labels[n - 2]
    };
    Ok(label
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(capitalized)
        .collect::<Vec<_>>()
        .join(" "))
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Words that name the meeting rather than the job.
const MEETING_WORDS: &[&str] = &[
    "interview",
    "interviews",
    "call",
    "screen",
    "screening",
    "conversation",
    "chat",
    "loop",
    "onsite",
    "meeting",
    "panel",
    "assessment",
    "intro",
    "introduction",
    "round",
    "gespräch",
    "entretien",
    "entrevista",
    "sollicitatiegesprek",
];

/// Title prefixes mail and calendar programs add.
const PREFIXES: &[&str] = &[
    "updated invitation with note:",
    "updated invitation:",
    "invitation:",
    "invite:",
    "updated:",
    "accepted:",
    "new event:",
    "fwd:",
    "fw:",
    "re:",
    "[external]",
    "[ext]",
    "external:",
    "(external)",
    "interview:",
    "interview -",
    "interview –",
];

/// The role a meeting title names: without the prefixes mail programs add
/// (`Invitation:`, `[External]`), without the company's name, and without
/// the part that names the meeting (`Panel interview - Staff Engineer` →
/// `Staff Engineer`). `None` when nothing is left.
pub(super) fn role_from_title(title: &str, company: &str) -> Option<String> {
    let mut t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let lower = t.to_lowercase();
        let Some(p) = PREFIXES.iter().find(|p| lower.starts_with(*p)) else {
            break;
        };
        t = t[p.len()..].trim().to_string();
    }
    let company = company.trim();
    if company.len() > 1 {
        for joint in [" at ", " with ", " @ ", " bei ", " chez "] {
            t = remove_ci(&t, &format!("{joint}{company}"));
        }
        t = remove_ci(&t, &format!("({company})"));
        t = remove_ci(&t, company);
    }
    let parts: Vec<&str> = t
        .split([':', '|', '–', '—'])
        .flat_map(|p| p.split(" - "))
        .map(|p| p.trim_matches([' ', '-', ',', '/']))
        .filter(|p| !p.is_empty())
        .collect();
    let job: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !names_the_meeting(p))
        .collect();
    let mut role = if job.is_empty() {
        parts.join(" - ")
    } else {
        job.join(" - ")
    };
    // `Interview Account Executive`, `Account Executive interview`.
    for word in ["interview for ", "interview with ", "interview "] {
        if role.to_lowercase().starts_with(word)
            && let Some(rest) = role.get(word.len()..)
            && !rest.trim().is_empty()
        {
            role = rest.to_string();
        }
    }
    if let Some(rest) = role.to_lowercase().strip_suffix(" interview")
        && rest.split_whitespace().count() >= 2
        && role.is_char_boundary(rest.len())
    {
        role.truncate(rest.len());
    }
    let role = role.trim().to_string();
    (!role.is_empty()).then_some(role)
}

/// Whether a title part only names the meeting (`Panel interview`,
/// `Round 2`, `Hiring manager conversation`).
fn names_the_meeting(part: &str) -> bool {
    // `(Round 2)` qualifies a job title; it does not replace it.
    let outside: String = part
        .split('(')
        .map(|p| p.split_once(')').map_or(p, |(_, after)| after))
        .collect();
    let lower = outside.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| MEETING_WORDS.contains(w))
}

/// `text` without the first case-insensitive occurrence of `what`.
fn remove_ci(text: &str, what: &str) -> String {
    let (lt, lw) = (text.to_lowercase(), what.to_lowercase());
    // Lowercasing can change lengths outside ASCII: only cut where the
    // byte offsets are the same in both.
    if lt.len() != text.len() {
        return text.to_string();
    }
    match lt.find(&lw) {
        Some(i) => format!("{}{}", &text[..i], &text[i + what.len()..])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        None => text.to_string(),
    }
}

/// A name for someone known only by address: `priya.natarajan@…` →
/// `Priya Natarajan`; `None` when the address says no more than itself.
pub(super) fn name_from_address(address: &str) -> Option<String> {
    let local = address.split('@').next()?;
    let parts: Vec<&str> = local
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || !parts.iter().all(|p| p.chars().all(char::is_alphabetic)) {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| capitalized(&p.to_lowercase()))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `Schmidt, Klaus` → `Klaus Schmidt`: the directory order Outlook shows,
/// turned into the order a letter uses. `None` when the name is not of
/// that shape.
pub(super) fn unreversed(name: &str) -> Option<String> {
    let (last, first) = name.split_once(',')?;
    let (last, first) = (last.trim(), first.trim());
    let short = |s: &str, n| {
        let w = s.split_whitespace().count();
        w >= 1
            && w <= n
            && s.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
    };
    (short(last, 2) && short(first, 3)).then(|| format!("{first} {last}"))
}

/// Legal forms left out of an id (`Acme Corp` → `acme`).
const LEGAL: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "plc",
    "co",
    "bv",
    "nv",
    "srl",
    "spa",
    "kk",
    "oy",
    "ab",
    "as",
];

/// An id from the company and the role, `[a-z0-9-]`, unique among
/// `taken` (`-2`, `-3`, … when needed).
pub(super) fn id_for(company: &str, role: &str, taken: &[&str]) -> String {
    let words = |s: &str, skip_legal: bool| -> Vec<String> {
        folded(s)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .filter(|w| !(skip_legal && LEGAL.contains(&w.as_str())))
            .collect()
    };
    let mut c = words(company, true);
    if c.is_empty() {
        c = words(company, false);
    }
    let mut all = c;
    all.extend(words(role, false));
    let mut base = String::new();
    for w in all {
        if base.len() + w.len() + 1 > 40 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&w);
    }
    if base.is_empty() {
        base = "interview".to_string();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id.as_str()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Lower-case ASCII, with the accents of Latin letters taken off.
fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' => "s",
            'ť' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            c if c.is_ascii() => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        out.push_str(plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn role(title: &str, company: &str, want: Option<&str>) {
        assert_eq!(role_from_title(title, company).as_deref(), want, "{title}");
    }

    #[test]
    fn roles_from_titles() {
        role(
            "Interview: Solutions Engineer (Round 2)",
            "Globex",
            Some("Solutions Engineer (Round 2)"),
        );
        role(
            "Panel interview - Staff Engineer",
            "Hooli",
            Some("Staff Engineer"),
        );
        role(
            "Invitation: Acme Corp - Account Executive interview",
            "Acme Corp",
            Some("Account Executive"),
        );
        role(
            "[External] Updated invitation: Data Analyst | Initech",
            "Initech",
            Some("Data Analyst"),
        );
        role(
            "Interview Account Executive",
            "Initech",
            Some("Account Executive"),
        );
        role(
            "Hiring manager conversation - Data Analyst",
            "X",
            Some("Data Analyst"),
        );
        role(
            "Interview – Senior Designer",
            "Alpen",
            Some("Senior Designer"),
        );
        role("Technical interview", "Tanuki", Some("Technical interview"));
        role(
            "Product Manager at Umbrella",
            "Umbrella",
            Some("Product Manager"),
        );
        role("Invitation:", "X", None);
    }

    #[test]
    fn companies_from_domains() {
        let c = |d: &str| company_from_domain(d);
        assert_eq!(c("acme.example"), Ok("Acme".to_string()));
        assert_eq!(c("talent.acme-corp.com"), Ok("Acme Corp".to_string()));
        assert_eq!(c("initech.co.uk"), Ok("Initech".to_string()));
        assert_eq!(c("email365.onmicrosoft.com"), Ok("Email365".to_string()));
        assert!(c("gmail.com").is_err());
        assert!(c("yahoo.co.uk").is_err());
        assert!(c("Outlook.com").is_err());
        assert!(c("zoom.us").is_err());
        assert!(c("localhost").is_err());
    }

    #[test]
    fn names_and_ids() {
        assert_eq!(
            name_from_address("priya.natarajan@globex.example").as_deref(),
            Some("Priya Natarajan")
        );
        assert_eq!(name_from_address("recruiting@globex.example"), None);
        assert_eq!(name_from_address("j2@x.example"), None);
        assert_eq!(
            unreversed("Schmidt, Klaus").as_deref(),
            Some("Klaus Schmidt")
        );
        assert_eq!(unreversed("Admin Account, Tine 2.0"), None);
        assert_eq!(unreversed("Lee, Min-jun").as_deref(), Some("Min-jun Lee"));
        assert_eq!(unreversed("Mark Lee"), None);
        assert_eq!(
            id_for("Acme Corp", "Account Executive", &[]),
            "acme-account-executive"
        );
        assert_eq!(
            id_for(
                "Acme Corp",
                "Account Executive",
                &["acme-account-executive"]
            ),
            "acme-account-executive-2"
        );
        assert_eq!(
            id_for("Müller & Söhne GmbH", "Ingénieur", &[]),
            "muller-sohne-ingenieur"
        );
        assert_eq!(id_for("株式会社", "", &[]), "interview");
    }
}
