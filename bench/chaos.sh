#!/usr/bin/env bash
# The chaos suite with more points than CI: every operation killed at POINTS random journal updates (in process) and
# pool apply / hybrid enable killed with a real kill -9 of the CLI's JVM at POINTS random points, each resumed; races of
# two consoles on one pool and of two profile saves. Prints a table of the figures against the goals.
#   POINTS (default 10)   kill points per operation
#   SEED                  replay a run (every test prints its seed: CHAOS-SEED ... seed=N)
#   THROTTLE (e.g. 0.3)   throttle that share of every chaos lab's AWS calls (ChaosThrottle; the lab's --aws-throttle-rate)
set -euo pipefail
cd "$(dirname "$0")/.."
POINTS=${POINTS:-10}
[ -f target/hybridpane.jar ] || ./mvnw -o -q -B package -DskipTests
./mvnw -o -q -B test-compile
FIGURES=$(mktemp)
LOG=$(mktemp)
trap 'rm -f "$FIGURES"' EXIT
ARGS=(-Dtest='Chaos*Test' -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.points="$POINTS" -Dchaos.full=true
      -Dchaos.figures="$FIGURES")
[ -n "${SEED:-}" ] && ARGS+=(-Dchaos.seed="$SEED")
[ -n "${THROTTLE:-}" ] && ARGS+=(-Dchaos.throttle="$THROTTLE")
start=$(date +%s)
status=0
./mvnw -o -B surefire:test "${ARGS[@]}" >"$LOG" 2>&1 || status=$?
echo "chaos suite: $(( $(date +%s) - start )) s, ${POINTS} points per operation; log $LOG"
grep -h '^CHAOS-SEED' "$LOG" | sed 's/^/  /' || true
grep -h '^CHAOS-THROTTLE' "$LOG" | sed 's/^/  /' || true
[ -n "${THROTTLE:-}" ] || echo "  throttling: off (THROTTLE=0.3 throttles 30% of the AWS calls of every chaos lab)"
echo
printf '%-32s %-11s %6s %9s %11s %9s %7s %10s\n' operation kill kills finished duplicates cordoned twice leftovers
awk -F'|' '$1=="CHAOS-ROW" {printf "%-32s %-11s %6s %9s %11s %9s %7s %10s\n", $2, $3, $4, $5, $6, $7, $8, $9}' "$FIGURES"
printf '%-32s %-11s %6s %9s %11s %9s %7s %10s\n' "goal" "" ">=10" "all" 0 0 0 0
echo
grep -E 'Tests run:|FAIL' "$LOG" | tail -5
exit $status
