#!/usr/bin/env bash
# Gateway benchmark harness (issue 5). See bench/README.md for what every figure means.
#
#   bench/run.sh                 full run: AOT + JIT, 3 rounds (round-robin over targets) of 5 s per load point (~35 min)
#   bench/run.sh --smoke         CI: JIT only, 1 round of 1 s per load point, well under 90 s
#   options: --runs N  --duration S  --targets direct,nginx,yarp-jit,...  --no-build  --no-install
#
# Pinning (2-core machine): the fake provider, wrk and the probe share core 1; the proxy under test
# runs alone on core 0. All traffic is on 127.0.0.1; every load run is bounded in time.
# Never asserts speed: anything that fails is reported as "n/a" and the script still exits 0.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
ART="$BENCH_DIR/artifacts"
RESULTS="$BENCH_DIR/results"
RUN_DIR="$RESULTS/run"
RAW="$RESULTS/raw.tsv"
LOGS="$RESULTS/logs"

SMOKE=0 RUNS=3 DUR=5 BUILD=1 INSTALL=1 TARGETS=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --runs) RUNS="$2"; shift ;;
    --duration) DUR="$2"; shift ;;
    --targets) TARGETS="$2"; shift ;;
    --no-build) BUILD=0 ;;
    --no-install) INSTALL=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 64 ;;
  esac
  shift
done
if [[ $SMOKE == 1 ]]; then
  RUNS=1 DUR=1 WARM=1 WARM_JIT=1 TTFE_N=30 TTFE_WARM=20
  : "${TARGETS:=direct,nginx,yarp-jit,gateway-jit}"
else
  # JIT targets start fresh each round: 10 s of load lets tiered compilation reach its optimised code.
  WARM=2 WARM_JIT=10 TTFE_N=200 TTFE_WARM=50
  : "${TARGETS:=direct,nginx-static,nginx,yarp-jit,yarp-aot,gateway-jit,gateway-aot,gateway-jit-managed,gateway-aot-managed,direct-anthropic,gateway-jit-anthropic,gateway-aot-anthropic,gateway-jit-translated,gateway-aot-translated,direct-responses,gateway-jit-responses,gateway-aot-responses,gateway-jit-responses-translated,gateway-aot-responses-translated,gateway-jit-keys,gateway-aot-keys,gateway-jit-keys-redis,gateway-aot-keys-redis}"
fi

FAKE_PORT=18080 GW_PORT=18090 YARP_PORT=18091 NGINX_PORT=18092 NGINX_STATIC_PORT=18093
CORE_PROXY=0 CORE_LOAD=1
export BENCH_API_KEY="sk-bench-dummy-not-a-secret"   # bench.toml: credential = "env::BENCH_API_KEY"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CHAT_BODY='{"model":"gpt-bench","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}'
MANAGED_BODY='{"model":"gpt-bench-managed","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}'
# Anthropic Messages bodies (issue 13): "claude-bench" is on the anthropic provider (same-format relay),
# "gpt-bench" on the OpenAI one (translated both ways). Same shape as CHAT_BODY, so stream_body works.
MESSAGES_BODY='{"model":"claude-bench","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}'
TRANSLATED_BODY='{"model":"gpt-bench","messages":[{"role":"user","content":"Say hello."}],"max_tokens":16}'
# OpenAI Responses bodies (issue 14): "gpt-bench" is on the openai provider, which serves /v1/responses
# itself (bytes relayed); "gpt-bench-chat" on the chat-only provider of the same fake (translated to
# Chat Completions and back). stream_body adds "stream": true after max_output_tokens.
RESPONSES_BODY='{"model":"gpt-bench","input":"Say hello.","max_output_tokens":16}'
RESPONSES_TRANSLATED_BODY='{"model":"gpt-bench-chat","input":"Say hello.","max_output_tokens":16}'
CLK_TCK=$(getconf CLK_TCK)
T0=$SECONDS

mkdir -p "$RESULTS" "$RUN_DIR" "$LOGS"
: > "$RAW"
declare -A NOTE=()     # target -> why it is n/a
PIDS=()

