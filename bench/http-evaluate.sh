#!/usr/bin/env bash
# HTTP load benchmark of Bunting's evaluation endpoints on the local runner (see bench/README.md).
#
#   build (if sources changed) -> snapshot the runner's classpath -> start the runner on a fresh embedded
#   PostgreSQL in a temp dir, on a free port -> wait for /health -> seed 20 flags -> for each scenario:
#   warm-up, then `wrk -t2 -c64 -d15s --latency` -> print req/s, p50, p99, CPU and the runner's peak RSS
#   -> stop the runner (only the processes this script started, by pid).
#
# Scenarios: single        = GET /evaluate/{key}, key and user varying (vary-user.lua);
#            bulk          = POST /evaluate over all 20 flags, user varying (bulk.lua);
#            sdk-flags     = GET /sdk/flags, the whole flag set for local evaluation (sdk-flags.lua);
#            sdk-flags-304 = the same with If-None-Match, answered 304;
#            sdk-flags-gzip = GET /sdk/flags with Accept-Encoding: gzip;
#            single-tracked = single again, with an experiment running on every flag (an exposure per evaluation);
#            events        = POST /events, 500 tracking events per request (events.lua).
# With BUNTING_REDIS_URL set in the environment, the runner caches configs in Redis.
#
# Knobs (env): THREADS (2), CONNS (64), DURATION (15s), WARMUP (10s), N_FLAGS (20),
#   VARIED (0: 1 seeds seed-flags.py's varied flags instead of alike bench-flag-NN, for bulk and sdk-flags* only),
#   BUNTING_REQUEST_LOG (true, the runner's default: one JSON line per request to a file in the work dir),
#   JAVA_OPTS (unset: local-runner/pom.xml's bunting.jvm.options, as the README command runs it; empty: none), BUILD (auto | always | never),
#   QUIET_WAIT (180: max seconds to wait for concurrent Maven builds to finish before each run),
#   KEEP (0: 1 keeps the temp work dir), BENCH_WORK_DIR (default: a new mktemp dir),
#   SCENARIOS (all: a space- or comma-separated subset of single bulk sdk-flags sdk-flags-gzip sdk-flags-304
#   single-tracked events, where measurement stands for single-tracked and events; "single single-tracked" compares
#   evaluation without and with exposures),
#   THEN (a script sourced after the scenarios and before the report, so that it may use this script's call, run, log,
#   BASE, TOKEN, WORK and RUNNER_PID: bench/audit.sh measures the audit trail this way).
# Besides the table, the work dir's facts.tsv holds the bodies' sizes and the runner's peak RSS (bench/scale.sh reads it).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
THREADS=${THREADS:-2}; CONNS=${CONNS:-64}; DURATION=${DURATION:-15s}; WARMUP=${WARMUP:-10s}
N_FLAGS=${N_FLAGS:-20}; VARIED=${VARIED:-0}; BUILD=${BUILD:-auto}; QUIET_WAIT=${QUIET_WAIT:-180}; KEEP=${KEEP:-0}
SCENARIOS=" ${SCENARIOS:-all} "; SCENARIOS=${SCENARIOS//,/ }
wanted(){
  [[ $SCENARIOS == *" all "* || $SCENARIOS == *" $1 "* ]] && return 0
  [[ ($1 == single-tracked || $1 == events) && $SCENARIOS == *" measurement "* ]]
}
REQUEST_LOG=${BUNTING_REQUEST_LOG:-true}
# the runner's own JVM options (memory and GC), as local-runner/pom.xml's run command and the Dockerfile pass them
# (unset: those; set but empty: none, the JVM's own defaults, as bench/memory-defaults.sh compares)
JAVA_OPTS=${JAVA_OPTS-$(sed -n 's:.*<bunting.jvm.options>\(.*\)</bunting.jvm.options>.*:\1:p' "$ROOT/local-runner/pom.xml")}
WORK=${BENCH_WORK_DIR:-$(mktemp -d /tmp/bunting-http-bench.XXXXXX)}
mkdir -p "$WORK"
log(){ echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$WORK/bench.log" >&2; }

RUNNER_PID=
cleanup(){
  local status=$?
  if [[ -n $RUNNER_PID ]] && kill -0 "$RUNNER_PID" 2>/dev/null; then
    log "stopping runner pid $RUNNER_PID"
    kill -TERM "$RUNNER_PID"
    for _ in $(seq 1 60); do kill -0 "$RUNNER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$RUNNER_PID" 2>/dev/null && { log "runner still up after 30 s: SIGKILL"; kill -KILL "$RUNNER_PID"; }
  fi
  # the embedded PostgreSQL normally stops with the runner; stop it ourselves if the runner could not
  local pidfile=$WORK/data/pg/postmaster.pid
  if [[ -f $pidfile ]]; then
    local pg; pg=$(head -1 "$pidfile")
    if [[ -n $pg ]] && kill -0 "$pg" 2>/dev/null; then log "stopping leftover embedded postgres pid $pg"; kill -TERM "$pg"; fi
  fi
  if [[ $KEEP == 1 || $status != 0 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ---------- 0. tools ----------
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
[[ -x $JAVA ]] || { echo "no java at $JAVA; set JAVA_HOME" >&2; exit 1; }

# ---------- 1. build, then snapshot the classpath so concurrent builds cannot change it mid-run ----------
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
  log "building the local runner (./mvnw -q -pl local-runner -am -DskipTests package)"
  # others may be building the same modules at the same moment; a clash fails the build, so retry a few times
  for attempt in 1 2 3; do
    (cd "$ROOT" && ./mvnw -q -pl local-runner -am -DskipTests package \
        dependency:build-classpath -Dmdep.outputFile="$CP_FILE.tmp" -Dmdep.includeScope=runtime) && break
    (( attempt < 3 )) || { log "build failed 3 times"; exit 1; }
    log "build failed (attempt $attempt); retrying in 20 s"; sleep 20
  done
  # with -am every module writes the file in turn; local-runner, which depends on all the others, writes last
  mv "$CP_FILE.tmp" "$CP_FILE"; touch "$STAMP"
fi
mkdir -p "$WORK/lib"
cp -r "$ROOT/local-runner/target/classes" "$WORK/lib/runner-classes"
CP=$WORK/lib/runner-classes
IFS=: read -r -a entries < "$CP_FILE" || true   # the file has no final newline
for entry in "${entries[@]}"; do
  if [[ $entry == *-tests.jar ]]; then   # a test-jar has no business on the runtime classpath
    continue
  elif [[ $entry == "$ROOT"/* ]]; then   # a sibling module's jar or classes: copy it
    copy=$WORK/lib/$(basename "$(dirname "$(dirname "$entry")")")-$(basename "$entry")
    cp -r "$entry" "$copy"; CP+=:$copy
  else
    CP+=:$entry
  fi
done

# ---------- 2. start the runner on a fresh embedded store ----------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
log "$("$JAVA" -version 2>&1 | head -1), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $(nproc) cores; work dir $WORK"
log "starting runner on port $PORT, data dir $WORK/data, BUNTING_REQUEST_LOG=$REQUEST_LOG, JAVA_OPTS='${JAVA_OPTS}'"
t0=$(date +%s.%N)
# shellcheck disable=SC2086
ADMIN_EMAIL=bench@example.com; ADMIN_PASSWORD='wobbly lanterns ferry sixty owls'
env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" BUNTING_PORT="$PORT" BUNTING_DATA_DIR="$WORK/data" BUNTING_REQUEST_LOG="$REQUEST_LOG" \
    BUNTING_ADMIN_EMAIL="$ADMIN_EMAIL" BUNTING_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    "$JAVA" --enable-native-access=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.bunting.local.Main > "$WORK/runner.out" 2> "$WORK/runner.err" &
RUNNER_PID=$!
until curl -fs "$BASE/health" > /dev/null 2>&1; do
  kill -0 "$RUNNER_PID" 2>/dev/null || { log "runner died:"; tail -30 "$WORK/runner.err" >&2; exit 1; }
  (( $(date +%s) - ${t0%.*} > 180 )) && { log "runner not healthy after 180 s"; exit 1; }
  sleep 0.2
done
log "runner healthy after $(python3 -c "import time; print(f'{time.time()-$t0:.1f}')") s (pid $RUNNER_PID): $(curl -s "$BASE/health")"

# ---------- 3. seed as the admin: N boolean flags, each a 30 % rollout plus a rule, on in production ----------
TOKEN=$(curl -s -X POST "$BASE/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
call(){  # call METHOD PATH [BODY]: fails the script on a non-2xx answer
  local out code
  out=$(curl -s -w '\n%{http_code}' -X "$1" "$BASE$2" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" ${3:+-d "$3"})
  code=${out##*$'\n'}
  [[ $code == 2* ]] || { log "$1 $2 -> HTTP $code: ${out%$'\n'*}"; exit 1; }
  printf '%s' "${out%$'\n'*}"
}
# the single and measurement scenarios name bench-flag-01 .. 20, which varied flags are not
if [[ $VARIED == 1 ]] && { wanted single || wanted single-tracked || wanted events; }; then
  log "VARIED=1 runs only bulk and sdk-flags*: set SCENARIOS"; exit 1
fi
VARIED=$VARIED python3 "$BENCH/seed-flags.py" "$BASE" "$TOKEN" "$N_FLAGS"
# production needs a key to evaluate: the load sends an SDK key, as client SDKs do
export BUNTING_BENCH_SDK_KEY
BUNTING_BENCH_SDK_KEY=$(call POST /keys '{"name":"bench","kind":"sdk","environment":"production"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
single=$([[ $VARIED == 1 ]] || call GET "/evaluate/bench-flag-01?environment_key=production&plan=free&user_id=u42")
bulk=$(call POST /evaluate '{"environment":"production","context":{"targetingKey":"u42","plan":"free"}}')
nbulk=$(printf '%s' "$bulk" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["flags"]))')
log "seeded $N_FLAGS flags; check single: $single"
log "check bulk: $nbulk flags, $(printf '%s' "$bulk" | wc -c) bytes"
[[ $nbulk == "$N_FLAGS" ]] || { log "bulk evaluation returned $nbulk flags, expected $N_FLAGS"; exit 1; }
[[ $VARIED == 1 || $single == *'"reason":"SPLIT"'* ]] || { log "single evaluation did not fall through to the split"; exit 1; }

# ---------- 4. load ----------
wait_quiet(){   # a concurrent Maven build on these 2 cores would skew the figures
  local t0; t0=$(date +%s)
  while pgrep -f plexus-classworlds > /dev/null; do
    if (( $(date +%s) - t0 >= QUIET_WAIT )); then log "WARNING: Maven still running after ${QUIET_WAIT}s; measuring anyway (CONTENDED)"; return; fi
    log "a Maven build is running; waiting"; sleep 10
  done
}
cpu_ticks(){ awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks(){  # the embedded PostgreSQL's CPU: the postmaster, its live backends, and the backends that have exited
  local pg ticks=0 child
  pg=$(head -1 "$WORK/data/pg/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pg/stat" 2>/dev/null || echo 0)
  for child in $(pgrep -P "$pg"); do ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0))); done
  echo "$ticks"
}
busy_ticks(){ awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
printf 'scenario\treq/s\tp50\tp99\tnon2xx\trunner_cpu\twrk_cpu\tmachine_busy\tpg_cpu\trunner_us/req\tpg_us/req\n' \
  > "$WORK/summary.tsv"
run(){  # run LABEL SCRIPT PATH
  local label=$1 script=$2 path=$3 out=$WORK/$1.txt
  wanted "$label" || return 0
  wait_quiet
  log "$label: warm-up $WARMUP"
  wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$BENCH/$script" "$BASE$path" > "$WORK/$label.warmup.txt" 2>&1
  log "$label: wrk -t$THREADS -c$CONNS -d$DURATION --latency -s $script"
  local r0 b0 r1 b1 p0 p1; r0=$(cpu_ticks "$RUNNER_PID"); b0=$(busy_ticks); p0=$(pg_ticks)
  /usr/bin/time -o "$WORK/$label.time" -f '%U %S %e' \
      wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$BENCH/$script" "$BASE$path" > "$out" 2>&1
  r1=$(cpu_ticks "$RUNNER_PID"); b1=$(busy_ticks); p1=$(pg_ticks)
  cat "$out" >> "$WORK/bench.log"
  python3 - "$label" "$out" "$WORK/$label.time" "$r0" "$r1" "$b0 $b1" "$p0" "$p1" \
      >> "$WORK/summary.tsv" <<'EOF'
import re, sys
label, out, timing, r0, r1, busy, p0, p1 = sys.argv[1:]
text = open(out).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)
p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
user, system, elapsed = map(float, open(timing).read().split()[-3:])
b0, t0, b1, t1 = map(int, busy.split())
runner = (int(r1) - int(r0)) / 100 / elapsed * 100
pg = (int(p1) - int(p0)) / 100 / elapsed * 100
requests = float(rps) * elapsed
# CPU time per request, which other work on the machine changes far less than it changes req/s
per_request = lambda ticks: f"{ticks / 100 / max(1.0, requests) * 1e6:.1f}"
print(f"{label}\t{float(rps):.0f}\t{p50}\t{p99}\t{bad.group(1) if bad else 0}{' ' + errors.group(0) if errors else ''}"
      f"\t{runner:.0f}%\t{(user + system) / elapsed * 100:.0f}%\t{(b1 - b0) / max(1, t1 - t0) * 200:.0f}%"
      f"\t{pg:.0f}%\t{per_request(int(r1) - int(r0))}\t{per_request(int(p1) - int(p0))}")
EOF
}
wanted single && run single vary-user.lua /evaluate/bench-flag-01
wanted bulk && run bulk bulk.lua /evaluate
wanted sdk-flags && BUNTING_BENCH_ETAG="" run sdk-flags sdk-flags.lua /sdk/flags
wanted sdk-flags-gzip && BUNTING_BENCH_ETAG="" BUNTING_BENCH_ACCEPT_ENCODING=gzip run sdk-flags-gzip sdk-flags.lua /sdk/flags
sdk_flags(){ curl -s "$BASE/sdk/flags?environment=production" -H "X-API-Key: $BUNTING_BENCH_SDK_KEY" "$@"; }
export BUNTING_BENCH_ETAG
BUNTING_BENCH_ETAG=$(sdk_flags -D - -o /dev/null | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
plain_bytes=$(sdk_flags | wc -c); gzip_bytes=$(sdk_flags -H 'Accept-Encoding: gzip' | wc -c)
log "sdk-flags: $plain_bytes bytes, $gzip_bytes with Accept-Encoding: gzip, ETag $BUNTING_BENCH_ETAG"
printf 'sdk_flags_bytes\t%s\nsdk_flags_gzip_bytes\t%s\nbulk_bytes\t%s\n' "$plain_bytes" "$gzip_bytes" \
  "$(printf '%s' "$bulk" | wc -c)" > "$WORK/facts.tsv"
wanted sdk-flags-304 && run sdk-flags-304 sdk-flags.lua /sdk/flags

# ---------- measurement: the same single evaluations with every flag under a running experiment, and event ingestion ----------
if wanted single-tracked || wanted events; then
  for i in $(seq -f '%02g' 1 "$N_FLAGS"); do
    call POST /experiments "{\"key\":\"bench-test-$i\",\"name\":\"Bench $i\",\"flag\":\"bench-flag-$i\",\"environment\":\"production\",\"control\":\"false\",\"metrics\":[{\"key\":\"purchase\",\"event\":\"purchase\",\"type\":\"binomial\"}]}" > /dev/null
    call POST "/experiments/bench-test-$i/start" > /dev/null
  done
  log "started $N_FLAGS experiments: every single evaluation now records an exposure"
  run single-tracked vary-user.lua /evaluate/bench-flag-01
  run events events.lua /events
  log "exposed units recorded: $(call GET /experiments/bench-test-01/results | python3 -c 'import json,sys; p=json.load(sys.stdin)["phases"][0]; print(sum(v["units"] for v in p["variants"]) + p["multiple_exposures"]["units"])') for bench-flag-01"
fi

if [[ -n ${THEN:-} ]]; then
  # shellcheck disable=SC1090
  . "$THEN"
fi

# ---------- 5. report ----------
status=/proc/$RUNNER_PID/status
awk '/VmHWM/{printf "peak_rss_mib\t%.0f\n", $2/1024}' "$status" >> "$WORK/facts.tsv"
log "runner memory: peak RSS (VmHWM) $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' "$status"), now (VmRSS) $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' "$status"), threads $(awk '/Threads/{print $2}' "$status")"
log "request log: BUNTING_REQUEST_LOG=$REQUEST_LOG ($(wc -l < "$WORK/runner.out") lines written to stdout)"
echo "runner_cpu, pg_cpu (the embedded PostgreSQL) and machine_busy are % of one core (the machine has $(nproc));" \
  "wrk_cpu is wrk's own share; runner_us/req and pg_us/req are CPU microseconds per request."
column -t -s $'\t' "$WORK/summary.tsv" | tee -a "$WORK/bench.log"
