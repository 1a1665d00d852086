#!/usr/bin/env bash
# The end-to-end test of the whole chain (ctest full_flow_e2e, label e2e):
# builds the UI, starts the simulated SIPp patients of the demo
# (demo/patients.sh), then runs full_flow_test.mjs against a real
# `robocall serve` with Debian's Chromium. SIPp quits by itself after 7
# minutes and is killed when this script ends.
#
#   full_flow.sh ROBOCALL OUTDIR
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: full_flow.sh ROBOCALL OUTDIR" >&2
  exit 2
fi
src="$(cd "$(dirname "$0")/../.." && pwd)"
robocall="$1"
out="$2"
rm -rf "$out"
mkdir -p "$out/patients"
(cd "$src/web" && ./node_modules/.bin/vite build --logLevel warn --outDir "$out/dist" --emptyOutDir)

free_udp_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
sip_port="$(free_udp_port)"
media_port="$(free_udp_port)"
"$src/demo/patients.sh" "$out/patients" "$sip_port" "$media_port" 420 2>"$out/patients/sipp.log" &
sipp=$!
trap 'kill -KILL $sipp 2>/dev/null || true; wait $sipp 2>/dev/null || true' EXIT

ROBOCALL_PATIENTS="127.0.0.1:$sip_port" node "$src/tests/e2e/full_flow_test.mjs" --robocall "$robocall" \
  --web-dir "$out/dist" --source-dir "$src" --out "$out/output"
