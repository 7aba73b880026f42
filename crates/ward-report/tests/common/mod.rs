//! Sample reports shared by the renderer tests.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use ward_core::{
    Completeness, Confidence, Detail, Finding, Fingerprint, GateOutcome, GateReason, Location,
    REPORT_VERSION, RuleDoc, ScanError, ScanReport, SecretDetail, Severity, SkipReason, Span,
    ToolInfo, fingerprint,
};

/// Column range (1-based, end exclusive, counted in characters) of `needle` in `line`.
fn columns(line: &str, needle: &str) -> (u32, u32) {
    let byte = line.find(needle).expect("needle is in the line");
    let start = line[..byte].chars().count() as u32 + 1;
    (start, start + needle.chars().count() as u32)
}

fn span_in(line_number: u32, line: &str, needle: &str) -> Span {
    let (start, end) = columns(line, needle);
    Span::line(line_number, start, end)
}

struct Spec<'a> {
    rule_id: &'a str,
    severity: Severity,
    confidence: Confidence,
    title: &'a str,
    message: &'a str,
    path: &'a str,
    span: Span,
    snippet: Option<String>,
    identity: &'a str,
}

fn finding(spec: Spec<'_>) -> Finding {
    let engine = spec
        .rule_id
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    Finding {
        rule_id: spec.rule_id.to_owned(),
        engine,
        severity: spec.severity,
        confidence: spec.confidence,
        title: spec.title.to_owned(),
        message: spec.message.to_owned(),
        location: Location {
            path: spec.path.to_owned(),
            span: spec.span,
            snippet: spec.snippet,
        },
        cwe: vec![],
        owasp: vec![],
        remediation: None,
        references: vec![],
        fingerprint: fingerprint::compute(spec.rule_id, spec.path, spec.identity, 0),
        detail: Detail::default(),
        suppressed: None,
        risk: None,
    }
}

fn rule(id: &str, severity: Severity, confidence: Confidence, title: &str) -> RuleDoc {
    RuleDoc {
        id: id.to_owned(),
        engine: id.split('/').next().unwrap_or_default().to_owned(),
        title: title.to_owned(),
        severity,
        confidence,
        description: format!("Finds {}.", title.to_lowercase()),
        rationale: "Attackers look for exactly this.".to_owned(),
        remediation: "Fix it.".to_owned(),
        example: None,
        cwe: vec![],
        owasp: vec![],
        references: vec![],
    }
}

/// A 5,000-character minified line with `document.write(q)` at column 4001.
pub fn minified_line() -> String {
    let filler = "function f(a){return a+1};var b=f(2);";
    let mut prefix: String = filler.chars().cycle().take(4_000).collect();
    prefix.push_str("document.write(q)");
    let rest = 5_000 - prefix.len();
    prefix.extend(filler.chars().cycle().take(rest));
    prefix
}

