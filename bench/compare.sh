#!/usr/bin/env bash
# Side-by-side benchmark: ccr, CCR 2.0.0 (Node, from npm) and the loopback mock upstream direct, in one run, one
# system at a time, everything on 127.0.0.1 (docs/benchmarks.md explains each figure).
#
# Usage: bench/compare.sh [seconds-per-scenario]      (default 10; the whole run takes about 15 minutes)
# Env:   CCR2_DIR   where CCR 2.0.0 is installed (installed from npm when missing; default ~/.cache/ccr-bench/ccr2)
#        ONLY       "ccr" or "ccr2" to bench one router (the mock direct is always measured)
#        CCR_JAVA_OPTS  extra JVM options for ccr (as for ./ccr)
#        SKIP_BUILD non-empty: use target/ as it is
#        WARM       seconds of the same request at the same concurrency before each measured scenario (default: the
#                   scenario's own time; 0 measures right after the shared warm-up, as runs A-Y did)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
secs=${1:-10}
warm=${WARM:-$secs}
only=${ONLY:-}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
command -v node >/dev/null || { echo "needs node and npm (for CCR 2.0.0): apt-get install nodejs npm" >&2; exit 1; }
java_home=$(.ci/find-jdk)
mock_port=18080; ccr_port=13456

ccr2_dir=${CCR2_DIR:-$HOME/.cache/ccr-bench/ccr2}
ccr2_cli="$ccr2_dir/node_modules/@musistudio/claude-code-router/dist/cli.js"
if [ ! -f "$ccr2_cli" ]; then
  echo "Installing CCR 2.0.0 into $ccr2_dir ..." >&2
  mkdir -p "$ccr2_dir" && (cd "$ccr2_dir" && npm install --silent --no-audit --no-fund @musistudio/claude-code-router@2.0.0 >&2)
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "Building ccr and the bench tools ..." >&2
  ./mvnw -q -Pbench -DskipTests package test-compile >&2
