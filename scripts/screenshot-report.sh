#!/usr/bin/env bash
# Renders a gradcheck HTML report in headless Chromium and saves a PNG, to look at a report the
# way a user's browser shows it. Installs Debian's chromium on first use (needs root and the
# package registry); the build never calls this.
#
#   scripts/screenshot-report.sh target/gradcheck/SomeTest/method[1].html out.png
set -euo pipefail
report=$(realpath "$1")
out=${2:-report.png}
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1024,2200 \
  --screenshot="$(realpath -m "$out")" "file://$report" 2>/dev/null
rm -rf "$profile"
echo "wrote $out"
