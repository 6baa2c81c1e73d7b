# Sourced by http-evaluate.sh for bench/streams.sh.
log "streams: opening $STREAMS with the ${CLIENT} client (ulimit -n $(ulimit -n))"
if [[ $CLIENT == python ]]; then
  python3 "$BENCH/streams.py" "$BASE" "$BUNTING_BENCH_SDK_KEY" "$TOKEN" "$RUNNER_PID" "$STREAMS" "$BENCH/vary-user.lua" \
    | tee -a "$WORK/bench.log"
else
  "$JAVA" "$BENCH/StreamsClient.java" "$BASE" "$BUNTING_BENCH_SDK_KEY" "$TOKEN" "$RUNNER_PID" "$STREAMS" \
    "$BENCH/vary-user.lua" | tee -a "$WORK/bench.log"
fi
