//! France: the eleven *jours fériés* of the Code du travail (art. L3133-1)
//! for metropolitan France. Alsace and Moselle add Good Friday and 26
//! December, and the overseas departments their own days; neither is here.
//!
//! No substitute days: a holiday on a weekend is lost.
//!
//! Whit Monday: from 2005 the law made it the *journée de solidarité*, a
//! working day; since 2008 each employer chooses the solidarity day, and
//! Whit Monday is a holiday again for most. It is left out for 2005–2007
//! only.

use super::rules::Year;

pub(super) fn public(y: &mut Year) {
    y.add(y.on(1, 1), "New Year's Day");
    y.add(y.easter(1), "Easter Monday");
    y.add(y.on(5, 1), "Labour Day");
    // Restored as a holiday by the law of 2 October 1981.
    if y.year() >= 1982 {
        y.add(y.on(5, 8), "Victory in Europe Day");
    }
    y.add(y.easter(39), "Ascension Day");
    if !(2005..=2007).contains(&y.year()) {
        y.add(y.easter(50), "Whit Monday");
    }
    y.add(y.on(7, 14), "Bastille Day");
    y.add(y.on(8, 15), "Assumption Day");
    y.add(y.on(11, 1), "All Saints' Day");
    y.add(y.on(11, 11), "Armistice Day");
    y.add(y.on(12, 25), "Christmas Day");
}

#[cfg(test)]
mod tests {
    use super::super::rules::names_on;
    use jiff::civil::{Date, date};

    #[test]
    fn known_dates() {
        case(date(2026, 1, 1), &["New Year's Day"]);
        case(date(2026, 4, 3), &[]);
        case(date(2026, 4, 6), &["Easter Monday"]);
        case(date(2026, 5, 8), &["Victory in Europe Day"]);
        case(date(2026, 5, 14), &["Ascension Day"]);
        case(date(2026, 5, 25), &["Whit Monday"]);
        case(date(2006, 6, 5), &[]);
        case(date(2026, 7, 14), &["Bastille Day"]);
        case(date(2026, 8, 15), &["Assumption Day"]);
        case(date(2026, 11, 11), &["Armistice Day"]);
        case(date(2026, 12, 25), &["Christmas Day"]);
        case(date(2026, 12, 26), &[]);
    }

    #[track_caller]
    fn case(day: Date, want: &[&str]) {
        assert_eq!(names_on(super::public, day), want, "{day}");
    }
}
