#!/usr/bin/env bash
# Startup benchmark. Starts HybridPane on the embedded lab until its first view is populated
# (--exit-when-ready), and a bare JavaFX window started the same way (same JVM, same class path),
# RUNS times each under a virtual display, and prints the medians and their ratio.
# Goal: HybridPane at most 2.0 times the bare window.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
[ -f target/hybridpane.jar ] || ./mvnw -q -B package -DskipTests
command -v xvfb-run >/dev/null || { echo "needs xvfb-run (Debian: sudo apt-get install xvfb)" >&2; exit 1; }
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT

measure() {
  HYBRIDPANE_CONFIG_DIR="$cfg" timeout 180 xvfb-run -a -s "-screen 0 1440x900x24" "$@" 2>/dev/null | sed -n 's/^READY_MS=//p'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

app=() bare=()
for i in $(seq 1 "$runs"); do
  bare+=("$(measure java -cp target/hybridpane.jar dev.hybridpane.app.bench.BareWindow)")
  # shellcheck disable=SC2086
  app+=("$(measure java ${JAVA_OPTS:-} -jar target/hybridpane.jar --lab --exit-when-ready)")
done
b=$(printf '%s\n' "${bare[@]}" | median)
a=$(printf '%s\n' "${app[@]}" | median)
echo "bare JavaFX window: ${bare[*]} ms (median $b ms)"
echo "HybridPane on lab:  ${app[*]} ms (median $a ms)"
awk -v a="$a" -v b="$b" 'BEGIN { r = a / b; printf "ratio %.2f (goal <= 2.00): %s\n", r, (r <= 2.0 ? "MET" : "NOT MET") }'
