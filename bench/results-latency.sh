#!/usr/bin/env bash
# Latency of GET /experiments/{key}/results over real HTTP for one running experiment with 1 million exposed units and
# 5 million tracked events (target: under 1 s), with the default metrics: one binomial and one mean on one event.
#
#   build (if sources changed) -> snapshot the runner's classpath -> a fresh database on a PostgreSQL server ->
#   start the runner on it -> create and start the experiment over HTTP, its phase moved 7 days back ->
#   the runner's first results request, before the load (JVM warm-up, reported on its own) -> load the units
#   and events straight into PostgreSQL (generate_series; the write triggers mark every loaded day stale) ->
#   cold: the first results request, which finds every rollup stale and answers at once (pending) -> the time until
#   an answer is exact (pending false), polling each second: the runner's timer refreshes every minute -> warm: the
#   same request repeated -> after a late event: one event sent through POST /events, then the request again (days of
#   stale units: it answers at once, pending), the time until exact again, and warm again
#   -> stop the runner and drop the database (only what this script started or made).
#
# Knobs (env): PG_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/postgres: where the bench database is made),
#   UNITS (1000000), EVENTS (5000000), WARM_RUNS (20), CUPED (false), BUILD (auto | always | never),
#   KEEP (0: 1 keeps the work dir and the database), JAVA_OPTS (-XX:+UseParallelGC).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
JAVA=$JAVA_HOME/bin/java
PG_ADMIN_URL=${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
UNITS=${UNITS:-1000000}; EVENTS=${EVENTS:-5000000}; WARM_RUNS=${WARM_RUNS:-20}; CUPED=${CUPED:-false}
BUILD=${BUILD:-auto}; KEEP=${KEEP:-0}; JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC}
WORK=$(mktemp -d /tmp/bunting-results-bench.XXXXXX)
DB=bunting_results_bench_$$
DB_URL=${PG_ADMIN_URL%/*}/$DB
log(){ echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$WORK/bench.log" >&2; }

RUNNER_PID=
cleanup(){
  local status=$?
  if [[ -n $RUNNER_PID ]] && kill -0 "$RUNNER_PID" 2>/dev/null; then
    kill -TERM "$RUNNER_PID"
    for _ in $(seq 1 60); do kill -0 "$RUNNER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$RUNNER_PID" 2>/dev/null && kill -KILL "$RUNNER_PID"
  fi
  if [[ $KEEP == 1 ]]; then
    log "kept: work dir $WORK, database $DB_URL"
  else
    psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    if [[ $status == 0 ]]; then rm -rf "$WORK"; else log "work dir kept: $WORK"; fi
  fi
}
trap cleanup EXIT

# ---------- 1. build, then snapshot the classpath so that concurrent builds cannot change it mid-run ----------
CP_FILE=$ROOT/local-runner/target/bench-classpath.txt
STAMP=$ROOT/local-runner/target/bench-build.stamp
needs_build(){
  [[ $BUILD == always ]] && return 0
  [[ $BUILD == never ]] && return 1
  [[ -f $STAMP && -f $CP_FILE && -f $ROOT/local-runner/target/classes/dev/bunting/local/Main.class ]] || return 0
  [[ -z $(cd "$ROOT" && find pom.xml domain application adapters local-runner -path '*/target' -prune -o \
          -newer "$STAMP" \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit) ]] && return 1
  return 0
}
if needs_build; then
  log "building the local runner"
  (cd "$ROOT" && ./mvnw -q -pl local-runner -am -DskipTests package \
      dependency:build-classpath -Dmdep.outputFile="$CP_FILE.tmp" -Dmdep.includeScope=runtime)
  mv "$CP_FILE.tmp" "$CP_FILE"; touch "$STAMP"
