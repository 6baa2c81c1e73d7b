#!/usr/bin/env bash
# PostgreSQL's CPU per exposure written, by replaying flushes shaped like http-evaluate.sh's single-tracked load
# (see bench/README.md): 20 experiments x 5,000 units, two wrk threads 9 requests apart, 10,000 exposures a flush,
# every unit already stored (the steady state). It compares the write path before folding and the units filter
# (every exposure copied raw, then the units' upsert, which absorbs every unit) with the path now (a flush's repeats
# copied as one folded row, the upsert skipped for units the process knows stored), reading the backend's CPU time
# from /proc, which other load on the machine moves far less than wall time. Needs psql, python3 and a PostgreSQL on
# this machine (the backend's /proc entry is read).
#
#   PG_URL=postgresql://postgres@127.0.0.1:5432/postgres FLUSHES=5 bench/exposure-writes.sh
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
MIGRATIONS=$BENCH/../adapters/postgres-migrations/src/main/resources/db/migration
: "${PG_URL:?set PG_URL to a PostgreSQL URL whose user may create databases}"
FLUSHES=${FLUSHES:-5}
DB=bunting_exposure_writes_$$
WORK=$(mktemp -d /tmp/bunting-exposure-writes.XXXXXX)
scratch=${PG_URL%/*}/$DB
cleanup(){ psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB" > /dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
psql -q "$PG_URL" -c "CREATE DATABASE $DB" > /dev/null
for f in $(cd "$MIGRATIONS" && ls V*__*.sql | sort -t_ -k1.2 -n); do
  psql -q -v ON_ERROR_STOP=1 "$scratch" -f "$MIGRATIONS/$f" > /dev/null
done

cd "$WORK"
python3 - "$FLUSHES" <<'EOF'
import hashlib, sys
flushes = int(sys.argv[1])
def key(n): return (n % 20) + 1, (n * 7919) % 100000          # vary-user.lua's flag and user of request n
def variant(u): return 'true' if (u * 2654435761) % 10 < 3 else 'false'
def arr(vals): return "'{" + ",".join('"%s"' % v for v in vals) + "}'"
with open('units.tsv', 'w') as f:                               # the steady state: every unit stored before
    for n in range(100000):
        flag, u = key(n); unit = 'u%d' % u
        f.write(f"bench-test-{flag:02d}\t1\t\\\\x{hashlib.md5(unit.encode()).hexdigest()}\t{unit}\t{variant(u)}"
                "\t2026-12-05 00:00:00+00\tf\n")
for i in range(flushes + 1):                                    # flush 0 warms both paths up
    rows, folds, firsts = [], {}, {}
    for k in range(5000):                                       # wrk's second thread starts at 500009: 9 requests on
        for n in (20000 + i * 5000 + k, 500009 + 20000 + i * 5000 + k - 9):
            flag, u = key(n); unit = 'u%d' % u
            at = f"2026-12-05 12:00:{len(rows) * 60 // 10000:02d}.{len(rows) % 1000:03d}+00"
            rows.append((flag, unit, at))
            c, first, _ = folds.get((flag, unit), (0, at, at)); folds[(flag, unit)] = (c + 1, first, at)
            firsts.setdefault((flag, unit), at)
    line = lambda flag, unit, at: (f"bench-test-{flag:02d}\t1\tproduction\tbench-flag-{flag:02d}\t3"
                                   f"\t{variant(int(unit[1:]))}\t{unit}\t{at}\tSPLIT\t\\N")
    with open(f'raw{i}.tsv', 'w') as f:
        f.writelines(line(*r) + "\n" for r in rows)
    with open(f'folded{i}.tsv', 'w') as f:
        f.writelines(line(flag, unit, first) + f"\t{c}\t{last}\n" for (flag, unit), (c, first, last) in folds.items())
    units = sorted(firsts.items())
    names = [u for _, u in (k for k, _ in units)]
    # the units' upsert as PostgresMeasurements ran it on every flush before the filter
    open(f'upsert{i}.sql', 'w').write(f"""
INSERT INTO experiment_units AS u (experiment, phase, unit_digest, unit, variant, first_exposed_at, multiple)
SELECT experiment, phase, digest, unit, variant, at, multiple FROM (
  SELECT experiment, phase, decode(digest, 'hex') AS digest, unit, variant, at::timestamptz AS at, multiple
  FROM unnest({arr([f"bench-test-{fl:02d}" for (fl, _), _ in units])}::text[], {arr([1] * len(units))}::int[],
              {arr([hashlib.md5(u.encode()).hexdigest() for u in names])}::text[], {arr(names)}::text[],
              {arr([variant(int(u[1:])) for u in names])}::text[], {arr([at for _, at in units])}::text[],
              {arr(['false'] * len(units))}::boolean[]) AS t(experiment, phase, digest, unit, variant, at, multiple)) t
LEFT JOIN LATERAL (SELECT true AS absorbed FROM experiment_units k
    WHERE k.experiment = t.experiment AND k.phase = t.phase AND k.unit_digest = t.digest
      AND k.first_exposed_at <= t.at AND (k.multiple OR (k.variant = t.variant AND NOT t.multiple)) LIMIT 1) stored ON true
WHERE stored.absorbed IS NULL ORDER BY experiment, phase, digest
ON CONFLICT (experiment, phase, unit_digest) DO UPDATE SET
    multiple = u.multiple OR excluded.multiple OR u.variant <> excluded.variant,
    variant = CASE WHEN excluded.first_exposed_at < u.first_exposed_at THEN excluded.variant ELSE u.variant END,
    first_exposed_at = least(u.first_exposed_at, excluded.first_exposed_at)
WHERE NOT (u.first_exposed_at <= excluded.first_exposed_at
           AND (u.multiple OR (u.variant = excluded.variant AND NOT excluded.multiple)));
""")
EOF

RAW="exposures (experiment, phase, environment, flag, config_version, variant, unit, at, reason, rule)"
FOLDED="exposures (experiment, phase, environment, flag, config_version, variant, unit, at, reason, rule, count, last_at)"
ticks="\\! awk '{print \$14 + \$15}' /proc/\$(cat $WORK/pid)/stat >> $WORK/ticks"
{
  echo "\\set ON_ERROR_STOP 1"
  echo "CREATE TABLE exposures_p20261205 PARTITION OF exposures FOR VALUES FROM ('2026-12-05') TO ('2026-12-06');"
  echo "\\copy experiment_units (experiment, phase, unit_digest, unit, variant, first_exposed_at, multiple) from 'units.tsv'"
  echo "VACUUM ANALYZE experiment_units;"
  echo "\\copy (SELECT pg_backend_pid()) TO '$WORK/pid'"
  echo "\\copy $RAW from 'raw0.tsv'"; echo "\\i upsert0.sql"; echo "\\copy $FOLDED from 'folded0.tsv'"
  echo "$ticks"
  for i in $(seq 1 "$FLUSHES"); do echo "\\copy $RAW from 'raw$i.tsv'"; echo "\\i upsert$i.sql"; done
  echo "$ticks"
  for i in $(seq 1 "$FLUSHES"); do echo "\\copy $FOLDED from 'folded$i.tsv'"; done
  echo "$ticks"
} > replay.sql
psql -q "$scratch" -f replay.sql > /dev/null
read -r t0 t1 t2 < <(tr '\n' ' ' < ticks; echo)
exposures=$((FLUSHES * 10000))
hz=$(getconf CLK_TCK)
python3 - "$t0" "$t1" "$t2" "$exposures" "$hz" "$(wc -l < folded1.tsv)" <<'EOF'
import sys
t0, t1, t2, n, hz, folded = map(int, sys.argv[1:])
before, now = (t1 - t0) / hz, (t2 - t1) / hz
print(f"exposures replayed: {n} ({n // 10000} flushes of 10,000; {folded} folded rows a flush)")
print(f"before (raw copy of every exposure + units' upsert): {before * 1000:.0f} ms, {before / n * 1e6:.2f} us/exposure")
print(f"now (folded raw copy, units known stored skipped):   {now * 1000:.0f} ms, {now / n * 1e6:.2f} us/exposure")
EOF
