#!/usr/bin/env bash
# Simulated patients: one SIPp on 127.0.0.1 answering every call by the last
# digit of the dialled number (see demo/patients.xml). Used by `make demo`
# and by the full-flow browser test (tests/e2e/full_flow.sh).
#
#   demo/patients.sh DIR SIP_PORT MEDIA_PORT SECONDS
#
# Writes DIR/patients.xml and DIR/sipp-errors.log, runs SIPp in the
# foreground (exec: the caller's pid is SIPp's); SIPp quits by itself after
# SECONDS.
set -euo pipefail
if [[ $# -ne 4 ]]; then
  echo "usage: demo/patients.sh DIR SIP_PORT MEDIA_PORT SECONDS" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
dir="$1"
sed -e "s#@DTMF1@#/usr/share/sip-tester/dtmf_2833_1.pcap#" \
  -e "s#@DTMF2@#/usr/share/sip-tester/dtmf_2833_2.pcap#" \
  "$here/patients.xml" >"$dir/patients.xml"
cd "$dir"
exec sipp -sf patients.xml -i 127.0.0.1 -p "$2" -mi 127.0.0.1 -mp "$3" -nostdin \
  -timeout "$4" -trace_err -error_file sipp-errors.log >/dev/null
