#!/usr/bin/env bash
# Checks the newest Claude Code from npm against ccr, all on 127.0.0.1 (docs/compatibility.md, "Checking a new
# Claude Code release"): installs @anthropic-ai/claude-code@latest into a scratch folder, starts a loopback OpenAI
# chat mock (bench/claude-code-mock.py) and ccr routing to it, runs `claude -p` headless with a throwaway HOME for
# a plain answer, a Bash round trip, a Read round trip and a stream-json run, and prints pass/fail for each.
# Usage: bench/claude-code-check.sh [claude-code-version]   (CCR_JAR=path reuses a built jar; KEEP=1 keeps the work dir)
# Needs node/npm, python3, curl and a JDK 25. Exit status: the number of failed checks.
set -uo pipefail
cd "$(dirname "$0")/.."
version=${1:-latest}
java_home=$(.ci/find-jdk) || exit 1
jar=${CCR_JAR:-target/ccr.jar}
if [ -z "${CCR_JAR:-}" ]; then
  ./mvnw -q -DskipTests package >/dev/null || { echo "build failed" >&2; exit 1; }
fi
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; [ -n "${KEEP:-}" ] && echo "work dir: $work" || rm -rf "$work"; }
trap cleanup EXIT

echo "== installing @anthropic-ai/claude-code@$version"
(cd "$work" && npm install --silent --no-audit --no-fund "@anthropic-ai/claude-code@$version" >npm.log 2>&1) \
  || { cat "$work/npm.log"; exit 1; }
claude="$work/node_modules/.bin/claude"
echo "   $("$claude" --version 2>/dev/null)"

python3 bench/claude-code-mock.py "$work/upstream" > "$work/mock.port" 2>"$work/mock.log" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/mock.port" ] && break; sleep 0.1; done
mock_port=$(cat "$work/mock.port")

mkdir -p "$work/ccr" "$work/home" "$work/project"
cat > "$work/ccr/config.json" <<JSON
{"PORT": 0, "LOG": false, "APIKEY": "test",
 "Providers": [{"name": "mock", "api_base_url": "http://127.0.0.1:$mock_port/v1/chat/completions",
                "api_key": "k", "models": ["mock-model"]}],
 "Router": {"default": "mock,mock-model", "background": "mock,mock-model"}}
JSON
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dccr.home="$work/ccr" -jar "$jar" start \
  --config "$work/ccr/config.json" > "$work/ccr.log" 2>&1 &
pids+=($!)
ccr_port=""
for _ in $(seq 1 200); do
  ccr_port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/ccr.log" 2>/dev/null | grep -o '[0-9]*$')
  [ -n "$ccr_port" ] && curl -fs "http://127.0.0.1:$ccr_port/health" >/dev/null 2>&1 && break
  sleep 0.1
done
[ -n "$ccr_port" ] || { echo "ccr did not start:"; cat "$work/ccr.log"; exit 1; }

run_claude() { # args...
  (cd "$work/project" && HOME="$work/home" ANTHROPIC_BASE_URL="http://127.0.0.1:$ccr_port" \
     ANTHROPIC_AUTH_TOKEN=test DISABLE_AUTOUPDATER=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
     timeout 120 "$claude" "$@" 2>&1)
}
failed=0
check() { # name, output, expected text
  if grep -q -- "$3" <<<"$2" && ! grep -q '"is_error":true' <<<"$2"; then
    echo "PASS $1"
  else
    echo "FAIL $1"; echo "$2" | tail -c 1500 | sed 's/^/     /'; failed=$((failed + 1))
  fi
}

token="ccr-check-$RANDOM$RANDOM"
echo "file says $token-read" > "$work/project/note.txt"
check "plain answer" "$(run_claude -p 'Say hello' --output-format json)" '"result":"ccr-check-plain-ok"'
check "Bash round trip" "$(run_claude -p "CHECK-BASH:$token" --output-format json --allowedTools Bash)" \
  "tool said: $token"
check "Read round trip" "$(run_claude -p "CHECK-READ:$work/project/note.txt" --output-format json --allowedTools Read)" \
  "$token-read"
check "stream-json run" "$(run_claude -p 'Say hello' --output-format stream-json --verbose)" \
  '"subtype":"success"'
if grep -l "x-anthropic-billing-header\|context_management\|defer_loading" "$work/upstream/"*.json >/dev/null 2>&1; then
  echo "FAIL upstream bodies carry Anthropic-only fields"; failed=$((failed + 1))
else
  echo "PASS upstream bodies carry no Anthropic-only fields ($(ls "$work/upstream" | wc -l) requests)"
fi
exit $failed
