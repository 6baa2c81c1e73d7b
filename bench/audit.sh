#!/usr/bin/env bash
# The audit trail at a million entries (issue K; see bench/README.md): starts a runner through http-evaluate.sh (no
# load scenarios), fills its audit_log with 1,000,000 generated entries in one INSERT … SELECT generate_series (about
# half a minute), then measures over HTTP, with wrk, the recent page and each filter the API offers.
#
# Knobs (env): ENTRIES (1000000), DURATION (10s), WARMUP (3s), CONNS (8), THREADS (2), and http-evaluate.sh's.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
export SCENARIOS=none N_FLAGS=${N_FLAGS:-20} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-3s} CONNS=${CONNS:-8}
export ENTRIES=${ENTRIES:-1000000} BUNTING_REQUEST_LOG=false THEN=$BENCH/audit-scenarios.sh
exec "$BENCH/http-evaluate.sh"
