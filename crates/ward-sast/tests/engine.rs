//! The engine on files a user would scan: pattern semantics, rule errors, bad input.

use std::fmt::Write;
use std::time::{Duration, Instant};

use ward_core::{Engine, FileInput, FileOutput, Finding, ScanError};
use ward_lang::Lang;
use ward_sast::{Limits, RuleSet, SastEngine};

fn rules(yaml: &str) -> RuleSet {
    let set = RuleSet::from_texts([("test-rules.yaml", yaml)]);
    assert!(set.errors().is_empty(), "{:#?}", set.errors());
    set
}

fn one_rule(lang: &str, body: &str) -> RuleSet {
    rules(&format!(
        "rules:\n  - id: r\n    languages: [{lang}]\n    severity: ERROR\n    message: found $X\n{body}"
    ))
}

/// Lines of the findings of `set` in `source`.
fn lines(set: &RuleSet, path: &str, source: &str) -> Vec<u32> {
    let lang = Lang::detect(path, source.as_bytes()).unwrap();
    let result = set.scan(path, source, lang, &Limits::default());
    let mut lines: Vec<u32> = result
        .findings
        .iter()
        .map(|(f, _)| f.location.span.start_line)
        .collect();
    lines.dedup();
    lines
}

fn scan(engine: &SastEngine, path: &str, bytes: &[u8]) -> (Vec<Finding>, Vec<ScanError>) {
    let input = FileInput {
        path,
        fs_path: std::path::Path::new(path),
        bytes,
        text: std::str::from_utf8(bytes).ok(),
    };
    let mut out = FileOutput::default();
    assert!(engine.claims(&input));
    engine.scan_file(&input, &mut out);
    let (findings, errors) = out.take();
    (findings.into_iter().map(|(f, _)| f).collect(), errors)
}

#[test]
fn keyword_arguments_in_any_order_and_ellipsis_in_arguments() {
    let set = one_rule(
        "python",
        "    pattern: subprocess.call(..., shell=True, cwd=$X)\n",
    );
    let src = "import subprocess\nsubprocess.call('a', cwd=d, shell=True)\nsubprocess.call('a', shell=True, cwd=d, env=e)\nsubprocess.call('a', shell=True)\nsubprocess.call('a', cwd=d)\n";
    assert_eq!(lines(&set, "a.py", src), vec![2, 3]);
}

#[test]
fn metavariables_bind_equal_code_whatever_the_formatting() {
    let set = one_rule("python", "    pattern: $X == $X\n");
    let src = "a.b == a.b\na.b == a . b  # spaces and a comment\nf(x) == f(y)\n'q' == \"q\"\n";
    assert_eq!(lines(&set, "a.py", src), vec![1, 2, 4]);
}

#[test]
fn string_literals_match_by_value_whatever_the_quoting() {
    let set = one_rule("javascript", "    pattern: crypto.createHash(\"md5\")\n");
    let src = "crypto.createHash('md5')\ncrypto.createHash(`md5`)\ncrypto.createHash(\"m\\x64\\x35\")\ncrypto.createHash('sha256')\n";
    assert_eq!(lines(&set, "a.js", src), vec![1, 2, 3]);
}

#[test]
fn import_aliases_in_python_and_javascript() {
    let py = one_rule("python", "    pattern: subprocess.call(...)\n");
    let src = "import subprocess as sp\nfrom subprocess import call\nfrom subprocess import call as c2\nsp.call(x)\ncall(y)\nc2(z)\nother.call(w)\n";
    assert_eq!(lines(&py, "a.py", src), vec![4, 5, 6]);
    let js = one_rule("javascript", "    pattern: child_process.exec($X)\n");
    let src = "const cp = require('child_process');\nconst { exec } = require('child_process');\nimport * as ns from 'child_process';\ncp.exec(a);\nexec(b);\nns.exec(c);\nrequire('child_process').exec(d);\nother.exec(e);\n";
    assert_eq!(lines(&js, "a.js", src), vec![4, 5, 6, 7]);
}

