# Sourced by http-evaluate.sh for bench/streams.sh.
log "streams: opening $STREAMS (ulimit -n $(ulimit -n))"
python3 "$BENCH/streams.py" "$BASE" "$BUNTING_BENCH_SDK_KEY" "$TOKEN" "$RUNNER_PID" "$STREAMS" "$BENCH/vary-user.lua" \
  | tee -a "$WORK/bench.log"