log() { printf '[bench %3ds] %s\n' "$((SECONDS - T0))" "$*" >&2; }

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
  done
  PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a background process and records its pid for cleanup. stdout goes to /dev/null (an
# Information-level request log would fill the disk under load); stderr to results/logs/NAME.err.
spawn() { # name cmd...
  local name=$1; shift
  "$@" >/dev/null 2>"$LOGS/$name.err" &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}

stop() { # pid
  local pid=$1 p keep=()
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

post_status() { # url body
  curl -s -o "$RUN_DIR/last-body" -w '%{http_code}' --max-time 5 -X POST "$1" \
    -H 'Content-Type: application/json' -H 'Authorization: Bearer sk-bench' -d "$2" 2>/dev/null
}

wait_ready() { # pid url body timeout_s -> 0 when a POST returns 200
  local pid=$1 url=$2 body=$3 deadline=$((SECONDS + $4))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || return 1
    [[ $(post_status "$url" "$body") == 200 ]] && return 0
    sleep 0.1
  done
  return 1
}

# CPU ticks (utime + stime) of a process and all its descendants (nginx: master + worker).
cpu_ticks() {
  local pid=$1 total=0 t c
  [[ -r /proc/$pid/stat ]] || { echo 0; return; }
  t=$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$pid/stat")
  total=$((total + t))
  for c in $(pgrep -P "$pid" 2>/dev/null); do total=$((total + $(cpu_ticks "$c"))); done
  echo "$total"
}

# Peak RSS in KiB: the largest VmHWM of the process and its descendants.
peak_rss_kib() {
  local pid=$1 best=0 v c
  v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
  best=${v:-0}
  for c in $(pgrep -P "$pid" 2>/dev/null); do
    v=$(peak_rss_kib "$c"); (( v > best )) && best=$v
  done
  echo "$best"
}

record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RAW"; }

# One wrk load point; prints "requests rps p50_us p99_us bad" (bad = socket errors + non-2xx).
wrk_point() { # conc dur url body
  local out line
  out=$(BENCH_BODY="$4" timeout $(( $2 + 20 )) taskset -c $CORE_LOAD wrk -t1 -c"$1" -d"$2"s --timeout 5s \
        -s "$BENCH_DIR/wrk/post.lua" "$3" 2>&1)
  line=$(grep '^RESULT' <<<"$out")
  [[ -n $line ]] || { echo "0 0 0 0 1"; return; }
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%d %.0f %d %d %d\n", v["requests"], v["requests"] / (v["duration_us"] / 1e6),
           v["p50_us"], v["p99_us"], v["socket_errors"] + v["non2xx"] }' <<<"$line"
}

ok_point() { # requests bad -> success when < 1% failed
  (( $1 > 0 && $2 * 100 < $1 ))
}

# ---------------------------------------------------------------------------------------------
# Tools and builds
# ---------------------------------------------------------------------------------------------
install_if_missing() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  [[ $INSTALL == 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1 || return 1
  log "installing $2 (apt)"
  if [[ ! -f "$RUN_DIR/.apt-updated" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 && touch "$RUN_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1
  command -v "$1" >/dev/null 2>&1
}

install_if_missing wrk wrk || log "wrk is not available: load figures will be n/a"
install_if_missing curl curl || log "curl is not available"
HAVE_REDIS=0
if [[ ",$TARGETS," == *-keys-redis,* ]]; then install_if_missing redis-server redis-server && HAVE_REDIS=1; fi
HAVE_NGINX=0
if [[ $SMOKE == 1 ]]; then command -v nginx >/dev/null 2>&1 && HAVE_NGINX=1
else install_if_missing nginx nginx-light && HAVE_NGINX=1; fi
# nginx may live in /usr/sbin, which is not always on PATH.
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx); [[ -x $NGINX_BIN ]] && HAVE_NGINX=1
HAVE_CLANG=0
if [[ $SMOKE == 0 ]]; then install_if_missing clang clang && HAVE_CLANG=1; fi

want() { [[ ",$TARGETS," == *",$1,"* ]]; }
# Targets measured on the plain bench.toml binary of a kind (gateway-jit, gateway-jit-managed, ...).
want_kind() { local v; want "$1" && return 0; for v in managed anthropic translated responses responses-translated; do want "$1-$v" && return 0; done; return 1; }

FAKE_BIN="$ART/bin/FakeProvider/release/fake-provider"
YARP_JIT_BIN="$ART/bin/YarpBaseline/release/yarp-baseline"
PROBE_BIN="$ART/bin/Probe/release/bench-probe"
FAKE_AOT_BIN="$ART/publish/fake-provider-aot/fake-provider"
YARP_AOT_BIN="$ART/publish/yarp-baseline-aot/yarp-baseline"
# BENCH_GW_JIT_BIN / BENCH_GW_AOT_BIN measure another gateway binary (A/B of an optimisation, with --no-build).
GW_JIT_BIN=${BENCH_GW_JIT_BIN:-"$ART/gateway-jit/bin/Gateway.Host/release/gateway"}
GW_AOT_BIN=${BENCH_GW_AOT_BIN:-"$ART/publish/gateway-aot/gateway"}
# Issue 15: the same gateway built from bench.toml + keys.toml (memory store) and + keys-redis.toml.
# Each build has its own --artifacts-path, so the three configs never share an obj/ directory.
declare -A KEYS_CONFIG=([keys]="keys.toml" [keys-redis]="keys.toml keys-redis.toml")
gw_bin() { # kind variant ("" for bench.toml alone)
  if [[ -z $2 ]]; then [[ $1 == jit ]] && echo "$GW_JIT_BIN" || echo "$GW_AOT_BIN"
  elif [[ $1 == jit ]]; then echo "$ART/gateway-jit-$2/bin/Gateway.Host/release/gateway"
  else echo "$ART/publish/gateway-aot-$2/gateway"; fi
}
keys_config() { # variant -> path of bench.toml with the variant's fragments appended
  local out="$ART/config/bench-$1.toml" f
  mkdir -p "$ART/config"
  { cat "$BENCH_DIR/bench.toml"; for f in ${KEYS_CONFIG[$1]}; do echo; cat "$BENCH_DIR/$f"; done; } > "$out"
  echo "$out"
}

build() { # name logfile cmd... -> 0/1, logs elsewhere
  local name=$1 logfile="$LOGS/build-$1.log"; shift
  local start=$SECONDS
  if "$@" >"$logfile" 2>&1; then
    log "built $name ($((SECONDS - start)) s)"; return 0
  fi
  log "BUILD FAILED: $name (see ${logfile#"$ROOT"/}):"
  grep -E ': error |error [A-Z]+[0-9]+' "$logfile" | sort -u | head -5 >&2
  return 1
}

if [[ $BUILD == 1 ]]; then
  cd "$ROOT" || exit 0
  # The bench projects and the JIT gateway build side by side (two MSBuild processes, two cores):
  # this is most of the --smoke budget.
  build bench dotnet build "$BENCH_DIR/Bench.slnx" -c Release & bench_build=$!
  gw_build=""
  if want_kind gateway-jit; then
    build gateway-jit dotnet build src/Gateway.Host -c Release -p:GatewayConfig="$BENCH_DIR/bench.toml" \
      --artifacts-path "$ART/gateway-jit" & gw_build=$!
  fi
  declare -A keys_build=()
  for variant in keys keys-redis; do
    want gateway-jit-$variant || continue
    build gateway-jit-$variant dotnet build src/Gateway.Host -c Release -p:GatewayConfig="$(keys_config $variant)" \
      --artifacts-path "$ART/gateway-jit-$variant" & keys_build[$variant]=$!
  done
  wait "$bench_build" || NOTE[all]="bench projects failed to build"
  if [[ -n $gw_build ]]; then wait "$gw_build" || NOTE[gateway-jit]="build failed"; fi
  for variant in "${!keys_build[@]}"; do wait "${keys_build[$variant]}" || NOTE[gateway-jit-$variant]="build failed"; done
  if [[ $SMOKE == 0 ]]; then
    if [[ $HAVE_CLANG == 1 ]]; then
      build fake-provider-aot dotnet publish "$BENCH_DIR/FakeProvider" -c Release -r linux-x64 -o "$ART/publish/fake-provider-aot" || true
      if want yarp-aot; then
        build yarp-aot dotnet publish "$BENCH_DIR/YarpBaseline" -c Release -r linux-x64 -o "$ART/publish/yarp-baseline-aot" \
          || NOTE[yarp-aot]="publish failed"
      fi
      if want_kind gateway-aot; then
        build gateway-aot dotnet publish src/Gateway.Host -c Release -r linux-x64 -p:GatewayConfig="$BENCH_DIR/bench.toml" \
          --artifacts-path "$ART/gateway-aot" -o "$ART/publish/gateway-aot" || NOTE[gateway-aot]="publish failed"
      fi
      for variant in keys keys-redis; do
        want gateway-aot-$variant || continue
        build gateway-aot-$variant dotnet publish src/Gateway.Host -c Release -r linux-x64 -p:GatewayConfig="$(keys_config $variant)" \
          --artifacts-path "$ART/gateway-aot-$variant" -o "$ART/publish/gateway-aot-$variant" || NOTE[gateway-aot-$variant]="publish failed"
      done
    else
      log "clang is not available: AOT rows will be n/a"
    fi
  fi
fi
for kind in jit aot; do
  for variant in managed anthropic translated responses responses-translated; do
    [[ -n ${NOTE[gateway-$kind]:-} ]] && NOTE[gateway-$kind-$variant]=${NOTE[gateway-$kind]}
  done
done

# The fake provider: AOT in a full run (so it is as cheap as it can be), JIT in --smoke.
FAKE_KIND=JIT
if [[ $SMOKE == 0 && -x $FAKE_AOT_BIN ]]; then FAKE_BIN=$FAKE_AOT_BIN FAKE_KIND=NativeAOT; fi

# ---------------------------------------------------------------------------------------------
# nginx configs (proxy with keep-alive upstream on core 0; static `return 200` on core 1)
# ---------------------------------------------------------------------------------------------
STATIC_JSON=$(printf '%s' '{"id":"chatcmpl-bench0001","object":"chat.completion","created":1700000000,"model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the fake provider."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}')
nginx_conf() { # file port body
  cat > "$1" <<EOF
worker_processes 1;
pid $RUN_DIR/nginx-$2.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $RUN_DIR/nginx-body-$2;
  proxy_temp_path $RUN_DIR/nginx-proxy-$2;
  fastcgi_temp_path $RUN_DIR/nginx-fastcgi-$2;
  uwsgi_temp_path $RUN_DIR/nginx-uwsgi-$2;
  scgi_temp_path $RUN_DIR/nginx-scgi-$2;
  upstream fake { server 127.0.0.1:$FAKE_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$2;
    $3
  }
}
EOF
}
nginx_conf "$RUN_DIR/nginx-proxy.conf" $NGINX_PORT \
  'location / { proxy_pass http://fake; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }'
nginx_conf "$RUN_DIR/nginx-static.conf" $NGINX_STATIC_PORT \
  "location / { default_type application/json; return 200 '$STATIC_JSON'; }"

# ---------------------------------------------------------------------------------------------
# Targets: sets CMD (how to start it), URL, EP (path), BODY, LABEL, EXPECT (a marker of the answer's
# format) and BASE (the direct row its "added" figures subtract). "direct" is the fake provider itself.
# ---------------------------------------------------------------------------------------------
target_def() {
  local t=$1
  BODY=$CHAT_BODY CMD=() BIN="" EP=/v1/chat/completions EXPECT='"chat.completion"' BASE=direct
  case $t in
    direct) LABEL="direct (fake provider, $FAKE_KIND)"; URL="http://127.0.0.1:$FAKE_PORT" ;;
    direct-anthropic) LABEL="direct /v1/messages (fake provider, $FAKE_KIND)"; URL="http://127.0.0.1:$FAKE_PORT"
      EP=/v1/messages BODY=$MESSAGES_BODY EXPECT='"type":"message"' BASE=direct-anthropic ;;
    direct-responses) LABEL="direct /v1/responses (fake provider, $FAKE_KIND)"; URL="http://127.0.0.1:$FAKE_PORT"
      EP=/v1/responses BODY=$RESPONSES_BODY EXPECT='"object":"response"' BASE=direct-responses ;;
    nginx-static) LABEL="nginx \`return 200\` (no upstream, core 1)"; URL="http://127.0.0.1:$NGINX_STATIC_PORT"; BIN=$NGINX_BIN
      CMD=(taskset -c $CORE_LOAD "$NGINX_BIN" -p "$RUN_DIR" -c "$RUN_DIR/nginx-static.conf" -e "$LOGS/nginx-static.err" -g "daemon off;") ;;
    nginx) LABEL="nginx proxy_pass (keepalive)"; URL="http://127.0.0.1:$NGINX_PORT"; BIN=$NGINX_BIN
      CMD=(taskset -c $CORE_PROXY "$NGINX_BIN" -p "$RUN_DIR" -c "$RUN_DIR/nginx-proxy.conf" -e "$LOGS/nginx-proxy.err" -g "daemon off;") ;;
    yarp-jit|yarp-aot)
      if [[ $t == yarp-jit ]]; then BIN=$YARP_JIT_BIN LABEL="YARP 2.3.0 JIT"; else BIN=$YARP_AOT_BIN LABEL="YARP 2.3.0 NativeAOT"; fi
      URL="http://127.0.0.1:$YARP_PORT"
      CMD=(taskset -c $CORE_PROXY "$BIN" --urls "$URL" --destination "http://127.0.0.1:$FAKE_PORT/") ;;
    gateway-jit|gateway-aot|gateway-jit-*|gateway-aot-*)
      case $t in gateway-jit*) BIN=$GW_JIT_BIN LABEL="gateway JIT" ;; *) BIN=$GW_AOT_BIN LABEL="gateway NativeAOT" ;; esac
      case $t in
        *-managed) BODY=$MANAGED_BODY LABEL="$LABEL (managed model)" ;;
        # Issue 15: the managed-model row with a gateway key (Bearer sk-bench) and every limit set.
        *-keys) BIN=$(gw_bin "${t:8:3}" keys) BODY=$MANAGED_BODY LABEL="$LABEL (managed model, key + limits, memory store)" ;;
        *-keys-redis) BIN=$(gw_bin "${t:8:3}" keys-redis) BODY=$MANAGED_BODY LABEL="$LABEL (managed model, key + limits, Redis store)" ;;
        *-anthropic) BODY=$MESSAGES_BODY EP=/v1/messages EXPECT='"type":"message"' BASE=direct-anthropic
          LABEL="$LABEL (Anthropic → Anthropic)" ;;
        # Issue 14; before *-translated, which would match the translated Responses rows too.
        *-responses) BODY=$RESPONSES_BODY EP=/v1/responses EXPECT='"object":"response"' BASE=direct-responses
          LABEL="$LABEL (Responses → Responses, native relay)" ;;
        *-responses-translated) BODY=$RESPONSES_TRANSLATED_BODY EP=/v1/responses EXPECT='"object":"response"'
          LABEL="$LABEL (Responses → OpenAI Chat, translated)" ;;
        *-translated) BODY=$TRANSLATED_BODY EP=/v1/messages EXPECT='"type":"message"'
          LABEL="$LABEL (Anthropic → OpenAI, translated)" ;;
        *) LABEL="$LABEL (passthrough)" ;;
      esac
      URL="http://127.0.0.1:$GW_PORT"
      CMD=(taskset -c $CORE_PROXY "$BIN" --urls "$URL") ;;
  esac
}

