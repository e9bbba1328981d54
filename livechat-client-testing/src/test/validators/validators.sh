#!/usr/bin/env bash
# The Rocket.Chat server's own request validators as a loopback service, for the "validators"
# Maven profile (livechat-client/pom.xml: the contract run's requests; livechat-client-testing/pom.xml:
# the fake against the validators).
#
#   validators.sh start <work dir>   install (npm ci) and build the validators into <work dir>, start
#                                    service.cjs on a free port, wait until it listens, and leave
#                                    <work dir>/validators.properties (validators.url=...)
#   validators.sh stop <work dir>    print how many requests of each route were checked, then stop
#                                    the service started there, by its PID
#
# What is installed comes from this folder: package.json and package-lock.json pin ajv, ajv-formats
# and esbuild (`npm ci` into <work dir>, redone only when the lock file changes; nothing global,
# nothing of theirs committed). @rocket.chat/rest-typings itself cannot be installed with npm (a
# peer dependency of its @rocket.chat/ui-kit fails), so its tarball is fetched with `npm pack` and
# must have the integrity below before it is unpacked. esbuild then bundles its
# dist/v1/omnichannel.js and the chat.sendMessage/chat.update validators of dist/v1/chat.js
# (entry.mjs; @rocket.chat/core-typings replaced by core-typings-stub.mjs) into one CommonJS file,
# validators.cjs, which service.cjs loads; it is bundled again when entry.mjs or the stub changes. A watchdog stops the service
# when the process that ran `start` (Maven) ends without `stop`. Node.js 18+ and npm are needed.
set -euo pipefail

REST_TYPINGS="@rocket.chat/rest-typings@8.8.1"
REST_TYPINGS_INTEGRITY="sha512-xroFtQckTsOE1Mb9pk3rHsJkdwqqxhMZfi7kNjKdlVVTpMOuVVRIjicZOV7sAacedIHyxfuI4Cxv1nIA2eEI8A=="
START_TIMEOUT_SECONDS="${VALIDATORS_START_TIMEOUT:-30}"
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "validators.sh: $*" >&2; exit 1; }

script_name=validators.sh
# shellcheck source=../processes.sh
source "$here/../processes.sh"

install() {
  local dir=$1
  npm_ci_once "$here" "$dir" "ajv, ajv-formats and esbuild"

  local typings="$dir/node_modules/@rocket.chat/rest-typings"
  if [[ ! -f $typings/dist/v1/omnichannel.js ]]; then
    echo "validators.sh: fetching $REST_TYPINGS (npm pack)"
    local tarball
    tarball=$(cd "$dir" && npm pack --silent --loglevel=error "$REST_TYPINGS") || die "npm pack $REST_TYPINGS failed"
    local integrity
    integrity="sha512-$(node -e 'const c = require("crypto"); process.stdout.write(c.createHash("sha512")
      .update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$dir/$tarball")"
    [[ $integrity == "$REST_TYPINGS_INTEGRITY" ]] \
      || die "$tarball has integrity $integrity, expected $REST_TYPINGS_INTEGRITY"
    mkdir -p "$typings"
    tar -xzf "$dir/$tarball" -C "$typings" --strip-components=1
    rm -f "$dir/$tarball" "$dir/validators.cjs"
  fi
  cp "$here/entry.mjs" "$here/core-typings-stub.mjs" "$here/service.cjs" "$here/meteor-check.cjs" "$dir/"
  if [[ ! -f $dir/validators.cjs || $here/entry.mjs -nt $dir/validators.cjs \
        || $here/core-typings-stub.mjs -nt $dir/validators.cjs ]]; then
    (cd "$dir" && node_modules/.bin/esbuild entry.mjs --bundle --platform=node --format=cjs \
      --outfile=validators.cjs --alias:@rocket.chat/core-typings=./core-typings-stub.mjs --log-level=warning) \
      || die "esbuild could not bundle the validators"
  fi
}

start() {
  local dir=$1 owner=${VALIDATORS_OWNER_PID:-$PPID}
  command -v node >/dev/null || die "node not found: the validators profile needs Node.js 18+ and npm"
  command -v npm >/dev/null || die "npm not found: the validators profile needs Node.js 18+ and npm"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop "$dir" quiet   # a service left over from an aborted run
  install "$dir"

  rm -f "$dir/validators.properties"
  node "$dir/service.cjs" "$dir/validators.cjs" "$dir/validators.properties" </dev/null >"$dir/service.log" 2>&1 &
  local pid=$! waited=0
  echo "$pid" >"$dir/service.pid"
  until [[ -f $dir/validators.properties ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$dir/service.log" >&2
      die "the validator service exited during start-up"
    fi
    if (( waited >= START_TIMEOUT_SECONDS * 10 )); then
      cat "$dir/service.log" >&2
      stop "$dir" quiet
      die "the validator service did not listen within ${START_TIMEOUT_SECONDS}s"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  # Stop the service if the owner (Maven) goes away without calling `stop`.
  ( while kill -0 "$owner" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
    kill "$pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
  echo "$!" >"$dir/watchdog.pid"
  echo "validators.sh: $(cat "$dir/service.log") (PID $pid); $(cat "$dir/validators.properties")"
}

# The per-route counts the service kept: one line per route.
report() {
  local dir=$1 url
  [[ -f $dir/validators.properties ]] || return 0
  url=$(sed -n 's/^validators.url=//p' "$dir/validators.properties")
  node -e '
    fetch(process.argv[1] + "/report").then((r) => r.json()).then((counts) => {
      console.log("validators.sh: requests checked by the server'"'"'s validators, per route:");
      for (const [route, c] of Object.entries(counts)) {
        console.log(`  ${String(c.checked).padStart(6)} checked ${String(c.refused).padStart(6)} refused  ${route}`);
      }
    }).catch((e) => { console.error("validators.sh: no report: " + e); });' "$url" || true
}

stop() {
  local dir=$1 quiet=${2:-}
  [[ -d $dir ]] || return 0
  [[ -n $quiet ]] || report "$dir"
  stop_pid_file "$dir/watchdog.pid" "validators.sh" ""
  stop_pid_file "$dir/service.pid" "service.cjs" "the validator service"
  rm -f "$dir/validators.properties"
}

case "${1:-}" in
  start) [[ $# -eq 2 ]] || die "usage: validators.sh start <work dir>"; start "$2" ;;
  stop)  [[ $# -eq 2 ]] || die "usage: validators.sh stop <work dir>"; stop "$2" ;;
  *) die "usage: validators.sh start <work dir> | validators.sh stop <work dir>" ;;
esac
