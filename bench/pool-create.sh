#!/usr/bin/env bash
# Pool creation at scale. Starts `hybridpane lab --lab-hosts N` (N extra free Ubuntu hosts at dallas-dc, default 50),
# imports them with `hybridpane hosts import`, then creates two SSM pools of the gpu-ssm profile with
# `hybridpane pool apply --apply --parallel P` (default 8): first a pool of one host (dallas-12, a world host) for the
# per-host time, then a pool of the N hosts. Prints the N-host wall time against the ideal, per-host time x N / P, and
# the overhead; also a stricter ideal that counts the CLI's fixed cost (a `pool list` run: JVM, AWS, cluster) once.
# Goal: at most 10% over the ideal. The lab's simulated nodeadm takes hybridpane.lab.nodeadm.ms per install
# (default 2500; init half that), set with NODEADM_MS. The lab's journal shows each host step's timestamps.
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${HOSTS:-50}
parallel=${PARALLEL:-8}
[ -f target/hybridpane.jar ] || ./mvnw -q -B package -DskipTests
work=$(mktemp -d)
lab_pid=
cleanup() {
  [ -n "$lab_pid" ] && kill "$lab_pid" 2>/dev/null && wait "$lab_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

java ${NODEADM_MS:+-Dhybridpane.lab.nodeadm.ms=$NODEADM_MS} -jar target/hybridpane.jar lab --lab-hosts "$hosts" \
  --flap-seconds 0 --kubeconfig "$work/kubeconfig" >"$work/lab.out" 2>"$work/lab.err" &
lab_pid=$!
for _ in $(seq 600); do grep -q '^  hosts CSV' "$work/lab.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^  hosts CSV' "$work/lab.out" || { echo "the lab did not start:" >&2; cat "$work/lab.err" >&2; exit 1; }
sed -n 's/^HybridPane lab is running (\(.*\))\..*/lab: \1/p' "$work/lab.out"
endpoint=$(sed -n 's/^  export AWS_ENDPOINT_URL=//p' "$work/lab.out")
key=$(sed -n 's/^  key file  //p' "$work/lab.out")
csv=$(sed -n 's/^  hosts CSV \([^ ]*\).*/\1/p' "$work/lab.out")
access=$(sed -n 's/^  export AWS_ACCESS_KEY_ID=//p' "$work/lab.out")
secret=$(sed -n 's/^  export AWS_SECRET_ACCESS_KEY=//p' "$work/lab.out")

# the CLI against that lab as against AWS: a profile with the lab's throwaway keys (printed by the lab, not secrets),
# its endpoint, and a config directory of its own
printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$access" "$secret" >"$work/credentials"
printf '[default]\nregion = us-west-2\n' >"$work/config"
export AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_CONFIG_FILE="$work/config" AWS_ENDPOINT_URL="$endpoint"
export HYBRIDPANE_CONFIG_DIR="$work/hybridpane"
target=(--cluster retail-edge --region us-west-2)
hp() { java -jar target/hybridpane.jar "$@" "${target[@]}"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

{ head -1 "$csv"; grep -E '^(dallas-12|dallas-x[0-9]{3}),' "$csv"; } >"$work/hosts.csv"
t=$(now)
# in chunks of CHUNK (default 10): a first wave of dozens of cold SSH logins on a loaded machine can all miss the 8 s login timeout
# together; hosts not reached are imported again, up to three tries
tail -n +2 "$work/hosts.csv" | split -l "${CHUNK:-10}" - "$work/chunk."
for chunk in "$work"/chunk.*; do
  { head -1 "$work/hosts.csv"; cat "$chunk"; } >"$chunk.csv"
  for try in 1 2 3; do
    if hp hosts import --csv "$chunk.csv" --ssh-key "$key" --known-hosts "$work/known_hosts" --accept-new-host-keys \
      >"$work/import.out" 2>&1; then break; fi
    if [ "$try" = 3 ]; then
      cat "$work/import.out" >&2
      [ -n "${KEEP_LOGS:-}" ] && cp "$work/lab.out" "$work/lab.err" "$KEEP_LOGS"/
      exit 1
    fi
    echo "hosts import try $try: $(grep -cE '^\S+ +\S+ +Unreachable' "$work/import.out") of $(wc -l <"$chunk") not reached; again"
  done
done
echo "hosts import: $(($(wc -l <"$work/hosts.csv") - 1)) hosts ($(secs "$t" "$(now)") s)"

pool() { # NAME HOST...
  local name=$1; shift
  printf 'apiVersion: hybridpane.dev/v1alpha1\nkind: HybridNodePool\nmetadata: {name: %s, namespace: hybridpane-system}\n' "$name"
  printf 'spec:\n  site: dallas-dc\n  profile: {name: gpu-ssm, version: 1}\n  labels: {bench: "%s"}\n  hosts:\n' "$name"
  for h in "$@"; do printf '  - host: %s\n' "$h"; done
}
apply() { # FILE LOG -> prints seconds
  local t0; t0=$(now)
  hp pool apply -f "$1" --ssh-key "$key" --known-hosts "$work/known_hosts" --apply --parallel "$parallel" >"$2" 2>&1 \
    || { cat "$2" >&2; exit 1; }
  secs "$t0" "$(now)"
}

t=$(now); hp pool list >/dev/null; fixed=$(secs "$t" "$(now)")
pool bench-one dallas-12 >"$work/one.yaml"
one=$(apply "$work/one.yaml" "$work/one.log")
echo "pool of 1 host: $one s ($(grep -E '^Pool ' "$work/one.log" | tail -1)); CLI fixed cost (pool list): $fixed s"
mapfile -t many < <(grep -oE '^dallas-x[0-9]{3}' "$work/hosts.csv")
pool bench-many "${many[@]}" >"$work/many.yaml"
wall=$(apply "$work/many.yaml" "$work/many.log")
echo "pool of ${#many[@]} hosts at --parallel $parallel: $wall s ($(grep -E '^Pool ' "$work/many.log" | tail -1))"
awk -v w="$wall" -v one="$one" -v f="$fixed" -v n="${#many[@]}" -v p="$parallel" 'BEGIN {
  ideal = one * n / p; strict = f + (one - f) * n / p
  printf "ideal (per-host %.2f s x %d / %d): %.2f s; overhead %+.1f%%\n", one, n, p, ideal, (w / ideal - 1) * 100
  printf "strict ideal (fixed %.2f s + (%.2f - %.2f) x %d / %d): %.2f s; overhead %+.1f%%\n", f, one, f, n, p, strict, (w / strict - 1) * 100
  waves = int((n + p - 1) / p)
  if (waves > 1) printf "%d waves of %d: each wave after the first took %.2f s (the 1-host pool: %.2f s)\n", waves, p, (w - one) / (waves - 1), one
}'
if [ -n "${KEEP_LOGS:-}" ]; then cp "$work"/*.log "$work"/*.out "$KEEP_LOGS"/; fi
