//! The typed string formats: the exact text written (`Display`, JSON) and what is read
//! (strictly), over chrono, time and uuid alike.

use codegen_runtime::{chrono, time, uuid, ParseError};
use serde_json::json;

fn chrono_utc(text: &str) -> ::chrono::DateTime<::chrono::Utc> {
    ::chrono::DateTime::parse_from_rfc3339(text).expect("chrono reads it").with_timezone(&::chrono::Utc)
}

#[test]
fn chrono_date_times_are_written_as_rfc_3339_in_utc() {
    let cases = [
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"),
        ("2024-05-01t10:00:00z", "2024-05-01T10:00:00Z"),
        ("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00Z"),
        ("2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.500Z"),
        ("2024-05-01T10:00:00.123456Z", "2024-05-01T10:00:00.123456Z"),
        ("2024-05-01T10:00:00.1234567891Z", "2024-05-01T10:00:00.123456789Z"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:60Z"),
        ("0001-01-01T00:00:00-00:30", "0001-01-01T00:30:00Z"),
    ];
    for (text, written) in cases {
        let value: chrono::DateTime = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(value.to_string(), written, "{text}");
        assert_eq!(serde_json::to_value(value).unwrap(), json!(written));
        assert_eq!(serde_json::from_value::<chrono::DateTime>(json!(text)).unwrap(), value);
    }
    let value: chrono::DateTime = chrono_utc("2024-05-01T10:00:00Z").into();
    assert_eq!(*value, chrono_utc("2024-05-01T10:00:00Z"), "derefs to the chrono value");
    // chrono's own `Display` is no RFC 3339: the wrapper's is.
    assert_eq!(value.0.to_string(), "2024-05-01 10:00:00 UTC");
}

#[test]
fn time_date_times_keep_their_offset() {
    for (text, written) in [
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"),
        ("2024-05-01T12:00:00.25+02:00", "2024-05-01T12:00:00.250+02:00"),
        ("2024-05-01T05:30:00-04:30", "2024-05-01T05:30:00-04:30"),
        ("2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00Z"),
    ] {
        let value: time::DateTime = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(value.to_string(), written, "{text}");
        assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{written}\""));
    }
    let value: time::DateTime = "2024-05-01T12:00:00+02:00".parse().unwrap();
    assert_eq!(value.unix_timestamp(), 1_714_557_600, "derefs to the OffsetDateTime");
    assert!("2016-12-31T23:59:60Z".parse::<time::DateTime>().is_err(), "time holds no leap second");
}

#[test]
fn dates_are_full_dates() {
    for text in ["2024-02-29", "0001-01-01", "9999-12-31"] {
        let chrono: chrono::Date = text.parse().unwrap();
        let time: time::Date = text.parse().unwrap();
        assert_eq!((chrono.to_string(), time.to_string()), (text.to_owned(), text.to_owned()));
        assert_eq!(serde_json::to_value(chrono).unwrap(), json!(text));
        assert_eq!(serde_json::from_value::<time::Date>(json!(text)).unwrap(), time);
    }
    assert_eq!(*"2024-02-29".parse::<chrono::Date>().unwrap(), ::chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    for wrong in ["2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01T00:00:00Z", "20240101", " 2024-01-01", ""] {
        assert!(wrong.parse::<chrono::Date>().is_err() && wrong.parse::<time::Date>().is_err(), "{wrong:?}");
    }
}

#[test]
fn date_times_are_read_strictly() {
    let wrong = [
        "2024-05-01 10:00:00Z",
        "2024-05-01T10:00:00",
        "2024-05-01T10:00Z",
        "2024-05-01T10:00:00+0200",
        "2024-05-01T10:00:00.Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T10:60:00Z",
        "2024-02-30T10:00:00Z",
        "2024-05-01T10:00:00 UTC",
        "2024-05-01T10:00:00Z ",
        "+2024-05-01T10:00:00Z",
        "2024-05-01",
    ];
    for text in wrong {
        assert!(text.parse::<chrono::DateTime>().is_err(), "chrono: {text:?}");
        assert!(text.parse::<time::DateTime>().is_err(), "time: {text:?}");
    }
    let error = serde_json::from_value::<chrono::DateTime>(json!("2024-05-01 10:00:00")).unwrap_err();
    assert_eq!(error.to_string(), "`2024-05-01 10:00:00` is not an RFC 3339 date-time (`2024-05-01T10:00:00Z`)");
    let error = serde_json::from_value::<time::DateTime>(json!(12)).unwrap_err();
    assert!(error.to_string().contains("expected a string"), "{error}");
    let long: ParseError = "x".repeat(1000).parse::<chrono::Date>().unwrap_err();
    assert!(long.to_string().len() < 140, "the text is cut: {long}");
}

#[test]
fn uuids_are_hyphenated_and_lowercase() {
    let id: uuid::Uuid = "67E55044-10B1-426F-9247-BB680E5FE0C8".parse().unwrap();
    assert_eq!(id.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
    assert_eq!(serde_json::to_value(id).unwrap(), json!("67e55044-10b1-426f-9247-bb680e5fe0c8"));
    assert_eq!(id.0, ::uuid::Uuid::from_u128(0x67e5504410b1426f9247bb680e5fe0c8), "the uuid value");
    assert_eq!(*id, id.into_inner());
    for wrong in [
        "67e5504410b1426f9247bb680e5fe0c8",
        "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
        "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
        "67e55044-10b1-426f-9247-bb680e5fe0cg",
        "67e55044-10b1-426f-9247-bb680e5fe0c",
        "67e55044+10b1-426f-9247-bb680e5fe0c8",
    ] {
        assert!(wrong.parse::<uuid::Uuid>().is_err(), "{wrong}");
    }
    let error = serde_json::from_value::<uuid::Uuid>(json!("nope")).unwrap_err();
    assert_eq!(error.to_string(), "`nope` is not a UUID (`67e55044-10b1-426f-9247-bb680e5fe0c8`)");
}

#[test]
fn years_rfc_3339_cannot_write_are_written_expanded() {
    let far = ::chrono::NaiveDate::from_ymd_opt(10_000, 1, 2).unwrap();
    assert_eq!(chrono::Date::from(far).to_string(), "+10000-01-02");
    let before = ::chrono::NaiveDate::from_ymd_opt(-1, 1, 2).unwrap();
    assert_eq!(chrono::Date::from(before).to_string(), "-0001-01-02");
}
