#!/bin/sh
# Runs bench_calls for 200, 500 and 1000 simultaneous calls, each bounded by
# `timeout`. Usage: bench/calls/run.sh [BUILD_DIR] (default: build)
set -eu
build=${1:-build}
for n in 200 500 1000; do
  echo "== $n calls"
  timeout 180 "$build/bench/calls/bench_calls" --calls "$n" --per-peer 250 --phrase-s 8 \
    --base-port 32000 --deadline-s 120
done