fi
cp=$(./mvnw -q -o -Dstyle.color=never -Pbench dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")
java="$java_home/bin/java"

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# ---- request bodies ------------------------------------------------------------------------------------------------
python3 - "$work" "$root/src/test/resources/wire/claude-code-request.json" <<'PY'
import json, sys, copy
work, cc = sys.argv[1], json.load(open(sys.argv[2]))
def save(name, body): open(f"{work}/{name}.json", "w").write(json.dumps(body, separators=(",", ":")))
small = {"model": "oa,m", "max_tokens": 1000, "messages": [{"role": "user", "content": "Say hello"}]}
save("small", dict(small, stream=False))
save("stream", dict(small, stream=True))
save("plug", dict(small, model="oaplug,m", stream=False))
save("plugstream", dict(small, model="oastream,m", stream=True))
save("cc-oa", dict(cc, model="oa,m"))
save("cc-an", dict(cc, model="an,m"))
fan = copy.deepcopy(cc); fan["model"] = "oa,m"
turn = "x" * 4000
while len(json.dumps(fan)) < 300_000:  # a long conversation: 20 subagents, each with the whole of it
    fan["messages"] += [{"role": "assistant", "content": [{"type": "text", "text": turn}]},
                        {"role": "user", "content": [{"type": "text", "text": turn}]}]
save("fan", fan)
PY

# ---- configs: the same file for both routers ----------------------------------------------------------------------
config() { # home with-js
  mkdir -p "$1/.claude-code-router"
  local js=""
  if [ "$2" = yes ]; then
    js="\"CUSTOM_ROUTER_PATH\": \"$root/custom-router.example.js\",
  \"transformers\": [{\"path\": \"$root/plugins/strip-reasoning.js\"}, {\"path\": \"$root/plugins/reasoning-field.js\"}],"
  fi
  cat > "$1/.claude-code-router/config.json" <<JSON
{ "PORT": $ccr_port, "HOST": "127.0.0.1", "LOG": false, "LOG_LEVEL": "warn", $js
  "Providers": [
    {"name": "oa", "api_base_url": "http://127.0.0.1:$mock_port/openai/v1/chat/completions", "api_key": "k", "models": ["m"]},
    {"name": "oaplug", "api_base_url": "http://127.0.0.1:$mock_port/openai/v1/chat/completions", "api_key": "k", "models": ["m"],
     "transformer": {"use": ["strip-reasoning"]}},
    {"name": "oastream", "api_base_url": "http://127.0.0.1:$mock_port/openai/v1/chat/completions", "api_key": "k", "models": ["m"],
     "transformer": {"use": ["reasoning-field"]}},
    {"name": "an", "api_base_url": "http://127.0.0.1:$mock_port/anthropic/v1/messages", "api_key": "k", "models": ["m"],
     "transformer": {"use": ["Anthropic"]}}],
  "Router": {"default": "oa,m"} }
JSON
}

# The launcher records its start-up caches once per build (one for configs without scripts, one with GraalJS in it for
# configs that name scripts): not part of the timed starts.
for js in no yes; do config "$work/home-cache-$js" "$js"; HOME="$work/home-cache-$js" ./ccr version >/dev/null; done

# ---- measuring -----------------------------------------------------------------------------------------------------
wrk_run() { # url body-file connections seconds -> "req/s p50_ms p99_ms bad"
  cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
local f = io.open("$2", "rb"); wrk.body = f:read("*a"); f:close()
LUA
  wrk -t1 -c"$3" -d"$4s" --latency -s "$work/post.lua" "$1" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=ms($2)} /^ +99%/ {p99=ms($2)}
    /Non-2xx/ {bad+=$NF} /Socket errors/ {bad+=$4+$6+$8+$10}
    END {printf "%.0f %.3f %.3f %d\n", rps, p50, p99, bad}'
}
# Each scenario is measured after the same request at the same concurrency for $warm s: a JIT compiles for the mix it
# has seen, and recompiles, for a few seconds, when the concurrency changes (docs/benchmarks.md, run Z).
wrk_steady() { # as wrk_run
  [ "$warm" -gt 0 ] && wrk_run "$1" "$2" "$3" "$warm" >/dev/null
  wrk_run "$@"
}
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
post_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' --data-binary "@$work/small.json" "http://127.0.0.1:$ccr_port/v1/messages")" = 200 ]; }

declare -A R  # R[system.figure] = value

start_router() { # system home -> sets router_pid and start_ms (launch to first answered request)
  local t0 t1
  t0=$(date +%s%N)
  case "$1" in
    ccr)  HOME="$2" "$root/ccr" start > "$2/out.log" 2>&1 & ;;
    ccr2) HOME="$2" node "$ccr2_cli" start > "$2/out.log" 2>&1 & ;;
  esac
  router_pid=$!; pids+=("$router_pid")
  for _ in $(seq 1 3000); do post_ok && break; sleep 0.01; done
  t1=$(date +%s%N)
  start_ms=$(( (t1 - t0) / 1000000 ))
}
stop_router() { kill "$router_pid" 2>/dev/null || true; wait "$router_pid" 2>/dev/null || true; sleep 1; }

