#!/usr/bin/env bash
# A bounded load run of ccr against a canned local provider, all on 127.0.0.1 (docs/benchmarks.md).
# Usage: bench/load.sh [connections] [seconds] [events-per-stream]
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-16}; secs=${2:-10}; events=${3:-200}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
java_home=$(.ci/find-jdk)
./mvnw -q -Pbench -DskipTests package test-compile >/dev/null
upstream_port=18080; ccr_port=13456
work=$(mktemp -d)
cat > "$work/config.json" <<JSON
{"PORT": $ccr_port, "LOG": false, "LOG_LEVEL": "warn",
 "Providers": [
   {"name": "oa", "api_base_url": "http://127.0.0.1:$upstream_port/openai", "api_key": "k", "models": ["m"]},
   {"name": "an", "api_base_url": "http://127.0.0.1:$upstream_port/anthropic", "api_key": "k", "models": ["m"],
    "transformer": {"use": ["Anthropic"]}}],
 "Router": {"default": "oa,m"}}
JSON
cp=$(./mvnw -q -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")
"$java_home/bin/java" -Dsun.net.httpserver.nodelay=true -cp "target/test-classes:$cp" dev.ccr.bench.MockUpstream $upstream_port "$events" > "$work/upstream.log" 2>&1 &
up=$!
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx1g \
  ${CCR_BENCH_OPTS:-} -Dccr.home="$work" -jar target/ccr.jar start --config "$work/config.json" > "$work/ccr.log" 2>&1 &
ccr=$!
trap 'kill $ccr $up 2>/dev/null; cp "$work/ccr.log" /tmp/last-ccr.log 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$ccr_port/health" >/dev/null 2>&1 && break; sleep 0.1; done

run() { # name model stream
  cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"$2","max_tokens":1000,"stream":$3,"messages":[{"role":"user","content":"Say hello"}]}'
LUA
  echo "== $1 ($conns connections, ${secs}s)"
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "http://127.0.0.1:$ccr_port/v1/messages" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors|requests in"
}
run "warm-up" "oa,m" false >/dev/null
run "OpenAI JSON, converted" "oa,m" false
run "OpenAI SSE ($events events), converted" "oa,m" true
run "Anthropic JSON, passthrough" "an,m" false
run "Anthropic SSE ($events events), passthrough" "an,m" true
