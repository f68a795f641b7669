#!/usr/bin/env bash
# The team gateway's cost (issue 16): one ccr with embedded state against two ccr instances sharing a Redis, both
# with a client key that has limits (the only per-request Redis call is its counter script), all on 127.0.0.1.
#
# Usage: bench/team.sh [seconds-per-scenario]     (default 10; needs redis-server and wrk; run bench/compare.sh once
#                                                   first, or SKIP_BUILD= to build here)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
secs=${1:-10}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "needs redis-server: apt-get install redis-server" >&2; exit 1; }
java="$(.ci/find-jdk)/bin/java"
mock_port=18090; redis_port=16390; ports=(13470 13471)
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -Pbench -DskipTests package test-compile >&2
fi
cp=$(./mvnw -q -o -Dstyle.color=never -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")
./ccr version >/dev/null

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

key=bench-client-key-0123456789
echo '{"model":"oa,m","max_tokens":1000,"stream":false,"messages":[{"role":"user","content":"Say hello"}]}' > "$work/small.json"

config() { # home port state-json
  mkdir -p "$1/.claude-code-router"
  cat > "$1/.claude-code-router/config.json" <<JSON
{ "PORT": $2, "HOST": "127.0.0.1", "LOG": false, "LOG_LEVEL": "warn", "APIKEY": "bench-admin-key", $3
  "CLIENT_KEYS": [{"name": "bench", "key": "$key", "limits": {"requestsPerMinute": 100000000, "tokensPerDay": 100000000000}}],
  "Providers": [{"name": "oa", "api_base_url": "http://127.0.0.1:$mock_port/openai/v1/chat/completions", "api_key": "k", "models": ["m"]}],
  "Router": {"default": "oa,m"} }
JSON
}
start() { # home port
  HOME="$1" "$root/ccr" start > "$1/out.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 500); do curl -s -o /dev/null "http://127.0.0.1:$2/health" && return; sleep 0.02; done
  echo "ccr on port $2 did not start: $(tail -5 "$1/out.log")" >&2; exit 1
}
wrk_run() { # connections seconds port... -> "req/s p50_ms p99_ms bad" summed over the ports (p50/p99 of the first)
  cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = "$key"
local f = io.open("$work/small.json", "rb"); wrk.body = f:read("*a"); f:close()
LUA
  local conns=$1 time=$2; shift 2
  local outs=() port
  for port in "$@"; do
    wrk -t1 -c"$conns" -d"${time}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/messages" > "$work/wrk-$port.txt" 2>&1 &
    outs+=("$!")
  done
  wait "${outs[@]}"
  for port in "$@"; do cat "$work/wrk-$port.txt"; done | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ {rps+=$2} /^ +50%/ && !p50 {p50=ms($2)} /^ +99%/ && !p99 {p99=ms($2)}
    /Non-2xx/ {bad+=$NF} /Socket errors/ {bad+=$4+$6+$8+$10}
    END {printf "%.0f %.3f %.3f %d\n", rps, p50, p99, bad}'
}

"$java" -Dsun.net.httpserver.nodelay=true -cp "$root/target/test-classes:$cp" dev.ccr.bench.MockUpstream $mock_port 100 > "$work/mock.log" 2>&1 &
pids+=("$!")
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$mock_port/openai" -d '{}' && break; sleep 0.05; done
echo "Load before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

state="\"STATE\": {\"redis\": \"redis://127.0.0.1:$redis_port/0\"},"
stop_last() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; sleep 1; }

# One instance, embedded state.
config "$work/one" "${ports[0]}" ""
start "$work/one" "${ports[0]}"
wrk_run 8 3 "${ports[0]}" >/dev/null
one_c1=$(wrk_run 1 "$secs" "${ports[0]}")
one_c16=$(wrk_run 16 "$secs" "${ports[0]}")
stop_last

# What the shared state costs one request: the same single instance with embedded state and with Redis, started
# alternately (ROUNDS times each, default 3), one connection; two JVMs on two cores would measure each other instead.
config "$work/one-redis" "${ports[0]}" "$state"
pair_embedded=(); pair_redis=()
for _ in $(seq 1 "${ROUNDS:-3}"); do
  for setup in one one-redis; do
    start "$work/$setup" "${ports[0]}"
    wrk_run 8 3 "${ports[0]}" >/dev/null
    p50=$(wrk_run 1 "$secs" "${ports[0]}" | cut -d' ' -f2)
    if [ "$setup" = one ]; then pair_embedded+=("$p50"); else pair_redis+=("$p50"); fi
    stop_last
  done
done

# Two instances sharing Redis.
config "$work/a" "${ports[0]}" "$state"; config "$work/b" "${ports[1]}" "$state"
start "$work/a" "${ports[0]}"; start "$work/b" "${ports[1]}"
wrk_run 8 3 "${ports[0]}" "${ports[1]}" >/dev/null
two_c1=$(wrk_run 1 "$secs" "${ports[0]}")
two_c16=$(wrk_run 8 "$secs" "${ports[0]}" "${ports[1]}")
echo "Load after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

f() { echo "$1" | cut -d' ' -f"$2"; }
printf '| Figure | one instance, embedded | two instances, Redis |\n|---|---|---|\n'
printf '| small JSON, c=1 to one instance: p50 / p99 | %s / %s ms | %s / %s ms |\n' "$(f "$one_c1" 2)" "$(f "$one_c1" 3)" "$(f "$two_c1" 2)" "$(f "$two_c1" 3)"
printf '| small JSON, 16 connections in all: req/s | %s | %s (8 to each) |\n' "$(f "$one_c16" 1)" "$(f "$two_c16" 1)"
printf '| failed requests | %s | %s |\n' "$(( $(f "$one_c1" 4) + $(f "$one_c16" 4) ))" "$(( $(f "$two_c1" 4) + $(f "$two_c16" 4) ))"
mean() { printf '%s\n' "$@" | awk '{s+=$1} END {printf "%.3f", s/NR}'; }
echo
echo "One instance, c=1 p50 in alternate starts: embedded ${pair_embedded[*]} ms; Redis ${pair_redis[*]} ms"
printf '| the same instance, c=1 p50, mean of %s alternate starts | %s ms | %s ms with Redis (%+.3f ms) |\n' "${ROUNDS:-3}" \
  "$(mean "${pair_embedded[@]}")" "$(mean "${pair_redis[@]}")" "$(awk -v a="$(mean "${pair_redis[@]}")" -v b="$(mean "${pair_embedded[@]}")" 'BEGIN {print a - b}')"