bench_system() { # system
  local s=$1 home="$work/home-$1" url="http://127.0.0.1:$ccr_port/v1/messages" out
  config "$home" no
  start_router "$s" "$home"; R[$s.start]=$start_ms
  sleep 3; R[$s.rss_idle]=$(rss_mib "$router_pid")
  echo "  $s: started in ${R[$s.start]} ms, idle RSS ${R[$s.rss_idle]} MiB" >&2
  # warm-up, the same for both routers
  for b in small stream cc-oa cc-an; do wrk_run "$url" "$work/$b.json" 8 3 >/dev/null; done
  out=$(wrk_steady "$url" "$work/small.json" 1 "$secs");      R[$s.small1]=$out
  out=$(wrk_steady "$url" "$work/small.json" 64 "$secs");     R[$s.small64]=$out
  out=$(wrk_steady "$url" "$work/stream.json" 16 "$secs");    R[$s.stream16]=$out
  out=$(wrk_steady "$url" "$work/cc-oa.json" 1 "$secs");      R[$s.cc1]=$out
  out=$(wrk_steady "$url" "$work/cc-oa.json" 16 "$secs");     R[$s.cc16]=$out
  out=$(wrk_steady "$url" "$work/cc-an.json" 1 "$secs");      R[$s.ccan1]=$out
  out=$("$java" -cp "$root/target/test-classes:$cp" dev.ccr.bench.FanOut "$url" "$work/fan.json" 20 10); R[$s.fan]=$out
  R[$s.rss_load]=$(rss_mib "$router_pid")
  echo "  $s: load done, RSS ${R[$s.rss_load]} MiB" >&2
  stop_router

  config "$home" yes
  start_router "$s" "$home"; R[$s.start_js]=$start_ms
  echo "  $s: with JS started in ${R[$s.start_js]} ms" >&2
  for b in small plug plugstream; do wrk_run "$url" "$work/$b.json" 4 5 >/dev/null; done
  out=$(wrk_run "$url" "$work/small.json" 1 "$secs");      R[$s.js_router_early]=$out
  # The JVM compiles GraalJS's interpreter for the scripts' paths over tens of seconds of use; the rows below are
  # the steady state, as the rows without JS are.
  for b in small small plug plugstream; do wrk_run "$url" "$work/$b.json" 4 10 >/dev/null; done
  out=$(wrk_run "$url" "$work/small.json" 1 "$secs");      R[$s.js_router]=$out
  out=$(wrk_run "$url" "$work/plug.json" 1 "$secs");       R[$s.js_plug]=$out
  out=$(wrk_run "$url" "$work/stream.json" 1 "$secs");     R[$s.js_stream_base]=$out
  out=$(wrk_run "$url" "$work/plugstream.json" 1 "$secs"); R[$s.js_stream]=$out
  stop_router
}

"$java" -Dsun.net.httpserver.nodelay=true -cp "$root/target/test-classes:$cp" dev.ccr.bench.MockUpstream $mock_port 100 > "$work/mock.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$mock_port/openai" -d '{}' && break; sleep 0.05; done
echo "Load before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

mock="http://127.0.0.1:$mock_port/openai/v1/chat/completions"
for b in small stream cc-oa; do wrk_run "$mock" "$work/$b.json" 8 3 >/dev/null; done
R[mock.small1]=$(wrk_steady "$mock" "$work/small.json" 1 "$secs")
R[mock.small64]=$(wrk_steady "$mock" "$work/small.json" 64 "$secs")
R[mock.stream16]=$(wrk_steady "$mock" "$work/stream.json" 16 "$secs")
R[mock.cc1]=$(wrk_steady "$mock" "$work/cc-oa.json" 1 "$secs")
R[mock.cc16]=$(wrk_steady "$mock" "$work/cc-oa.json" 16 "$secs")
R[mock.ccan1]=$(wrk_steady "http://127.0.0.1:$mock_port/anthropic/v1/messages" "$work/cc-an.json" 1 "$secs")
R[mock.fan]=$("$java" -cp "$root/target/test-classes:$cp" dev.ccr.bench.FanOut "$mock" "$work/fan.json" 20 10)
echo "  mock direct done" >&2

systems=()
[ "$only" != ccr2 ] && systems+=(ccr)
[ "$only" != ccr ] && systems+=(ccr2)
for s in "${systems[@]}"; do bench_system "$s"; done
echo "Load after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# ---- the table -----------------------------------------------------------------------------------------------------
f() { echo "${R[$1]:-- - - -}" | cut -d' ' -f"$2"; }                      # field of a wrk result
added() { awk -v a="$(f "$1.$3" "$4")" -v b="$(f "mock.$3" "$4")" 'BEGIN { if (a == "-") print "-"; else printf "+%.2f ms", a - b }'; }
delta() { awk -v a="$(f "$1.$2" "$4")" -v b="$(f "$1.$3" "$4")" -v d="${5:-1}" 'BEGIN { if (a == "-") print "-"; else printf "%+.3f ms", (a - b) / d }'; }
ratio() { awk -v a="$(f "ccr.$1" 1)" -v b="$(f "ccr2.$1" 1)" 'BEGIN { if (b + 0 == 0 || a == "-") print "-"; else printf "%.1fx", a / b }'; }
ms() { [ -n "${R[$1]:-}" ] && echo "${R[$1]} ms" || echo "-"; }
mib() { [ -n "${R[$1]:-}" ] && echo "${R[$1]} MiB" || echo "-"; }
fan() { echo "${R[$1.fan]:-- - - -}" | awk '{ printf "%s / %s ms, %s errors", $1, $2, $3 }'; }
fanadd() { awk -v a="$(echo "${R[$1.fan]:--}" | cut -d' ' -f"$2")" -v b="$(echo "${R[mock.fan]}" | cut -d' ' -f"$2")" 'BEGIN { if (a == "-") print "-"; else printf "+%.1f ms", a - b }'; }

