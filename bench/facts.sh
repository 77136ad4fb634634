#!/usr/bin/env bash
# Fact gathering over SSH against a real OpenSSH sshd on loopback, with TCP_NODELAY on the console's MINA client
# (as shipped) and, for comparison, with Nagle's algorithm left on (-Dhybridpane.ssh.nagle=true, as before).
# Prints the median time per command over one session and the median whole probe (connect, login, sudo check,
# the fact commands). Needs /usr/sbin/sshd (Debian: apt-get install openssh-server); RUNS (default 10).
# Or against any host: PORT=… KEY=… LOGIN=… [HOST=…] bash bench/facts.sh (e.g. one of `hybridpane lab`'s edge hosts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/hybridpane.jar ] || ./mvnw -q -B package -DskipTests
if [ -n "${PORT:-}" ]; then
  for nagle in false true; do
    java -Dhybridpane.ssh.nagle=$nagle -cp target/hybridpane.jar dev.hybridpane.app.Main bench-facts \
      --host "${HOST:-127.0.0.1}" --port "$PORT" --user "$LOGIN" --key "$KEY" --runs "${RUNS:-10}" 2>/dev/null
  done
  exit 0
fi
SSHD=${SSHD:-/usr/sbin/sshd}
[ -x "$SSHD" ] || { echo "needs $SSHD (Debian: apt-get install openssh-server)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'kill "$(cat "$dir/pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$dir"' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$dir/user_key"
cp "$dir/user_key.pub" "$dir/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p /run/sshd 2>/dev/null || true
cat > "$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
CONF
"$SSHD" -f "$dir/sshd_config" -E "$dir/sshd.log"
for _ in $(seq 50); do [ -s "$dir/pid" ] && break; sleep 0.1; done
"$SSHD" -V 2>&1 | head -1
for nagle in false true; do
  java -Dhybridpane.ssh.nagle=$nagle -cp target/hybridpane.jar dev.hybridpane.app.Main bench-facts \
    --port "$port" --user "$(id -un)" --key "$dir/user_key" --runs "${RUNS:-10}" 2>/dev/null
done
