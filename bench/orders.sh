#!/usr/bin/env bash
# Orders, M-Pesa callbacks per second (into the inbox, and through it to paid) and push-to-paid latency on a Release build, on SQLite and PostgreSQL, as ratios to GET /health in the
# same run (the machine is shared, so absolute figures move with other load; the ratios move less).
#   bash bench/orders.sh                 both databases
#   bash bench/orders.sh --sqlite-only   or --postgres-only
#   BENCH_SECONDS=10 BENCH_CLIENTS=8 bash bench/orders.sh
clients=${BENCH_CLIENTS:-8}
pushes=${BENCH_PUSHES:-200}
source "$(dirname "$0")/lib.sh"
bench_init "$@"
: >bench/results/orders.md

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() {
  local auth=(); [ -n "$2" ] && auth=(-H "Authorization: Bearer $2")
  curl -fsS -X POST "$base$1" -H 'content-type: application/json' "${auth[@]}" -d "$3"
}

for db in "${databases[@]}"; do
  bench_database "$db"
  # The Daraja simulator inside the host; pushes to a number ending 9999 get no callback from it, so the bench sends them.
  # Push limits off (the bench is one user pushing hundreds of times); a quick simulated customer for the settle latency;
  # reconciliation late, so on a slow machine it does not settle the no-callback pushes before the callback burst does.
  bench_start MPESA_ENVIRONMENT=simulator Mpesa__UserHourly=100000000 Mpesa__PhoneHourly=100000000 Mpesa__PhoneCooldownSeconds=0 \
    Mpesa__Simulator__CallbackDelayMilliseconds=200 "Mpesa__Simulator__StorePath=$data/daraja-sim.jsonl" Mpesa__ReconcileAfterSeconds=3600
  admin_email="bench-admin-$RANDOM@example.com"
  dotnet "$publish/afya.dll" create-admin --email "$admin_email" --password "bench-admin-pass-1" >/dev/null
  admin=$(post /api/v1/auth/login "" "{\"email\": \"$admin_email\", \"password\": \"bench-admin-pass-1\"}" | json '["access"]')
  category=$(post /api/v1/admin/categories "$admin" "{\"name\": \"Bench orders $RANDOM\"}" | json '["id"]')

  # One product and one user per client, so clients contend on nothing but the database itself.
  tokens="" products=""
  for i in $(seq 1 "$clients"); do
    products+=$(post /api/v1/admin/products "$admin" "{\"name\": \"Bench item $i $RANDOM\", \"description\": \"Bench\", \"category_id\": $category, \"price\": 250, \"stock_quantity\": 1000000}" | json '["id"]'),
    bench_user
    tokens+="$access,"
  done
  export BENCH_TOKENS=$tokens BENCH_PRODUCTS=$products

  echo "== $db: $pushes M-Pesa pushes for the callback runs (one order each)" >&2
  order_body='{"full_name": "Bench Buyer", "email": "bench@example.com", "phone": "0712345678", "shipping_address": "1 Bench Road", "city": "Nairobi", "county": "Nairobi", "payment_method": "mpesa", "mpesa_phone": "0712349999"}'
  first_product=${products%%,*}
  place() {
    post /api/v1/cart/ "$access" "{\"product_id\": \"$first_product\", \"quantity\": 1}" >/dev/null
    post /api/v1/orders/ "$access" "$order_body" | json '["id"]'
  }
  checkouts="" burst=""
  for i in $(seq 1 "$pushes"); do
    # A push always pays for something: an order of the caller's; 9999 gets no callback from the simulator.
    order=$(place)
    pushed=$(post /api/v1/payments/mpesa/stk-push "$access" "{\"order_id\": \"$order\", \"phone_number\": \"0712349999\"}")
    checkout=$(echo "$pushed" | json '["checkout_request_id"]')
    checkouts+=$checkout,
    burst+="$order:$checkout:$(echo "$pushed" | json '["amount"]') "
  done

  # Through the inbox: the genuine callback of every push above at once (8 senders), timed until every order is paid
  # (store, fast path or sweep, STK query to the simulator, settle). Callbacks per second = pushes / that time.
  echo "== $db: $pushes genuine callbacks at once, timed until all are paid" >&2
  inbox_row=$(python3 - "$base" "$access" $burst <<'PY'
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, token, items = sys.argv[1], sys.argv[2], [a.split(":") for a in sys.argv[3:]]
def call(method, path, body=None, auth=True):
    headers = {"Content-Type": "application/json"}
    if auth: headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None, headers=headers)
    with urllib.request.urlopen(req) as r:
        return json.load(r)
