#!/usr/bin/env bash
# SSH faults against the lab, with the figures: every host-bound CLI command with a changed host key, ROUNDS times
# (default 20; CI runs 1), must be refused every time with nothing run on the host; and the lab's adapter-level faults
# (drop, drop rate, hang, reboot, new key) and the pool operations over them (drop during nodeadm init, hang, reboot
# mid-upgrade). Prints "changed host key: N/N runs refused", the drop-rate counts, the timeouts and the reboot figures.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -B test-compile
./mvnw -o -B surefire:test -Dsurefire.failIfNoSpecifiedTests=false -Dhybridpane.hostkey.rounds="${ROUNDS:-20}" \
  -Dtest='CliHostKeyChangedTest,LabSshFaultsTest,PoolSshFaultsLabTest' \
  | grep -E '^(changed host key|drop rate|[0-9]+ commands|hung host|rebooted host|reboot mid-upgrade|dropped mid-command|nodeadm init on)|Tests run:'
