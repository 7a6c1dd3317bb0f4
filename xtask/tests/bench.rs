//! `cargo xtask bench`: its report, ratios and medians (the bench itself is run by hand, not
//! by the tests).

use std::time::Duration;

use xtask::bench::report::{lines, table, Figures, Report, Row, GITHUB};
use xtask::bench::Measured;

fn ok(millis: u64, kib: u64) -> Measured {
    Measured::Ok { time: Duration::from_millis(millis), peak_kib: kib }
}

fn figures(generation: Measured, lines: Option<u64>, check: Measured) -> Figures {
    Figures { generation, lines, check }
}

fn report() -> Report {
    let skipped = || Measured::NotRun;
    Report {
        runs: 5,
        check_runs: 3,
        progenitor: "cargo-progenitor 0.15.1".to_owned(),
        rows: vec![
            Row {
                document: "spec/edge.yaml".to_owned(),
                ours: figures(ok(10, 10 * 1024), Some(2_500), skipped()),
                progenitor: figures(Measured::Failed("gen fail: no".to_owned()), None, skipped()),
            },
            Row {
                document: "progenitor-samples/nexus.json".to_owned(),
                ours: figures(ok(100, 20 * 1024), Some(15_000), ok(1_000, 400 * 1024)),
                progenitor: figures(ok(400, 80 * 1024), Some(17_000), ok(1_250, 500 * 1024)),
            },
            Row {
                document: "progenitor-samples/small.json".to_owned(),
                ours: figures(ok(10, 10 * 1024), Some(3_000), ok(600, 200 * 1024)),
                progenitor: figures(ok(40, 20 * 1024), Some(1_000), Measured::Failed("does not compile".to_owned())),
            },
            Row {
                document: GITHUB.to_owned(),
                ours: figures(ok(2_000, 300 * 1024), Some(135_611), ok(90_000, 3_000 * 1024)),
                progenitor: figures(Measured::Failed("panicked: oops".to_owned()), None, skipped()),
            },
        ],
        wall: Duration::from_secs(600),
    }
}

#[test]
fn ratios_are_ours_over_progenitors_where_both_have_the_figure() {
    let report = report();
    let nexus = report.rows[1].ratios();
    assert_eq!(nexus.generation_time, Some(0.25));
    assert_eq!(nexus.generation_memory, Some(0.25));
    assert_eq!(nexus.lines, Some(15_000.0 / 17_000.0));
    assert_eq!(nexus.check_time, Some(0.8));
    assert_eq!(nexus.check_memory, Some(0.8));
    let small = report.rows[2].ratios();
    assert_eq!((small.lines, small.check_time, small.check_memory), (Some(3.0), None, None));
    assert_eq!(report.rows[0].ratios().generation_time, None);
    // Medians over the two both generate; a check ratio only nexus has.
    let [time, memory, lines, check_time, check_memory] = report.median_ratios();
    assert_eq!((time, memory), (Some(0.25), Some(0.375)));
    assert_eq!(lines, Some((15_000.0 / 17_000.0 + 3.0) / 2.0));
    assert_eq!((check_time, check_memory), (Some(0.8), Some(0.8)));
}

#[test]
fn the_summary_counts_and_gives_the_medians() {
    let summary = report().summary();
    assert!(summary.starts_with("4 documents (generation: median of 5 runs; `cargo check` median of 3 runs;"));
    assert!(summary.contains("Ours generates 4, cargo-progenitor 0.15.1 generates 2."), "{summary}");
    assert!(
        summary.contains(
            "on the 2 both generate: generation time 0.25×, generation memory 0.38×, lines 1.94×, \
             check time 0.80×, check memory 0.80×."
        ),
        "{summary}"
    );
    assert!(summary.ends_with("The bench took 10.0 min."), "{summary}");
    let unchecked = Report { check_runs: 0, rows: Vec::new(), ..report() };
    assert!(unchecked.summary().contains("no `cargo check` (--no-check)"));
    assert!(unchecked.summary().contains("generation time -,"));
}

#[test]
fn the_markdown_has_a_table_per_kind_of_document_and_githubs_section() {
    let markdown = report().markdown();
    let nexus = markdown.lines().find(|line| line.starts_with("| progenitor-samples/nexus.json")).expect("nexus");
    let cells: Vec<&str> = nexus.split('|').map(str::trim).collect();
    assert_eq!(
        cells[1..17],
        [
            "progenitor-samples/nexus.json",
            "100.0",
            "400.0",
            "0.25",
            "20.0",
            "80.0",
            "0.25",
            "15,000",
            "17,000",
            "0.88",
            "1.00",
            "1.25",
            "0.80",
            "400.0",
            "500.0",
            "0.80"
        ]
    );
    let small = markdown.lines().find(|line| line.contains("small.json")).expect("small");
    let cells_of = |line: &str| line.split('|').map(str::trim).collect::<Vec<_>>().join("|");
    assert!(cells_of(small).ends_with("|0.60|fails|-|200.0|fails|-|progenitor check: does not compile|"), "{small}");
    let both = markdown.find("## Documents both generate").expect("first table");
    let others = markdown.find("## Documents one generator does not take").expect("second table");
    let github = markdown.find("## The corpus GitHub description").expect("GitHub's section");
    assert!(both < others && others < github, "{markdown}");
    let edge = markdown.lines().find(|line| line.starts_with("| spec/edge.yaml")).expect("edge");
    assert!(cells_of(edge).ends_with("|10.0|10.0|2,500|fails|fails|-|progenitor generation: gen fail: no|"), "{edge}");
    let github = &markdown[github..];
    let figures: Vec<String> = github.lines().map(cells_of).collect();
    assert!(figures.contains(&"|generated lines|135,611|-|".to_owned()), "{github}");
    assert!(figures.contains(&"|`cargo check` time (s)|90.00|-|".to_owned()), "{github}");
    assert!(figures.contains(&"|`cargo check` peak memory (MiB)|3000.0|-|".to_owned()), "{github}");
    assert!(github.contains("progenitor generation: panicked: oops"), "{github}");
    assert!(!github.contains("ours generation") && !github.contains("ours check"), "{github}");
}

#[test]
fn tables_pad_figures_right_and_names_left() {
    let rows = vec![
        vec!["a|b".to_owned(), "1.0".to_owned(), "why".to_owned()],
        vec!["long name".to_owned(), "1000.0".to_owned(), String::new()],
    ];
    assert_eq!(
        table(&["document", "×", "notes"], &rows),
        "| document  |      × | notes |\n\
         | --------- | -----: | --- |\n\
         | a\\|b      |    1.0 | why |\n\
         | long name | 1000.0 |  |\n"
    );
}

#[test]
fn thousands_are_separated() {
    assert_eq!(lines(None), "-");
    assert_eq!(lines(Some(0)), "0");
    assert_eq!(lines(Some(999)), "999");
    assert_eq!(lines(Some(1_000)), "1,000");
    assert_eq!(lines(Some(135_611)), "135,611");
    assert_eq!(lines(Some(1_234_567)), "1,234,567");
}
