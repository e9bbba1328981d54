#!/usr/bin/env bash
# The bridge's crash test (BridgeCrash): INSTANCES bridge processes on one PostgreSQL, fed
# CONVERSATIONS x MESSAGES channel messages while they are killed with SIGKILL at random moments
# and started again; then every message must be in Livechat once and in order, and every agent reply
# handed on. Everything runs on this machine (FakeLivechatServer and embedded PostgreSQL on loopback).
#   livechat-client-benchmarks/bridge-crash.sh [instances=3] [conversations=20] [messages=30]
# Builds what it needs first (SKIP_BUILD=1 skips that). Progress on stderr; one JSON line on stdout:
#   {"instances":3,"kills":6,"sent":600,"stored":600,"storedTwice":0,"lost":0,"outOfOrder":0,...}
# Exit status 1 if storedTwice, lost, outOfOrder, repliesLost or extraRooms is not 0 (or it timed out).
# JAVA_OPTS go to the driver's JVM, e.g. -Dcrash.feedSeconds=60 -Dcrash.kills=8 -Dcrash.timeoutSeconds=360
# -Dcrash.leaseMillis=3000 -Dcrash.seed=42 -Dcrash.strictReplies=true (see BridgeCrash's javadoc).
# Logs of the bridge processes: livechat-client-benchmarks/target/bridge-crash/bridge-N.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
instances=${1:-3}
conversations=${2:-20}
messages=${3:-30}
JAVA_OPTS=${JAVA_OPTS:-}
jar="$here/target/benchmarks.jar"
if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$here/.." && mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests) >&2
fi
if [ ! -f "$jar" ]; then
  echo "No $jar: build it with mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests" >&2
  exit 1
fi
work="$here/target/bridge-crash"
mkdir -p "$work"
rm -f "$work"/bridge-*.log

driver=
cleanup() {
  # the driver ends its children itself (shutdown hook); if it could not, end them by PID
  if [ -n "$driver" ] && kill -0 "$driver" 2>/dev/null; then
    kill "$driver" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$driver" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$driver" 2>/dev/null || true
  fi
  if [ -f "$work/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    done <"$work/pids"
    rm -f "$work/pids"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086
java $JAVA_OPTS -Dcrash.dir="$work" -cp "$jar" dev.livechat.benchmarks.BridgeCrash \
  "$instances" "$conversations" "$messages" &
driver=$!
set +e
wait "$driver"
status=$?
set -e
driver=
exit "$status"
