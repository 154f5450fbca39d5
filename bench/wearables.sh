#!/usr/bin/env bash
# Wearables load: readings ingested per second through POST /api/v1/wearables/sync (batches of 1,000 heart-rate readings,
# 4 clients, a device's ingest token), and summary reads over a patient with a year of minute data, on SQLite and PostgreSQL.
# Every figure is also a ratio to GET /health measured in the same run on the same database.
#   bash bench/wearables.sh [--sqlite-only|--postgres-only]      BENCH_SECONDS=10 for shorter lines
# The year of data (heart rate and SpO2 every minute: 1,051,200 readings and their hourly rows) is written by SQL
# straight into the tables (psql on PostgreSQL, python3's sqlite3 on SQLite): through the API it would take the
# length of the benchmark itself.
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/wearables.md

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# bench_patient: registers a patient account (a valid Aadhaar: Verhoeff check digit); sets $patient_access and $patient_id.
bench_patient() {
  local aadhaar; aadhaar=$(python3 - <<'PY'
import random
d=[[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
   [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
p=[[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
   [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
inv=[0,4,3,2,1,5,6,7,8,9]
body=str(random.randint(2,9))+''.join(str(random.randint(0,9)) for _ in range(10))
c=0
for i,ch in enumerate(reversed(body)): c=d[c][p[(i+1)%8][int(ch)]]
print(body+str(inv[c]))
PY
)
  local body; body=$(curl -fs -X POST "$base/api/v1/auth/register/patient" -H 'content-type: application/json' \
    -d "{\"email\": \"bench-$RANDOM$RANDOM@example.com\", \"password\": \"bench-pass-123\", \"name\": \"Bench Patient\", \"aadhaar_number\": \"$aadhaar\", \"date_of_birth\": \"1980-01-01\"}")
  patient_access=$(echo "$body" | json 'd["access"]')
  patient_id=$(echo "$body" | json 'd["patient"]["id"]')
}

seed_year() {
  local pid=$1 start; start=$(date -u +%s)
  if [ "$db" = postgres ]; then
    su postgres -c "psql -q -d $pg_db" <<SQL
INSERT INTO wearables_readings (patient_id, metric, measured_at, device_id, value, diastolic)
SELECT '$pid', m, t, '00000000-0000-0000-0000-000000000000',
       CASE WHEN m = 1 THEN 55 + (extract(epoch FROM t)::bigint / 60) % 40 ELSE 95 + (extract(epoch FROM t)::bigint / 60) % 5 END, NULL
FROM generate_series(date_trunc('minute', now()) - interval '365 days', date_trunc('minute', now()) - interval '1 minute', interval '1 minute') t,
     (VALUES (1::smallint), (2::smallint)) AS metrics(m);
INSERT INTO wearables_hourly (patient_id, metric, hour, reading_count, value_sum, value_min, value_max, latest_at, latest_value)
SELECT patient_id, metric, date_trunc('hour', measured_at, 'UTC'), count(*), sum(value), min(value), max(value), max(measured_at),
       (array_agg(value ORDER BY measured_at DESC))[1]
FROM wearables_readings WHERE patient_id = '$pid' GROUP BY 1, 2, 3;
ANALYZE wearables_readings; ANALYZE wearables_hourly;
SQL
  else
    python3 - "$data/afya.db" "${pid^^}" <<'PY'
import sqlite3, sys, time
db, pid = sqlite3.connect(sys.argv[1], timeout=60), sys.argv[2]
end = int(time.time()) // 60 * 60
with db:
    db.execute("""WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < 525600)
        INSERT INTO wearables_readings (patient_id, metric, measured_at, device_id, value, diastolic)
        SELECT ?, metric, strftime('%Y-%m-%d %H:%M:%S', ? - i * 60, 'unixepoch'), '00000000-0000-0000-0000-000000000000',
               CASE WHEN metric = 1 THEN 55 + ((? - i * 60) / 60) % 40 ELSE 95 + ((? - i * 60) / 60) % 5 END, NULL
        FROM m, (SELECT 1 AS metric UNION ALL SELECT 2)""", (pid, end, end, end))
    db.execute("""INSERT INTO wearables_hourly (patient_id, metric, hour, reading_count, value_sum, value_min, value_max, latest_at, latest_value)
        SELECT patient_id, metric, substr(measured_at, 1, 13) || ':00:00', count(*), sum(value), min(value), max(value), max(measured_at), value
        FROM wearables_readings WHERE patient_id = ? GROUP BY patient_id, metric, substr(measured_at, 1, 13)""", (pid,))
PY
  fi
  echo "   seeded a year of minute data in $(( $(date -u +%s) - start ))s" >&2
}

for db in "${databases[@]}"; do
  bench_database "$db"
  bench_start
  echo "== $db" >&2
  bench_patient
  device_token=$(curl -fs -X POST "$base/api/v1/wearables/devices" -H "Authorization: Bearer $patient_access" -H 'content-type: application/json' \
    -d '{"device_type": "watch", "manufacturer": "Bench", "model": "W1", "serial": "BENCH-1"}' | json 'd["ingest_token"]')

  measure "GET /health" "$base/health"
  MEASURE_THREADS=4 MEASURE_CONNECTIONS=4 MEASURE_EXTRA="1,000 readings per request, 4 clients" \
    measure "POST /api/v1/wearables/sync (readings/s = req/s x 1,000)" -s bench/wearables-sync.lua -H "X-Device-Token: $device_token" "$base/api/v1/wearables/sync"

  bench_patient
  seed_year "$patient_id"
  auth="Authorization: Bearer $patient_access"
  curl -fs "$base/api/v1/wearables/summary?period=month" -H "$auth" >/dev/null
  measure "GET /api/v1/wearables/summary?period=month (year of minute data)" -H "$auth" "$base/api/v1/wearables/summary?period=month"
  MEASURE_CONNECTIONS=4 MEASURE_EXTRA="4 connections: latency" measure "GET summary?period=month, 4 connections" -H "$auth" "$base/api/v1/wearables/summary?period=month"
  measure "GET /api/v1/wearables/summary?period=week" -H "$auth" "$base/api/v1/wearables/summary?period=week"
  measure "GET series heart_rate, 1d buckets over 365 days" -H "$auth" \
    "$base/api/v1/wearables/metrics/series?metric=heart_rate&bucket=1d&from=$(date -u -d '-365 days' +%Y-%m-%dT%H:%M:%SZ)"
  measure "GET metrics/recent (100 latest)" -H "$auth" "$base/api/v1/wearables/metrics/recent?metric=heart_rate"

  bench_table "$db" "wearables: sync batches and summaries over a year of minute data" wearables
  { cat "bench/results/wearables-$db.md"; echo; } >>bench/results/wearables.md
  bench_done_database
done
