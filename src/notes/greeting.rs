//! The salutation that opens a written message (SPEC §9): "Hi Mark,",
//! "Dear Mark Lee,", "Sehr geehrte Frau Dr. Ruiz,", "Hola, Ana:".
//!
//! The file never says whether someone is a man or a woman, so a gendered
//! formula ("Sehr geehrter Herr …", "Estimada …", "Madame,", "Geachte
//! mevrouw …") only ever comes from words the user typed in `greeting`.
//! Without one, each language uses its guides' form for a known name and an
//! unknown gender (docs/notes.md "Guides"):
//!
//! | | warm | formal | no interviewer |
//! |---|---|---|---|
//! | en | Hi Mark, | Dear Mark Lee, | Hello / Dear Acme Corp team, |
//! | de | Hallo Mark Lee, | Guten Tag Mark Lee, | Liebes Team von Acme Corp, / Sehr geehrte Damen und Herren, |
//! | fr | Bonjour Mark Lee, | Bonjour Mark Lee, | Bonjour à toute l'équipe, / Madame, Monsieur, |
//! | es | Hola, Mark: | Buenos días, Mark Lee: | Hola, / Estimado equipo de Acme Corp: |
//! | nl | Beste Mark, | Beste Mark Lee, | Beste team van Acme Corp, / Geachte heer, mevrouw, |
//!
//! Names are read, not guessed at: "Lee, Mark" is Mark Lee; a name that
//! starts with an honorific ("Dr. Ana Ruiz") gives no first name ("Hi Dr.
//! Ruiz,", never "Hi Dr. Ana Ruiz,"); for an employer in an East-Asian zone
//! (where the family name usually comes first and a given name would be too
//! familiar anyway) no first name is taken at all, and the warm tone uses
//! the formal line ("Dear Tanaka Kōji,", never "Hi Tanaka,") unless
//! `greeting` says how to address them ("Hi Tanaka-san,").
//!
//! Pure: no I/O.

use std::borrow::Cow;

use crate::model::kinds::Language;

/// Words that open a name as a title, not as a first name.
const HONORIFICS: &[&str] = &[
    "Dr",
    "Dr.",
    "Dra.",
    "Prof",
    "Prof.",
    "Professor",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Mx",
    "Mx.",
    "Sr.",
    "Sra.",
    "Srta.",
    "Herr",
    "Frau",
    "Madame",
    "Monsieur",
    "Mme",
    "Mme.",
    "M.",
    "dr.",
    "drs.",
    "ir.",
    "mr.",
    "prof.",
    "Dott.",
    "Ing.",
];

/// What may follow a name after a comma without being a given name:
/// "Mark Lee, Jr.", "Ana Ruiz, PhD".
const SUFFIXES: &[&str] = &[
    "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "PhD", "Ph.D.", "MD", "M.D.", "MBA", "Esq.",
    "CPA", "MSc", "BSc",
];

/// Academic titles the Dutch salutation leaves out ("Beste Ana Ruiz,").
const NL_DROPPED: &[&str] = &[
    "Dr", "Dr.", "dr.", "drs.", "Drs.", "ir.", "Ir.", "mr.", "Mr.", "Prof", "Prof.", "prof.",
    "ing.",
];

/// Whether `word` is a title that a Spanish salutation by name goes with
/// (`Sr.`, `Dra.`, `Don` …): after it, `usted`, not `tú`.
pub(super) fn is_title(word: &str) -> bool {
    HONORIFICS.contains(&word)
        || matches!(
            word,
            "Sr" | "Sra"
                | "Señor"
                | "señor"
                | "Señora"
                | "señora"
                | "Don"
                | "don"
                | "Doña"
                | "doña"
        )
}

/// Zones where the family name usually comes first (Japan, Korea, China,
/// Taiwan, Hong Kong, Macau, Vietnam): no first name is taken from a name.
const FAMILY_NAME_FIRST: &[&str] = &[
    "Asia/Tokyo",
    "Japan",
    "Asia/Seoul",
    "ROK",
    "Asia/Pyongyang",
    "Asia/Shanghai",
    "Asia/Chongqing",
    "Asia/Chungking",
    "Asia/Harbin",
    "PRC",
    "Asia/Hong_Kong",
    "Hongkong",
    "Asia/Macau",
    "Asia/Macao",
    "Asia/Taipei",
    "ROC",
    "Asia/Ho_Chi_Minh",
    "Asia/Saigon",
];

