#!/usr/bin/env bash
# Make sure the Debian packages the test suite and the demo need are present.
#
# Each line of REQUIREMENTS is "package|check": the check is a shell test that passes when the
# thing the code actually uses is there (a binary, a shared library, a font), so a package that
# is installed under another name still counts. As root, whatever is missing is installed with
# apt-get (one `apt-get update` first); otherwise we stop and print the exact command to run.
# Silent when everything is present.
set -euo pipefail

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
have_lib() { /sbin/ldconfig -p 2>/dev/null | grep -q "$1"; }

REQUIREMENTS=(
  # Browser tests drive Debian's Chromium through Playwright; we never download a browser.
  "chromium|test -x /usr/bin/chromium"
  # PDF reports embed Chinese text as Noto Sans CJK SC.
  "fonts-noto-cjk|have_pkg fonts-noto-cjk"
  # The PostgreSQL run of the suite starts a private cluster with these server binaries.
  "postgresql|compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null"
  # WeasyPrint dlopens these; without harfbuzz-subset it warns at import, and warnings are errors.
  "libpango-1.0-0|have_lib libpango-1.0.so.0"
  "libpangoft2-1.0-0|have_lib libpangoft2-1.0.so.0"
  "libharfbuzz-subset0|have_lib libharfbuzz-subset.so.0"
  "libfontconfig1|have_lib libfontconfig.so.1"
  # Tests inspect generated PDFs page by page.
  "poppler-utils|command -v pdftoppm"
  # Django compiles the zh/en message catalogues with msgfmt.
  "gettext|command -v msgfmt"
  # The PySpark engine of the indicator cube runs on a Java 17 runtime.
  "openjdk-17-jre-headless|command -v java"
  # Front-end dependencies (ECharts, HTMX) come from the npm registry.
  "npm|command -v npm"
)

missing=()
for requirement in "${REQUIREMENTS[@]}"; do
  package="${requirement%%|*}"
  check="${requirement#*|}"
  if ! eval "$check" >/dev/null 2>&1; then
    missing+=("$package")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Run:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt run (unattended upgrades, a parallel setup) may hold the lock: wait for it.
apt_opts=(-o DPkg::Lock::Timeout=600)
apt-get "${apt_opts[@]}" update -qq >/dev/null
apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
