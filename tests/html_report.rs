//! Issue 14: the HTML report is safe with hostile text and reads in a real
//! browser.
//!
//! - `hostile_text_is_inert_in_every_html_context` reads the page the binary
//!   writes for `fixtures/hostile` (markup, `javascript:` URLs, attribute
//!   breakouts and bidi controls in the text, the front matter, a table and a
//!   file name) with a strict scanner: every tag and attribute must be one the
//!   renderer writes, every link http(s) or an anchor of the page.
//! - The browser tests load pages in headless Chromium (`chromium-headless-shell`
//!   or `chromium`, or the binary `CROSSCHECK_CHROMIUM` names) and read the DOM
//!   it dumps and the console lines it logs. Where no Chromium is installed they
//!   skip with a message, except under `CI`, where `.ci/run` installs one and a
//!   missing browser is a failure.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long one run of the binary or of the browser may take before the test
/// fails as a hang (the browser starts slowly on a loaded machine).
const TIME_LIMIT: Duration = Duration::from_secs(180);

/// Runs a command, killing it (and failing the test) past [`TIME_LIMIT`].
fn run(mut command: Command) -> Output {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the command starts");
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

/// The binary's standard output for `args`, which must succeed.
fn crosscheck(args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    let output = run(command);
    assert!(
        output.status.success(),
        "crosscheck {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

/// `fixtures/hostile` copied into a temporary folder, with one more article
/// whose file name is markup (a name git would not keep well).
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("\"><svg onload=alert('name')>.txt"),
        "+++\nsource = \"Named Wire\"\npublished = \"2024-03-05\"\nlang = \"en\"\n+++\n\
         Western officials said about 5,000 Iranian troops had been deployed to the border region.\n",
    )
    .unwrap();
    dir
}

/// A tag of the page: its name and its attributes, as written.
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Every tag of `page`. An attribute value must be in double quotes, as
/// both the renderer and Chromium's serialiser write them; `strict`, it must
/// also hold no `<`, as the renderer writes them (a serialiser may leave one
/// in). Anything else is a breakout and fails the test.
fn tags(page: &str, strict: bool) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix("!DOCTYPE html>") {
            rest = after;
            continue;
        }
        let rest_of_tag = rest.trim_start_matches('/');
        let name_end = rest_of_tag
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .expect("a tag ends");
        let name = rest_of_tag[..name_end].to_string();
        let mut inside = &rest_of_tag[name_end..];
        let mut attributes = Vec::new();
        loop {
            inside = inside.trim_start();
            if let Some(after) = inside
                .strip_prefix("/>")
                .or_else(|| inside.strip_prefix('>'))
            {
                rest = after;
                break;
            }
            let name_end = inside
                .find(['=', '>', ' ', '/'])
                .expect("an attribute ends");
            let attribute = inside[..name_end].to_string();
            let after_name = &inside[name_end..];
            let Some(quoted) = after_name.strip_prefix("=\"") else {
                panic!("attribute {attribute:?} of <{name}> has no quoted value: {after_name:.80}");
            };
            let value_end = quoted.find('"').expect("a value ends");
            let value = quoted[..value_end].to_string();
            assert!(
                !(strict && value.contains('<')),
                "<{name} {attribute}={value:?}>"
            );
            attributes.push((attribute, value));
            inside = &quoted[value_end + 1..];
        }
        tags.push(Tag { name, attributes });
    }
    tags
}

/// The tags and attributes the renderer writes: any other is injected.
const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "section",
    "main",
    "footer",
    "ol",
    "ul",
    "li",
    "a",
    "strong",
    "code",
    "span",
    "bdi",
    "mark",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "svg",
    "g",
    "line",
    "rect",
    "path",
    "circle",
    "text",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "class",
    "id",
    "href",
    "rel",
    "dir",
    "title",
    "xmlns",
    "viewBox",
    "role",
    "aria-labelledby",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "width",
    "height",
    "d",
    "cx",
    "cy",
    "r",
    "text-anchor",
];

