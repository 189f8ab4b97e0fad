//! Issue 13: what an attacker or a careless user puts in front of the binary.
//! Each test names the failure it guards against; each runs the binary with a
//! time limit, so that a hang fails the test instead of stalling the suite.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long any one run may take before the test fails as a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs a command, killing it (and failing the test) past [`TIME_LIMIT`].
fn run(mut command: Command) -> Output {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the binary runs");
    // Read both pipes on threads, so that a large output cannot block the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} ran for more than {TIME_LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn crosscheck(args: &[&str]) -> Output {
    let mut command = binary();
    command.args(args);
    run(command)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn succeeded(args: &[&str]) -> (String, String) {
    let output = crosscheck(args);
    assert!(
        output.status.success(),
        "crosscheck {args:?} failed: {}",
        text(&output.stderr)
    );
    (text(&output.stdout), text(&output.stderr))
}

fn write(path: &Path, content: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, content).unwrap();
}

fn article(figure: &str) -> String {
    format!("South Korean officials said {figure} soldiers were sent to Russia.\n")
}

/// The `doc` of every claim, in order.
fn docs_of(claims: &str) -> Vec<String> {
    claims
        .lines()
        .map(|line| {
            let claim: serde_json::Value = serde_json::from_str(line).unwrap();
            claim["doc"].as_str().unwrap().to_string()
        })
        .collect()
}

fn report_json(args: &[&str]) -> (serde_json::Value, String) {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let (stdout, stderr) = succeeded(&all);
    (serde_json::from_str(&stdout).unwrap(), stderr)
}

#[cfg(unix)]
#[test]
fn a_fifo_and_a_link_to_dev_zero_are_skipped_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("good.txt"), &article("1,500"));
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let (report, stderr) = report_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(report["documents_read"], 1, "{stderr}");
    for name in ["pipe.txt", "zero.txt"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(name) && l.contains("not a regular file")),
            "no line for {name}: {stderr}"
        );
    }
}

#[test]
fn a_file_over_the_size_limit_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("small.txt"), &article("1,500"));
    let big = article("2,000").repeat(40);
    assert!(big.len() > 2000);
    write(&dir.path().join("big.txt"), &big);
    let path = dir.path().to_str().unwrap();
    let (report, stderr) = report_json(&["--max-file-size", "2KB", path]);
    assert_eq!(report["documents_read"], 1, "{stderr}");
    assert_eq!(report["documents_skipped"], 1, "{stderr}");
    assert!(
        stderr.contains("big.txt: skipped: the file has")
            && stderr.contains("more than the limit of 2000")
            && stderr.contains("--max-file-size"),
        "{stderr}"
    );
    // The default limit reads it.
    let (report, _) = report_json(&[path]);
    assert_eq!(report["documents_read"], 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_each_document_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root.join("a.txt"), &article("1,500"));
    write(&root.join("sub/b.txt"), &article("2,500"));
    // Two links back to a parent, and one to a sibling folder.
    std::os::unix::fs::symlink(&root, root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub/up-again")).unwrap();
    std::os::unix::fs::symlink(root.join("sub"), root.join("also-sub")).unwrap();
    let (claims, stderr) = succeeded(&["claims", root.to_str().unwrap()]);
    assert_eq!(docs_of(&claims), ["a", "also-sub/b"], "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
}

/// As root, a folder with no permissions is still readable, so the run drops
/// to the user `nobody` (with `setpriv`) to meet the error a user would.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_skipped_and_the_walk_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root.join("a.txt"), &article("1,500"));
    write(&root.join("b-locked/c.txt"), &article("2,500"));
    write(&root.join("d/e.txt"), &article("3,500"));
    write(&root.join("f.txt"), &article("4,500"));
    let open = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(dir.path(), open.clone()).unwrap();
    std::fs::set_permissions(&root, open).unwrap();
    std::fs::set_permissions(
        root.join("b-locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut command = if root_user {
        // The binary may sit where `nobody` cannot reach it: a copy beside the corpus.
        let copy = dir.path().join("crosscheck");
        if std::fs::hard_link(env!("CARGO_BIN_EXE_crosscheck"), &copy).is_err() {
            std::fs::copy(env!("CARGO_BIN_EXE_crosscheck"), &copy).unwrap();
        }
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(&copy);
        command
    } else {
        binary()
    };
    command
        .args(["claims", root.to_str().unwrap()])
        .current_dir("/");
    let output = run(command);
    std::fs::set_permissions(
        root.join("b-locked"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        docs_of(&text(&output.stdout)),
        ["a", "d/e", "f"],
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("b-locked") && l.contains("cannot read the folder")),
        "{stderr}"
    );
}

#[test]
fn extensions_match_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("upper.TXT"), &article("1,500"));
    write(&dir.path().join("mixed.Md"), &article("2,500"));
    write(
        &dir.path().join("rows.CSV"),
        "quantity,origin,value\ntroops,A,1500\n",
    );
    let (report, stderr) = report_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(report["documents_read"], 2, "{stderr}");
    assert_eq!(report["rows_read"], 1, "{stderr}");
}

