#!/usr/bin/env bash
# Interleaved A/B of two builds' startup: starts each on the embedded lab until its first view is populated
# (--exit-when-ready), alternating A and B, RUNS times each, and prints the median of every phase the console prints
# (ms since the launcher JVM started), the process CPU, and every READY figure. Timings on a small machine drift by
# 10-30% within minutes; alternating the two builds keeps that drift out of their difference.
#
#   bench/startup-ab.sh DIR_A DIR_B     each DIR holds hybridpane.jar and lib/ (a copy of a build's target/)
#
# Optional per build: DIR/opts (extra JVM options for the console, as HYBRIDPANE_JAVA_OPTIONS) and DIR/env
# (VAR=value words added to the environment). Each build keeps its own class-data-sharing archive, written by
# a first start that is not counted.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DIR_A DIR_B" >&2; exit 2; }
runs=${RUNS:-12}
command -v xvfb-run >/dev/null || { echo "needs xvfb-run (Debian: sudo apt-get install xvfb)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start() { # DIR LOG: one start of the build in DIR, its figures appended to LOG as "name=value" words on one line
  local dir=$1 cfg
  cfg=$(mktemp -d -p "$work")
  # shellcheck disable=SC2046
  env $(cat "$dir/env" 2>/dev/null || true) HYBRIDPANE_JAVA_OPTIONS="$(cat "$dir/opts" 2>/dev/null || true)" \
    HYBRIDPANE_CONFIG_DIR="$cfg" HYBRIDPANE_CACHE_DIR="$work/cache-$(basename "$dir")" \
    timeout 180 xvfb-run -a -s "-screen 0 1440x900x24" java -jar "$dir/hybridpane.jar" --lab --exit-when-ready \
    2>/dev/null | awk '/^PHASE/ { printf "%s=%s ", $2, $3 } /^READY_MS=/ { split($0, a, "="); printf "READY=%s ", a[2] }
      /^CPU_MS/ { split($2, a, "="); printf "process-cpu=%s ", a[2] } END { print "" }' >> "$2"
}

for d in "$1" "$2"; do
  [ -f "$d/hybridpane.jar" ] || { echo "$d has no hybridpane.jar" >&2; exit 2; }
  start "$d" /dev/null # writes the build's archive; not counted
done
for _ in $(seq 1 "$runs"); do
  start "$1" "$work/a.log"
  start "$2" "$work/b.log"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for side in a b; do
  dir=$([ $side = a ] && echo "$1" || echo "$2")
  log="$work/$side.log"
  echo "== $side: $dir"
  line=""
  for key in $(head -1 "$log" | tr ' ' '\n' | sed -n 's/=.*//p'); do
    line="$line$key $(tr ' ' '\n' < "$log" | sed -n "s/^$key=//p" | median)  "
  done
  echo "$line(medians, ms; $(grep -c READY= "$log") starts)"
  echo "READY: $(tr ' ' '\n' < "$log" | sed -n 's/^READY=//p' | sort -n | tr '\n' ' ')"
done