row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
echo
echo "bench/compare.sh $secs (WARM=$warm) on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); load before/after in the log above"
echo
row "Figure" "CCR 2.0.0" "ccr" "mock direct" "ccr vs CCR"
row "---" "---" "---" "---" "---"
row "small JSON, c=1: added p50" "$(added ccr2 x small1 2)" "$(added ccr x small1 2)" "$(f mock.small1 2) ms" ""
row "small JSON, c=1: added p99" "$(added ccr2 x small1 3)" "$(added ccr x small1 3)" "$(f mock.small1 3) ms" ""
row "small JSON, c=64: req/s" "$(f ccr2.small64 1)" "$(f ccr.small64 1)" "$(f mock.small64 1)" "$(ratio small64)"
row "100-chunk stream, c=16: streams/s" "$(f ccr2.stream16 1)" "$(f ccr.stream16 1)" "$(f mock.stream16 1)" "$(ratio stream16)"
row "Claude Code request → OpenAI, c=1: added p50" "$(added ccr2 x cc1 2)" "$(added ccr x cc1 2)" "$(f mock.cc1 2) ms" ""
row "Claude Code request → OpenAI, c=16: req/s" "$(f ccr2.cc16 1)" "$(f ccr.cc16 1)" "$(f mock.cc16 1)" "$(ratio cc16)"
row "Claude Code request passthrough, c=1: added p50" "$(added ccr2 x ccan1 2)" "$(added ccr x ccan1 2)" "$(f mock.ccan1 2) ms" ""
row "20-way fan-out, 300 KB: first event p50 / p99" "$(fan ccr2)" "$(fan ccr)" "$(fan mock)" ""
row "fan-out: added p50 / p99" "$(fanadd ccr2 1) / $(fanadd ccr2 2)" "$(fanadd ccr 1) / $(fanadd ccr 2)" "" ""
row "start to first answered request" "$(ms ccr2.start)" "$(ms ccr.start)" "" ""
row "the same with a JS router and 2 plugins" "$(ms ccr2.start_js)" "$(ms ccr.start_js)" "" ""
row "RSS idle / after the load" "$(mib ccr2.rss_idle) / $(mib ccr2.rss_load)" "$(mib ccr.rss_idle) / $(mib ccr.rss_load)" "" ""
row "JS router, c=1: added p50 after 15 s of use" "$(delta ccr2 js_router_early small1 2)" "$(delta ccr js_router_early small1 2)" "" ""
row "JS router, c=1: added p50 after a minute of use" "$(delta ccr2 js_router small1 2)" "$(delta ccr js_router small1 2)" "" ""
row "request plugin, c=1: added p50" "$(delta ccr2 js_plug js_router 2)" "$(delta ccr js_plug js_router 2)" "" ""
row "stream plugin: added p50 per event (100 events)" "$(delta ccr2 js_stream js_stream_base 2 100)" "$(delta ccr js_stream js_stream_base 2 100)" "" ""
bad=""
for s in mock "${systems[@]}"; do
  for k in small1 small64 stream16 cc1 cc16 ccan1 js_router_early js_router js_plug js_stream_base js_stream; do
    v=$(f "$s.$k" 4); [ "$v" != "-" ] && [ "$v" != "0" ] && bad="$bad $s.$k=$v"
  done
done
echo
echo "Failed requests (non-2xx or socket errors): ${bad:-none}"