#[test]
fn a_json_report_or_an_upper_case_csv_named_directly_is_not_read_as_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    let (saved, _) = succeeded(&["report", "fixtures/seeds", "--format", "json"]);
    write(&json, &saved);
    let csv = dir.path().join("X.CSV");
    write(&csv, "quantity,origin,value\ntroops,A,1500\n");
    let (report, stderr) = report_json(&[json.to_str().unwrap(), csv.to_str().unwrap()]);
    assert_eq!(report["documents_read"], 0, "{stderr}");
    assert_eq!(report["rows_read"], 1, "{stderr}");
    assert_eq!(report["claims"].as_array().unwrap().len(), 1, "{stderr}");
    assert!(
        stderr.contains("report.json: skipped: a .json file is not an article"),
        "{stderr}"
    );
}

#[test]
fn a_report_written_into_the_input_folder_is_not_read_as_an_article() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), &article("1,500"));
    let path = dir.path().to_str().unwrap();
    let output = dir.path().join("report.md");
    let first = crosscheck(&["report", path, "-o", output.to_str().unwrap()]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    // The second run finds the report beside the article, skips it, and may
    // replace it.
    let second = crosscheck(&["report", path, "-o", output.to_str().unwrap()]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        text(&second.stderr).contains("report.md: skipped: a report written by crosscheck"),
        "{}",
        text(&second.stderr)
    );
    let (claims, _) = succeeded(&["claims", path]);
    assert_eq!(docs_of(&claims), ["a"]);
}

#[test]
fn output_over_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    write(&input, &article("1,500"));
    for inputs in [input.to_str().unwrap(), dir.path().to_str().unwrap()] {
        let output = crosscheck(&["report", inputs, "-o", input.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            text(&output.stderr).contains("refusing to write the report over"),
            "{}",
            text(&output.stderr)
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), article("1,500"));
    }
}

/// A write that fails half-way (here the file size limit, as a full disk
/// would) leaves the previous report as it was and no temporary file behind.
#[cfg(unix)]
#[test]
fn a_failed_write_keeps_the_previous_report() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.md");
    write(&target, "the previous report\n");
    let script = format!(
        "trap '' XFSZ; ulimit -f 4; exec '{}' report fixtures/seeds -o '{}'",
        env!("CARGO_BIN_EXE_crosscheck"),
        target.display()
    );
    let mut command = Command::new("bash");
    command
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    let output = run(command);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("cannot write"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the previous report\n"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.md"]);
}

#[test]
fn files_of_one_name_in_two_folders_get_two_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("reuters/update.txt"), &article("1,500"));
    write(&dir.path().join("afp/update.txt"), &article("9,000"));
    write(&dir.path().join("top.txt"), &article("3,000"));
    let (claims, _) = succeeded(&["claims", dir.path().to_str().unwrap()]);
    assert_eq!(docs_of(&claims), ["afp/update", "reuters/update", "top"]);
    // Named directly, two files of one name keep apart by their paths.
    let a = dir.path().join("reuters/update.txt");
    let b = dir.path().join("afp/update.txt");
    let (claims, _) = succeeded(&["claims", a.to_str().unwrap(), b.to_str().unwrap()]);
    let docs = docs_of(&claims);
    assert_eq!(docs.len(), 2);
    assert_ne!(docs[0], docs[1]);
    let (report, _) = report_json(&[dir.path().to_str().unwrap()]);
    let ids: Vec<&str> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["afp/update#1", "reuters/update#1", "top#1"]);
}

#[test]
fn the_same_file_given_twice_is_read_once_whatever_the_order() {
    let seed = "fixtures/seeds/002_3c3e2ea9289a0a19.txt";
    let (once, _) = succeeded(&["claims", seed]);
    let (twice, _) = succeeded(&["claims", seed, "fixtures/seeds", seed]);
    let (reversed, _) = succeeded(&["claims", seed, "fixtures/seeds"]);
    let (all, _) = succeeded(&["claims", "fixtures/seeds"]);
    assert_eq!(twice, all);
    assert_eq!(reversed, all);
    assert!(all.contains(&once));
}