/// Four findings in two files (critical, high, medium, low; a multi-line snippet, a
/// 5,000-character line, a non-ASCII line), skipped files, two errors and a failed gate.
pub fn sample_report() -> ScanReport {
    let key_line = r#"AWS_KEY = "AKIA****************""#;
    let mut aws = finding(Spec {
        rule_id: "secrets/aws-access-key-id",
        severity: Severity::Critical,
        confidence: Confidence::High,
        title: "AWS access key ID",
        message: "An AWS access key ID is hard-coded in the source.",
        path: "src/app.py",
        span: span_in(3, key_line, "AKIA****************"),
        snippet: Some(key_line.to_owned()),
        identity: "hmac:3f1c",
    });
    aws.remediation = Some("Remove the key from the source and rotate it in AWS IAM.".to_owned());
    aws.cwe = vec!["CWE-798".to_owned()];
    aws.owasp = vec!["A07:2021".to_owned()];
    aws.detail.secret = Some(SecretDetail {
        redacted: "AKIA****************".to_owned(),
        hash: "3f1c9a".to_owned(),
        revealed: None,
    });

    let eval_lines = "    result = eval(\n        request.args[\"expr\"],\n    )\n";
    let (eval_start, _) = columns("    result = eval(", "eval(");
    let mut eval = finding(Spec {
        rule_id: "sast/python-eval",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        title: "Use of eval",
        message: "eval() runs code built from request data.",
        path: "src/app.py",
        span: Span {
            start_line: 10,
            start_column: eval_start,
            end_line: 12,
            end_column: 6,
        },
        snippet: Some(eval_lines.to_owned()),
        identity: "eval(request.args[\"expr\"],)",
    });
    eval.cwe = vec!["CWE-95".to_owned()];

    let password_line = "msg = \"日本語のメッセージ\"; password = \"********\"  # café";
    let password = finding(Spec {
        rule_id: "secrets/generic-password",
        severity: Severity::High,
        confidence: Confidence::Low,
        title: "Hard-coded password",
        message: "A password is assigned a literal value.",
        path: "src/app.py",
        span: span_in(20, password_line, "password = \"********\""),
        snippet: Some(password_line.to_owned()),
        identity: "hmac:77ab",
    });

    let minified = minified_line();
    let write = finding(Spec {
        rule_id: "sast/js-document-write",
        severity: Severity::Low,
        confidence: Confidence::High,
        title: "document.write with untrusted data",
        message: "document.write() writes data from the URL into the page.",
        path: "static/app.min.js",
        span: span_in(1, &minified, "document.write(q)"),
        snippet: Some(minified.clone()),
        identity: "document.write(q)",
    });

    let fixture_line =
        "TEST_KEY = \"AKIA****************\"  # ward:ignore fixture for the parser tests";
    let mut fixture_key = finding(Spec {
        rule_id: "secrets/aws-access-key-id",
        severity: Severity::Critical,
        confidence: Confidence::High,
        title: "AWS access key ID",
        message: "An AWS access key ID is hard-coded in the source.",
        path: "tests/keys.py",
        span: span_in(1, fixture_line, "AKIA****************"),
        snippet: Some(fixture_line.to_owned()),
        identity: "hmac:9e0d",
    });
    fixture_key.suppressed = Some(ward_core::Suppression::inline(Some(
        "fixture for the parser tests".to_owned(),
    )));

    let mut aws_rule = rule(
        "secrets/aws-access-key-id",
        Severity::Critical,
        Confidence::High,
        "AWS access key ID",
    );
    aws_rule.description =
        String::from("Finds AWS access key IDs (`AKIA...`) in source and configuration.");
    aws_rule.remediation = String::from(
        "Remove the key, rotate it in AWS IAM, and load credentials from the environment.",
    );
    aws_rule.cwe = vec!["CWE-798".to_owned()];
    aws_rule.owasp = vec!["A07:2021".to_owned()];
    aws_rule.references = vec![
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"
            .to_owned(),
    ];
    let mut eval_rule = rule(
        "sast/python-eval",
        Severity::Medium,
        Confidence::Medium,
        "Use of eval",
    );
    eval_rule.remediation = String::from(
        "Parse the input with ast.literal_eval or a real parser instead of eval.\nNever eval request data.",
    );
    eval_rule.example = Some("eval(x)  # bad\nast.literal_eval(x)  # good".to_owned());
    eval_rule.cwe = vec!["CWE-95".to_owned()];
    let write_rule = rule(
        "sast/js-document-write",
        Severity::Low,
        Confidence::High,
        "document.write with untrusted data",
    );
    let password_rule = rule(
        "secrets/generic-password",
        Severity::High,
        Confidence::Low,
        "Hard-coded password",
    );

    let mut completeness = Completeness {
        files_seen: 46,
        files_scanned: 42,
        bytes_scanned: 123_456,
        ..Completeness::default()
    };
    completeness.skip("dist/app.wasm", SkipReason::Binary);
    completeness.skip("assets/logo.png", SkipReason::Binary);
    completeness.skip("fonts/icon.woff2", SkipReason::Binary);
    completeness.skip("data/dump.sql", SkipReason::TooLarge);
    completeness.skip_for_engine("legacy/latin1.txt", SkipReason::InvalidUtf8, "secrets");
    completeness.errors = vec![
        ScanError::file("vendor/locked.bin", "permission denied (os error 13)"),
        ScanError {
            path: Some("src/broken.py".to_owned()),
            line: Some(7),
            engine: Some("sast".to_owned()),
            message: "parse error: unexpected indent".to_owned(),
        },
    ];
    completeness.sort();

    // Risk scores as the policy step sets them (severity base × confidence, default project).
    aws.risk = Some(ward_core::Risk {
        score: 90,
        base: 90.0,
        base_source: ward_core::RiskBase::Severity,
        confidence: 1.0,
        reachability: 1.0,
        exploit: 0.0,
        fix: 0.0,
        context: 1.0,
    });
    let gate = GateOutcome {
        fail_on: Some(Severity::High),
        fail_on_risk: Some(80),
        warnings: vec![],
        passed: false,
        blocking: [&aws, &password]
            .iter()
            .map(|f| GateReason {
                fingerprint: f.fingerprint.primary.clone(),
                rule_id: f.rule_id.clone(),
                reason: format!("severity {} >= high", f.severity),
            })
            .collect(),
    };

    ScanReport {
        version: REPORT_VERSION,
        tool: ToolInfo {
            name: "ward".to_owned(),
            version: "0.1.0".to_owned(),
            engines: vec!["iac".to_owned(), "sast".to_owned(), "secrets".to_owned()],
        },
        roots: vec![".".to_owned()],
        started_at: "2026-01-02T03:04:05Z".to_owned(),
        duration_ms: 1_234,
        findings: vec![aws, eval, password, write, fixture_key],
        rules: vec![write_rule, eval_rule, aws_rule, password_rule],
        completeness,
        gate,
        notices: vec![
            ward_core::Notice {
                kind: ward_core::NoticeKind::ExpiredIgnore,
                message: "ignore entry for secrets/generic-password expired on 2026-01-31; its findings are reported again".to_owned(),
                source: Some(".ward/ignore.toml:7".to_owned()),
            },
            ward_core::Notice {
                kind: ward_core::NoticeKind::UnmatchedIgnore,
                message: "ignore entry for sast/python-exec matched no finding".to_owned(),
                source: Some(".ward/ignore.toml:14".to_owned()),
            },
        ],
    }
}

