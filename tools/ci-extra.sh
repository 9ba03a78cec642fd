#!/usr/bin/env bash
# ci-extra.sh — extra CI dependencies of the store/web tests: wrk for benchmarks, chromium and node's
# playwright-core for the browser test (tests/web). Failures only make those tests skip.
export DEBIAN_FRONTEND=noninteractive
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v curl >/dev/null 2>&1 || need="$need curl"
command -v node >/dev/null 2>&1 || need="$need nodejs npm"
if [ -n "$need" ]; then
  apt-get install -y -qq $need >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq $need >/dev/null 2>&1; } ||
    echo "ci-extra: could not install$need (the browser test will skip)"
fi
cd "$(dirname "$0")/../tests/web" || exit 0
if command -v npm >/dev/null 2>&1 && [ ! -d node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent >/dev/null 2>&1 ||
    echo "ci-extra: npm install of playwright-core failed (the browser test falls back to chromium --dump-dom)"
fi
exit 0