/// Text, front matter, file names and table fields that hold markup reach
/// the Markdown report inert: no raw HTML, no link but http(s), no bidi
/// override, no line or table cell broken.
#[test]
fn markup_in_the_inputs_reaches_the_markdown_inert() {
    let dir = tempfile::tempdir().unwrap();
    let payload = "<script>alert(1)</script> <img src=x onerror=alert(2)> \
                   [click](javascript:alert(3)) ![i](javascript:alert(4)) \
                   <javascript:alert(5)> evil@example.com \u{202E}gnp.exe";
    write(
        &dir.path().join("[x](javascript:alert(6)).txt"),
        &format!(
            "+++\nsource = \"<img src=x onerror=alert(7)>\\n| a | b |\"\n+++\n\
             South Korean officials said 1,500 soldiers were sent, {payload}.\n"
        ),
    );
    write(
        &dir.path().join("rows.csv"),
        "quantity,origin,outlet,value\n\
         \"troops <script>x</script>\",\"[o](javascript:alert(8))\",\"\u{202E}evil\nline\",1500\n",
    );
    let (markdown, _) = succeeded(&["report", dir.path().to_str().unwrap()]);
    // A pattern standing in the Markdown with no backslash before it.
    let raw = |pattern: &str| {
        markdown
            .match_indices(pattern)
            .any(|(i, _)| i == 0 || markdown.as_bytes()[i - 1] != b'\\')
    };
    for forbidden in [
        "<script",
        "<img",
        "](javascript:",
        "<javascript:",
        "\u{202E}",
    ] {
        assert!(!raw(forbidden), "{forbidden:?} in:\n{markdown}");
    }
    assert!(!markdown.contains("evil@example.com"), "{markdown}");
    // Every table row still has its columns: no cell broke out.
    for line in markdown.lines().filter(|l| l.starts_with('|')) {
        let unescaped_pipes = line
            .match_indices('|')
            .filter(|(i, _)| *i == 0 || line.as_bytes()[i - 1] != b'\\');
        let columns = unescaped_pipes.count() - 1;
        assert!(columns == 5 || columns == 7, "{line}");
    }
    assert!(markdown.contains("\\<script\\>"), "{markdown}");
}

#[test]
fn a_word_joiner_inside_a_number_does_not_split_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("joined.txt");
    write(&path, &article("12\u{2060},\u{2060}000"));
    let (claims, _) = succeeded(&["claims", path.to_str().unwrap()]);
    let claim: serde_json::Value = serde_json::from_str(claims.lines().next().unwrap()).unwrap();
    assert_eq!(claims.lines().count(), 1, "{claims}");
    assert_eq!(claim["value"], 12000.0);
}

#[test]
fn huge_and_non_finite_values_in_a_table_are_named_or_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    write(
        &path,
        "quantity,origin,value,low,high\n\
         q,A,1e39,,\n\
         q,B,,-inf,5\n\
         q,C,NaN,,\n\
         q,D,,1,inf\n",
    );
    let (markdown, stderr) = succeeded(&["report", path.to_str().unwrap()]);
    assert!(!markdown.contains("340,282,366"), "{markdown}");
    assert!(markdown.contains("1e39"), "{markdown}");
    for line in 3..=5 {
        assert!(
            stderr.contains(&format!("t.csv:{line}: skipped: bad row:"))
                && stderr.contains("is not a finite number"),
            "line {line}: {stderr}"
        );
    }
    let (report, _) = report_json(&[path.to_str().unwrap()]);
    assert_eq!(report["rows_read"], 1);
}

#[test]
fn negative_figures_in_a_table_work_alone_and_as_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("temperature.csv");
    write(
        &path,
        "quantity,origin,value,low,high,qualifier\n\
         low-temperature,A,-5,,,\n\
         low-temperature,B,-5,,,about\n\
         low-temperature,C,,-8,-4,range\n\
         low-temperature,D,-5,,,at_most\n",
    );
    let (report, stderr) = report_json(&[path.to_str().unwrap()]);
    assert_eq!(report["rows_read"], 4, "{stderr}");
    let group = &report["groups"][0];
    let consensus = &group["consensus"];
    assert_eq!(consensus["best"], -5.0, "{group}");
    let (low, high) = (
        consensus["low"].as_f64().unwrap(),
        consensus["high"].as_f64().unwrap(),
    );
    assert!(low <= -5.0 && -5.0 <= high, "{group}");
    assert!(
        group["contradictions"].as_array().unwrap().is_empty(),
        "{group}"
    );
}

