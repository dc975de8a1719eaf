#!/usr/bin/env bash
# Runs ferrodash's benchmark harness (bench/, see BENCHMARKS.md): callback
# throughput and latency against a bare axum route, store reads of 1k, 10k and
# 100k rows, the client's JavaScript size, the first callback response in
# headless Chromium, and the server's memory. Loopback only; every run is
# bounded in time and request count.
#
#   scripts/bench.sh [--seconds N] [--connections C] [other ferrodash-bench flags]
#
# Installs what the browser part needs when it is missing (Chromium from
# Debian's packages, the browser tests' playwright-core); without them the
# browser part is skipped and said so.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

browser=(--browser)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} from Debian's packages"
  if ! { as_root apt-get update -qq &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "== could not install ${missing[*]}: the browser part is skipped"
    browser=()
  fi
fi
if [ ${#browser[@]} -gt 0 ] && [ ! -d tests/browser/node_modules/playwright-core ] &&
   [ ! -d bench/node_modules/playwright-core ]; then
  echo "== installing playwright-core for tests/browser (npm ci)"
  if ! (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error); then
    echo "== could not install playwright-core: the browser part is skipped"
    browser=()
  fi
fi

echo "== building (release)"
cargo build --release -p ferrodash-bench --quiet
echo "== running"
exec cargo run --release --quiet -p ferrodash-bench -- "${browser[@]}" "$@"