def callback(item):
    order, checkout, amount = item
    call("POST", "/api/v1/payments/mpesa/callback", {"Body": {"stkCallback": {"MerchantRequestID": "bench", "CheckoutRequestID": checkout,
        "ResultCode": 0, "ResultDesc": "The service request is processed successfully.", "CallbackMetadata": {"Item": [
        {"Name": "Amount", "Value": float(amount)}, {"Name": "MpesaReceiptNumber", "Value": "BI" + checkout[-8:]},
        {"Name": "TransactionDate", "Value": 20261124120000}, {"Name": "PhoneNumber", "Value": 254712349999}]}}}}, auth=False)
began = time.monotonic()
with ThreadPoolExecutor(8) as pool:
    list(pool.map(callback, items))
posted = time.monotonic() - began
pending = {order for order, _, _ in items}
while pending and time.monotonic() - began < 300:
    pending = {o for o in pending if call("GET", f"/api/v1/orders/{o}")["payment_status"] != "paid"}
    if pending: time.sleep(0.05)
wall = time.monotonic() - began
done = len(items) - len(pending)
print(f"M-Pesa callbacks through the inbox to paid|{done / wall:.1f}|{wall * 1000:.0f}|{done}/{len(items)} paid in {wall:.1f} s (posted in {posted:.1f} s); p99 column: the whole burst")
PY
)

  # End to end: push -> simulator callback (200 ms "customer") -> inbox -> STK query -> paid, polled as a client would.
  settles=${BENCH_SETTLES:-40}
  echo "== $db: $settles pushes timed from push to paid" >&2
  settle_orders=""
  for i in $(seq 1 "$settles"); do settle_orders+="$(place) "; done
  settle_row=$(python3 - "$base" "$access" $settle_orders <<'PY'
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, token, orders = sys.argv[1], sys.argv[2], sys.argv[3:]
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
def settle(order):
    start = time.monotonic()
    call("POST", "/api/v1/payments/mpesa/order-payment", {"order_id": order, "phone_number": "0712345678"})
    while call("GET", f"/api/v1/orders/{order}")["payment_status"] != "paid":
        if time.monotonic() - start > 60: return None
        time.sleep(0.01)
    return (time.monotonic() - start) * 1000
began = time.monotonic()
with ThreadPoolExecutor(8) as pool:
    times = [t for t in pool.map(settle, orders) if t is not None]
wall = time.monotonic() - began
times.sort()
pct = lambda p: round(times[min(len(times) - 1, int(p * len(times)))], 1)
print(f"M-Pesa push to paid, end to end|{len(times) / wall:.1f}|{pct(0.99)}|p50 {pct(0.50)} ms; {len(times)}/{len(orders)} settled; includes the simulator's 200 ms customer")
PY
)

  measure "GET /health" "$base/health"
  MEASURE_THREADS=$clients MEASURE_CONNECTIONS=$clients MEASURE_EXTRA="2 requests per order" \
    measure "POST cart + POST orders ($clients clients)" -s bench/orders.lua "$base"
  # The same run read as orders: half the requests, the same latency per request.
  last=$(printf '%s' "$rows" | tail -n 1)
  rows+="orders ($clients clients, cash on delivery)|$(echo "$last" | awk -F'|' '{print $2 / 2}')|$(echo "$last" | awk -F'|' '{print $3}')|= the line above ÷ 2"$'\n'
  BENCH_CHECKOUTS=$checkouts MEASURE_EXTRA="$pushes pushes in turn: each settles once, repeats are no-ops" \
    measure "POST M-Pesa callback, known pushes (into the inbox)" -s bench/callback.lua "$base"
  BENCH_CHECKOUTS=unknown MEASURE_EXTRA="logged and ignored" measure "POST M-Pesa callback, unknown ids" -s bench/callback.lua "$base"
  # Measured before the wrk runs (on a quiet host), listed after them: the first row stays /health, the base of the ratios.
  rows+="$inbox_row"$'\n'
  rows+="$settle_row"$'\n'
  placed=$(curl -fs "$base/api/v1/admin/orders/?page_size=1" -H "Authorization: Bearer $admin" | json '["count"]')
  echo "   orders in the database after the run: $placed" >&2

  bench_table "$db" "$clients clients, $placed orders placed" orders
  { cat "bench/results/orders-$db.md"; echo; } >>bench/results/orders.md
  bench_done_database
done