#[test]
fn statement_sequences_with_ellipsis() {
    let set = one_rule(
        "python",
        "    pattern: |\n      $F = open(...)\n      ...\n      $F.write($X)\n",
    );
    let src = "def a():\n    f = open('x', 'w')\n    log()\n    f.write(data)\n\ndef b():\n    g = open('x')\n    h.write(data)\n";
    assert_eq!(lines(&set, "a.py", src), vec![2]);
}

#[test]
fn deep_expressions_and_either_and_not() {
    let set = one_rule(
        "python",
        "    patterns:\n      - pattern: print(<... $X.password ...>)\n      - pattern-not: print(redact(...))\n",
    );
    let src = "print('user ' + u.password)\nprint(u.name)\nprint(redact(u.password))\nprint(f'{u.password}')\n";
    assert_eq!(lines(&set, "a.py", src), vec![1, 4]);
}

#[test]
fn pattern_inside_and_not_inside() {
    let set = one_rule(
        "python",
        "    patterns:\n      - pattern: eval($X)\n      - pattern-inside: |\n          def $F(...):\n            ...\n      - pattern-not-inside: |\n          def test_$T(...):\n            ...\n",
    );
    let src = "eval(a)\ndef f():\n    eval(b)\ndef test_x():\n    eval(c)\n";
    // `def test_$T` is not a valid metavariable in a name, so only the `def` scope counts.
    let found = lines(&set, "a.py", src);
    assert!(found.contains(&3) && !found.contains(&1), "{found:?}");
}

#[test]
fn metavariable_regex_comparison_and_focus() {
    let set = one_rule(
        "python",
        "    patterns:\n      - pattern: rsa.generate_private_key(..., key_size=$SIZE, ...)\n      - metavariable-comparison:\n          metavariable: $SIZE\n          comparison: $SIZE < 2048\n      - focus-metavariable: $SIZE\n",
    );
    let src = "rsa.generate_private_key(public_exponent=65537,\n    key_size=1024)\nrsa.generate_private_key(public_exponent=65537, key_size=4096)\n";
    assert_eq!(lines(&set, "a.py", src), vec![2]);
}

/// Semgrep's `in`/`not in` lists and the `strip` option: a port number written as a string
/// is compared as a number only when stripped.
#[test]
fn metavariable_comparison_lists_and_strip() {
    let set = one_rule(
        "python",
        "    patterns:\n      - pattern: hashlib.new($ALG, ...)\n      - metavariable-comparison:\n          comparison: $ALG in ['md4', 'md5', 'sha1']\n",
    );
    let src = "hashlib.new('md5')\nhashlib.new(\"sha256\", data)\nhashlib.new(\"sha1\", data)\n";
    assert_eq!(lines(&set, "a.py", src), vec![1, 3]);
    let stripped = one_rule(
        "python",
        "    patterns:\n      - pattern: listen(port=$P)\n      - metavariable-comparison:\n          metavariable: $P\n          strip: true\n          comparison: $P < 1024 and $P not in [80, 443]\n",
    );
    let src = "listen(port='22')\nlisten(port=\"8080\")\nlisten(port=443)\nlisten(port=25)\n";
    assert_eq!(lines(&stripped, "a.py", src), vec![1, 4]);
    let bad = RuleSet::from_texts([(
        "r.yaml",
        "rules:\n  - id: r\n    languages: [python]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: f($X)\n      - metavariable-comparison:\n          metavariable: $X\n          base: 1\n          comparison: $X > 1\n",
    )]);
    let errors: Vec<String> = bad.errors().iter().map(ToString::to_string).collect();
    assert!(
        errors.len() == 1 && errors[0].starts_with("r.yaml:10: rule `r`: `base`"),
        "{errors:?}"
    );
}

#[test]
fn message_interpolates_metavariables() {
    let set = one_rule("python", "    pattern: hashlib.$X(...)\n");
    let result = set.scan(
        "a.py",
        "import hashlib\nhashlib.md5(b)\n",
        Lang::Python,
        &Limits::default(),
    );
    let (finding, _) = &result.findings[0];
    assert_eq!(finding.message, "found md5");
    assert_eq!(finding.rule_id, "python/r");
    assert_eq!(finding.location.snippet.as_deref(), Some("hashlib.md5(b)"));
}

