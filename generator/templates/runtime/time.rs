//! `date-time` and `date` strings as `time` values (`[formats]` of `codegen.toml`):
//! [`DateTime`] over `time::OffsetDateTime` and [`Date`] over `time::Date`, read and
//! written as RFC 3339 text by `formats.rs` (time's own `Display` and serde forms are no
//! RFC 3339, and this needs none of its `formatting`, `parsing` or `serde` features). Each
//! converts from and into its time type and derefs to it.

use ::std::fmt;

use ::time::{Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::formats::{self, DateParts, DateTimeParts, ParseError};

/// An RFC 3339 date-time (`2024-05-01T10:00:00Z`), with the offset it came with (written
/// back as it came; `Z` for UTC). time holds no leap second: `:60` is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(pub OffsetDateTime);

/// A date (`2024-05-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub ::time::Date);

impl DateTime {
    /// The time value.
    pub fn into_inner(self) -> OffsetDateTime {
        self.0
    }
}

impl Date {
    /// The time value.
    pub fn into_inner(self) -> ::time::Date {
        self.0
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(value: OffsetDateTime) -> Self {
        Self(value)
    }
}

impl From<DateTime> for OffsetDateTime {
    fn from(value: DateTime) -> Self {
        value.0
    }
}

impl From<::time::Date> for Date {
    fn from(value: ::time::Date) -> Self {
        Self(value)
    }
}

impl From<Date> for ::time::Date {
    fn from(value: Date) -> Self {
        value.0
    }
}

impl ::std::ops::Deref for DateTime {
    type Target = OffsetDateTime;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl ::std::ops::Deref for Date {
    type Target = ::time::Date;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

fn date_parts(date: ::time::Date) -> DateParts {
    DateParts { year: date.year(), month: u32::from(u8::from(date.month())), day: u32::from(date.day()) }
}

fn time_date(parts: DateParts) -> Option<::time::Date> {
    let month = Month::try_from(u8::try_from(parts.month).ok()?).ok()?;
    ::time::Date::from_calendar_date(parts.year, month, u8::try_from(parts.day).ok()?).ok()
}

impl fmt::Display for DateTime {
    /// RFC 3339 with the value's offset: `2024-05-01T10:00:00Z`, `2024-05-01T12:00:00+02:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        let parts = DateTimeParts {
            date: date_parts(value.date()),
            hour: u32::from(value.hour()),
            minute: u32::from(value.minute()),
            second: u32::from(value.second()),
            nanosecond: value.nanosecond(),
            offset_seconds: value.offset().whole_seconds(),
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
    /// second, is an error.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let parts = formats::parse_date_time(text)?;
        let invalid = || ParseError::new(formats::DATE_TIME, text);
        let date = time_date(parts.date).ok_or_else(invalid)?;
        let hms = |n: u32| u8::try_from(n).ok();
        let (hour, minute, second) = (hms(parts.hour), hms(parts.minute), hms(parts.second));
        let (Some(hour), Some(minute), Some(second)) = (hour, minute, second) else { return Err(invalid()) };
        let time = Time::from_hms_nano(hour, minute, second, parts.nanosecond).map_err(|_| invalid())?;
        let offset = UtcOffset::from_whole_seconds(parts.offset_seconds).map_err(|_| invalid())?;
        Ok(Self(PrimitiveDateTime::new(date, time).assume_offset(offset)))
    }
}

impl ::std::str::FromStr for Date {
    type Err = ParseError;
    /// Reads `YYYY-MM-DD`; a date that does not exist is an error.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let parts = formats::parse_date(text)?;
        time_date(parts).map(Self).ok_or_else(|| ParseError::new(formats::DATE, text))
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
