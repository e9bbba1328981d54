#!/usr/bin/env bash
# Prism as the contract-test peer of the "contract" Maven profile (livechat-client/pom.xml).
#
#   prism.sh start <work dir> <OpenAPI file>   install Prism into <work dir> if needed, start
#                                              `prism mock` on a free port, wait until it listens,
#                                              write <work dir>/prism.properties (prism.baseUrl=...)
#   prism.sh stop <work dir>                   stop the Prism started there, by its PID
#
# Nothing is installed globally: npm installs into <work dir> (under target/). Prism's own log is
# <work dir>/prism.log. A watchdog stops Prism when the process that ran `start` (Maven) ends
# without running `stop`, so an aborted build leaves nothing behind.
set -euo pipefail

PRISM_VERSION="${PRISM_VERSION:-5.14.2}"
START_TIMEOUT_SECONDS="${PRISM_START_TIMEOUT:-60}"

die() { echo "prism.sh: $*" >&2; exit 1; }

script_name=prism.sh
# shellcheck source=../../../../livechat-client-testing/src/test/processes.sh
source "$(cd "$(dirname "$0")" && pwd)/../../../../livechat-client-testing/src/test/processes.sh"

install_prism() {
  local dir=$1 installed=""
  local pkg="$dir/node_modules/@stoplight/prism-cli/package.json"
  if [[ -f $pkg ]]; then
    installed=$(node -p "require(process.argv[1]).version" "$pkg")
  fi
  if [[ $installed != "$PRISM_VERSION" ]]; then
    command -v npm >/dev/null || die "npm not found: the contract profile needs Node.js and npm"
    echo "prism.sh: installing @stoplight/prism-cli@$PRISM_VERSION into $dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
      "@stoplight/prism-cli@$PRISM_VERSION" >"$dir/npm-install.log" 2>&1 \
      || { cat "$dir/npm-install.log" >&2; die "npm install failed"; }
  fi
}

free_port() {
  node -e 'const s = require("net").createServer();
           s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local dir=$1 spec=$2 owner=${PRISM_OWNER_PID:-$PPID}
  command -v node >/dev/null || die "node not found: the contract profile needs Node.js and npm"
  [[ -f $spec ]] || die "OpenAPI file not found: $spec"
  spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop "$dir"   # a Prism left over from an aborted run
  install_prism "$dir"

  local attempt port pid waited
  for attempt in 1 2 3; do   # another process may take the free port before Prism binds it
    port=$(free_port)
    "$dir/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$spec" \
      </dev/null >"$dir/prism.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/prism.pid"
    waited=0
    until grep -q "Prism is listening" "$dir/prism.log"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        break
      fi
      if (( waited >= START_TIMEOUT_SECONDS * 10 )); then
        tail -n 20 "$dir/prism.log" >&2
        stop "$dir"
        die "Prism did not listen within ${START_TIMEOUT_SECONDS}s"
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      # Stop Prism if the owner (Maven) goes away without calling `stop`.
      ( while kill -0 "$owner" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done
        kill "$pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
      echo "$!" >"$dir/watchdog.pid"
      echo "prism.baseUrl=http://127.0.0.1:$port" >"$dir/prism.properties"
      echo "prism.sh: Prism $PRISM_VERSION (PID $pid) is listening on http://127.0.0.1:$port, serving $spec"
      return 0
    fi
    rm -f "$dir/prism.pid"
    echo "prism.sh: Prism exited during start-up (attempt $attempt):" >&2
    tail -n 20 "$dir/prism.log" >&2
  done
  die "Prism could not be started"
}

stop() {
  local dir=$1
  [[ -d $dir ]] || return 0
  stop_pid_file "$dir/watchdog.pid" "prism.sh" ""
  stop_pid_file "$dir/prism.pid" "prism mock" "Prism"
  rm -f "$dir/prism.properties"
}

case "${1:-}" in
  start) [[ $# -eq 3 ]] || die "usage: prism.sh start <work dir> <OpenAPI file>"; start "$2" "$3" ;;
  stop)  [[ $# -eq 2 ]] || die "usage: prism.sh stop <work dir>"; stop "$2" ;;
  *) die "usage: prism.sh start <work dir> <OpenAPI file> | prism.sh stop <work dir>" ;;
esac
