#!/usr/bin/env bash
# Many SDK event streams on one runner (issue K; see bench/README.md): starts a runner through http-evaluate.sh (no
# load scenarios), then a client opens STREAMS event streams, changes a flag while wrk evaluates, and reports delivery
# to every stream, evaluation latency meanwhile and memory per stream. The client is bench/StreamsClient.java (one
# thread, one selector: a few microseconds per event) or, with CLIENT=python, bench/streams.py (asyncio, whose work
# per event is far more, on the same two cores as the runner, so its delivery figures include its own delay). Each stream is a connection on both
# sides: the open-files limit (ulimit -n) must exceed STREAMS plus a few hundred, for this shell and so for the runner.
#
# MODE says what happens to the open streams: change (a flag toggled while wrk evaluates: delivery to every stream),
# close (every stream closed at once while wrk evaluates: how long evaluations stall), open (the streams opened while
# wrk evaluates) or shutdown (the runner stopped with SIGTERM: how long until every stream has ended and it is gone).
#
# Knobs (env): STREAMS (10000), CLIENT (java | python; python measures only MODE=change), MODE (change), and
# http-evaluate.sh's.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
export STREAMS=${STREAMS:-10000} CLIENT=${CLIENT:-java} MODE=${MODE:-change}
(( $(ulimit -n) > STREAMS + 500 )) || ulimit -n $(( STREAMS * 2 + 1000 )) \
  || { echo "ulimit -n is $(ulimit -n): too low for $STREAMS streams" >&2; exit 1; }
# every stream comes from this one address: the runner's per-client cap (256) would refuse all but the first few
export BUNTING_MAX_CONNECTIONS=$(( STREAMS + 1000 )) BUNTING_MAX_CONNECTIONS_PER_CLIENT=$(( STREAMS + 1000 ))
export SCENARIOS=none N_FLAGS=${N_FLAGS:-20} BUNTING_REQUEST_LOG=false THEN=$BENCH/streams-scenario.sh
exec "$BENCH/http-evaluate.sh"
