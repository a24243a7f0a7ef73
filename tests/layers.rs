//! House rules, enforced: X knowledge only in the selectors table, a pure core, no HTML or eval
//! sinks, every source file documented, and the manifests asking for no more than they need.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, exts, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| exts.contains(&x))
        {
            out.push(p);
        }
    }
}

fn sources(dirs: &[&str], exts: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in dirs {
        files(&root().join(d), exts, &mut out);
    }
    out.into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read_to_string(&p).unwrap_or_default())
        })
        .collect()
}

#[test]
fn data_testid_appears_only_in_the_selectors_table() {
    let offenders: Vec<String> =
        sources(&["src", "extension"], &["rs", "js", "html", "css", "json"])
            .into_iter()
            .filter(|(p, text)| p != "src/dom/selectors.rs" && text.contains("data-testid"))
            .map(|(p, _)| p)
            .collect();
    assert!(
        offenders.is_empty(),
        "data-testid outside src/dom/selectors.rs: {offenders:?}"
    );
}

#[test]
fn core_is_pure_rust() {
    for (p, text) in sources(&["src/core"], &["rs"]) {
        for banned in ["web_sys", "js_sys", "wasm_bindgen", "gloo"] {
            assert!(!text.contains(banned), "{p} uses {banned}");
        }
    }
}

#[test]
fn no_html_or_eval_sinks() {
    let sinks = [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "set_inner_html",
        "set_outer_html",
        "document.write",
        "eval(",
        "new Function(",
    ];
    for (p, text) in sources(&["src", "extension"], &["rs", "js", "html"]) {
        for s in sinks {
            assert!(!text.contains(s), "{p} contains {s}");
        }
    }
}

#[test]
fn every_rust_file_opens_with_its_job() {
    for (p, text) in sources(&["src", "tests"], &["rs"]) {
        assert!(text.starts_with("//!"), "{p} does not open with a //! line");
    }
}

fn manifest(browser: &str) -> serde_json::Value {
    let read = |f: &str| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(root().join("extension").join(f)).unwrap())
            .unwrap()
    };
    let mut base = read("manifest.json");
    fn merge(a: &mut serde_json::Value, b: &serde_json::Value) {
        match (a, b) {
            (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
                for (k, v) in b {
                    merge(a.entry(k.clone()).or_insert(serde_json::Value::Null), v);
                }
            }
            (a, b) => *a = b.clone(),
        }
    }
    merge(&mut base, &read(&format!("manifest.{browser}.json")));
    base
}

#[test]
fn manifests_ask_for_storage_and_x_only() {
    let sites = serde_json::json!(["https://x.com/*", "https://twitter.com/*"]);
    for b in ["chrome", "firefox"] {
        let m = manifest(b);
        assert_eq!(m["manifest_version"], 3, "{b}");
        let perms = m["permissions"].as_array().unwrap();
        assert!(
            perms
                .iter()
                .all(|p| p == "storage" || p == "unlimitedStorage"),
            "{b}: {perms:?}"
        );
        assert!(m.get("host_permissions").is_none(), "{b}: host permissions");
        assert!(
            m.get("optional_permissions").is_none(),
            "{b}: optional permissions"
        );
        for cs in m["content_scripts"].as_array().unwrap() {
            assert_eq!(cs["matches"], sites, "{b}: content script matches");
        }
        for war in m["web_accessible_resources"].as_array().unwrap() {
            assert_eq!(
                war["matches"], sites,
                "{b}: web_accessible_resources matches"
            );
            assert_eq!(
                war["resources"],
                serde_json::json!(["pkg/rapport.js", "pkg/rapport_bg.wasm"]),
                "{b}"
            );
        }
        assert_eq!(
            m["content_security_policy"]["extension_pages"],
            "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
        );
    }
    assert!(manifest("chrome")["background"]["service_worker"].is_string());
    let ff = manifest("firefox");
    assert!(ff["background"]["scripts"].is_array());
    assert!(ff["browser_specific_settings"]["gecko"]["id"].is_string());
    assert!(ff["browser_specific_settings"]["gecko"]["data_collection_permissions"].is_object());
}
