//! The change report's reading of every case of the semver suite (without cargo-semver-checks,
//! which `cargo xtask semver` adds in CI).

mod common;

use xtask::semver::{cases::cases, classify, edge_input};

#[test]
fn every_case_is_read_as_the_suite_says() {
    let (document, config) = edge_input(&common::repo_root()).expect("the Edge document and config");
    let mut wrong = Vec::new();
    for case in cases() {
        let report = classify(&document, &config, &case).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let listing: String = report.changes().map(|c| format!("    {c} [{}]\n", c.impact)).collect();
        let names_item = case.item.is_empty() || report.changes().any(|c| c.item == case.item);
        if report.impact() != case.impact || !names_item {
            wrong.push(format!("{}: expected {:?} on `{}`, got:\n{listing}", case.name, case.impact, case.item));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_suite_covers_at_least_fifteen_kinds_of_change() {
    let cases = cases();
    assert!(cases.len() >= 15, "{} cases", cases.len());
    // Every reading is represented, and every blind spot claimed is a breaking change.
    for impact in [
        None,
        Some(generator::surface::Impact::WireOnly),
        Some(generator::surface::Impact::Compatible),
        Some(generator::surface::Impact::Breaking),
    ] {
        assert!(cases.iter().any(|c| c.impact == impact), "no case reads as {impact:?}");
    }
    assert!(cases
        .iter()
        .filter(|c| c.unseen.is_some())
        .all(|c| c.impact == Some(generator::surface::Impact::Breaking)));
}