#[test]
fn csv_errors_name_the_line_of_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let lf = dir.path().join("lf.csv");
    write(&lf, "quantity,origin,value\nq,A,1\nq,B\nq,C,3\nq,,4\n");
    let crlf = dir.path().join("crlf.csv");
    write(
        &crlf,
        "quantity,origin,value\r\nq,A,1\r\nq,B\r\n\"q\r\nq\",C,3\r\nq,,4\r\n",
    );
    let (_, stderr) = succeeded(&["report", lf.to_str().unwrap(), crlf.to_str().unwrap()]);
    for expected in [
        "lf.csv:3: skipped: bad row: this row has 2 fields, the header 3",
        "lf.csv:5: skipped: bad row: no origin",
        "crlf.csv:3: skipped: bad row: this row has 2 fields, the header 3",
        "crlf.csv:6: skipped: bad row: no origin",
    ] {
        assert!(stderr.contains(expected), "{expected} not in:\n{stderr}");
    }
}

#[test]
fn numbers_that_are_not_numbers_in_rule_files_fail_rules_check() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("en.toml"),
        "format = 1\n[language]\ncode = \"en\"\nname = \"English\"\nscript = \"latin\"\n\
         [numbers.words]\n\"zilch\" = nan\n\"lots\" = inf\n\"minus\" = -5\n",
    );
    let output = crosscheck(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let diagnostics = text(&output.stdout);
    for line in [7, 8, 9] {
        assert!(
            diagnostics.contains(&format!("en.toml:{line}:")),
            "line {line}: {diagnostics}"
        );
    }
}

#[test]
fn a_rule_test_with_a_broken_language_line_fails() {
    for header in ["# lang: e\"n", "# lang: xx"] {
        let dir = tempfile::tempdir().unwrap();
        write(
            &dir.path().join("cases.txt"),
            &format!("{header}\nAt least 100 people were killed.\n#> 100 = 100 exact wounded\n"),
        );
        let output = crosscheck(&["rules", "test", dir.path().to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{header}: {}",
            text(&output.stdout)
        );
        assert!(
            !text(&output.stdout).contains(" 0 failed"),
            "{header}: {}",
            text(&output.stdout)
        );
    }
}

#[cfg(unix)]
#[test]
fn a_rule_folder_with_a_link_loop_loads() {
    let dir = tempfile::tempdir().unwrap();
    let rules: PathBuf = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("sub")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/drones/kinds.toml"),
        rules.join("kinds.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&rules, rules.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(&rules, rules.join("sub/up-again")).unwrap();
    let output = crosscheck(&["rules", "check", rules.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
}

/// Issue 13: an 80,000-letter word, a grouped number of 100 KB and a line of
/// 3,000 words with no punctuation are capped (a token's length, a sentence's
/// length), each with a message, and the figures around them are still read.
#[test]
fn long_tokens_and_sentences_are_capped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let word = "a".repeat(80_000);
    let number = format!("1{}", ",000".repeat(25_000));
    let line = "officials said 1200 people were killed in the north ".repeat(300);
    write(
        &path,
        &format!(
            "Officials said 1,200 people were killed in {word} on Monday.\n\
             Officials said {number} people were displaced.\n{line}\n"
        ),
    );
    let (claims, stderr) = succeeded(&["claims", path.to_str().unwrap()]);
    assert!(
        stderr.contains("line 1: a word or number of 80000 bytes, longer than the limit of 128"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 2: a word or number of 100001 bytes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 3: a sentence longer than 1000 tokens (--max-sentence-tokens)"),
        "{stderr}"
    );
    assert_eq!(claims.lines().count(), 301, "{stderr}");
    // The caps are options.
    let short = dir.path().join("short.txt");
    write(
        &short,
        &format!(
            "Officials said 1,200 people were killed in {}.\n{}\n",
            "a".repeat(200),
            "officials said 1200 people were killed ".repeat(20)
        ),
    );
    let (_, stderr) = succeeded(&["claims", short.to_str().unwrap()]);
    assert!(stderr.contains("line 1:"), "{stderr}");
    let (_, stderr) = succeeded(&[
        "claims",
        "--max-token-bytes",
        "300",
        "--max-sentence-tokens",
        "50",
        short.to_str().unwrap(),
    ]);
    assert!(!stderr.contains("line 1:"), "{stderr}");
    assert!(
        stderr.contains("line 2: a sentence longer than 50 tokens"),
        "{stderr}"
    );
}