/// Whether the employer's zone is one where no first name is guessed.
pub(super) fn family_name_first(zone: Option<&str>) -> bool {
    zone.is_some_and(|z| FAMILY_NAME_FIRST.contains(&z))
}

/// A name as a salutation can use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Name<'a> {
    /// In natural order: "Mark Lee" (also for "Lee, Mark").
    pub full: Cow<'a, str>,
    /// The first name, when it can be told: "Mark".
    pub given: Option<String>,
    /// An honorific and the family name: "Dr. Ruiz" for "Dr. Ana Ruiz".
    pub titled: Option<String>,
}

impl<'a> Name<'a> {
    /// Reads `name` (already tidied: trimmed, single spaces). With
    /// `family_first`, no first name is taken, unless the name says which
    /// it is ("Tanaka, Kōji").
    ///
    /// # Example: a comma
    ///
    /// "Lee, Mark" is family name, given name: Mark Lee. "Mark Lee, Jr."
    /// and "Ana Ruiz, PhD" end in a suffix, and keep their order.
    pub(super) fn read(name: &'a str, family_first: bool) -> Name<'a> {
        let name = name.trim();
        let mut family_first = family_first;
        // `base`: the name in natural order without a suffix.
        let (full, base): (Cow<'a, str>, Cow<'a, str>) = match name.split_once(',') {
            Some((family, given))
                if !family.trim().is_empty()
                    && !given.trim().is_empty()
                    && !given
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| SUFFIXES.contains(&w)) =>
            {
                family_first = false;
                let natural = format!("{} {}", given.trim(), family.trim());
                (Cow::Owned(natural.clone()), Cow::Owned(natural))
            }
            Some((before, _)) if !before.trim().is_empty() => {
                (Cow::Borrowed(name), Cow::Borrowed(before.trim()))
            }
            _ => (Cow::Borrowed(name), Cow::Borrowed(name)),
        };
        let words: Vec<&str> = base.split_whitespace().collect();
        let first = words.first().copied();
        if let Some(h) = first.filter(|w| HONORIFICS.contains(w)) {
            let titled = match words.len() {
                2 | 3 => words.last().map(|last| format!("{h} {last}")),
                _ => None,
            };
            return Name {
                full,
                given: None,
                titled,
            };
        }
        let given = if family_first {
            None
        } else {
            first.map(|g| g.to_owned())
        };
        Name {
            full,
            given,
            titled: None,
        }
    }

    /// How a formal line names them: the honorific form, else the full name.
    fn formal(&self) -> &str {
        self.titled.as_deref().unwrap_or(&self.full)
    }
}

/// Who a message greets.
pub(super) enum To<'a> {
    /// One person: their name read by [`Name::read`], and the `greeting`
    /// the user typed, if any.
    Person {
        name: &'a Name<'a>,
        typed: Option<&'a str>,
    },
    /// Nobody is listed: the team at `company`.
    Team { company: &'a str },
}

/// Appends the salutation line (with its closing punctuation: `,` or, in
/// Spanish, `:`) to `out`.
pub(super) fn write(out: &mut String, lang: Language, formal: bool, to: &To<'_>) {
    match *to {
        To::Team { company } => team(out, lang, formal, company),
        To::Person { name, typed } => person(out, lang, formal, name, typed),
    }
}

fn team(out: &mut String, lang: Language, formal: bool, company: &str) {
    match (lang, formal) {
        (Language::En, false) => push_all(out, &["Hello ", company, " team,"]),
        (Language::En, true) => push_all(out, &["Dear ", company, " team,"]),
        (Language::De, false) => push_all(out, &["Liebes Team von ", company, ","]),
        (Language::De, true) => out.push_str("Sehr geehrte Damen und Herren,"),
        (Language::Fr, false) => out.push_str("Bonjour à toute l'équipe,"),
        (Language::Fr, true) => out.push_str("Madame, Monsieur,"),
        (Language::Es, false) => push_all(out, &["Hola, equipo de ", company, ":"]),
        (Language::Es, true) => push_all(out, &["Estimado equipo de ", company, ":"]),
        (Language::Nl, false) => push_all(out, &["Beste team van ", company, ","]),
        (Language::Nl, true) => out.push_str("Geachte heer, mevrouw,"),
    }
}

