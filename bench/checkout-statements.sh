#!/usr/bin/env bash
# PostgreSQL's side of an order (one client: add-to-cart, then cash-on-delivery checkout): rows, index entries and WAL bytes
# written per order over BENCH_ORDERS orders, then auto_explain (ANALYZE, BUFFERS, WAL, nested statements) of two orders,
# set with session_preload_libraries on the bench database only (pg_stat_statements would need a server restart).
# The server log from then on lands in bench/results/checkout-statements.log (/var/log/postgresql; this database's
# plans are the lines with "@afya_bench_<pid>", other databases' lines may sit between them).
# `WAL per order` is the server's whole WAL over the run (pg_current_wal_lsn): other databases' writes land in it too,
# so read it on a quiet server. Paths are the repo's: run it from the repo root.
#   BENCH_PUBLISH=/tmp/x bash bench/checkout-statements.sh
n=${BENCH_ORDERS:-300}
source "$(dirname "$0")/lib.sh"
bench_init --postgres-only
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -fsS -X POST "$base$1" -H 'content-type: application/json' -H "Authorization: Bearer $2" -d "$3"; }
q() { su postgres -c "psql -d $pg_db -Atq -c \"$1\""; }
bench_database postgres
bench_start; export BASE=$base
admin_email="bench-admin-$RANDOM@example.com"
dotnet "$publish/afya.dll" create-admin --email "$admin_email" --password "bench-admin-pass-1" >/dev/null
admin=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' -d "{\"email\": \"$admin_email\", \"password\": \"bench-admin-pass-1\"}" | json '["access"]')
category=$(post /api/v1/admin/categories "$admin" "{\"name\": \"Bench checkout $RANDOM\"}" | json '["id"]')
product=$(post /api/v1/admin/products "$admin" "{\"name\": \"Bench item $RANDOM\", \"description\": \"Bench\", \"category_id\": $category, \"price\": 250, \"stock_quantity\": 1000000}" | json '["id"]')
bench_user
export TOKEN=$access PRODUCT=$product BASE=$base
orders() { python3 - "$1" <<'PY'
import http.client, json, os, sys
n = int(sys.argv[1]); host, port = os.environ["BASE"].replace("http://", "").split(":")
c = http.client.HTTPConnection(host, int(port))
h = {"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["TOKEN"]}
cart = json.dumps({"product_id": os.environ["PRODUCT"], "quantity": 1})
order = json.dumps({"full_name": "Bench Buyer", "email": "bench@example.com", "phone": "0712345678", "shipping_address": "1 Bench Road", "city": "Nairobi", "county": "Nairobi", "payment_method": "cash_on_delivery", "notes": ""})
for _ in range(n):
    for path, body, want in (("/api/v1/cart/", cart, (200, 201)), ("/api/v1/orders/", order, (201,))):
        c.request("POST", path, body, h); r = c.getresponse(); b = r.read()
        assert r.status in want, (path, r.status, b[:300])
PY
}
orders 20
# Tables' write counters (a partial index is counted as written, e.g. orders_orders' invoice number, which a new order skips) and WAL before/after N orders (stats flush at transaction end of each backend; a pause lets them land).
snap() { sleep 1.5; q "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname"; }
s0=$(snap); w0=$(q "SELECT pg_current_wal_lsn()")
orders "$n"
w1=$(q "SELECT pg_current_wal_lsn()"); s1=$(snap)
idx=$(q "SELECT t.relname, count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE ns.nspname = 'public' GROUP BY t.relname")
python3 - "$n" "$s0" "$s1" "$idx" <<'PY'
import sys
n = int(sys.argv[1])
def rows(s): return {l.split("|")[0]: list(map(int, l.split("|")[1:])) for l in s.strip().split("\n") if l}
a, b = rows(sys.argv[2]), rows(sys.argv[3])
idx = {l.split("|")[0]: int(l.split("|")[1]) for l in sys.argv[4].strip().split("\n") if l}
print(f"per order over {n}: table | inserts | updates (HOT) | deletes | indexes | index entries written")
tot = 0
for t in sorted(b):
    d = [x - y for x, y in zip(b[t], a.get(t, [0, 0, 0, 0]))]
    if not any(d): continue
    ins, upd, hot, dele = d; k = idx.get(t, 0)
    e = (ins + upd - hot) * k; tot += e
    print(f"{t} | {ins/n:.2f} | {upd/n:.2f} ({hot/n:.2f}) | {dele/n:.2f} | {k} | {e/n:.1f}")
print(f"index entries per order: {tot/n:.1f}")
PY
echo "WAL per order: $(q "SELECT round(pg_wal_lsn_diff('$w1', '$w0') / $n)") bytes"
# auto_explain on fresh connections (a service restart): 3 orders to warm up, then the 2 whose plans are kept.
q "ALTER DATABASE $pg_db SET session_preload_libraries = 'auto_explain'"
for s in "auto_explain.log_min_duration = 0" "auto_explain.log_analyze = on" "auto_explain.log_buffers = on" "auto_explain.log_wal = on" "auto_explain.log_nested_statements = on" "auto_explain.log_triggers = on"; do q "ALTER DATABASE $pg_db SET $s"; done
bench_start; export BASE=$base
orders 3
sleep 1
start=$(grep -n "" /var/log/postgresql/postgresql-15-main.log | tail -1 | cut -d: -f1)
orders 2
sleep 1
grep -a "" /var/log/postgresql/postgresql-15-main.log | tail -n +$start > bench/results/checkout-statements.log
q "ALTER DATABASE $pg_db RESET ALL"
bench_done_database