/// Explicit bidirectional formatting, which the renderer drops everywhere.
fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Markup, `javascript:` URLs, attribute breakouts and bidi controls in the
/// text, the front matter, a table of claims and a file name: in the HTML
/// every one is text in its element, inside its attribute, and never a link.
#[test]
fn hostile_text_is_inert_in_every_html_context() {
    let dir = hostile_folder();
    let page = crosscheck(&["report", dir.path().to_str().unwrap(), "--format", "html"]);
    // Element context: only the renderer's own tags, and the payloads as text.
    let tags = tags(&page, true);
    for tag in &tags {
        assert!(
            TAGS.contains(&tag.name.as_str()),
            "injected tag <{}>",
            tag.name
        );
        for (attribute, value) in &tag.attributes {
            assert!(
                ATTRIBUTES.contains(&attribute.as_str()),
                "injected attribute {attribute}={value:?} on <{}>",
                tag.name
            );
        }
    }
    for payload in [
        "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;",
        "&lt;img src=x onerror=&quot;alert(&#39;img&#39;)&quot;&gt;",
        "Wire &lt;img src=x onerror=alert(&#39;outlet&#39;)&gt;",
        "Tehran &lt;svg onload=alert(&#39;svg&#39;)&gt;",
        "troops &lt;script&gt;alert(&#39;quantity&#39;)&lt;/script&gt;",
        "&lt;/bdi&gt;&lt;script&gt;alert(&#39;bdi&#39;)&lt;/script&gt;",
        "&quot;&gt;&lt;svg onload=alert(&#39;name&#39;)&gt;",
    ] {
        assert!(page.contains(payload), "{payload} is not shown as text");
    }
    // Attribute context: a value that closes its quotes would have made an
    // attribute of its own above; the escaped quote stays inside.
    assert!(page.contains("State Agency&quot; onmouseover=&quot;alert(&#39;attr&#39;)"));
    // URL context: links go to http(s) addresses or to the page itself.
    for tag in tags.iter().filter(|t| t.name == "a") {
        for (attribute, value) in &tag.attributes {
            if attribute == "href" {
                let lower = value.to_ascii_lowercase();
                assert!(
                    value.starts_with('#')
                        || lower.starts_with("https://")
                        || lower.starts_with("http://"),
                    "href={value:?}"
                );
            }
        }
    }
    // The https URL with markup in its query is a link, escaped; the others are text.
    assert!(page.contains(
        "href=\"https://example.org/report?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(&#39;href&#39;)&lt;/script&gt;\""
    ));
    assert!(page.contains(
        "href=\"https://example.org/relay?q=&quot;onmouseover=&quot;alert(&#39;href2&#39;)\""
    ));
    for shown in [
        "javascript:alert(&#39;url&#39;) (not a web address; not linked)",
        "JaVaScRiPt:alert(&#39;case&#39;) (not a web address; not linked)",
    ] {
        assert!(page.contains(shown), "{shown}");
    }
    // `lang` holds only language tags.
    for tag in &tags {
        for (attribute, value) in &tag.attributes {
            if attribute == "lang" {
                assert!(
                    value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "lang={value:?}"
                );
            }
        }
    }
    // Bidi controls are gone from the whole page.
    assert!(!page.chars().any(is_bidi_control), "a bidi control is left");
}

/// The Chromium to test with: `CROSSCHECK_CHROMIUM`, else the first of the
/// Debian packages' binaries found on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CROSSCHECK_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium-headless-shell", "chromium", "chromium-browser"]
        .into_iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser, or `None` after saying why the test is skipped. Under `CI`,
/// where `.ci/run` installs Chromium, a missing browser fails instead.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: no Chromium found under CI; .ci/run installs chromium-headless-shell"
        );
        // Straight to stderr, past the test harness's capture, so the skip
        // shows in a plain `cargo test`.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped: no Chromium installed (apt-get install chromium-headless-shell, \
             or set CROSSCHECK_CHROMIUM to a Chromium binary)"
        );
    }
    found
}

/// What a browser made of a page: the DOM it dumps and what the page logged
/// on the console (Chromium prints console messages, Content-Security-Policy
/// violations included, as `CONSOLE` lines on stderr).
struct Loaded {
    dom: String,
    console: Vec<String>,
}

/// Loads `page` (a file) in headless Chromium and dumps its DOM.
fn load(browser: &Path, page: &Path) -> Loaded {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        // Root in a container has no user namespace to sandbox with.
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    command.arg(format!("--user-data-dir={}", profile.path().display()));
    command.args(["--dump-dom", &url]);
    let output = run(command);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} failed on {url}: {stderr}",
        browser.display()
    );
    Loaded {
        dom: String::from_utf8_lossy(&output.stdout).into_owned(),
        console: stderr
            .lines()
            .filter(|line| line.contains("CONSOLE"))
            .map(str::to_string)
            .collect(),
    }
}