stream_body() { sed -E 's/"(max_tokens|max_output_tokens)":16/&,"stream":true/' <<<"$1"; }

# ---------------------------------------------------------------------------------------------
# Measurement of one target
# ---------------------------------------------------------------------------------------------
# One round of one target: a fresh process, its start-up time, then one run of every load point.
# Rounds go round-robin over the targets (see the Run section): on a shared VM the noise comes in
# spells of a minute or more, and a target measured in one block could land wholly inside one.
measure_round() { # target round
  local t=$1 round=$2 pid="" res req rps p50 p99 bad before after
  target_def "$t"
  if [[ -n ${NOTE[$t]:-} ]]; then (( round > 1 )) || log "$t: n/a (${NOTE[$t]})"; return; fi
  if [[ $t != direct* && ( -z $BIN || ! -x $BIN ) ]]; then NOTE[$t]="not built"; log "$t: n/a (not built)"; return; fi
  if ! command -v wrk >/dev/null; then NOTE[$t]="wrk missing"; return; fi
  log "$t (round $round): $LABEL"

  # 1. Start-up to the first proxied 200 (fresh process; nothing else listening on the port).
  if [[ $t != direct* ]]; then
    res=$(timeout 60 taskset -c $CORE_LOAD "$PROBE_BIN" startup --url "$URL$EP" --body "$BODY" --auth sk-bench \
          --warm-url "http://127.0.0.1:$FAKE_PORT/v1/chat/completions" --timeout-ms 20000 -- "${CMD[@]}" 2>>"$LOGS/probe.err")
    res=${res#startup_ms=}
    [[ $res =~ ^[0-9.]+$ ]] && record "$t" startup_ms "$res"
  fi

  # 2. The instance for this round's load points.
  if [[ $t == direct* ]]; then pid=$FAKE_PID
  else
    spawn "$t" "${CMD[@]}"; pid=$LAST_PID
    if ! wait_ready "$pid" "$URL$EP" "$BODY" 20; then
      NOTE[$t]="no 200 from a proxied request (HTTP $(post_status "$URL$EP" "$BODY"); see results/logs/$t.err)"
      log "$t: n/a (${NOTE[$t]})"; stop "$pid"; return
    fi
  fi
  if (( round == 1 )) && ! grep -qF "$EXPECT" "$RUN_DIR/last-body" 2>/dev/null; then
    post_status "$URL$EP" "$BODY" >/dev/null
    grep -qF "$EXPECT" "$RUN_DIR/last-body" || log "$t: WARNING: response body is not the fake provider's (no $EXPECT)"
  fi

  local warm=$WARM
  [[ $t == *jit* ]] && warm=$WARM_JIT
  wrk_point 16 "$warm" "$URL$EP" "$BODY" >/dev/null   # warm-up (pools, JIT tiers)
  read -r req rps p50 p99 bad < <(wrk_point 1 "$DUR" "$URL$EP" "$BODY")
  if ok_point "$req" "$bad"; then record "$t" p50_us "$p50"; record "$t" p99_us "$p99"; else log "$t c=1: $bad of $req failed"; fi
  before=$(cpu_ticks "$pid")
  read -r req rps p50 p99 bad < <(wrk_point 16 "$DUR" "$URL$EP" "$BODY")
  after=$(cpu_ticks "$pid")
  if ok_point "$req" "$bad"; then
    record "$t" rps16 "$rps"
    record "$t" cpu_ms_10k "$(awk -v d=$((after - before)) -v r="$req" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", d / hz * 1000 / r * 10000 }')"
  else log "$t c=16: $bad of $req failed"; fi
  read -r req rps p50 p99 bad < <(wrk_point 64 "$DUR" "$URL$EP" "$BODY")
  if ok_point "$req" "$bad"; then record "$t" rps64 "$rps"; else log "$t c=64: $bad of $req failed"; fi
  if [[ $t != nginx-static ]]; then
    res=$(timeout 60 taskset -c $CORE_LOAD "$PROBE_BIN" ttfe --url "$URL$EP" --body "$(stream_body "$BODY")" \
          --auth sk-bench -n "$TTFE_N" --warmup "$TTFE_WARM" 2>>"$LOGS/probe.err")
    [[ $res =~ ttfe_p50_us=([0-9]+) ]] && record "$t" ttfe_us "${BASH_REMATCH[1]}"
  fi
  record "$t" rss_mib "$(awk -v k="$(peak_rss_kib "$pid")" 'BEGIN { printf "%.1f", k / 1024 }')"
  [[ $t == direct* ]] || stop "$pid"
}