/// A complete scan with no findings and a passed gate.
pub fn clean_report() -> ScanReport {
    ScanReport {
        version: REPORT_VERSION,
        tool: ToolInfo {
            name: "ward".to_owned(),
            version: "0.1.0".to_owned(),
            engines: vec!["iac".to_owned(), "sast".to_owned(), "secrets".to_owned()],
        },
        roots: vec![".".to_owned()],
        started_at: String::new(),
        duration_ms: 87,
        findings: vec![],
        rules: vec![],
        completeness: Completeness {
            files_seen: 12,
            files_scanned: 12,
            bytes_scanned: 3_072,
            ..Completeness::default()
        },
        gate: GateOutcome {
            fail_on: Some(Severity::High),
            fail_on_risk: None,
            passed: true,
            blocking: vec![],
            warnings: vec![],
        },
        notices: vec![],
    }
}

/// Everything a renderer must survive: empty strings, impossible spans, control characters,
/// a 100 KB line, a long snippet, odd paths, a rule missing from `rules`, many errors.
pub fn hostile_report() -> ScanReport {
    let huge: String = "x=1;".repeat(25_000);
    let many_lines = (0..50)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let hostile = |rule_id: &str, path: &str, span: Span, snippet: Option<String>| Finding {
        rule_id: rule_id.to_owned(),
        engine: String::new(),
        severity: Severity::Info,
        confidence: Confidence::Low,
        title: String::new(),
        message: String::new(),
        location: Location {
            path: path.to_owned(),
            span,
            snippet,
        },
        cwe: vec![],
        owasp: vec![],
        remediation: None,
        references: vec![],
        fingerprint: Fingerprint::default(),
        detail: Detail::default(),
        suppressed: None,
        risk: None,
    };
    let mut findings = vec![
        hostile("", "", Span::default(), Some(String::new())),
        hostile(
            "x/inverted",
            "a b/c#d%e.py",
            Span {
                start_line: 9,
                start_column: 40,
                end_line: 2,
                end_column: 1,
            },
            Some("\tshort\u{1b}[2J\u{202E}line\r\n".to_owned()),
        ),
        hostile(
            "x/huge",
            "min.js",
            Span::line(1, 99_990, 120_000),
            Some(huge.clone()),
        ),
        hostile(
            "x/huge-middle",
            "min.js",
            Span::line(1, 50_000, 50_010),
            Some(huge),
        ),
        hostile(
            "x/many-lines",
            "many.txt",
            Span::line(u32::MAX, 1, 2),
            Some(many_lines),
        ),
        hostile(
            "x/wide",
            "wide.txt",
            Span::line(1, 30, 35),
            Some("日本語".repeat(40)),
        ),
    ];
    findings[1].message =
        String::from("\u{1b}[31mred\u{7}\r\nnext | pipe </details> `tick` @someone");
    findings[1].title = String::from("title\nwith newline");
    findings[1].remediation = Some("\n\n  ".to_owned());
    findings[2].severity = Severity::Critical;
    findings[2].remediation = Some("x".repeat(10_000));
    findings[3].cwe = vec!["CWE-".to_owned(), "CWE-79".to_owned(), "CWE-79".to_owned()];

    let mut completeness = Completeness::default();
    completeness.skip("a", SkipReason::Symlink);
    completeness.skip("b", SkipReason::NotRegularFile);
    completeness.errors = (0..30)
        .map(|i| ScanError {
            path: (i % 3 != 0).then(|| format!("f{i:02}.py")),
            line: (i % 2 == 0).then_some(i),
            engine: (i % 5 == 0).then(|| "sast".to_owned()),
            message: format!("bad\nthing\u{1b} {i}"),
        })
        .collect();

    ScanReport {
        version: REPORT_VERSION,
        tool: ToolInfo {
            name: String::new(),
            version: String::new(),
            engines: vec![],
        },
        roots: vec![],
        started_at: "not a date".to_owned(),
        duration_ms: u64::MAX,
        findings,
        rules: vec![rule("x/inverted", Severity::Low, Confidence::Low, "")],
        completeness,
        gate: GateOutcome {
            fail_on: None,
            fail_on_risk: None,
            passed: false,
            blocking: vec![],
            warnings: vec![],
        },
        notices: vec![],
    }
}

