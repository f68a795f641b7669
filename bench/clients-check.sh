#!/usr/bin/env bash
# Checks the real Codex, Gemini CLI and OpenCode from npm against ccr through its launchers (docs/clients.md,
# "Checking the clients"), all on 127.0.0.1: installs the clients into a cache folder if missing, starts a loopback
# OpenAI chat mock (bench/clients-mock.py) and ccr routing to it, and runs each client headless with a throwaway HOME
# through `ccr codex exec`, `ccr gemini -p` and `ccr opencode run`: a plain answer and a shell-tool round trip.
# Usage: bench/clients-check.sh [codex|gemini|opencode ...]   (default: all three)
#   CLIENTS_CACHE=dir  where the clients are installed (default ~/.cache/ccr-clients; VERSIONS="@openai/codex@x ..."
#   pins them), CCR_JAR=path reuses a built jar, KEEP=1 keeps the work dir.
# Needs node/npm, python3, curl and a JDK 25. Exit status: the number of failed checks.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
clients=("$@"); [ ${#clients[@]} -gt 0 ] || clients=(codex gemini opencode)
java_home=$(.ci/find-jdk) || exit 1
jar=${CCR_JAR:-target/ccr.jar}
if [ -z "${CCR_JAR:-}" ]; then
  ./mvnw -q -DskipTests package >/dev/null || { echo "build failed" >&2; exit 1; }
fi
jar=$(readlink -f "$jar")
cache=${CLIENTS_CACHE:-$HOME/.cache/ccr-clients}
# Gemini CLI ignores a system defaults file below a folder others can write to (/tmp), so the work dir, which holds
# ccr's home, lives in the user's cache.
mkdir -p "$HOME/.cache" && work=$(mktemp -d -p "$HOME/.cache" ccr-clients-check.XXXXXX) && chmod 700 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; [ -n "${KEEP:-}" ] && echo "work dir: $work" || rm -rf "$work"; }
trap cleanup EXIT

packages=${VERSIONS:-"@openai/codex@latest @google/gemini-cli@latest opencode-ai@latest"}
if [ ! -x "$cache/node_modules/.bin/codex" ] || [ ! -x "$cache/node_modules/.bin/gemini" ] \
   || [ ! -x "$cache/node_modules/.bin/opencode" ] || [ -n "${VERSIONS:-}" ]; then
  echo "== installing $packages into $cache"
  mkdir -p "$cache"
  # shellcheck disable=SC2086 # a list of packages
  (cd "$cache" && npm install --silent --no-audit --no-fund $packages >npm.log 2>&1) || { cat "$cache/npm.log"; exit 1; }
fi
bin="$cache/node_modules/.bin"
echo "   codex $("$bin/codex" --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1), gemini $("$bin/gemini" --version 2>/dev/null), opencode $("$bin/opencode" --version 2>/dev/null)"

python3 bench/clients-mock.py "$work/upstream" > "$work/mock.port" 2>"$work/mock.log" &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/mock.port" ] && break; sleep 0.1; done
mock_port=$(cat "$work/mock.port")

mkdir -p "$work/ccr" "$work/home" "$work/project"
cat > "$work/ccr/config.json" <<JSON
{"PORT": 0, "LOG": false, "APIKEY": "test",
 "Providers": [{"name": "mock", "api_base_url": "http://127.0.0.1:$mock_port/v1/chat/completions",
                "api_key": "k", "models": ["mock-model"]}],
 "Router": {"default": "mock,mock-model", "background": "mock,mock-model"}}
JSON
java=("$java_home/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dccr.home="$work/ccr" -jar "$jar")
"${java[@]}" start > "$work/ccr.log" 2>&1 &
pids+=($!)
ccr_port=""
for _ in $(seq 1 300); do
  ccr_port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/ccr.log" 2>/dev/null | grep -o '[0-9]*$')
  [ -n "$ccr_port" ] && curl -fs "http://127.0.0.1:$ccr_port/health" >/dev/null 2>&1 && break
  sleep 0.1
done
[ -n "$ccr_port" ] || { echo "ccr did not start:"; cat "$work/ccr.log"; exit 1; }

run_ccr() { # launcher args...: the client through ccr's launcher, headless, with a throwaway HOME
  (cd "$work/project" && HOME="$work/home" CODEX_PATH="$bin/codex" GEMINI_PATH="$bin/gemini" \
     OPENCODE_PATH="$bin/opencode" GEMINI_CLI_TRUST_WORKSPACE=true NO_COLOR=1 \
     timeout 240 "${java[@]}" "$@" </dev/null 2>&1)
}
failed=0
check() { # name, output, expected text
  if grep -q -- "$3" <<<"$2"; then
    echo "PASS $1"
  else
    echo "FAIL $1"; echo "$2" | grep -v '^    at ' | tail -c 1500 | sed 's/^/     /'; failed=$((failed + 1))
  fi
}

token="ccr-check-$RANDOM$RANDOM"
for client in "${clients[@]}"; do
  case $client in
    codex)
      check "codex plain answer" "$(run_ccr codex exec --skip-git-repo-check 'Say hello')" 'ccr-check-plain-ok'
      check "codex shell round trip" "$(run_ccr codex exec --skip-git-repo-check "CHECK-SHELL:$token-codex")" \
        "tool said: .*$token-codex" ;;
    gemini)
      check "gemini plain answer" "$(run_ccr gemini -p 'Say hello')" 'ccr-check-plain-ok'
      check "gemini shell round trip" "$(run_ccr gemini --yolo -p "CHECK-SHELL:$token-gemini")" "tool said: .*$token-gemini" ;;
    opencode)
      check "opencode plain answer" "$(run_ccr opencode run 'Say hello')" 'ccr-check-plain-ok'
      check "opencode shell round trip" "$(run_ccr opencode run "CHECK-SHELL:$token-opencode")" \
        "tool said: .*$token-opencode" ;;
    *) echo "unknown client $client (codex, gemini, opencode)"; failed=$((failed + 1)) ;;
  esac
done
exit $failed