#[test]
fn an_invalid_rule_names_file_line_and_field_and_the_others_still_load() {
    let yaml = "rules:\n  - id: good\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: eval(...)\n  - id: bad-op\n    languages: [python]\n    severity: ERROR\n    message: m\n    patterns:\n      - pattern: eval(...)\n      - pattern-nott: eval(1)\n  - id: bad-pattern\n    languages: [python]\n    severity: ERROR\n    message: m\n    pattern: eval((((\n  - id: bad-severity\n    languages: [python]\n    severity: URGENT\n    message: m\n    pattern: eval(...)\n";
    let set = RuleSet::from_texts([("my-rules.yaml", yaml)]);
    assert_eq!(set.rules().len(), 1);
    let errors: Vec<String> = set.errors().iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].starts_with("my-rules.yaml:13: rule `bad-op`: `pattern-nott`: unknown operator"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with(
            "my-rules.yaml:18: rule `bad-pattern`: `pattern`: the pattern does not parse as python"
        ),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].starts_with(
            "my-rules.yaml:21: rule `bad-severity`: `severity`: unknown severity `URGENT`"
        ),
        "{}",
        errors[2]
    );
    // The valid rule runs.
    assert_eq!(lines(&set, "a.py", "eval(x)\n"), vec![1]);
}

#[test]
fn invalid_yaml_is_an_error_with_a_line() {
    let set = RuleSet::from_texts([("broken.yaml", "rules:\n  - id: x\n    message: [unclosed\n")]);
    assert!(set.rules().is_empty());
    let error = set.errors()[0].to_string();
    assert!(
        error.starts_with("broken.yaml:") && error.contains("invalid YAML"),
        "{error}"
    );
}

#[test]
fn parse_errors_are_recovered_and_reported_with_their_line() {
    let engine = SastEngine::new(None);
    let src = b"import os\n\ndef broken(:\n    pass\n\ndef later(cmd):\n    os.system(cmd)\n";
    let (findings, errors) = scan(&engine, "app.py", src);
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id == "python/os-system" && f.location.span.start_line == 7)
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(3));
    assert!(
        errors[0].message.contains("syntax error"),
        "{}",
        errors[0].message
    );
}

