//! Calendar dates at the precision a source gives: a year, a month or a day.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// The months' names in English, January first: as dates are written in drafts and shown.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Orders by its first day, then by precision, so a
/// month sorts before the days in it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, bitcode::Encode, bitcode::Decode,
)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub fn ymd(year: u16, month: u8, day: u8) -> Date {
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Days since 1970-01-01 of the date's first day (Howard Hinnant's days_from_civil).
    pub fn first_day_number(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month.unwrap_or(1)),
            i64::from(self.day.unwrap_or(1)),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `n` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_day_number(n: i64) -> Date {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date::ymd(year, month, day)
    }

    /// Today in UTC, by the system clock (the command line tells time from the local
    /// date instead: `cli::ctx::local_today`).
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Date::from_day_number(secs.div_euclid(86_400))
    }

    /// Days since 1970-01-01 of the date's last day: the last of its month or year when
    /// the date is coarser than a day.
    pub fn last_day_number(&self) -> i64 {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.first_day_number(),
            (Some(m), None) => {
                Date::ymd(self.year, m, days_in_month(self.year, m)).first_day_number()
            }
            _ => Date::ymd(self.year, 12, 31).first_day_number(),
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || {
            // Two dates in one (`2025-08-29/30`) are usually sources disagreeing.
            let hint = if s.contains('/') || s.contains(" or ") {
                "; for a date sources disagree on, give one here and the other under the event's `other_dates`, each with its source"
            } else {
                ""
            };
            DateError(format!(
                "`{s}` is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no day{hint}"
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let year: u16 = parts[0].parse().map_err(|_| bad())?;
        let month: Option<u8> = parts
            .get(1)
            .map(|m| m.parse())
            .transpose()
            .map_err(|_| bad())?;
        let day: Option<u8> = parts
            .get(2)
            .map(|d| d.parse())
            .transpose()
            .map_err(|_| bad())?;
        if year == 0 {
            return Err(DateError(format!("`{s}` has year 0")));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError(format!(
                "`{s}` has month {m}; months run from 01 to 12"
            )));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(DateError(format!(
                    "`{s}` is not a day of the calendar: {year}-{m:02} has {last} days"
                )));
            }
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl de::Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(|e: DateError| E::custom(e))
            }
            // A bare year such as `2025` reaches us as a number.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "YYYY-MM-DD, or YYYY-MM or YYYY where the source gives no finer date",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            "2025".parse(),
            Ok(Date {
                year: 2025,
                month: None,
                day: None
            })
        );
        assert_eq!(
            "2025-08".parse(),
            Ok(Date {
                year: 2025,
                month: Some(8),
                day: None
            })
        );
        assert_eq!("2025-12-16".parse(), Ok(Date::ymd(2025, 12, 16)));
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2025-02-29",
            "2025-13",
            "2025-00",
            "2025-04-31",
            "25-01-01",
            "2025/01/01",
            "",
            "2025-1-01",
            "0000",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s} should be rejected");
        }
        assert!("2024-02-29".parse::<Date>().is_ok(), "2024 is a leap year");
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(Date::ymd(1970, 1, 1).first_day_number(), 0);
        assert_eq!(Date::ymd(2000, 3, 1).first_day_number(), 11_017);
        let month: Date = "2025-02".parse().unwrap();
        assert_eq!(month.last_day_number() - month.first_day_number(), 27);
        let year: Date = "2024".parse().unwrap();
        assert_eq!(year.last_day_number() - year.first_day_number(), 365);
    }

    #[test]
    fn day_numbers_round_trip() {
        for n in [-1, 0, 59, 11_016, 11_017, 20_414, 20_440, 60_000] {
            assert_eq!(Date::from_day_number(n).first_day_number(), n);
        }
        assert_eq!(Date::from_day_number(20_438), Date::ymd(2025, 12, 16));
    }

    #[test]
    fn orders_chronologically_and_round_trips() {
        let a: Date = "2025-06".parse().unwrap();
        let b: Date = "2025-06-09".parse().unwrap();
        let c: Date = "2025-07".parse().unwrap();
        assert!(a < b && b < c);
        assert_eq!(b.to_string(), "2025-06-09");
    }
}
