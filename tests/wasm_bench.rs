//! Browser benchmark (run by `./build.sh bench`, ignored by `./build.sh test`): the page
//! pipeline on real-shaped markup in Chromium: read a batch of posts, decide in core, and
//! write the marks and hints, as the content script does once per animation frame.
#![cfg(target_arch = "wasm32")]

use rapport::core::ledger::Ledger;
use rapport::core::page::{self, Context, Theme};
use rapport::core::route::Route;
use rapport::core::settings::Settings;
use rapport::dom::{extract, render};
use wasm_bindgen_test::*;
use web_sys::{DomParser, Element, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

const HOME: &str = include_str!("fixtures/pages/home.html");

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// One pass over `n` posts: extract, complete, classify and decide hints, then write.
fn pass(doc: &web_sys::Document, articles: &[Element], ledger: &Ledger, settings: &Settings) {
    let mut posts = Vec::new();
    let mut elements = Vec::new();
    for a in articles {
        if let (Some(p), _) = extract::post(a) {
            posts.push(p);
            elements.push(a.clone());
        }
    }
    page::complete(&mut posts, &Route::Home);
    let ctx = Context {
        route: &Route::Home,
        me: "mara_quinn",
        now: js_sys::Date::now() as i64,
        settings,
        ledger,
    };
    let marks = page::marks(&posts, &ctx);
    render::marks(&elements, &marks);
    render::hints(doc, &elements, &marks, Theme::Light);
}

/// Runs before the measured ones, unrecorded. Whichever benchmark the runner starts first
/// otherwise pays for V8's lazy compilation and tier-up of the wasm and for the heap growing
/// to its working size: measured 2026-11-25 in headless Chromium, the same extract code had a
/// median of 1.8-2.9 ms over its first 60 runs in a fresh browser and 1.1-1.2 ms afterwards.
/// The budgets are per animation frame in a running page, so the benchmarks measure that.
const WARM_UP: usize = 30;

/// Runs measured per benchmark.
const RUNS: usize = 60;

fn report(label: &str, mut samples: Vec<f64>) {
    samples.sort_by(|a, b| a.total_cmp(b));
    let med = samples[samples.len() / 2];
    let p95 = samples[samples.len() * 95 / 100];
    wasm_bindgen_test::console_log!(
        "BENCH {label}: median {med:.3} ms, p95 {p95:.3} ms over {} runs",
        samples.len()
    );
}

fn bench(n: usize, label: &str) {
    let html = HOME.replace("{{ago:", "").replace("}}", "");
    let settings = Settings::default();
    let ledger = Ledger::new();
    rapport::core::classify::warm_up();
    let mut samples = Vec::new();
    for run in 0..WARM_UP + RUNS {
        let doc = DomParser::new()
            .unwrap()
            .parse_from_string(&html, SupportedType::TextHtml)
            .unwrap();
        let articles: Vec<Element> = extract::articles(&doc).into_iter().take(n).collect();
        let t0 = now_ms();
        pass(&doc, &articles, &ledger, &settings);
        if run >= WARM_UP {
            samples.push(now_ms() - t0);
        }
    }
    report(label, samples);
}

#[wasm_bindgen_test]
#[ignore]
fn bench_batch_of_20_new_posts() {
    bench(20, "extract+classify+mark, batch of 20 posts");
}

#[wasm_bindgen_test]
#[ignore]
fn bench_extract_only_40() {
    let html = HOME.replace("{{ago:", "").replace("}}", "");
    let mut samples = Vec::new();
    let mut decide = Vec::new();
    let settings = Settings::default();
    let ledger = Ledger::new();
    rapport::core::classify::warm_up();
    for run in 0..WARM_UP + RUNS {
        let doc = DomParser::new()
            .unwrap()
            .parse_from_string(&html, SupportedType::TextHtml)
            .unwrap();
        let articles: Vec<Element> = extract::articles(&doc).into_iter().take(40).collect();
        let t0 = now_ms();
        let mut posts: Vec<_> = articles.iter().filter_map(|a| extract::post(a).0).collect();
        let extracted = now_ms() - t0;
        let t1 = now_ms();
        page::complete(&mut posts, &Route::Home);
        let ctx = Context {
            route: &Route::Home,
            me: "mara_quinn",
            now: js_sys::Date::now() as i64,
            settings: &settings,
            ledger: &ledger,
        };
        std::hint::black_box(page::marks(&posts, &ctx));
        if run >= WARM_UP {
            samples.push(extracted);
            decide.push(now_ms() - t1);
        }
    }
    report("extract only, 40 posts", samples);
    report("core decisions only, 40 posts", decide);
}

#[wasm_bindgen_test]
#[ignore]
fn bench_batch_of_40_posts() {
    bench(40, "extract+classify+mark, batch of 40 posts");
}

/// The post texts of every fixture page (the same set the native classify bench times).
fn fixture_texts() -> Vec<String> {
    let files = [
        include_str!("fixtures/pages/home.expected.json"),
        include_str!("fixtures/pages/home-de.expected.json"),
        include_str!("fixtures/pages/status.expected.json"),
        include_str!("fixtures/pages/mentions.expected.json"),
        include_str!("fixtures/pages/notifications.expected.json"),
        include_str!("fixtures/pages/profile-me.expected.json"),
        include_str!("fixtures/pages/profile-other.expected.json"),
        include_str!("fixtures/pages/hovercard.expected.json"),
        include_str!("fixtures/pages/compose.expected.json"),
    ];
    files
        .iter()
        .flat_map(|f| {
            let v: serde_json::Value = serde_json::from_str(f).unwrap();
            v["posts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["text"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[wasm_bindgen_test]
#[ignore]
fn bench_classify_in_wasm() {
    use rapport::core::classify::{PostInput, classify, warm_up};
    warm_up();
    let texts = fixture_texts();
    let mut samples = Vec::new();
    for _ in 0..40 {
        let t0 = now_ms();
        for _ in 0..20 {
            for t in &texts {
                std::hint::black_box(classify(&PostInput::new(t)));
            }
        }
        samples.push((now_ms() - t0) * 1000.0 / (20 * texts.len()) as f64);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    wasm_bindgen_test::console_log!(
        "BENCH classify in wasm: median {:.2} us/post over {} fixture posts",
        samples[samples.len() / 2],
        texts.len()
    );
}