#[test]
fn deeply_nested_and_huge_files_finish_within_the_time_limit() {
    let engine = SastEngine::new(None).with_file_timeout(Duration::from_secs(2));
    let mut deep = String::from("import os\nx = ");
    deep.push_str(&"[".repeat(20_000));
    deep.push_str(&"]".repeat(20_000));
    deep.push_str("\nos.system(cmd)\n");
    let started = Instant::now();
    let (findings, _errors) = scan(&engine, "deep.py", deep.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(findings.iter().any(|f| f.rule_id == "python/os-system"));

    let mut long = String::from("const cp = require('child_process');\nconst s = \"a\"");
    for i in 0..50_000 {
        let _ = write!(long, " + x{i}");
    }
    long.push_str(";\ncp.exec(s);\n");
    let started = Instant::now();
    let (_findings, _errors) = scan(&engine, "long.js", long.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_time_limit_is_recorded_when_it_cuts() {
    let engine = SastEngine::new(None).with_file_timeout(Duration::from_millis(1));
    let mut src = String::from("import os\n");
    for i in 0..20_000 {
        let _ = write!(src, "def f{i}(a):\n    os.system(a + '{i}')\n");
    }
    let (_findings, errors) = scan(&engine, "big.py", src.as_bytes());
    assert!(
        errors.iter().any(|e| e.message.contains("time limit")),
        "{errors:?}"
    );
}

#[test]
fn invalid_utf8_is_not_read_as_text() {
    let engine = SastEngine::new(None);
    // The pipeline skips engines that need UTF-8 for such files and records why.
    assert!(engine.needs_utf8());
    let input = FileInput {
        path: "bad.py",
        fs_path: std::path::Path::new("bad.py"),
        bytes: b"os.system(\xff\xfe)\n",
        text: None,
    };
    let mut out = FileOutput::default();
    engine.scan_file(&input, &mut out);
    let (findings, errors) = out.take();
    assert!(findings.is_empty() && errors.is_empty());
}

#[test]
fn taint_reports_the_path_from_source_to_sink() {
    let engine = SastEngine::new(None);
    let src = b"import os\nfrom flask import request\n\ndef ping():\n    host = request.args.get('h')\n    cmd = 'ping ' + host\n    os.system(cmd)\n";
    let (findings, _) = scan(&engine, "app.py", src);
    let finding = findings
        .iter()
        .find(|f| f.rule_id == "python/tainted-command")
        .expect("a taint finding");
    let flow = finding.detail.dataflow.as_ref().expect("a data flow");
    let path: Vec<u32> = flow.steps.iter().map(|s| s.line).collect();
    assert_eq!(path, vec![5, 5, 6, 7]);
    assert!(
        finding
            .message
            .ends_with("(data flow: line 5 -> line 6 -> line 7)"),
        "{}",
        finding.message
    );
}

#[test]
fn user_rules_in_the_project_are_loaded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".ward/rules")).unwrap();
    std::fs::write(
        dir.path().join(".ward/rules/house.yaml"),
        "rules:\n  - id: no-print\n    languages: [python]\n    severity: INFO\n    message: print\n    pattern: print(...)\n",
    )
    .unwrap();
    let engine = SastEngine::new(Some(dir.path()));
    let (findings, _) = scan(&engine, "a.py", b"print(1)\n");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule_id, "python/no-print");
    assert!(engine.setup_errors().is_empty());
}

#[test]
fn go_and_java_patterns_match() {
    let go = one_rule("go", "    pattern: exec.Command(\"sh\", \"-c\", $X)\n");
    let src = "package main\n\nimport \"os/exec\"\n\nfunc run(x string) {\n\texec.Command(\"sh\", \"-c\", x).Run()\n\texec.Command(\"ls\").Run()\n}\n";
    assert_eq!(lines(&go, "main.go", src), vec![6]);
    let java = one_rule("java", "    pattern: Runtime.getRuntime().exec($X)\n");
    let src = "class A {\n  void f(String c) throws Exception {\n    Runtime.getRuntime().exec(c);\n    other.exec(c);\n  }\n}\n";
    assert_eq!(lines(&java, "A.java", src), vec![3]);
}

#[test]
fn ruby_patterns_match_calls_with_or_without_parentheses_and_blocks() {
    let set = one_rule("ruby", "    pattern: IO.popen($X, ...)\n");
    let src =
        "IO.popen(cmd)\nIO.popen cmd, \"r\"\nIO.popen(cmd) { |io| io.read }\nFile.popen(cmd)\n";
    assert_eq!(lines(&set, "a.rb", src), vec![1, 2, 3]);
    // Options (`key: value`) are keyword arguments: a positional `$Q` is not one of them.
    let set = one_rule(
        "ruby",
        "    patterns:\n      - pattern: $M.where($X, ...)\n      - pattern-not: $M.where(\"...\", ...)\n",
    );
    let src = "User.where(\"id = #{id}\")\nUser.where(id: id)\nUser.where(\"id = ?\", id)\nUser.where(cond)\n";
    assert_eq!(lines(&set, "u.rb", src), vec![1, 4]);
    let set = one_rule("ruby", "    pattern: $P.permit!\n");
    assert_eq!(
        lines(
            &set,
            "c.rb",
            "params.permit!\nparams.permit(:a)\nparams.require(:u).permit!\n"
        ),
        vec![1, 3]
    );
}

