//! `date-time` and `date` strings as `chrono` values (`[formats]` of `codegen.toml`):
//! [`DateTime`] over `chrono::DateTime<Utc>` and [`Date`] over `chrono::NaiveDate`, read and
//! written as RFC 3339 text by `formats.rs` (chrono's own `Display` writes
//! `2024-05-01 10:00:00 UTC`, which is no RFC 3339, and its parsing takes a space for the
//! `T`). Each converts from and into its chrono type (`Utc::now().into()`) and derefs to it.

use ::std::fmt;

use ::chrono::{Datelike, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};

use super::formats::{self, DateParts, DateTimeParts, ParseError};

/// An RFC 3339 date-time (`2024-05-01T10:00:00Z`), held in UTC: an offset that comes is
/// applied (the instant is kept, not the offset), and the value is written with `Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DateTime(pub ::chrono::DateTime<Utc>);

/// A date (`2024-05-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Date(pub NaiveDate);

impl DateTime {
    /// The chrono value.
    pub fn into_inner(self) -> ::chrono::DateTime<Utc> {
        self.0
    }
}

impl Date {
    /// The chrono value.
    pub fn into_inner(self) -> NaiveDate {
        self.0
    }
}

impl<Tz: TimeZone> From<::chrono::DateTime<Tz>> for DateTime {
    fn from(value: ::chrono::DateTime<Tz>) -> Self {
        Self(value.with_timezone(&Utc))
    }
}

impl From<DateTime> for ::chrono::DateTime<Utc> {
    fn from(value: DateTime) -> Self {
        value.0
    }
}

impl From<NaiveDate> for Date {
    fn from(value: NaiveDate) -> Self {
        Self(value)
    }
}

impl From<Date> for NaiveDate {
    fn from(value: Date) -> Self {
        value.0
    }
}

impl ::std::ops::Deref for DateTime {
    type Target = ::chrono::DateTime<Utc>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl ::std::ops::Deref for Date {
    type Target = NaiveDate;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

fn date_parts(date: NaiveDate) -> DateParts {
    DateParts { year: date.year(), month: date.month(), day: date.day() }
}

fn naive_date(parts: DateParts) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(parts.year, parts.month, parts.day)
}

impl fmt::Display for DateTime {
    /// RFC 3339, with `Z`: `2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.250Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let utc = self.0.naive_utc();
        // chrono keeps a leap second as a nanosecond count past a billion.
        let (second, nanosecond) = match utc.nanosecond() {
            n if n >= 1_000_000_000 => (60, n - 1_000_000_000),
            n => (utc.second(), n),
        };
        let parts = DateTimeParts {
            date: date_parts(utc.date()),
            hour: utc.hour(),
            minute: utc.minute(),
            second,
            nanosecond,
            offset_seconds: 0,
        };
        formats::write_date_time(f, parts)
    }
}

impl fmt::Display for Date {
    /// `2024-05-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        formats::write_date(f, date_parts(self.0))
    }
}

impl ::std::str::FromStr for DateTime {
    type Err = ParseError;
    /// Reads RFC 3339 strictly (see `formats.rs`); a date that does not exist, or a leap
    /// second where none can be, is an error.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let parts = formats::parse_date_time(text)?;
        let invalid = || ParseError::new(formats::DATE_TIME, text);
        let (second, nanosecond) = match parts.second {
            60 => (59, parts.nanosecond + 1_000_000_000),
            second => (second, parts.nanosecond),
        };
        let local = naive_date(parts.date)
            .and_then(|date| date.and_hms_nano_opt(parts.hour, parts.minute, second, nanosecond))
            .ok_or_else(invalid)?;
        let offset = FixedOffset::east_opt(parts.offset_seconds).ok_or_else(invalid)?;
        let value = offset.from_local_datetime(&local).single().ok_or_else(invalid)?;
        Ok(Self(value.with_timezone(&Utc)))
    }
}

impl ::std::str::FromStr for Date {
    type Err = ParseError;
    /// Reads `YYYY-MM-DD`; a date that does not exist is an error.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let parts = formats::parse_date(text)?;
        naive_date(parts).map(Self).ok_or_else(|| ParseError::new(formats::DATE, text))
    }
}

impl ::serde::Serialize for DateTime {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl ::serde::Serialize for Date {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for DateTime {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        formats::deserialize_str(deserializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for Date {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        formats::deserialize_str(deserializer)
    }
}
