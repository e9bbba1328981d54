#!/usr/bin/env bash
# Fetches the official Livechat widget's last published build, @rocket.chat/livechat 1.13.3 (April
# 2022), for the "widget" profile of livechat-client-testing and the "widget-demo" profile of
# livechat-client-examples:
#
#   install-widget.sh <work dir>
#
# `npm pack` downloads the package's tarball from the npm registry into <work dir> (nothing global,
# no dependencies: the build is self-contained), its sha512 is checked against the integrity pinned
# below (as a package-lock.json would pin it), and it is unpacked into <work dir>/package; the build
# is then <work dir>/package/build. Skipped when <work dir> already holds that install. Needs npm
# (any version with `npm pack --pack-destination`, 7.18+) and Node.js.
set -euo pipefail

PACKAGE='@rocket.chat/livechat@1.13.3'
INTEGRITY='sha512-gEX3V2Cr+7Nr+j4CFwBBX7R/1mZxWvnmpbz/jc+gJOa7zKJOdyv4waLc5RegmoubxpNlzbpbMiNkwg5GQuhyWA=='

die() { echo "install-widget.sh: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: install-widget.sh <work dir>"
command -v npm >/dev/null || die "npm not found: the widget is fetched with npm pack"
command -v node >/dev/null || die "node not found: it checks the tarball's sha512"
mkdir -p "$1"
work=$(cd "$1" && pwd)

if [[ -f $work/package/build/index.html && "$(cat "$work/installed-integrity" 2>/dev/null)" == "$INTEGRITY" ]]; then
  exit 0
fi
echo "install-widget.sh: fetching $PACKAGE (npm pack) into $work"
rm -rf "$work/package" "$work/installed-integrity" "$work"/*.tgz
(cd "$work" && npm pack "$PACKAGE" --pack-destination "$work" --loglevel=error) >"$work/npm-pack.log" 2>&1 \
  || { cat "$work/npm-pack.log" >&2; die "npm pack failed"; }
tarball=$(ls "$work"/*.tgz)
actual=$(node -e 'const c = require("crypto"), fs = require("fs");
  process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));' "$tarball")
[[ $actual == "$INTEGRITY" ]] || die "$tarball has $actual, not the pinned $INTEGRITY"
tar -xzf "$tarball" -C "$work"
[[ -f $work/package/build/rocketchat-livechat.min.js ]] || die "no build/rocketchat-livechat.min.js in $tarball"
echo "$INTEGRITY" >"$work/installed-integrity"