#[test]
fn php_metavariables_superglobals_and_deep_arguments() {
    // `$DB` is a metavariable; `$_GET` is PHP's superglobal, matched as written.
    let set = one_rule("php", "    pattern: $DB->query($_GET[...])\n");
    let src =
        "<?php\n$db->query($_GET['q']);\n$pdo->query($_POST['q']);\n$conn->query($_GET['x']);\n";
    assert_eq!(lines(&set, "a.php", src), vec![2, 4]);
    // `<... X ...>` inside an argument, and statements after an HTML section.
    let set = one_rule(
        "php",
        "    patterns:\n      - pattern: echo <... $_GET ...>;\n      - pattern-not: echo <... htmlspecialchars(...) ...>;\n",
    );
    let src = "<?php\necho 'Hi ' . $_GET['n'];\necho 'Hi ' . htmlspecialchars($_GET['n']);\n?>\n<p>x</p>\n<?php\necho $_GET['m'];\n";
    assert_eq!(lines(&set, "b.php", src), vec![2, 7]);
    // Strings match by value whatever the quoting; interpolating strings are not literals.
    let set = one_rule("php", "    pattern: system(\"ls\")\n");
    let src = "<?php\nsystem('ls');\nsystem(\"ls\");\nsystem(\"ls $dir\");\n";
    assert_eq!(lines(&set, "c.php", src), vec![2, 3]);
}

#[test]
fn csharp_patterns_expressions_lambdas_and_object_creation() {
    // `A.B` is no C# statement, yet it is a pattern.
    let set = one_rule("csharp", "    pattern: DtdProcessing.Parse\n");
    let src = "class A {\n  void F() {\n    var s = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };\n    s.DtdProcessing = DtdProcessing.Prohibit;\n  }\n}\n";
    assert_eq!(lines(&set, "A.cs", src), vec![3]);
    let set = one_rule(
        "csharp",
        "    pattern: $X.ServerCertificateValidationCallback = ($A, $B, $C, $D) => true\n",
    );
    let src = "class A {\n  void F() {\n    ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => true;\n    ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => e == SslPolicyErrors.None;\n  }\n}\n";
    assert_eq!(lines(&set, "B.cs", src), vec![3]);
    // Verbatim and plain strings by value.
    let set = one_rule("csharp", "    pattern: Process.Start(\"cmd.exe\", $ARGS)\n");
    let src = "class A {\n  void F(string x) {\n    Process.Start(@\"cmd.exe\", \"/c \" + x);\n    Process.Start(\"cmd.exe\", x);\n    Process.Start(\"sh\", x);\n  }\n}\n";
    assert_eq!(lines(&set, "C.cs", src), vec![3, 4]);
}

#[test]
fn rust_paths_method_chains_and_macros() {
    let set = one_rule("rust", "    pattern: CString::new(...).unwrap().as_ptr()\n");
    let src = "fn f(x: &str) {\n    let p = CString::new(x).unwrap().as_ptr();\n    let s = CString::new(x).unwrap();\n    let q = s.as_ptr();\n}\n";
    assert_eq!(lines(&set, "a.rs", src), vec![2]);
    // A path matches the same path; a turbofish is other code, as in Semgrep.
    let set = one_rule("rust", "    pattern: std::mem::transmute(...)\n");
    let src = "fn f(x: f32) {\n    let a: u32 = unsafe { std::mem::transmute(x) };\n    let b = unsafe { std::mem::transmute::<f32, u32>(x) };\n}\n";
    assert_eq!(lines(&set, "b.rs", src), vec![2]);
    // `format!(...)`: the macro's tokens are matched with `...`.
    let set = one_rule(
        "rust",
        "    pattern: Command::new(\"sh\").arg(\"-c\").arg(format!(...))\n",
    );
    let src = "fn f(d: &str) {\n    Command::new(\"sh\").arg(\"-c\").arg(format!(\"ls {}\", d)).status();\n    Command::new(\"sh\").arg(\"-c\").arg(\"ls\").status();\n}\n";
    assert_eq!(lines(&set, "c.rs", src), vec![2]);
}

