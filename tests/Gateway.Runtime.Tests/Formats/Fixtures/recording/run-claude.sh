#!/bin/sh
# usage: run-claude.sh OUTDIR TOOL(0|1) PROMPT [extra args]
set -e
OUT=$1; TOOL=$2; PROMPT=$3; shift 3
mkdir -p $OUT /tmp/fmtrec/home-$TOOL/cfg /tmp/fmtrec/work
echo "hello from the fixture file" > /tmp/fmtrec/work/hello.txt
ip link set lo up
REC_TOOL=$TOOL node /tmp/fmtrec/recorder.js $OUT 18555 /tmp/fmtrec/work/hello.txt > $OUT/server.log 2>&1 &
SP=$!
while ! grep -q listening $OUT/server.log; do sleep 0.1; done
cd /tmp/fmtrec/work
HOME=/tmp/fmtrec/home-$TOOL CLAUDE_CONFIG_DIR=/tmp/fmtrec/home-$TOOL/cfg ANTHROPIC_BASE_URL=http://127.0.0.1:18555 \
ANTHROPIC_API_KEY=sk-ant-dummy-recording-key DISABLE_TELEMETRY=1 DISABLE_AUTOUPDATER=1 DISABLE_ERROR_REPORTING=1 \
CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 timeout 120 claude -p "$PROMPT" --output-format json "$@" </dev/null > $OUT/cli.out 2> $OUT/cli.err || echo "cli rc=$?"
kill $SP
