#!/usr/bin/env bash
# async().sendMessage against a server in another process (js/send-server.cjs, Node's node:http,
# answering the pre-encoded send answer over keep-alive), next to the hand-written OkHttp enqueue +
# Moshi JsonReader client, interleaved round by round (AsyncRatio). Needs Node.js 20+ and the jar:
#   mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests
#   livechat-client-benchmarks/async-ratio.sh
# N (calls per round, default 20000), WINDOWS (calls in flight, "16,64"), WARMUP (rounds per
# client, 3), ROUNDS (measured rounds per client, 8), CLIENTS (both, sdk or handwritten),
# RATE_LIMIT_HEADERS=1 (the server adds X-RateLimit-* to every answer, as with its limiter on),
# JAVA_OPTS (for the client JVM), EXTRA_CP (added to its class path).
# Profiling the measured rounds with async-profiler (its jar from Maven Central,
# tools.profiler:async-profiler:3.0:jar:linux-x64, unpacked in DIR):
#   CLIENTS=sdk EXTRA_CP=DIR JAVA_OPTS="-Dprofile.lib=DIR/linux-x64/libasyncProfiler.so -Dprofile.dir=/tmp" ...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "No $jar: build it with mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests" >&2
  exit 1
fi
N=${N:-20000}
WINDOWS=${WINDOWS:-16,64}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-8}
CLIENTS=${CLIENTS:-both}
JAVA_OPTS=${JAVA_OPTS:-}
EXTRA_CP=${EXTRA_CP:-}
RATE_LIMIT_HEADERS=${RATE_LIMIT_HEADERS:-}

work="$here/target/async-ratio"
mkdir -p "$work"
java -cp "$jar" dev.livechat.benchmarks.AsyncRatio --write-answer "$work/send-answer.json"

node "$here/js/send-server.cjs" "$work/send-answer.json" 0 ${RATE_LIMIT_HEADERS:+ratelimit} >"$work/server.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^listening ' "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
port=$(awk '/^listening /{print $2}' "$work/server.out")
if [ -z "$port" ]; then
  cat "$work/server.out" >&2
  exit 1
fi

echo "node $(node --version) server pid $server port $port${RATE_LIMIT_HEADERS:+ (X-RateLimit-* headers)}; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
set +e
java $JAVA_OPTS -cp "$jar${EXTRA_CP:+:$EXTRA_CP}" dev.livechat.benchmarks.AsyncRatio "$port" "$N" "$WINDOWS" "$WARMUP" "$ROUNDS" "$CLIENTS" \
  | tee "$work/results.txt"
status=${PIPESTATUS[0]}
set -e
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! kill "$server" 2>/dev/null; then
  # Gone before the end: its output says whether it failed; a kill from outside leaves no trace.
  echo "the server (pid $server) was no longer running; its output:" >&2
  cat "$work/server.out" >&2
  exit 1
fi
wait "$server" 2>/dev/null || true
trap - EXIT
echo "server: $(grep '^served ' "$work/server.out" || echo 'no count')"
exit "$status"