# ---------------------------------------------------------------------------------------------
# Redis for the keys-redis rows (issue 15)
# ---------------------------------------------------------------------------------------------
# Our own redis-server on the first free loopback port from 18094, no persistence, on core 1 with
# the fake provider: like the provider it is infrastructure, not the proxy under test. It lives for
# the whole run (the cleanup trap stops it); the gateway reads its address from REDIS_URL.
free_port() { # first port from $1 that nothing listens on
  local p
  for p in $(seq "$1" $(( $1 + 100 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}
start_redis() { # sets REDIS_URL, or REDIS_WHY on failure (no subshell: spawn must record the pid)
  local port deadline
  port=$(free_port 18094) || { REDIS_WHY="no free port"; return 1; }
  spawn redis taskset -c $CORE_LOAD redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no
  REDIS_PID=$LAST_PID deadline=$((SECONDS + 10))
  until [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; do
    kill -0 "$REDIS_PID" 2>/dev/null && (( SECONDS < deadline )) || { REDIS_WHY="redis-server did not start (see results/logs/redis.err)"; return 1; }
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$port"
  log "redis-server on 127.0.0.1:$port (pid $REDIS_PID)"
}

# ---------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------
if [[ -z ${NOTE[all]:-} && -x $FAKE_BIN && -x $PROBE_BIN ]]; then
  for port in $FAKE_PORT $GW_PORT $YARP_PORT $NGINX_PORT $NGINX_STATIC_PORT; do
    if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then log "WARNING: something already listens on 127.0.0.1:$port"; fi
  done
  spawn fake-provider taskset -c $CORE_LOAD "$FAKE_BIN" --urls "http://127.0.0.1:$FAKE_PORT"
  FAKE_PID=$LAST_PID
  if wait_ready "$FAKE_PID" "http://127.0.0.1:$FAKE_PORT/v1/chat/completions" "$CHAT_BODY" 20; then
    IFS=, read -ra LIST <<<"$TARGETS"
    for t in "${LIST[@]}"; do
      if [[ $t == nginx* && $HAVE_NGINX == 0 ]]; then NOTE[$t]="nginx not installed"; fi
    done
    if [[ ",$TARGETS," == *-keys-redis,* ]]; then
      REDIS_WHY=""
      if [[ $HAVE_REDIS == 0 ]]; then REDIS_WHY="redis-server not installed"; else start_redis; fi
      if [[ -n $REDIS_WHY ]]; then for t in "${LIST[@]}"; do [[ $t == *-keys-redis ]] && NOTE[$t]=$REDIS_WHY; done; fi
    fi
    for round in $(seq "$RUNS"); do
      for t in "${LIST[@]}"; do measure_round "$t" "$round"; done
    done
  else
    NOTE[all]="fake provider did not start (see results/logs/fake-provider.err)"
  fi
  cleanup
else
  NOTE[all]=${NOTE[all]:-"bench binaries missing (run without --no-build)"}
fi

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
# stats target metric -> "median min max n" (empty when no sample)
stats() {
  awk -F'\t' -v t="$1" -v m="$2" '$1 == t && $2 == m { print $3 }' "$RAW" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) exit; med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
           print med, v[1], v[NR], NR }'
}
median() { local s; s=$(stats "$1" "$2"); echo "${s%% *}"; }
cell() { # target metric decimals
  local s med min max n
  s=$(stats "$1" "$2"); [[ -n $s ]] || { echo "n/a"; return; }
  read -r med min max n <<<"$s"
  if (( n > 1 )); then awk -v a="$med" -v b="$min" -v c="$max" -v d="$3" 'BEGIN { printf "%.*f (%.*f–%.*f)", d, a, d, b, d, c }'
  else awk -v a="$med" -v d="$3" 'BEGIN { printf "%.*f", d, a }'; fi
}
base_of() { target_def "$1"; echo "$BASE"; }   # the direct row a target's "added" subtracts
added() { # target metric -> median(target) - median(its direct row)
  local a b base; base=$(base_of "$1"); a=$(median "$1" "$2"); b=$(median "$base" "$2")
  [[ -n $a && -n $b && $1 != "$base" ]] || { echo "—"; return; }
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%+.0f", a - b }'
}
ratio() { # numerator denominator (numbers or empty) -> "1.23×"
  [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f×", a / b }' || echo "n/a"
}
added_num() { local a b; a=$(median "$1" "$2"); b=$(median "$(base_of "$1")" "$2"); [[ -n $a && -n $b ]] && awk -v a="$a" -v b="$b" 'BEGIN { print a - b }'; }
diff_num() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f", a - b }' || echo "n/a"; }

# Issue 13: a same-format Anthropic relay should cost what the OpenAI one does (CPU and added p50
# within 10 %), and a translated stream should add at most 50 µs to the first event.
formats_table() {
  local kind printed=0
  for kind in jit aot; do
    want "gateway-$kind" || continue
    [[ -n $(stats "gateway-$kind-anthropic" rps16) || -n $(stats "gateway-$kind-translated" rps16) ]] || continue
    if (( printed == 0 )); then
      echo
      echo "| formats (issue 13) | A→A / O→O CPU /10k req | A→A / O→O added p50 | translated / O→O CPU | translated − O→O added p50 µs | translated − O→O TTFE µs | translated − A→A added TTFE µs |"
      echo "|---|---:|---:|---:|---:|---:|---:|"
      printed=1
    fi
    local o=gateway-$kind a=gateway-$kind-anthropic x=gateway-$kind-translated
    echo "| gateway ${kind^^} | $(ratio "$(median "$a" cpu_ms_10k)" "$(median "$o" cpu_ms_10k)") | $(ratio "$(added_num "$a" p50_us)" "$(added_num "$o" p50_us)") |" \
         "$(ratio "$(median "$x" cpu_ms_10k)" "$(median "$o" cpu_ms_10k)") | $(diff_num "$(added_num "$x" p50_us)" "$(added_num "$o" p50_us)") |" \
         "$(diff_num "$(median "$x" ttfe_us)" "$(median "$o" ttfe_us)") | $(diff_num "$(added_num "$x" ttfe_us)" "$(added_num "$a" ttfe_us)") |"
  done
  (( printed == 0 )) || echo "O→O: OpenAI Chat → OpenAI provider (the passthrough row); A→A: Anthropic Messages → Anthropic provider; translated: Anthropic Messages → OpenAI provider. Goals: ratios ≤ 1.10×, TTFE difference ≤ +50 µs."
  responses_table
}

# Issue 14: a native /v1/responses relay is the same byte relay as chat, so it should cost what the
# chat relay costs (CPU and added p50 ≈ 1.0×); the translated Responses stream's first event shows
# what translating Chat chunks into Responses events adds. Its own table: its rows are often run
# without the Anthropic ones (and the other way round).
responses_table() {
  local kind printed=0
  for kind in jit aot; do
    want "gateway-$kind" || continue
    [[ -n $(stats "gateway-$kind-responses" rps16) || -n $(stats "gateway-$kind-responses-translated" rps16) ]] || continue
    if (( printed == 0 )); then
      echo
      echo "| formats (issue 14) | R→R / O→O CPU /10k req | R→R / O→O added p50 | R→R − O→O added TTFE µs | R→O / O→O CPU /10k req | R→O − O→O added p50 µs | R→O − R→R TTFE µs |"
      echo "|---|---:|---:|---:|---:|---:|---:|"
      printed=1
    fi
    local o=gateway-$kind r=gateway-$kind-responses x=gateway-$kind-responses-translated
    echo "| gateway ${kind^^} | $(ratio "$(median "$r" cpu_ms_10k)" "$(median "$o" cpu_ms_10k)") | $(ratio "$(added_num "$r" p50_us)" "$(added_num "$o" p50_us)") |" \
         "$(diff_num "$(added_num "$r" ttfe_us)" "$(added_num "$o" ttfe_us)") | $(ratio "$(median "$x" cpu_ms_10k)" "$(median "$o" cpu_ms_10k)") |" \
         "$(diff_num "$(added_num "$x" p50_us)" "$(added_num "$o" p50_us)") | $(diff_num "$(median "$x" ttfe_us)" "$(median "$r" ttfe_us)") |"
  done
  (( printed == 0 )) || echo "O→O: OpenAI Chat → OpenAI provider (the passthrough row); R→R: Responses → the OpenAI provider's own /v1/responses (bytes relayed); R→O: Responses → a chat-only provider on the same fake (translated to Chat and back). Goal: R→R ratios ≈ 1.0×."
}

# Issue 15: a gateway key with every limit against the same managed-model row without keys (same
# binary kind, same body, same upstream credential): memory store ≤ 1.05× CPU per request; Redis
# store ≥ 0.8× the requests/s at c=64 and ≤ +40 µs on p50 at c=1.
keys_table() {
  local kind printed=0 n m r
  for kind in jit aot; do
    n=gateway-$kind-managed m=gateway-$kind-keys r=gateway-$kind-keys-redis
    [[ -n $(stats "$n" rps16) ]] || continue
    [[ -n $(stats "$m" rps16) || -n $(stats "$r" rps16) ]] || continue
    if (( printed == 0 )); then
      echo
      echo "| keys (issue 15) | memory / no keys CPU /10k req | memory / no keys req/s c=64 | memory − no keys p50 µs c=1 | Redis / no keys CPU /10k req | Redis / no keys req/s c=64 | Redis − no keys p50 µs c=1 |"
      echo "|---|---:|---:|---:|---:|---:|---:|"
      printed=1
    fi
    echo "| gateway ${kind^^} | $(ratio "$(median "$m" cpu_ms_10k)" "$(median "$n" cpu_ms_10k)") | $(ratio "$(median "$m" rps64)" "$(median "$n" rps64)") |" \
         "$(diff_num "$(median "$m" p50_us)" "$(median "$n" p50_us)") | $(ratio "$(median "$r" cpu_ms_10k)" "$(median "$n" cpu_ms_10k)") |" \
         "$(ratio "$(median "$r" rps64)" "$(median "$n" rps64)") | $(diff_num "$(median "$r" p50_us)" "$(median "$n" p50_us)") |"
  done
  (( printed == 0 )) || echo "No keys: the managed-model row. Goals: memory CPU ≤ 1.05×; Redis req/s c=64 ≥ 0.80×, p50 c=1 ≤ +40 µs. Redis runs on core $CORE_LOAD; its CPU is not in the gateway's."
}

REPORT="$RESULTS/latest.md"
{
  echo "## Gateway bench — $(date -u '+%Y-%m-%d %H:%M UTC')$([[ $SMOKE == 1 ]] && echo ' (smoke)')"
  echo
  echo "Machine: $(nproc)-core $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -r), shared VM (noisy)." \
       "$(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')."
  echo "Runs: $RUNS rounds, round-robin over the targets, each a fresh process: start-up, then ${DUR} s per load point (after a warm-up of ${WARM} s, JIT targets ${WARM_JIT} s)," \
       "wrk -t1 on core $CORE_LOAD with the fake provider ($FAKE_KIND); proxy alone on core $CORE_PROXY." \
       "Cells: median (min–max) over rounds. Added = median − direct median (Anthropic → Anthropic rows: − the direct /v1/messages median; native Responses rows: − the direct /v1/responses median)."
  echo
  echo "| target | p50 µs c=1 | added p50 | p99 µs c=1 | added p99 | req/s c=16 | req/s c=64 | CPU ms /10k req | peak RSS MiB | TTFE p50 µs | added TTFE | start-up ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  IFS=, read -ra LIST <<<"$TARGETS"
  for t in "${LIST[@]}"; do
    target_def "$t"
    if [[ -n ${NOTE[$t]:-} || -n ${NOTE[all]:-} ]] && [[ -z $(stats "$t" rps16) ]]; then
      echo "| $LABEL | n/a: ${NOTE[$t]:-${NOTE[all]}} | | | | | | | | | | |"; continue
    fi
    echo "| $LABEL | $(cell "$t" p50_us 0) | $(added "$t" p50_us) | $(cell "$t" p99_us 0) | $(added "$t" p99_us) |" \
         "$(cell "$t" rps16 0) | $(cell "$t" rps64 0) | $(cell "$t" cpu_ms_10k 1) | $(cell "$t" rss_mib 1) |" \
         "$(cell "$t" ttfe_us 0) | $(added "$t" ttfe_us) | $(cell "$t" startup_ms 0) |"
  done
  echo
  echo "Direct row: CPU and RSS are the fake provider's own. nginx \`return 200\` runs on core $CORE_LOAD like the fake provider:" \
       "it is the yardstick that shows whether the fake provider could be a bottleneck."
  echo
  echo "| ratio | added p50 | added p99 | req/s c=16 | req/s c=64 | CPU /10k req | peak RSS | added TTFE | start-up |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for pair in gateway-jit:yarp-jit gateway-aot:yarp-aot gateway-jit:direct gateway-aot:direct yarp-jit:direct yarp-aot:direct \
              gateway-jit-anthropic:gateway-jit gateway-aot-anthropic:gateway-aot gateway-jit-translated:gateway-jit gateway-aot-translated:gateway-aot \
              gateway-jit-responses:gateway-jit gateway-aot-responses:gateway-aot \
              gateway-jit-responses-translated:gateway-jit-responses gateway-aot-responses-translated:gateway-aot-responses; do
    a=${pair%%:*} b=${pair##*:}
    want "$a" && want "$b" || continue
    [[ -n $(stats "$a" rps16) ]] || continue
    target_def "$a"; la=$LABEL; target_def "$b"; lb=${LABEL%% (*}
    name="${la%% (*} / $lb"
    # Format pairs compare two rows of one binary: name both in full.
    [[ $a == *-anthropic || $a == *-translated || $a == *-responses ]] && name="$la / $LABEL"
    if [[ $b == direct ]]; then
      echo "| ${la%% (*} / direct | p50 $(ratio "$(median "$a" p50_us)" "$(median direct p50_us)") | p99 $(ratio "$(median "$a" p99_us)" "$(median direct p99_us)") |" \
           "$(ratio "$(median "$a" rps16)" "$(median direct rps16)") | $(ratio "$(median "$a" rps64)" "$(median direct rps64)") | — | — |" \
           "TTFE $(ratio "$(median "$a" ttfe_us)" "$(median direct ttfe_us)") | — |"
    else
      echo "| $name | $(ratio "$(added_num "$a" p50_us)" "$(added_num "$b" p50_us)") | $(ratio "$(added_num "$a" p99_us)" "$(added_num "$b" p99_us)") |" \
           "$(ratio "$(median "$a" rps16)" "$(median "$b" rps16)") | $(ratio "$(median "$a" rps64)" "$(median "$b" rps64)") |" \
           "$(ratio "$(median "$a" cpu_ms_10k)" "$(median "$b" cpu_ms_10k)") | $(ratio "$(median "$a" rss_mib)" "$(median "$b" rss_mib)") |" \
           "$(ratio "$(added_num "$a" ttfe_us)" "$(added_num "$b" ttfe_us)") | $(ratio "$(median "$a" startup_ms)" "$(median "$b" startup_ms)") |"
    fi
  done
  formats_table
  keys_table
  echo
  echo "Total harness time: $((SECONDS - T0)) s. Raw samples: bench/results/raw.tsv; logs: bench/results/logs/."
} > "$REPORT"
cat "$REPORT"
exit 0
