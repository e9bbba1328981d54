#!/usr/bin/env bash
# Compares livechat-client with the JavaScript clients people would otherwise use, sending the same
# message to the same loopback server (LoopbackServer from the benchmark jar, in its own JVM).
# Installs the JavaScript clients with npm into livechat-client-benchmarks/target/js (nothing of
# theirs is committed). Needs Node.js 20+ and the benchmark jar:
#   mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests
#   livechat-client-benchmarks/js/run.sh
# N (sends per round, default 2000), C (concurrency, 16), WARMUP (rounds, 3), ROUNDS (5).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
jar="$module/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "No $jar: build it with mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests" >&2
  exit 1
fi
N=${N:-2000}
C=${C:-16}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-5}

work="$module/target/js"
mkdir -p "$work"
cp "$here/bench.cjs" "$work/bench.cjs"
# @rocket.chat/core-typings (a dependency of ddp-client) names typia with Yarn's "patch:" protocol,
# which npm cannot install; typia is used for types only, so the plain release stands in.
cat > "$work/package.json" <<'JSON'
{
  "name": "livechat-client-js-comparison",
  "private": true,
  "dependencies": {
    "@rocket.chat/sdk": "1.0.0-alpha.42",
    "@rocket.chat/ddp-client": "1.1.2",
    "@rocket.chat/emitter": "~0.33.0"
  },
  "overrides": {
    "typia": "9.7.2"
  }
}
JSON
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >"$work/npm-install.log" 2>&1) || {
  cat "$work/npm-install.log" >&2
  exit 1
}

java -cp "$jar" dev.livechat.benchmarks.LoopbackServer 0 >"$work/server.out" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^listening ' "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
port=$(awk '/^listening /{print $2}' "$work/server.out")

echo "node $(node --version), $(java -version 2>&1 | head -1); N=$N C=$C warmup=$WARMUP rounds=$ROUNDS (median calls/s)"
{
  java -cp "$jar" dev.livechat.benchmarks.JsComparison "$port" "$N" "$C" "$WARMUP" "$ROUNDS"
  node "$work/bench.cjs" "$port" "$N" "$C" "$WARMUP" "$ROUNDS"
} | tee "$work/results.txt"

awk '
  /sequential=/ {
    name = $0; sub(/ sequential=.*/, "", name)
    split($0, a, "sequential="); split(a[2], b, " "); seq[name] = b[1]
    split($0, c, "concurrent="); con[name] = c[2] + 0
    if (name ~ /Java/) java = name; else names[++count] = name
  }
  END {
    for (i = 1; i <= count; i++) {
      printf "livechat-client / %s: sequential %.2fx, concurrent %.2fx\n", names[i],
        seq[java] / seq[names[i]], con[java] / con[names[i]]
    }
  }' "$work/results.txt"
