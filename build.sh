#!/usr/bin/env bash
# Rapport's one entry point.
#   ./build.sh          build dist/chrome, dist/firefox and their zip/xpi (installs missing tools)
#   ./build.sh test     every test tier: fmt, clippy, cargo test, wasm tests in Chromium and
#                       Firefox, fixture drift, web-ext lint, end-to-end in both browsers
#   ./build.sh bench    benchmarks (native, wasm in Chromium, page scene, sizes, storage) with
#                       their budgets: target/bench/report.md; --quick for a short run
#   ./build.sh eval     the classifier's evaluation on the real posts in ../shared
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export RAPPORT_SHARED="${RAPPORT_SHARED:-$ROOT/../shared}"
export PATH="$HOME/.cargo/bin:$PATH"
PKG=target/pkg
WASM_TARGET=wasm32-unknown-unknown
GECKODRIVER_VERSION=0.37.1
APT_PACKAGES=(chromium chromium-driver firefox-esr)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }

# The version of crate $1 recorded in Cargo.lock.
lock_version() {
  awk -v n="name = \"$1\"" '$0 == n { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_build_tools() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  command -v npm >/dev/null || die "npm not found: install Node.js 20+ (Debian: apt-get install nodejs npm)"
  if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    log "adding the $WASM_TARGET target"
    rustup target add "$WASM_TARGET"
  fi
  local want have
  want=$(lock_version wasm-bindgen)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    # No --locked: one of wasm-bindgen-cli's locked dependencies is not in the registry here.
    log "installing wasm-bindgen-cli $want (Cargo.lock's wasm-bindgen)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
  if [ ! -f tests/node_modules/.package-lock.json ] ||
     [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    log "installing npm tools from tests/package-lock.json"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Deep-merges the manifest source with one browser's patch.
manifest_for() {
  node -e '
    const fs = require("fs");
    const [base, patch] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    const isObj = (v) => v && typeof v === "object" && !Array.isArray(v);
    const merge = (a, b) => { for (const k of Object.keys(b)) a[k] = isObj(a[k]) && isObj(b[k]) ? merge(a[k], b[k]) : b[k]; return a; };
    process.stdout.write(JSON.stringify(merge(base, patch), null, 2) + "\n");
  ' extension/manifest.json "extension/manifest.$1.json"
}

# Writes a zip with sorted entries and fixed timestamps (same input, same bytes).
zip_dir() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for dirpath, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            info = zipfile.ZipInfo(os.path.relpath(p, src), date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(p, "rb") as fh:
                z.writestr(info, fh.read())
os.replace(out + ".tmp", out)
PY
}

# The wasm modules, as feature:name. The feature picks the exports (src/bindings.rs); the name
# is the module's files in pkg/ (name.js and name_bg.wasm). `content` is the lean module the
# content script loads on every x.com page; `pages` is the one the background, popup and
# options pages load.
WASM_MODULES=(content:rapport pages:rapport_pages)

# Builds the module of feature $1 into $PKG/$2.js and $PKG/$2_bg.wasm (wasm-bindgen and
# wasm-opt run only when cargo's output changed).
wasm_module() {
  local feature=$1 name=$2
  local raw="${CARGO_TARGET_DIR:-target}/$WASM_TARGET/wasm/rapport.wasm" keep="$PKG/raw/$name.wasm"
  cargo build --quiet --lib --target "$WASM_TARGET" --profile wasm --no-default-features --features "$feature"
  # Cargo writes every feature set's module to the same path: keep each module's own copy.
  mkdir -p "$PKG/raw"
  cmp -s "$raw" "$keep" || cp "$raw" "$keep"
  if [ ! -f "$PKG/${name}_bg.wasm" ] || [ "$keep" -nt "$PKG/${name}_bg.wasm" ]; then
    wasm-bindgen --target web --no-typescript --out-dir "$PKG/raw" "$keep"
    tests/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$PKG/raw/${name}_bg.wasm" -o "$PKG/${name}_bg.wasm"
    cp "$PKG/raw/$name.js" "$PKG/$name.js"
  fi
}

build() {
  local t0; t0=$(now)
  ensure_build_tools
  log "building the wasm modules (release, size-optimised): ${WASM_MODULES[*]}"
  local m
  for m in "${WASM_MODULES[@]}"; do wasm_module "${m%%:*}" "${m#*:}"; done
  local b
  for b in chrome firefox; do
    local out="dist/$b"
    rm -rf "$out" && mkdir -p "$out/pkg"
    (cd extension && find . -type f ! -name 'manifest*.json' ! -name '*.py' ! -name '*.md' \
       -exec cp --parents {} "$ROOT/$out/" \;)
    for m in "${WASM_MODULES[@]}"; do cp "$PKG/${m#*:}.js" "$PKG/${m#*:}_bg.wasm" "$out/pkg/"; done
    manifest_for "$b" > "$out/manifest.json"
  done
  zip_dir dist/chrome dist/rapport-chrome.zip
  zip_dir dist/firefox dist/rapport-firefox.xpi
  echo
  for m in "${WASM_MODULES[@]}"; do
    local name=${m#*:}
    printf 'wasm %-8s %s bytes raw from cargo, %s after wasm-bindgen, %s after wasm-opt -Oz (pkg/%s_bg.wasm)\n' \
      "${m%%:*}:" "$(stat -c %s "$PKG/raw/$name.wasm")" "$(stat -c %s "$PKG/raw/${name}_bg.wasm")" \
      "$(stat -c %s "$PKG/${name}_bg.wasm")" "$name"
  done
  printf 'zip:  dist/rapport-chrome.zip %s bytes, dist/rapport-firefox.xpi %s bytes\n' \
    "$(stat -c %s dist/rapport-chrome.zip)" "$(stat -c %s dist/rapport-firefox.xpi)"
  printf 'built in %.1f s\n\n' "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{print b-a}')"
  cat <<EOF
Load it:
  Chrome/Chromium: open chrome://extensions, switch on Developer mode, "Load unpacked",
                   choose $ROOT/dist/chrome
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…",
                   choose $ROOT/dist/firefox/manifest.json (or the .xpi)
EOF
}

ensure_test_tools() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "installing ${missing[*]} (Debian packages)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
    fi
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    log "installing geckodriver $GECKODRIVER_VERSION"
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
  command -v openssl >/dev/null || die "openssl not found (Debian: apt-get install openssl)"
}

wasm_tests() {
  local browser=$1
  log "wasm tests in headless $browser"
  local env=(CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
             WASM_BINDGEN_TEST_TIMEOUT=120)
  if [ "$browser" = chromium ]; then env+=(CHROMEDRIVER=/usr/bin/chromedriver)
  else env+=(GECKODRIVER="$(command -v geckodriver)"); fi
  env "${env[@]}" cargo test --target "$WASM_TARGET" --test 'wasm_*'
}

run_tests() {
  local t0; t0=$(now)
  ensure_test_tools
  build
  log "cargo fmt --check"
  cargo fmt --all --check
  log "cargo clippy (native and wasm32), warnings are errors"
  cargo clippy --quiet --all-targets -- -D warnings
  cargo clippy --quiet --lib --test 'wasm_*' --target "$WASM_TARGET" -- -D warnings
  log "cargo test (core, CLI, conformance, real archive)"
  cargo test --quiet
  wasm_tests chromium
  wasm_tests firefox
  if [ -f tests/fixtures/generate.mjs ]; then
    log "fixture pages match their generator"
    node tests/fixtures/generate.mjs --check
  fi
  log "web-ext lint dist/firefox"
  (cd tests && npx --no-install web-ext lint --source-dir ../dist/firefox --output text --no-config-discovery)
  log "end-to-end in Chromium and Firefox ESR"
  node --test --test-concurrency=1 tests/e2e/
  printf '\nall tiers passed in %.0f s\n' "$(awk -v a="$t0" -v b="$(now)" 'BEGIN{print b-a}')"
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  bench)
    # Benchmarks with budgets (tests/bench/report.mjs): target/bench/report.{json,md}.
    # --quick: fewer rounds and a 300-post scroll, under two minutes once built.
    build
    ensure_test_tools
    log "benchmarks${2:+ $2} (report: target/bench/report.md)"
    node tests/bench/report.mjs "${@:2}"
    ;;
  eval) cargo bench --quiet --bench eval ;;
  *) die "unknown command '$1' (use: ./build.sh [build|test|bench|eval])" ;;
esac