#[test]
fn rust_use_lists_with_self_and_aliases_resolve() {
    // Beyond Semgrep 1.182, which leaves `self` in a use list unresolved.
    let set = one_rule("rust", "    pattern: std::process::Command::new(...)\n");
    let src = "use std::process::{self as proc, Command as Cmd};\nuse std::{io, process::{self, Stdio}};\nfn f(x: &str) {\n    proc::Command::new(x);\n    process::Command::new(x);\n    Cmd::new(x);\n    io::Command::new(x);\n    Stdio::new(x);\n}\n";
    assert_eq!(lines(&set, "u.rs", src), vec![4, 5, 6]);
}

#[test]
fn php_heredocs_match_by_value_with_the_closing_indentation_removed() {
    let set = one_rule("php", "    pattern: fopen(\"/etc/passwd\")\n");
    let src = "<?php\nfunction f($name) {\n    fopen(<<<'EOT'\n    /etc/passwd\n    EOT);\n    fopen(<<<EOT\n    /etc/$name\n    EOT);\n}\n";
    assert_eq!(lines(&set, "h.php", src), vec![3]);
}

#[test]
fn taint_in_php_and_ruby() {
    let php = rules(
        "rules:\n  - id: t\n    languages: [php]\n    severity: ERROR\n    message: tainted\n    mode: taint\n    pattern-sources:\n      - pattern: $_GET[...]\n    pattern-sinks:\n      - pattern: $DB->query(...)\n    pattern-sanitizers:\n      - pattern: intval(...)\n",
    );
    let src = "<?php\nfunction f($db) {\n    $id = $_GET['id'];\n    $sql = \"SELECT * FROM t WHERE id = \" . $id;\n    $db->query($sql);\n    $n = intval($_GET['n']);\n    $db->query(\"SELECT \" . $n);\n}\n";
    assert_eq!(lines(&php, "t.php", src), vec![5]);
    let ruby = rules(
        "rules:\n  - id: t\n    languages: [ruby]\n    severity: ERROR\n    message: tainted\n    mode: taint\n    pattern-sources:\n      - pattern: params[...]\n    pattern-sinks:\n      - pattern: system(...)\n",
    );
    let src = "def run\n  name = params[:name]\n  cmd = \"ls #{name}\"\n  system(cmd)\n  system(\"ls\")\nend\n";
    assert_eq!(lines(&ruby, "t.rb", src), vec![4]);
}

#[test]
fn taint_follows_calls_to_functions_of_the_same_file() {
    let engine = SastEngine::new(None);
    let src = b"import os\nfrom flask import request\n\n\ndef build(value):\n    return 'ping -c 1 ' + value\n\n\ndef run_it(cmd):\n    os.system(cmd)\n\n\ndef clean(value):\n    return 'ping -c 1 localhost'\n\n\ndef handler():\n    host = request.args['h']\n    run_it(build(host))\n    run_it(clean(host))\n\n\nclass Api:\n    def fetch(self):\n        return request.form['cmd']\n\n    def go(self):\n        os.popen(self.fetch())\n";
    let (findings, _) = scan(&engine, "app.py", src);
    let taint: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule_id == "python/tainted-command")
        .collect();
    let lines: Vec<u32> = taint.iter().map(|f| f.location.span.start_line).collect();
    // The sink inside run_it (reached from handler through build) and the popen of a method's
    // returned source; `clean` returns no taint.
    assert_eq!(lines, vec![10, 28], "{taint:#?}");
    let path: Vec<u32> = taint[0]
        .detail
        .dataflow
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .map(|s| s.line)
        .collect();
    assert_eq!(path, vec![18, 18, 19, 5, 6, 19, 9, 10]);
}

#[test]
fn a_member_chain_of_a_hundred_thousand_names_does_not_exhaust_the_stack() {
    let engine = SastEngine::new(None);
    let mut src = String::from("import subprocess\n");
    src.push('a');
    src.push_str(&".b".repeat(100_000));
    src.push_str("(x, shell=True)\nsubprocess.call(cmd, shell=True)\n");
    // Run on a thread with a small stack, as scan workers have.
    let findings = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || scan(&engine, "chain.py", src.as_bytes()).0)
        .unwrap()
        .join()
        .unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f.rule_id == "python/subprocess-shell-true")
    );
}