fn person(out: &mut String, lang: Language, formal: bool, name: &Name<'_>, typed: Option<&str>) {
    // The typed greeting is used as written; otherwise the name read.
    let x: &str = typed.unwrap_or_else(|| name.formal());
    match lang {
        Language::En => match (formal, typed, name.given.as_deref()) {
            (false, Some(g), _) => push_all(out, &["Hi ", g, ","]),
            (false, None, Some(given)) => push_all(out, &["Hi ", given, ","]),
            (false, None, None) if name.titled.is_some() => push_all(out, &["Hi ", x, ","]),
            _ => push_all(out, &["Dear ", x, ","]),
        },
        Language::De => {
            let gendered = typed.and_then(|g| {
                if g.starts_with("Frau ") {
                    Some("Sehr geehrte ")
                } else if g.starts_with("Herr ") {
                    Some("Sehr geehrter ")
                } else {
                    None
                }
            });
            match (formal, gendered) {
                (true, Some(lead)) => push_all(out, &[lead, x, ","]),
                (true, None) => push_all(out, &["Guten Tag ", x, ","]),
                (false, _) => push_all(out, &["Hallo ", x, ","]),
            }
        }
        Language::Fr => {
            // "Madame Dubois" gives the formal appel "Madame," (the surname
            // is dropped); "Madame la Directrice" is kept whole.
            let appel = typed.and_then(|g| {
                let mut words = g.split_whitespace();
                let title = words.next()?;
                let rest: Vec<&str> = words.collect();
                let is_title = matches!(title, "Madame" | "Monsieur");
                match rest.first() {
                    _ if !is_title => None,
                    Some(&("le" | "la" | "l'")) => Some(g),
                    _ => Some(title),
                }
            });
            match (formal, appel) {
                (true, Some(a)) => push_all(out, &[a, ","]),
                _ => push_all(out, &["Bonjour ", x, ","]),
            }
        }
        Language::Es => {
            let gendered = typed.and_then(|g| {
                let first = g.split_whitespace().next().unwrap_or("");
                if matches!(
                    first,
                    "Sr." | "Sr" | "Señor" | "señor" | "Dr." | "Don" | "don"
                ) {
                    Some("Estimado ")
                } else if matches!(
                    first,
                    "Sra." | "Sra" | "Señora" | "señora" | "Srta." | "Dra." | "Doña" | "doña"
                ) {
                    Some("Estimada ")
                } else {
                    None
                }
            });
            match (formal, typed, name.given.as_deref(), gendered) {
                (true, _, _, Some(lead)) => push_all(out, &[lead, x, ":"]),
                (false, Some(g), _, _) => push_all(out, &["Hola, ", g, ":"]),
                (false, None, Some(given), _) => push_all(out, &["Hola, ", given, ":"]),
                _ => push_all(out, &["Buenos días, ", x, ":"]),
            }
        }
        Language::Nl => {
            let geachte = typed.and_then(|g| {
                let g = g.strip_prefix("de ").unwrap_or(g);
                let first = g.split_whitespace().next().unwrap_or("");
                matches!(
                    first,
                    "mevrouw" | "Mevrouw" | "heer" | "Heer" | "meneer" | "Meneer"
                )
                .then_some(g)
            });
            match (formal, typed, name.given.as_deref(), geachte) {
                (true, _, _, Some(g)) => push_all(out, &["Geachte ", g, ","]),
                (false, Some(g), _, _) => push_all(out, &["Beste ", g, ","]),
                (false, None, Some(given), _) => push_all(out, &["Beste ", given, ","]),
                (_, Some(g), _, _) => push_all(out, &["Beste ", g, ","]),
                _ => {
                    // Academic titles stay out of the Dutch aanhef.
                    out.push_str("Beste ");
                    let mut first = true;
                    for w in name
                        .full
                        .split_whitespace()
                        .filter(|w| !NL_DROPPED.contains(w))
                    {
                        if !first {
                            out.push(' ');
                        }
                        out.push_str(w);
                        first = false;
                    }
                    out.push(',');
                }
            }
        }
    }
}

