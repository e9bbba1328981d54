#!/usr/bin/env bash
# The official JavaScript clients against FakeLivechatServer: the "js-clients" Maven profile
# (livechat-client-testing/pom.xml) runs
#
#   js-clients.sh <work dir> <java> <classpath>
#
# It installs the clients pinned by package.json and package-lock.json beside this script into
# <work dir> with `npm ci` (nothing global, nothing of theirs committed; skipped when <work dir>
# already holds that lock file's install), then runs run.cjs there: run.cjs starts
# FakeServerLauncher from <classpath> with <java>, drives a whole visitor conversation with each
# client and prints one line per step. Node.js 20+ and npm are needed (on Node 18, untested, the ws
# package stands in for the WebSocket global).
#
# Everything it starts is stopped by PID with bounded waits, also on failure or timeout: node by
# this script, the launcher's JVM by run.cjs (and by this script if run.cjs could not), and the
# launcher also exits by itself when its parent or its standard input goes away.
set -euo pipefail

RUN_TIMEOUT_SECONDS="${JS_CLIENTS_TIMEOUT:-300}"
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "js-clients.sh: $*" >&2; exit 1; }

[[ $# -eq 3 ]] || die "usage: js-clients.sh <work dir> <java> <classpath>"
work=$1 java=$2 classpath=$3
command -v node >/dev/null || die "node not found: the js-clients profile needs Node.js 20+ and npm"
command -v npm >/dev/null || die "npm not found: the js-clients profile needs Node.js 20+ and npm"
node_major=$(node -p 'process.versions.node.split(".")[0]')
(( node_major >= 18 )) || die "Node.js 18+ needed (fetch), found $(node --version)"
mkdir -p "$work"
work=$(cd "$work" && pwd)

script_name=js-clients.sh
# shellcheck source=../processes.sh
source "$here/../processes.sh"

cleanup() {
  stop_pid_file "$work/node.pid" "run.cjs" "node"
  stop_pid_file "$work/launcher.pid" "FakeServerLauncher" "the fake server's launcher"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup   # anything left over from an aborted run

# The install, from the lock file; redone only when the lock file changed.
npm_ci_once "$here" "$work" "the JavaScript clients"
cp "$here/run.cjs" "$work/run.cjs"

# @rocket.chat/ddp-client opens the WebSocket global: Node 22 has it, Node 20 behind a flag; on
# older Node, run.cjs puts the ws package in its place.
node_flags=()
has_websocket='process.exit(typeof WebSocket === "function" ? 0 : 1)'
if ! node -e "$has_websocket" 2>/dev/null \
    && node --experimental-websocket -e "$has_websocket" 2>/dev/null; then
  node_flags+=(--experimental-websocket --no-warnings=ExperimentalWarning)
fi

node "${node_flags[@]}" "$work/run.cjs" "$java" "$classpath" "$work" </dev/null &
node_pid=$!
echo "$node_pid" >"$work/node.pid"
waited=0
while kill -0 "$node_pid" 2>/dev/null; do
  if (( waited >= RUN_TIMEOUT_SECONDS * 10 )); then
    echo "js-clients.sh: the run did not finish within ${RUN_TIMEOUT_SECONDS}s" >&2
    cleanup
    exit 1
  fi
  sleep 0.1
  waited=$((waited + 1))
done
status=0
wait "$node_pid" || status=$?
rm -f "$work/node.pid"
exit "$status"
