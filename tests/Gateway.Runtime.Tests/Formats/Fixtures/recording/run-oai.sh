#!/bin/sh
ip link set lo up
node /tmp/fmtrec/recorder.js /tmp/fmtrec/rec/openai 18556 > /tmp/fmtrec/rec/openai/server.log 2>&1 &
SP=$!
while ! grep -q listening /tmp/fmtrec/rec/openai/server.log; do sleep 0.1; done
cd /tmp/fmtrec/oai && timeout 60 node rec-openai.mjs
kill $SP
