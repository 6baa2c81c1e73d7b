#!/usr/bin/env bash
# How the runner's cost grows with the number of flags (issue K; see bench/README.md): for each flag count, runs
# http-evaluate.sh on a fresh runner (request log off, in-process cache) with only the scenarios that grow with the
# flag set, then prints one table:
#   POST /evaluate of every flag (req/s) | GET /sdk/flags (req/s, p99) | the same with Accept-Encoding: gzip |
#   /sdk/flags body, plain and gzip | the runner's peak RSS (VmHWM) under that load. Each rate also says how many
#   requests the runner served per second of its own CPU time ("per runner core"), which a busy machine disturbs less.
#
# Knobs (env): FLAG_COUNTS ("20 200 1000 2000"), DURATION (10s), WARMUP (5s), JAVA_OPTS (http-evaluate.sh's default),
#   VARIED (0: 1 seeds varied flags, see seed-flags.py, whose gzip is what real flag sets get rather than the 80:1 of
#   alike ones), and every other knob of http-evaluate.sh. The machine is shared: compare tables from the same sitting,
#   as ratios.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
FLAG_COUNTS=${FLAG_COUNTS:-20 200 1000 2000}
export DURATION=${DURATION:-10s} WARMUP=${WARMUP:-5s} BUNTING_REQUEST_LOG=false SCENARIOS="bulk sdk-flags sdk-flags-gzip"
OUT=$(mktemp -d /tmp/bunting-scale-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

for n in $FLAG_COUNTS; do
  echo "[$(date -u +%H:%M:%S)] $n flags" >&2
  N_FLAGS=$n KEEP=1 BENCH_WORK_DIR=$OUT/$n "$BENCH/http-evaluate.sh" > "$OUT/$n.out" 2> "$OUT/$n.err" \
    || { tail -20 "$OUT/$n.err" >&2; exit 1; }
  BUILD=never; export BUILD   # built once, for the first count
done

python3 - "$OUT" $FLAG_COUNTS <<'PY'
import csv, re, sys
out, counts = sys.argv[1], sys.argv[2:]
def kib(b): return f"{int(b) / 1024:,.1f} KB"
print("| flags | `POST /evaluate` of every flag | `GET /sdk/flags` | `GET /sdk/flags`, gzip | body plain / gzip | peak RSS |")
print("|---|---|---|---|---|---|")
# per runner core: requests per second of the runner's own CPU time, which other work on the machine disturbs less
# than req/s itself
for n in counts:
    rows = {r["scenario"]: r for r in csv.DictReader(open(f"{out}/{n}/summary.tsv"), delimiter="\t")}
    facts = dict(line.rstrip("\n").split("\t") for line in open(f"{out}/{n}/facts.tsv"))
    def rate(name):
        r = rows[name]
        bad = "" if r["non2xx"].split()[0] == "0" else f", {r['non2xx'].split()[0]} non-2xx"
        timeouts = re.search(r"timeout (\d+)", r["non2xx"])
        bad += f", {timeouts.group(1)} timed out" if timeouts and timeouts.group(1) != "0" else ""
        per_core = int(r['req/s']) / max(0.01, int(r['runner_cpu'].rstrip('%')) / 100)
        return f"{int(r['req/s']):,} req/s ({per_core:,.0f} per runner core), p99 {r['p99']}{bad}"
    print(f"| {int(n):,} | {rate('bulk')} | {rate('sdk-flags')} | {rate('sdk-flags-gzip')} "
          f"| {kib(facts['sdk_flags_bytes'])} / {kib(facts['sdk_flags_gzip_bytes'])} | {facts['peak_rss_mib']} MiB |")
PY
