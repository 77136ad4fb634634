#!/usr/bin/env bash
# Live updates at scale: the real window on a lab of NODES hybrid nodes while RATE node status changes
# per second happen in the lab's API server for SECONDS. Prints the longest FX-thread stall and the
# p50/p99 delay from a change in the API to the row showing it.
# Goal: no stall over 50 ms; p99 under 1 s.
# JAVA_OPTS passes JVM options, e.g. JAVA_OPTS=-XX:+UseZGC to compare collectors.
# Note: the lab runs in the same JVM and does the API server's JSON work for every change.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/hybridpane.jar ] || ./mvnw -q -B package -DskipTests
command -v xvfb-run >/dev/null || { echo "needs xvfb-run (Debian: sudo apt-get install xvfb)" >&2; exit 1; }
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1440x900x24" java ${JAVA_OPTS:-} -jar target/hybridpane.jar bench-live \
  --nodes "${NODES:-5000}" --rate "${RATE:-1000}" --seconds "${SECONDS_TO_RUN:-30}" 2>/dev/null
