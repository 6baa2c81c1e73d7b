#!/usr/bin/env bash
# The Bunting SDK beside its peers: ../shared/bench/peers's harness with the SDK (direct and through OpenFeature)
# added. Builds the harness against this checkout's built classes, runs JMH with -prof gc, prints the table, then the
# SDK's start-up and retained heap. See bench/README.md.
#
#   bench/sdk/run.sh                      full run: -f 2 -wi 15 -i 5 -w 1s -r 1s, all scenarios and systems
#   bench/sdk/run.sh 'RulesSplit|Bulk20'  only benchmarks matching a JMH regex
#   JMH_OPTS="-f 1 -wi 2 -i 3 -w 1s -r 1s" bench/sdk/run.sh     a short smoke run
#   SKIP_BUILD=1                          reuse target/benchmarks.jar
#
# Fifteen warm-up iterations: a fork's speed changed, in either direction and by up to 1.9 times, around its fifteenth
# young collection (G1 promotes what has survived fifteen), which came after 9-12 s; with five warm-ups that was
# inside the measurement, and forks of one system disagreed. -XX:+AlwaysPreTouch (in each @Fork) removes the other
# cause seen here, the kernel zeroing fresh heap pages.
#
# Build the checkout first (./mvnw -pl sdk/openfeature -am package -DskipTests): the harness copies its classes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
JMH_OPTS="${JMH_OPTS:--f 2 -wi 15 -i 5 -w 1s -r 1s}"
RESULT="${RESULT:-target/jmh-result.json}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build (Bunting classes from $(cd ../.. && pwd))"
  ../../mvnw -B -q -f pom.xml clean package
fi
echo "== Bunting: $(git log -1 --format='%h %cs %s' 2>/dev/null | cut -c1-100)"
java -version 2>&1 | head -1
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== JMH: $JMH_OPTS -prof gc $*"
# shellcheck disable=SC2086
java -jar target/benchmarks.jar $JMH_OPTS -prof gc -rf json -rff "$RESULT" "$@"

echo
echo "== table ($RESULT)"
java -cp target/benchmarks.jar peereval.Report "$RESULT" | tee "${RESULT%.json}-table.txt"

echo
echo "== SDK start-up and retained heap"
java -Xms512m -Xmx512m -cp target/benchmarks.jar peereval.SdkStartupAndHeap
