-- Daraja's callback body for the pushes in BENCH_CHECKOUTS (comma-separated CheckoutRequestIDs), in turn;
-- BENCH_CHECKOUTS=unknown sends ids Afya never issued (logged and ignored).
local ids = {}
for v in string.gmatch(os.getenv("BENCH_CHECKOUTS") or "", "[^,]+") do ids[#ids + 1] = v end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  i = i + 1
  local id = ids[(i % #ids) + 1]
  if id == "unknown" then id = "ws_CO_unknown_" .. i end
  local body = '{"Body": {"stkCallback": {"MerchantRequestID": "bench", "CheckoutRequestID": "' .. id .. '", "ResultCode": 0, ' ..
    '"ResultDesc": "The service request is processed successfully.", "CallbackMetadata": {"Item": [{"Name": "Amount", "Value": 10}, ' ..
    '{"Name": "MpesaReceiptNumber", "Value": "BENCH' .. i .. '"}, {"Name": "TransactionDate", "Value": 20261124120000}, ' ..
    '{"Name": "PhoneNumber", "Value": 254712349999}]}}}}'
  return wrk.format(nil, "/api/v1/payments/mpesa/callback", nil, body)
end
