# Sourced by http-evaluate.sh for bench/environments.sh.
existing=$(call GET /environments | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d, list) else d["items"]))')
for i in $(seq $((existing + 1)) "$ENVIRONMENTS"); do
  call POST /environments "{\"key\":\"env-$i\",\"name\":\"Environment $i\"}" > /dev/null
done
log "environments: $ENVIRONMENTS, each with $N_FLAGS flags; RSS $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' "/proc/$RUNNER_PID/status")"
evaluate_all(){  # prints the time of one bulk evaluation of environment $1, in ms
  curl -s -o /dev/null -w '%{time_total}\n' -X POST "$BASE/evaluate" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" -d "{\"environment\":\"$1\",\"context\":{\"targetingKey\":\"u1\"}}" \
    | awk '{printf "%.1f\n", $1 * 1000}'
}
keys=$(call GET /environments | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(e["key"] for e in (d if isinstance(d, list) else d["items"])))')
: > "$WORK/first.txt"; : > "$WORK/second.txt"
for key in $keys; do
  evaluate_all "$key" >> "$WORK/first.txt"
  evaluate_all "$key" >> "$WORK/second.txt"
done
summary(){ sort -n "$1" | awk '{a[NR]=$1} END {printf "median %.1f ms, max %.1f ms over %d", a[int((NR+1)/2)], a[NR], NR}'; }
log "first bulk evaluation of each environment (loads and prepares it): $(summary "$WORK/first.txt")"
log "second: $(summary "$WORK/second.txt")"
log "every environment loaded: RSS $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' "/proc/$RUNNER_PID/status"), heap after a full GC: $("$JAVA_HOME/bin/jcmd" "$RUNNER_PID" GC.run > /dev/null; "$JAVA_HOME/bin/jcmd" "$RUNNER_PID" GC.heap_info | awk '/ParOldGen|PSOldGen/{print $5}')"

# start-up: the same data, a new runner, timed from its start to the first answered evaluation
kill -TERM "$RUNNER_PID"; wait "$RUNNER_PID" 2>/dev/null || true
t0=$(date +%s.%N)
env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" BUNTING_PORT="$PORT" BUNTING_DATA_DIR="$WORK/data" BUNTING_REQUEST_LOG=false \
    "$JAVA" --enable-native-access=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.bunting.local.Main > "$WORK/runner2.out" 2> "$WORK/runner2.err" &
RUNNER_PID=$!
until [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/evaluate" -H 'Content-Type: application/json' \
    -H "X-API-Key: $BUNTING_BENCH_SDK_KEY" -d '{"environment":"production","context":{"targetingKey":"u1"}}') == 200 ]]; do
  kill -0 "$RUNNER_PID" 2>/dev/null || { log "restarted runner died"; tail -20 "$WORK/runner2.err" >&2; exit 1; }
  sleep 0.05
done
log "start-up with $N_FLAGS flags in $ENVIRONMENTS environments: first answered evaluation after $(python3 -c "import time; print(f'{time.time()-$t0:.2f}')") s"
