#!/usr/bin/env bash
# Cold start: one sendMessage in a fresh JVM, the SDK (ColdStartSdk) beside plain OkHttp + Moshi
# (ColdStartOkHttp), RUNS times each, alternating, against LoopbackServer in its own JVM.
# Each run prints the time from entering main to the decoded answer ("main") and from the JVM's
# start to the same moment ("jvm"); this script prints the median and the spread (min..max).
#   mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests
#   livechat-client-benchmarks/coldstart.sh            # RUNS=21 by default
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "No $jar: build it with mvn -B -ntp -q -pl livechat-client-benchmarks -am package -DskipTests" >&2
  exit 1
fi
RUNS=${RUNS:-21}
out="$here/target/coldstart"
mkdir -p "$out"
rm -f "$out"/*.txt

java -cp "$jar" dev.livechat.benchmarks.LoopbackServer 0 >"$out/server.out" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^listening ' "$out/server.out" 2>/dev/null && break
  sleep 0.1
done
port=$(awk '/^listening /{print $2}' "$out/server.out")

# one unrecorded run of each, so that both find the jar in the page cache
java -cp "$jar" dev.livechat.benchmarks.ColdStartSdk "$port" >/dev/null
java -cp "$jar" dev.livechat.benchmarks.ColdStartOkHttp "$port" >/dev/null
for _ in $(seq "$RUNS"); do
  java -cp "$jar" dev.livechat.benchmarks.ColdStartSdk "$port" >>"$out/sdk.txt"
  java -cp "$jar" dev.livechat.benchmarks.ColdStartOkHttp "$port" >>"$out/okhttp.txt"
done

stats() { # file field -> "median min max"
  sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$1" | sort -g | awk '{v[NR]=$1} END {printf "%s %s %s", v[int((NR+1)/2)], v[1], v[NR]}'
}
echo "cold start, $RUNS fresh JVMs each, ms: median (min..max)"
for field in main jvm; do
  read -r sm smin smax <<<"$(stats "$out/sdk.txt" $field)"
  read -r om omin omax <<<"$(stats "$out/okhttp.txt" $field)"
  printf "%-4s livechat-client %7s (%s..%s)   OkHttp+Moshi %7s (%s..%s)   ratio %.2f\n" \
    "$field" "$sm" "$smin" "$smax" "$om" "$omin" "$omax" "$(awk "BEGIN {print $sm / $om}")"
done
