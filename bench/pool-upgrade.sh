#!/usr/bin/env bash
# A rolling in-place upgrade at scale: the lab with NODES (default 30) extra free dallas-dc hosts, an SSM pool of them
# created on Kubernetes 1.30 (profile bench-ssm v1), then upgraded to v2 (1.31) with at most MAX_UNAVAILABLE (default 3)
# nodes out of service at once. Prints the rolling step's wall time against the ideal (the sum of the per-node times
# / MAX_UNAVAILABLE) and the most nodes ever unavailable at once (cordoned or NotReady), sampled from the Kubernetes API
# every 20 ms. Goals: at most 5% over the ideal; never more unavailable than allowed (the command exits 1 if so).
# The lab's simulated nodeadm takes NODEADM_MS per install (default 2500; an upgrade four fifths of it).
# Uses target/hybridpane.jar when built, else the compiled classes and the Maven dependency classpath (offline).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f target/hybridpane.jar ]; then
  cp=target/hybridpane.jar
else
  [ -d target/classes ] || ./mvnw -o -q -B compile
  ./mvnw -o -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  cp="target/classes:$(cat target/bench-classpath.txt)"
fi
java ${NODEADM_MS:+-Dhybridpane.lab.nodeadm.ms=$NODEADM_MS} -cp "$cp" dev.hybridpane.app.Main bench-upgrade \
  --nodes "${NODES:-30}" --max-unavailable "${MAX_UNAVAILABLE:-3}" 2> >(grep -vE 'WARN|INFO|DEBUG' >&2)