fi
mkdir -p "$WORK/lib"
cp -r "$ROOT/local-runner/target/classes" "$WORK/lib/runner-classes"
CP=$WORK/lib/runner-classes
IFS=: read -r -a entries < "$CP_FILE" || true
for entry in "${entries[@]}"; do
  if [[ $entry == *-tests.jar ]]; then
    continue
  elif [[ $entry == "$ROOT"/* ]]; then
    copy=$WORK/lib/$(basename "$(dirname "$(dirname "$entry")")")-$(basename "$entry")
    cp -r "$entry" "$copy"; CP+=:$copy
  else
    CP+=:$entry
  fi
done

# ---------- 2. a fresh database and the runner on it ----------
psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $DB"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
ADMIN_EMAIL=bench@example.com; ADMIN_PASSWORD='wobbly lanterns ferry sixty owls'
# shellcheck disable=SC2086
env BUNTING_PORT="$PORT" BUNTING_DATABASE_URL="$DB_URL" BUNTING_DATA_DIR="$WORK/data" BUNTING_REQUEST_LOG=false \
    BUNTING_ADMIN_EMAIL="$ADMIN_EMAIL" BUNTING_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    "$JAVA" --enable-native-access=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.bunting.local.Main > "$WORK/runner.out" 2> "$WORK/runner.err" &
RUNNER_PID=$!
t0=$(date +%s)
until curl -fs "$BASE/health" > /dev/null 2>&1; do
  kill -0 "$RUNNER_PID" 2>/dev/null || { log "runner died:"; tail -30 "$WORK/runner.err" >&2; exit 1; }
  (( $(date +%s) - t0 > 180 )) && { log "runner not healthy after 180 s"; exit 1; }
  sleep 0.2
done
log "runner healthy (pid $RUNNER_PID) on $DB_URL; $(nproc) cores; PostgreSQL $(psql -Atq "$PG_ADMIN_URL" -c 'SHOW server_version')"

TOKEN=$(curl -s -X POST "$BASE/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
call(){  # call METHOD PATH [BODY]: fails the script on a non-2xx answer
  local out code
  out=$(curl -s -w '\n%{http_code}' -X "$1" "$BASE$2" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" ${3:+-d "$3"})
  code=${out##*$'\n'}
  [[ $code == 2* ]] || { log "$1 $2 -> HTTP $code: ${out%$'\n'*}"; exit 1; }
  printf '%s' "${out%$'\n'*}"
}
call POST /flags '{"key":"bench-checkout"}' > /dev/null
call PATCH /flags/bench-checkout/environments/staging/rollout '{"percentage":50}' > /dev/null
call POST /experiments '{"key":"bench-results","name":"Results latency","flag":"bench-checkout",
  "environment":"staging","control":"false",
  "metrics":[{"key":"conversion","event":"purchase","type":"binomial"},
             {"key":"revenue","event":"purchase","type":"mean","role":"guardrail"}]}' > /dev/null
call POST /experiments/bench-results/start > /dev/null

# the runner's first results request loads and compiles the engine's code; made before the load, it keeps that JVM
# warm-up out of the cold read below, which is to measure what the data costs
first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
    "$BASE/experiments/bench-results/results?cuped=$CUPED" | awk '{printf "%.0f", $1 * 1000}')
log "the runner's first results request (empty experiment: class loading and JIT): $first ms"

# ---------- 3. load: units first exposed over the last 7 days, events from 20 h before to 79 h after ----------
log "loading $UNITS units and $EVENTS events"
t0=$(date +%s)
psql -q -1 -v ON_ERROR_STOP=1 -v units="$UNITS" -v events="$EVENTS" "$DB_URL" -f "$BENCH/results-load.sql"
log "loaded in $(( $(date +%s) - t0 )) s: $(psql -Atq "$DB_URL" -c "SELECT (SELECT count(*) FROM experiment_units)
  || ' units, ' || (SELECT count(*) FROM tracked_events) || ' events, '
  || (SELECT count(DISTINCT day) FROM stale_rollups) || ' stale days'")"

# ---------- 4. measure ----------
results(){  # [QUERY]: prints the request's total time in ms
  curl -s -o "$WORK/results.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
      "$BASE/experiments/bench-results/results?cuped=$CUPED${1:+&$1}" \
    | awk '$1 != 200 {print "HTTP " $1 > "/dev/stderr"; exit 1} {printf "%.0f\n", $2 * 1000}'
}
summary(){  # what the last answer says, to check that the load was what was measured
  python3 - "$WORK/results.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
p = r["phases"][0]
units = ", ".join("%s: %d units" % (v["key"], v["units"]) for v in p["variants"])
print(units, "| conversion per variant", [round(v["mean"], 4) for v in p["metrics"][0]["variants"]],
      "| pending", r["pending"], "computed_at", r["computed_at"])
EOF
}
cold=$(results)
log "cold (every rollup stale, left to the refresh): $cold ms; $(summary)"
until_exact(){  # seconds until an answer says pending false, polling each second (at most 10 minutes)
  local t0; t0=$(date +%s)
  until results > /dev/null && python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["pending"])' \
      "$WORK/results.json"; do
    (( $(date +%s) - t0 > 600 )) && { log "still pending after 10 minutes"; exit 1; }
    sleep 1
  done
  echo $(( $(date +%s) - t0 ))
}
log "exact after $(until_exact) s (the runner's timer: every minute, then the refresh itself); $(summary)"
for _ in $(seq 1 "$WARM_RUNS"); do results; done > "$WORK/warm.txt"
log "warm ($WARM_RUNS requests): $(sort -n "$WORK/warm.txt" | awk '{a[NR]=$1} END {printf "median %d ms, max %d ms", a[int((NR+1)/2)], a[NR]}')"
late=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)
call POST /events "{\"environment\":\"staging\",\"events\":[{\"type\":\"track\",\"event\":\"purchase\",
  \"unit\":\"u1\",\"value\":10,\"timestamp\":\"$late\"}]}" > /dev/null
after=$(results)
log "after one event 2 days old (the days it reaches are stale): $after ms; $(summary)"
log "exact after $(until_exact) s; $(summary)"
log "then warm again: $(results) ms"