fn push_all(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(lang: Language, formal: bool, name: &str, typed: Option<&str>, zone: &str, want: &str) {
        let n = Name::read(name, family_name_first(Some(zone)));
        let mut out = String::new();
        write(&mut out, lang, formal, &To::Person { name: &n, typed });
        assert_eq!(out, want, "{lang} formal={formal} {name:?} {typed:?}");
    }

    const NY: &str = "America/New_York";
    const TOKYO: &str = "Asia/Tokyo";

    #[test]
    fn english() {
        use Language::En;
        case(En, false, "Mark Lee", None, NY, "Hi Mark,");
        case(En, true, "Mark Lee", None, NY, "Dear Mark Lee,");
        // Never "Hi Lee, Mark,".
        case(En, false, "Lee, Mark", None, NY, "Hi Mark,");
        case(En, true, "Lee, Mark", None, NY, "Dear Mark Lee,");
        // Never "Hi Dr. Ana Ruiz,".
        case(En, false, "Dr. Ana Ruiz", None, NY, "Hi Dr. Ruiz,");
        case(En, true, "Dr. Ana Ruiz", None, NY, "Dear Dr. Ruiz,");
        case(
            En,
            false,
            "Dr. Ana María Ruiz Soto",
            None,
            NY,
            "Dear Dr. Ana María Ruiz Soto,",
        );
        // Never "Hi Tanaka," (a family name) nor "Hi Kōji,".
        case(En, false, "Tanaka Kōji", None, TOKYO, "Dear Tanaka Kōji,");
        case(
            En,
            false,
            "Tanaka Kōji",
            Some("Tanaka-san"),
            TOKYO,
            "Hi Tanaka-san,",
        );
        case(
            En,
            true,
            "Tanaka Kōji",
            Some("Tanaka-san"),
            TOKYO,
            "Dear Tanaka-san,",
        );
        case(En, false, "Cher", None, NY, "Hi Cher,");
        case(En, false, "李明", None, "Asia/Shanghai", "Dear 李明,");
    }

    #[test]
    fn german() {
        use Language::De;
        case(De, false, "Mark Lee", None, NY, "Hallo Mark Lee,");
        case(De, true, "Mark Lee", None, NY, "Guten Tag Mark Lee,");
        case(
            De,
            true,
            "Ana Ruiz",
            Some("Frau Dr. Ruiz"),
            NY,
            "Sehr geehrte Frau Dr. Ruiz,",
        );
        case(
            De,
            true,
            "Jonas Weber",
            Some("Herr Weber"),
            NY,
            "Sehr geehrter Herr Weber,",
        );
        case(
            De,
            false,
            "Ana Ruiz",
            Some("Frau Dr. Ruiz"),
            NY,
            "Hallo Frau Dr. Ruiz,",
        );
        case(De, true, "Dr. Ana Ruiz", None, NY, "Guten Tag Dr. Ruiz,");
    }

    #[test]
    fn french() {
        use Language::Fr;
        case(
            Fr,
            false,
            "Camille Martin",
            None,
            NY,
            "Bonjour Camille Martin,",
        );
        case(
            Fr,
            true,
            "Camille Martin",
            None,
            NY,
            "Bonjour Camille Martin,",
        );
        case(
            Fr,
            true,
            "Claire Dubois",
            Some("Madame Dubois"),
            NY,
            "Madame,",
        );
        case(
            Fr,
            false,
            "Claire Dubois",
            Some("Madame Dubois"),
            NY,
            "Bonjour Madame Dubois,",
        );
        case(
            Fr,
            true,
            "Claire Dubois",
            Some("Madame la Directrice"),
            NY,
            "Madame la Directrice,",
        );
        case(Fr, true, "Paul Roy", Some("Monsieur Roy"), NY, "Monsieur,");
    }

    #[test]
    fn spanish() {
        use Language::Es;
        case(Es, false, "Ana Ruiz", None, NY, "Hola, Ana:");
        case(Es, true, "Ana Ruiz", None, NY, "Buenos días, Ana Ruiz:");
        case(
            Es,
            true,
            "Ana Ruiz",
            Some("Dra. Ruiz"),
            NY,
            "Estimada Dra. Ruiz:",
        );
        case(
            Es,
            true,
            "Luis Gómez",
            Some("Sr. Gómez"),
            NY,
            "Estimado Sr. Gómez:",
        );
        case(
            Es,
            false,
            "Dr. Ana Ruiz",
            None,
            NY,
            "Buenos días, Dr. Ruiz:",
        );
        case(
            Es,
            false,
            "Tanaka Kōji",
            Some("Tanaka-san"),
            TOKYO,
            "Hola, Tanaka-san:",
        );
        case(
            Es,
            true,
            "Tanaka Kōji",
            Some("Tanaka-san"),
            TOKYO,
            "Buenos días, Tanaka-san:",
        );
    }

    #[test]
    fn dutch() {
        use Language::Nl;
        case(Nl, false, "Kim Verbeek", None, NY, "Beste Kim,");
        case(Nl, true, "Kim Verbeek", None, NY, "Beste Kim Verbeek,");
        case(
            Nl,
            true,
            "Els de Vries",
            Some("mevrouw De Vries"),
            NY,
            "Geachte mevrouw De Vries,",
        );
        case(
            Nl,
            true,
            "Jan Smit",
            Some("de heer Smit"),
            NY,
            "Geachte heer Smit,",
        );
        case(Nl, true, "dr. Ana Ruiz", None, NY, "Beste Ana Ruiz,");
        case(Nl, false, "Tanaka Kōji", None, TOKYO, "Beste Tanaka Kōji,");
    }

    #[test]
    fn teams() {
        let cases = [
            (Language::En, false, "Hello Acme Inc. team,"),
            (Language::En, true, "Dear Acme Inc. team,"),
            (Language::De, false, "Liebes Team von Acme Inc.,"),
            (Language::De, true, "Sehr geehrte Damen und Herren,"),
            (Language::Fr, false, "Bonjour à toute l'équipe,"),
            (Language::Fr, true, "Madame, Monsieur,"),
            (Language::Es, false, "Hola, equipo de Acme Inc.:"),
            (Language::Es, true, "Estimado equipo de Acme Inc.:"),
            (Language::Nl, false, "Beste team van Acme Inc.,"),
            (Language::Nl, true, "Geachte heer, mevrouw,"),
        ];
        for (lang, formal, want) in cases {
            let mut out = String::new();
            write(
                &mut out,
                lang,
                formal,
                &To::Team {
                    company: "Acme Inc.",
                },
            );
            assert_eq!(out, want);
        }
    }

    #[test]
    fn names() {
        let n = Name::read("Lee, Mark", false);
        assert_eq!(
            (n.full.as_ref(), n.given.as_deref()),
            ("Mark Lee", Some("Mark"))
        );
        let n = Name::read("Dr. Ana Ruiz", false);
        assert_eq!(
            (n.given.as_deref(), n.titled.as_deref()),
            (None, Some("Dr. Ruiz"))
        );
        let n = Name::read("Tanaka Kōji", true);
        assert_eq!(n.given, None);
        let n = Name::read(",", false);
        assert_eq!(n.full.as_ref(), ",");
        let n = Name::read("Mark Lee, Jr.", false);
        assert_eq!(
            (n.full.as_ref(), n.given.as_deref()),
            ("Mark Lee, Jr.", Some("Mark"))
        );
        let n = Name::read("Tanaka, Kōji", true);
        assert_eq!(
            (n.full.as_ref(), n.given.as_deref()),
            ("Kōji Tanaka", Some("Kōji"))
        );
        let n = Name::read("Dr. Ana Ruiz, PhD", false);
        assert_eq!(n.titled.as_deref(), Some("Dr. Ruiz"));
    }
}
