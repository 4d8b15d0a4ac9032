//! The Solar Hijri (Jalali) calendar: Gregorian dates converted with the 33-year arithmetic rule,
//! which matches the official calendar for 1178–1633 AP, far beyond any case this program stores.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// A day of the Solar Hijri calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct JalaliDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Iran Standard Time (UTC+03:30); Iran has kept no daylight saving time since 2022.
fn iran_time() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600 + 1800).unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

impl JalaliDate {
    /// The calendar day in Iran at the instant `at`: a case opened at 23:00 UTC belongs to the next day there.
    pub fn at_iran(at: DateTime<Utc>) -> Self {
        Self::from_gregorian(at.with_timezone(&iran_time()).date_naive())
    }

    pub fn from_gregorian(date: NaiveDate) -> Self {
        const DAYS_BEFORE_MONTH: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        let (gy, gm, gd) = (date.year(), date.month0(), date.day());
        let gy2 = if gm > 1 { gy + 1 } else { gy };
        let month_offset = DAYS_BEFORE_MONTH.get(gm as usize).copied().unwrap_or_default();
        let mut days =
            355_666 + 365 * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100 + (gy2 + 399) / 400 + gd.cast_signed() + month_offset;
        let mut year = -1595 + 33 * (days / 12_053);
        days %= 12_053;
        year += 4 * (days / 1461);
        days %= 1461;
        if days > 365 {
            year += (days - 1) / 365;
            days = (days - 1) % 365;
        }
        let (month, day) =
            if days < 186 { (1 + days / 31, 1 + days % 31) } else { (7 + (days - 186) / 30, 1 + (days - 186) % 30) };
        Self { year, month: month.cast_unsigned(), day: day.cast_unsigned() }
    }
}

/// Days from the last Saturday, the first day of the Iranian week, to the day in Iran at `at`
/// (0 on a Saturday, 6 on a Friday).
pub fn days_into_week_at_iran(at: DateTime<Utc>) -> u32 {
    at.with_timezone(&iran_time()).weekday().days_since(chrono::Weekday::Sat)
}

/// `17:57`: the time of day in Iran, in Latin digits.
pub fn time_at_iran(at: DateTime<Utc>) -> String {
    at.with_timezone(&iran_time()).format("%H:%M").to_string()
}

impl JalaliDate {
    /// The Gregorian day, or `None` when the date does not exist (month 13, 31 Mehr, 30 Esfand of a
    /// common year). Found from Nowruz, which falls on 19–22 March, with `from_gregorian` as the rule.
    pub fn to_gregorian(self) -> Option<NaiveDate> {
        if !(1..=12).contains(&self.month) || !(1..=31).contains(&self.day) {
            return None;
        }
        let nowruz = (19..=22)
            .filter_map(|day| NaiveDate::from_ymd_opt(self.year + 621, 3, day))
            .find(|date| Self::from_gregorian(*date) == Self { year: self.year, month: 1, day: 1 })?;
        let month_start = if self.month <= 6 { (self.month - 1) * 31 } else { 186 + (self.month - 7) * 30 };
        let date = nowruz + chrono::Duration::days(i64::from(month_start + self.day - 1));
        (Self::from_gregorian(date) == self).then_some(date)
    }

    /// The instant the day begins in Iran.
    pub fn start_in_iran(self) -> Option<DateTime<Utc>> {
        let midnight = self.to_gregorian()?.and_hms_opt(0, 0, 0)?;
        Some(midnight.and_local_timezone(iran_time()).single()?.with_timezone(&Utc))
    }

    /// `1405/01/15` (or `-` between the parts) in Persian, Arabic-Indic or Latin digits.
    pub fn parse(text: &str) -> Option<Self> {
        let ascii: String = text.trim().chars().map(|c| crate::domain::text::ascii_digit(c).unwrap_or(c)).collect();
        let mut parts = ascii.split(['/', '-']).map(|part| part.parse::<u32>().ok());
        let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() {
            return None;
        }
        let date = Self { year: i32::try_from(year).ok()?, month, day };
        date.to_gregorian().map(|_| date)
    }
}

/// `1405/09/02`, in ASCII digits: the caller puts them in the reader's script.
impl std::fmt::Display for JalaliDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn jalali(y: i32, m: u32, d: u32) -> JalaliDate {
        JalaliDate::from_gregorian(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("date")))
    }

    #[test]
    fn known_dates() {
        assert_eq!(jalali(2026, 3, 21), JalaliDate { year: 1405, month: 1, day: 1 });
        assert_eq!(jalali(2026, 3, 20), JalaliDate { year: 1404, month: 12, day: 29 });
        assert_eq!(jalali(2025, 3, 21), JalaliDate { year: 1404, month: 1, day: 1 });
        assert_eq!(jalali(2024, 3, 20), JalaliDate { year: 1403, month: 1, day: 1 });
        assert_eq!(jalali(2025, 3, 20), JalaliDate { year: 1403, month: 12, day: 30 }, "1403 is a leap year");
        assert_eq!(jalali(1979, 2, 11), JalaliDate { year: 1357, month: 11, day: 22 });
        assert_eq!(jalali(2026, 11, 23), JalaliDate { year: 1405, month: 9, day: 2 });
    }

    #[test]
    fn solar_hijri_dates_convert_back_to_gregorian() {
        let back = |y, m, d| JalaliDate { year: y, month: m, day: d }.to_gregorian();
        assert_eq!(back(1405, 1, 1), NaiveDate::from_ymd_opt(2026, 3, 21));
        assert_eq!(back(1403, 12, 30), NaiveDate::from_ymd_opt(2025, 3, 20), "1403 is a leap year");
        assert_eq!(back(1404, 12, 30), None, "1404 is not");
        assert_eq!(back(1405, 7, 31), None, "Mehr has 30 days");
        assert_eq!(back(1405, 13, 1), None);
        assert_eq!(back(1357, 11, 22), NaiveDate::from_ymd_opt(1979, 2, 11));
        // Every day of several years goes there and back.
        let mut day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        while day.year() < 2031 {
            assert_eq!(JalaliDate::from_gregorian(day).to_gregorian(), Some(day));
            day = day.succ_opt().unwrap_or_default();
        }
    }

    #[test]
    fn dates_parse_in_any_digits_and_days_start_in_iran() {
        let farvardin = JalaliDate { year: 1405, month: 1, day: 15 };
        assert_eq!(JalaliDate::parse("1405/01/15"), Some(farvardin));
        assert_eq!(JalaliDate::parse("۱۴۰۵/۱/۱۵"), Some(farvardin));
        assert_eq!(JalaliDate::parse("١٤٠٥-٠١-١٥"), Some(farvardin));
        for bad in ["1405/01", "1404/12/30", "1405/01/15/1", "x", ""] {
            assert_eq!(JalaliDate::parse(bad), None, "{bad}");
        }
        let start = JalaliDate { year: 1405, month: 1, day: 1 }.start_in_iran();
        assert_eq!(start, Utc.with_ymd_and_hms(2026, 3, 20, 20, 30, 0).single());
    }

    #[test]
    fn the_day_is_the_day_in_iran() {
        let late = Utc.with_ymd_and_hms(2026, 3, 20, 21, 0, 0).single().unwrap_or_else(|| panic!("time"));
        assert_eq!(JalaliDate::at_iran(late), JalaliDate { year: 1405, month: 1, day: 1 });
        assert_eq!(JalaliDate::at_iran(late).to_string(), "1405/01/01");
        assert_eq!(time_at_iran(late), "00:30");
    }
}