/// The harness itself: a page with a script, an inline handler and a load
/// from elsewhere, under the report's Content-Security-Policy, logs each on
/// the console. Without this, a browser that logged nothing would let the
/// tests below pass whatever the page held.
#[test]
fn the_browser_check_sees_what_a_script_would_do() {
    let Some(browser) = browser_or_skip("the_browser_check_sees_what_a_script_would_do") else {
        return;
    };
    let page = crosscheck(&["report", "fixtures/reconcile/denial", "--format", "html"]);
    let injected = page.replacen(
        "</body>",
        "<script>document.title = 'ran'</script><img src=\"x.png\" onerror=\"document.title = 'ran'\"></body>",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("probe.html");
    std::fs::write(&path, injected).unwrap();
    let loaded = load(&browser, &path);
    assert!(loaded.dom.contains("<script>"), "{}", loaded.dom);
    assert!(
        loaded.console.len() >= 2,
        "the blocked script and handler are not on the console: {:?}",
        loaded.console
    );
    assert!(loaded.dom.contains("<title>crosscheck report</title>"));
}

/// `crosscheck report fixtures/seeds --format html -o seeds.html` opens in
/// Chromium with the summary first, one chart per quantity, no script and
/// nothing on the console.
#[test]
fn the_seeds_report_reads_in_chromium() {
    let Some(browser) = browser_or_skip("the_seeds_report_reads_in_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seeds.html");
    crosscheck(&[
        "report",
        "fixtures/seeds",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&crosscheck(&[
        "report",
        "fixtures/seeds",
        "--format",
        "json",
    ]))
    .unwrap();
    let quantities = json["groups"].as_array().unwrap().len();
    let loaded = load(&browser, &path);
    let dom = &loaded.dom;
    assert!(loaded.console.is_empty(), "console: {:?}", loaded.console);
    let summary = dom.find("<section id=\"summary\">").expect("a summary");
    let first_quantity = dom.find("<section class=\"quantity\"").expect("quantities");
    assert!(summary < first_quantity, "the summary comes first");
    assert!(dom.contains("In dispute: South Korean intelligence officials and the West disagree"));
    assert_eq!(dom.matches("<svg class=\"chart\"").count(), quantities);
    assert_eq!(
        dom.matches("<section class=\"quantity\"").count(),
        quantities
    );
    // The Arabic quotes are right to left.
    assert!(dom.contains("<span lang=\"ar\" dir=\"rtl\">"));
    assert!(
        tags(dom, false)
            .iter()
            .all(|t| TAGS.contains(&t.name.as_str())),
        "an element the renderer does not write"
    );
    assert!(dom.contains("<title>crosscheck report</title>"));
}

/// The hostile fixture in the browser: nothing it holds becomes an element,
/// a handler or a link, and nothing tries to run (a blocked attempt would be
/// on the console).
#[test]
fn hostile_text_runs_nothing_in_chromium() {
    let Some(browser) = browser_or_skip("hostile_text_runs_nothing_in_chromium") else {
        return;
    };
    let dir = hostile_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("hostile.html");
    crosscheck(&[
        "report",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ]);
    let loaded = load(&browser, &path);
    assert!(loaded.console.is_empty(), "console: {:?}", loaded.console);
    let dom = &loaded.dom;
    for tag in tags(dom, false) {
        assert!(
            TAGS.contains(&tag.name.as_str()),
            "injected element <{}>",
            tag.name
        );
        for (attribute, value) in &tag.attributes {
            assert!(
                ATTRIBUTES.contains(&attribute.as_str()),
                "injected attribute <{} {attribute}={value:?}>",
                tag.name
            );
            if attribute == "href" {
                assert!(
                    !value
                        .to_ascii_lowercase()
                        .trim_start()
                        .starts_with("javascript:"),
                    "href={value:?}"
                );
            }
        }
    }
    assert!(dom.contains("&lt;script&gt;alert('text')&lt;/script&gt;"));
    assert!(dom.contains("<title>crosscheck report</title>"));
}
