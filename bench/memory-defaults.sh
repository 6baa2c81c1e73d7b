#!/usr/bin/env bash
# What the runner's documented memory options cost at 20 flags (issue K: at most 5 % of throughput against the JVM's
# defaults; see bench/README.md). Runs http-evaluate.sh's single and bulk scenarios at 20 flags (request log off) on a
# fresh runner started with the documented options (A: local-runner/pom.xml's bunting.jvm.options, as the README, the
# Dockerfile and the benchmarks run it) and on one started with none (B: the JVM's own defaults, a quarter of the
# machine's memory for the heap and G1), alternating A B A B ... in one sitting, built once. Prints every run, and per
# scenario the ratio A/B of the summed req/s and of the summed req/s per runner core (what the runner served per
# second of its own CPU time, which a busy machine disturbs less), and each side's peak RSS.
#
#   bench/memory-defaults.sh [ROUNDS]   (default 2: A B A B)
#
# Knobs (env): OPTIONS_A (the documented options), OPTIONS_B (empty: the JVM's defaults; set it to try others, such as
#   "-Xms256m -Xmx256m -XX:+UseSerialGC"), OPTIONS_C and OPTIONS_D (unset: not run; set, further sides run in the same
#   rounds, A B C D A B C D ..., each compared with B), and http-evaluate.sh's (DURATION 15s, WARMUP 10s, ...).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${1:-2}
OPTIONS_A=${OPTIONS_A-$(sed -n 's:.*<bunting.jvm.options>\(.*\)</bunting.jvm.options>.*:\1:p' "$BENCH/../local-runner/pom.xml")}
OPTIONS_B=${OPTIONS_B-}
export N_FLAGS=20 SCENARIOS="single bulk" BUNTING_REQUEST_LOG=false
OUT=$(mktemp -d /tmp/bunting-memory-defaults.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

SIDES="A B"
[[ -n ${OPTIONS_C+set} ]] && SIDES+=" C"
[[ -n ${OPTIONS_D+set} ]] && SIDES+=" D"
for side in $SIDES; do options=OPTIONS_$side; echo "$side: '${!options}'" >&2; done
for round in $(seq 1 "$ROUNDS"); do
  for side in $SIDES; do
    options=OPTIONS_$side
    echo "[$(date -u +%H:%M:%S)] round $round, $side; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    JAVA_OPTS=${!options} KEEP=1 BENCH_WORK_DIR=$OUT/$round-$side "$BENCH/http-evaluate.sh" \
      > "$OUT/$round-$side.out" 2> "$OUT/$round-$side.err" || { tail -20 "$OUT/$round-$side.err" >&2; exit 1; }
    BUILD=never; export BUILD   # built once, for the first run
  done
done

python3 - "$OUT" "$ROUNDS" $SIDES <<'PY'
import csv, sys
out, rounds, sides = sys.argv[1], int(sys.argv[2]), "".join(sys.argv[3:])
def summary(run):
    with open(f"{out}/{run}/summary.tsv") as f:
        return {row["scenario"]: row for row in csv.DictReader(f, delimiter="\t")}
def rss(run):
    for line in open(f"{out}/{run}/facts.tsv"):
        name, value = line.split("\t")
        if name == "peak_rss_mib":
            return int(value)
totals = {}
print("| round | side | scenario | req/s | per runner core | p99 | peak RSS |")
print("|---|---|---|---|---|---|---|")
for r in range(1, rounds + 1):
    for side in sides:
        run = f"{r}-{side}"
        for scenario, row in summary(run).items():
            rps = float(row["req/s"])
            core = rps / (float(row["runner_cpu"].rstrip("%")) / 100)
            t = totals.setdefault((scenario, side), [0.0, 0.0, []])
            t[0] += rps; t[1] += core; t[2].append(rss(run))
            print(f"| {r} | {side} | {scenario} | {rps:,.0f} | {core:,.0f} | {row['p99']} | {rss(run)} MiB |")
print()
for scenario in sorted({s for s, _ in totals}):
    b = totals[(scenario, "B")]
    for side in sides.replace("B", ""):
        a = totals[(scenario, side)]
        print(f"{scenario}: {side}/B req/s {a[0] / b[0]:.3f}, per runner core {a[1] / b[1]:.3f}; "
              f"peak RSS {side} {max(a[2])} MiB, B {max(b[2])} MiB")
PY
