#!/usr/bin/env bash
# Cold starts of the Lambda functions, measured here: a fresh JVM under AWS's runtime interface client (as Lambda's
# java21 runtime starts one, with -XX:+TieredCompilation -XX:TieredStopAtLevel=1) on the function's own jar, driven
# through a Runtime API that the driver serves, timed from process start to the first response. Configured as
# template.yaml configures the functions: warm PostgreSQL (BUNTING_TEST_DATABASE_URL, else an embedded one) named by
# endpoint, the login and signing secret read from a Secrets Manager the driver serves on loopback, and Redis
# (BUNTING_BENCH_REDIS_URL, default database 7 of the local server, whose bunting: keys the driver clears first). Runs N cold starts of the evaluation function (an evaluation) and
# of the management function (a sign-in), without and then with an application class-data-sharing archive made by a
# training run; prints every run, the medians, and the warm evaluation time.
#
# With N_FLAGS set (issue K: N_FLAGS=2000, ENVIRONMENTS=50 unless set), only the evaluation function is measured, on a
# large data set seeded through the management function as bench/environments.sh seeds the runner's (bench/seed-flags.py's
# flags, then environments added up to ENVIRONMENTS): the cold start's evaluation is of one flag of production's N_FLAGS,
# with an SDK key; then, once, a function sized as Lambda sizes the JVM for the template's MemorySize answers a bulk
# evaluation and GET /sdk/flags in every environment, and its peak RSS is printed. Each of the three driver runs (without
# an archive, training, with the archive) seeds its own fresh database.
#
#   bench/cold-start.sh [RUNS]                       (default 10)
#   N_FLAGS=2000 ENVIRONMENTS=50 bench/cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] && JAVA_HOME=$candidate
  done
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
export BUNTING_TEST_DATABASE_URL="${BUNTING_TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"

WORK=$(mktemp -d /tmp/bunting-cold-start.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log() { echo "[$(date +%H:%M:%S)] $*"; }

log "building the function jar and the driver ($("$JAVA" -version 2>&1 | head -1))"
./mvnw -q --batch-mode -pl lambda/tests -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CP="lambda/tests/target/test-classes:$(cat "$WORK/classpath.txt")"
log "function jars: $(du -h lambda/*/target/bunting-lambda-*-function.jar | tr '\n\t' '  ')"

FUNCTIONS="evaluation management"
[ -n "${N_FLAGS:-}" ] && FUNCTIONS=evaluation && export N_FLAGS ENVIRONMENTS="${ENVIRONMENTS:-50}" && \
  log "data: $N_FLAGS flags in $ENVIRONMENTS environments"
for FUNCTION in $FUNCTIONS; do
  log "$FUNCTION function without a CDS archive, $RUNS runs"
  "$JAVA" -cp "$CP" dev.bunting.lambda.ColdStart "$RUNS" "$FUNCTION" | tee "$WORK/$FUNCTION-plain.txt"

  # an archive is made from, and only maps onto, one classpath: one per function jar
  log "$FUNCTION function: training run for an application CDS archive"
  "$JAVA" -cp "$CP" dev.bunting.lambda.ColdStart 1 "$FUNCTION" "-XX:ArchiveClassesAtExit=$WORK/$FUNCTION.jsa" > "$WORK/$FUNCTION-training.txt"
  log "archive: $(du -h "$WORK/$FUNCTION.jsa" | cut -f1)"

  log "$FUNCTION function with its CDS archive, $RUNS runs"
  "$JAVA" -cp "$CP" dev.bunting.lambda.ColdStart "$RUNS" "$FUNCTION" "-XX:SharedArchiveFile=$WORK/$FUNCTION.jsa" | tee "$WORK/$FUNCTION-cds.txt"
done

echo
echo "summary (JDK $(java_major "$JAVA_HOME"), $(nproc) cores):"
for FUNCTION in $FUNCTIONS; do
  sed 's/^/  without CDS: /' <(grep -E "median" "$WORK/$FUNCTION-plain.txt")
  sed 's/^/  with CDS:    /' <(grep -E "median" "$WORK/$FUNCTION-cds.txt")
  sed "s/^/  memory:      /" <(grep -E "peak RSS" "$WORK/$FUNCTION-plain.txt" || true)
done
