# Sourced by http-evaluate.sh for bench/streams.sh.
log "streams: opening $STREAMS with the ${CLIENT} client (ulimit -n $(ulimit -n)), mode $MODE"
if [[ $CLIENT == python ]]; then
  [[ $MODE == change ]] || { log "the python client measures only MODE=change"; exit 1; }
  python3 "$BENCH/streams.py" "$BASE" "$BUNTING_BENCH_SDK_KEY" "$TOKEN" "$RUNNER_PID" "$STREAMS" "$BENCH/vary-user.lua" \
    | tee -a "$WORK/bench.log"
else
  "$JAVA" "$BENCH/StreamsClient.java" "$BASE" "$BUNTING_BENCH_SDK_KEY" "$TOKEN" "$RUNNER_PID" "$STREAMS" \
    "$BENCH/vary-user.lua" "$MODE" | tee -a "$WORK/bench.log"
fi
if [[ $MODE == shutdown ]]; then
  # the client stopped the runner: there is nothing left to report on
  exit 0
fi