/// A scan of a project with one vulnerable dependency (with its advisory detail), one unpinned
/// requirement, and one code finding, for the dependency-scanning formats.
pub fn deps_report() -> ScanReport {
    let mut report = clean_report();
    let lock_line = "version = \"1.6.0\"";
    let mut smallvec = finding(Spec {
        rule_id: "deps/RUSTSEC-2021-0003",
        severity: Severity::Critical,
        confidence: Confidence::High,
        title: "Buffer overflow in SmallVec::insert_many",
        message: "smallvec 1.6.0 has RUSTSEC-2021-0003 — upgrade to 1.6.1",
        path: "Cargo.lock",
        span: span_in(9, lock_line, lock_line),
        snippet: Some(lock_line.to_owned()),
        identity: "smallvec@1.6.0",
    });
    smallvec.remediation = Some("Upgrade smallvec 1.6.0 -> 1.6.1".to_owned());
    smallvec.references = vec!["https://rustsec.org/advisories/RUSTSEC-2021-0003.html".to_owned()];
    smallvec.detail.vulnerability = Some(ward_core::Vulnerability {
        package: ward_core::PackageRef {
            ecosystem: "crates.io".to_owned(),
            name: "smallvec".to_owned(),
            version: "1.6.0".to_owned(),
            purl: "pkg:cargo/smallvec@1.6.0".to_owned(),
        },
        advisory_ids: vec![
            "RUSTSEC-2021-0003".to_owned(),
            "CVE-2021-25900".to_owned(),
            "GHSA-43w2-9j62-hq99".to_owned(),
        ],
        summary: None,
        fixed_version: Some("1.6.1".to_owned()),
        cvss: None,
        database_severity: None,
        epss: None,
        kev: None,
        reachability: None,
        reachable_from: Vec::new(),
        dependency_path: vec!["app".to_owned(), "smallvec".to_owned()],
        direct: Some(true),
        dev: None,
        notes: vec![],
    });
    let unpinned = finding(Spec {
        rule_id: "deps/unpinned-requirement",
        severity: Severity::Low,
        confidence: Confidence::High,
        title: "Unpinned requirement",
        message: "flask is not pinned to one version",
        path: "requirements.txt",
        span: Span::line(2, 1, 6),
        snippet: Some("flask".to_owned()),
        identity: "flask",
    });
    let eval_line = "eval(request.args[\"q\"])";
    let eval = finding(Spec {
        rule_id: "sast/python-eval",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        title: "Use of eval",
        message: "eval() runs code built from request data.",
        path: "src/app.py",
        span: span_in(4, eval_line, eval_line),
        snippet: Some(eval_line.to_owned()),
        identity: eval_line,
    });
    report.findings = vec![smallvec, unpinned, eval];
    report
}
