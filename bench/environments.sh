#!/usr/bin/env bash
# Many environments of many flags (issue K; see bench/README.md): starts a runner through http-evaluate.sh with
# N_FLAGS flags (2,000), adds environments up to ENVIRONMENTS (50; flags exist in every environment, so each holds
# N_FLAGS configs), and times the first bulk evaluation of each (which loads and prepares it) and a second one; then
# reports the runner's RSS with every environment loaded, restarts the runner on the same data and times its start to
# the first answered evaluation.
#
# Knobs (env): ENVIRONMENTS (50), N_FLAGS (2000), and http-evaluate.sh's.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
export ENVIRONMENTS=${ENVIRONMENTS:-50} N_FLAGS=${N_FLAGS:-2000}
export SCENARIOS=none BUNTING_REQUEST_LOG=false THEN=$BENCH/environments-scenario.sh
exec "$BENCH/http-evaluate.sh"
