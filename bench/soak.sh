#!/usr/bin/env bash
# The soak (docs/benchmarks.md): ccr started by its own launcher, with native memory tracking, under a mix of valid,
# malformed, over-limit, client-abort and upstream-failure requests for a bounded time, all on 127.0.0.1. Samples RSS,
# threads, file descriptors and NMT's committed total every interval and prints them as a table.
# Usage: bench/soak.sh [minutes] [workers] [sample-seconds]      (default 10 minutes, 8 workers, every 30 s)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}; workers=${2:-8}; every=${3:-30}
java_home=$(.ci/find-jdk)
upstream_port=18090; ccr_port=13466
if [ -z "${SKIP_BUILD:-}" ]; then ./mvnw -q -Pbench -DskipTests package test-compile >&2; fi
cp=$(./mvnw -q -o -Dstyle.color=never -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")
work=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/.claude-code-router"
"$java_home/bin/java" -cp "target/test-classes:$cp" dev.ccr.bench.Soak upstream $upstream_port "$work/upstream.json" > "$work/upstream.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 300); do [ -s "$work/upstream.json" ] && break; sleep 0.1; done
sed "s/^{/{\"PORT\": $ccr_port,/" "$work/upstream.json" > "$work/.claude-code-router/config.json"
HOME="$work" CCR_JAVA_OPTS="-XX:NativeMemoryTracking=summary" ./ccr start > "$work/ccr.log" 2>&1 &
ccr=$!; pids+=("$ccr")
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$ccr_port/health" >/dev/null 2>&1 && break; sleep 0.1; done

sample() { # label
  local nmt
  nmt=$("$java_home/bin/jcmd" "$ccr" VM.native_memory summary 2>/dev/null | sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p')
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$ccr/status)" \
    "$(awk '/Threads/ {print $2}' /proc/$ccr/status)" "$(ls /proc/$ccr/fd | wc -l)" "$(( ${nmt:-0} / 1024 ))"
}
echo "bench/soak.sh $minutes $workers $every on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| time | RSS MiB | threads | fds | NMT committed MiB |"
echo "|---|---|---|---|---|"
sample "start"
"$java_home/bin/java" -cp "target/test-classes:$cp" dev.ccr.bench.Soak mix "http://127.0.0.1:$ccr_port" $(( minutes * 60 )) "$workers" > "$work/mix.log" 2>&1 &
mix=$!; pids+=("$mix")
elapsed=0
while kill -0 "$mix" 2>/dev/null; do sleep "$every"; elapsed=$(( elapsed + every )); kill -0 "$mix" 2>/dev/null && sample "${elapsed} s"; done
sleep 20; sample "20 s after"
echo; echo "Answers by kind and status:"; cat "$work/mix.log"
