#!/usr/bin/env bash
# Runs every test of ferrodash: Rust (unit, protocol, graph, compile-fail),
# the client's JavaScript unit tests, and the browser tests in headless
# Chromium. Installs what the tests need when it is missing (Chromium from
# Debian's packages, the browser tests' npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== style: cargo fmt, cargo clippy"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

echo "== Rust tests"
cargo build --workspace --examples --quiet
cargo test --workspace --quiet

echo "== client unit tests (node --test)"
node --test client-js/test/

echo "== browser tests (headless Chromium)"
(
  cd tests/browser
  [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
  FERRODASH_EXAMPLES_DIR="$PWD/../../target/debug/examples" node --test
)
