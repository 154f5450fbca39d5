#!/usr/bin/env bash
# FHIR searchset: GET /fhir/Observation?patient=...&_count=100 (a page of 100 vital-signs Observations, with total) over a
# patient with 2,000 readings, as a ratio to GET /health in the same run. Target: >= 0.10 of /health on PostgreSQL.
#   bash bench/fhir.sh [--sqlite-only|--postgres-only]      BENCH_SECONDS=10 for shorter lines
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/fhir.md

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# A valid Aadhaar (Verhoeff check digit), for the patient sign-up.
aadhaar() {
  python3 - <<'PY'
import random
d=[[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
   [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
p=[[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
   [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
inv=[0,4,3,2,1,5,6,7,8,9]
while True:
    body=str(random.randint(2,9))+''.join(str(random.randint(0,9)) for _ in range(10))
    for c in range(10):
        x=0
        for i,ch in enumerate(reversed(body+str(c))): x=d[x][p[i%8][int(ch)]]
        if x==0: print(body+str(c)); raise SystemExit
PY
}

for db in "${databases[@]}"; do
  bench_database "$db"
  bench_start
  echo "== $db" >&2
  body=$(curl -fs -X POST "$base/api/v1/auth/register/patient" -H 'content-type: application/json' \
    -d "{\"email\": \"bench-$RANDOM$RANDOM@example.com\", \"password\": \"bench-pass-123\", \"name\": \"Bench Patient\", \"aadhaar_number\": \"$(aadhaar)\", \"date_of_birth\": \"1980-01-01\"}")
  access=$(echo "$body" | json 'd["access"]')
  patient=$(echo "$body" | json 'd["patient"]["id"]')
  # 2,000 heart rates and SpO2s a minute apart over the last 17 hours, through the API.
  python3 - "$base" "$access" <<'PY'
import json, sys, urllib.request, datetime
base, access = sys.argv[1], sys.argv[2]
now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
readings = [{"metric": m, "value": v, "measured_at": (now - datetime.timedelta(minutes=i + 1)).strftime("%Y-%m-%dT%H:%M:%SZ")}
            for i in range(1000) for m, v in (("heart_rate", 60 + i % 30), ("spo2", 95 + i % 5))]
req = urllib.request.Request(base + "/api/v1/wearables/sync", json.dumps({"readings": readings}).encode(),
                             {"Authorization": "Bearer " + access, "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["accepted"], "readings stored", file=sys.stderr)
PY
  auth="Authorization: Bearer $access"
  measure "GET /health" "$base/health"
  measure "GET /fhir/Observation?patient=&_count=100 (searchset page, total)" -H "$auth" -H "Accept: application/fhir+json" \
    "$base/fhir/Observation?patient=$patient&_count=100"
  measure "GET /fhir/Observation?patient=&code=8867-4&date=ge..&_count=100" -H "$auth" \
    "$base/fhir/Observation?patient=$patient&code=8867-4&date=ge$(date -u -d '-12 hours' +%Y-%m-%dT%H:%M:%SZ)&_count=100"
  measure "GET /fhir/Patient/{id}" -H "$auth" "$base/fhir/Patient/$patient"
  bench_table "$db" "FHIR searchset pages of 100 Observations" fhir
  { cat "bench/results/fhir-$db.md"; echo; } >>bench/results/fhir.md
  bench_done_database
done
