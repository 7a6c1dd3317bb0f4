//! `cargo xtask bench`: the median and the table with its ratios (the bench itself is run by
//! hand, not by the tests).

use std::time::Duration;

use xtask::bench::{median, Measured, Report, Row};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[test]
fn median_of_odd_and_even_counts() {
    assert_eq!(median(&[]), Duration::ZERO);
    assert_eq!(median(&[ms(3)]), ms(3));
    assert_eq!(median(&[ms(1), ms(2), ms(40)]), ms(2));
    assert_eq!(median(&[ms(1), ms(3), ms(5), ms(40)]), ms(4));
}

#[test]
fn ratios_are_ours_over_progenitors_on_documents_both_accept() {
    let ok = |millis, kib| Measured::Ok { time: ms(millis), peak_kib: kib };
    let report = Report {
        runs: 5,
        progenitor: "cargo-progenitor 0.15.1".to_owned(),
        rows: vec![
            Row { document: "spec/edge.yaml".to_owned(), ours: ok(10, 10 * 1024), progenitor: ok(40, 40 * 1024) },
            Row { document: "big.json".to_owned(), ours: ok(1000, 100 * 1024), progenitor: ok(250, 25 * 1024) },
            Row {
                document: "3.1.json".to_owned(),
                ours: ok(5, 2048),
                progenitor: Measured::Failed("gen fail: unexpected version".to_owned()),
            },
        ],
    };

    assert_eq!(report.ratios(), [(0.25, 0.25), (4.0, 4.0)]);
    let summary = report.summary();
    assert!(summary.contains("ours accepts 3, cargo-progenitor 0.15.1 accepts 2"), "{summary}");
    assert!(summary.contains("on the 2 both accept, ours / progenitor: time 1.00x, memory 1.00x"), "{summary}");

    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("document        ours ms  ours MiB"), "{text}");
    assert!(lines[1].starts_with("spec/edge.yaml     10.0      10.0") && lines[1].ends_with("0.25"), "{text}");
    assert!(
        lines[3].contains(" rejected ") && lines[3].ends_with("  progenitor: gen fail: unexpected version"),
        "{text}"
    );
    let markdown = report.markdown();
    assert!(markdown.contains("| big.json | 1000.0 | 100.0 | 250.0 | 25.0 | 4.00 | 4.00 |  |\n"), "{markdown}");
}
