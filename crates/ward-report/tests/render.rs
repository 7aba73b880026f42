//! Snapshot and behaviour tests of every format.

mod common;

use common::{clean_report, hostile_report, sample_report};
use ward_core::ScanReport;
use ward_report::{Format, RenderOptions, render};

fn rendered(format: Format, report: &ScanReport, options: RenderOptions) -> String {
    let mut out = Vec::new();
    render(format, report, &mut out, &options).expect("rendering into memory cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

fn plain(format: Format, report: &ScanReport) -> String {
    rendered(
        format,
        report,
        RenderOptions {
            color: false,
            width: 100,
        },
    )
}

#[test]
fn table_sample() {
    insta::assert_snapshot!(plain(Format::Table, &sample_report()));
}

#[test]
fn table_clean() {
    insta::assert_snapshot!(plain(Format::Table, &clean_report()));
}

#[test]
fn json_sample() {
    insta::assert_snapshot!(plain(Format::Json, &sample_report()));
}

#[test]
fn json_clean() {
    insta::assert_snapshot!(plain(Format::Json, &clean_report()));
}

#[test]
fn sarif_sample() {
    insta::assert_snapshot!(plain(Format::Sarif, &sample_report()));
}

#[test]
fn sarif_clean() {
    insta::assert_snapshot!(plain(Format::Sarif, &clean_report()));
}

#[test]
fn markdown_sample() {
    insta::assert_snapshot!(plain(Format::Markdown, &sample_report()));
}

#[test]
fn markdown_clean() {
    insta::assert_snapshot!(plain(Format::Markdown, &clean_report()));
}

#[test]
fn junit_sample() {
    insta::assert_snapshot!(plain(Format::Junit, &sample_report()));
}

#[test]
fn junit_clean() {
    insta::assert_snapshot!(plain(Format::Junit, &clean_report()));
}

#[test]
fn github_sample() {
    insta::assert_snapshot!(plain(Format::Github, &sample_report()));
}

#[test]
fn github_clean() {
    insta::assert_snapshot!(plain(Format::Github, &clean_report()));
}

#[test]
fn colour_on_emits_ansi_escapes_and_colour_off_none() {
    for report in [sample_report(), clean_report(), hostile_report()] {
        let coloured = rendered(
            Format::Table,
            &report,
            RenderOptions {
                color: true,
                width: 80,
            },
        );
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        for format in Format::ALL {
            let output = rendered(
                format,
                &report,
                RenderOptions {
                    color: false,
                    width: 80,
                },
            );
            // The hostile report's messages hold ESC: no format may pass it through raw.
            assert!(!output.contains('\u{1b}'), "{format}: {output}");
        }
    }
}

#[test]
fn long_lines_are_cut_to_the_terminal_width() {
    for width in [40, 80, 100, 200] {
        for report in [sample_report(), hostile_report()] {
            let output = rendered(
                Format::Table,
                &report,
                RenderOptions {
                    color: false,
                    width,
                },
            );
            for line in output.lines().filter(|line| line.contains(" │ ")) {
                assert!(
                    line.chars().count() <= width,
                    "width {width}: {} chars: {line}",
                    line.chars().count()
                );
            }
            assert!(
                output.len() < 40_000,
                "width {width}: {} bytes",
                output.len()
            );
        }
    }
}

#[test]
fn the_span_of_a_minified_line_is_shown_and_underlined() {
    let output = plain(Format::Table, &sample_report());
    let frame: Vec<&str> = output
        .lines()
        .skip_while(|line| !line.contains("static/app.min.js:1:4001"))
        .skip(1)
        .take(2)
        .collect();
    assert!(
        frame[0].contains("…") && frame[0].contains("document.write(q)"),
        "{frame:?}"
    );
    let code_at = frame[0].find("document.write(q)").unwrap();
    let caret_at = frame[1].find('^').unwrap();
    assert_eq!(
        frame[0][..code_at].chars().count(),
        frame[1][..caret_at].chars().count()
    );
    assert!(frame[1].ends_with(&"^".repeat(17)), "{frame:?}");
}

#[test]
fn hostile_reports_render_at_any_width() {
    let report = hostile_report();
    for width in [0, 1, 20, 40, 100, 1_000] {
        for color in [false, true] {
            for format in Format::ALL {
                rendered(format, &report, RenderOptions { color, width });
            }
        }
    }
    let table = plain(Format::Table, &report);
    assert!(
        table.contains("... and 10 more (see --format json)"),
        "{table}"
    );
    assert!(table.contains("… 42 more lines"), "{table}");
}

#[test]
fn json_round_trips() {
    for report in [sample_report(), clean_report(), hostile_report()] {
        let json = plain(Format::Json, &report);
        assert!(json.starts_with("{\n  \"version\": 1,") && json.ends_with("}\n"));
        let parsed: ScanReport = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, report);
    }
}

#[test]
fn markdown_never_shows_snippets() {
    let report = sample_report();
    let markdown = plain(Format::Markdown, &report);
    for finding in &report.findings {
        let snippet = finding.location.snippet.as_deref().unwrap();
        let first_line = snippet.lines().next().unwrap().trim();
        assert!(!markdown.contains(first_line), "{first_line}");
    }
    let hostile = plain(Format::Markdown, &hostile_report());
    assert!(!hostile.contains("</details> "), "{hostile}");
}

#[test]
fn junit_marks_findings_failed_and_errors_erroneous() {
    let junit = plain(Format::Junit, &sample_report());
    assert!(junit.contains(r#"tests="6""#) && junit.contains(r#"failures="4""#));
    assert!(junit.contains(r#"errors="2""#));
    let clean = plain(Format::Junit, &clean_report());
    assert!(clean.contains(r#"<testcase name="ward scan"/>"#), "{clean}");
}
