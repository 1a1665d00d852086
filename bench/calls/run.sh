#!/bin/sh
# Runs bench_calls for 500, 1000 and 2000 simultaneous calls, first with the
# loop thread at normal priority, then at SCHED_FIFO 10 (needs the privilege;
# without it the engine logs a warning and the two runs match). Every run is
# bounded by `timeout`. Usage: bench/calls/run.sh [BUILD_DIR] (default: build)
set -eu
build=${1:-build}
for rt in 0 10; do
  for n in 500 1000 2000; do
    echo "== $n calls, --rt $rt"
    timeout 200 "$build/bench/calls/bench_calls" --calls "$n" --per-peer 250 --phrase-s 12 \
      --base-port 32000 --deadline-s 150 --rt "$rt"
  done
done
