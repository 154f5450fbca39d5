-- One wrk thread = one client with its own user, token and product (BENCH_TOKENS, BENCH_PRODUCTS: comma-separated).
-- Each client alternates POST /api/v1/cart/ and POST /api/v1/orders/, so two requests make one order.
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local function split(s)
  local out = {}
  for v in string.gmatch(s, "[^,]+") do out[#out + 1] = v end
  return out
end

function init(args)
  local tokens, products = split(os.getenv("BENCH_TOKENS")), split(os.getenv("BENCH_PRODUCTS"))
  token = tokens[(id % #tokens) + 1]
  product = products[(id % #products) + 1]
  step = 0
  cart = string.format('{"product_id": "%s", "quantity": 1}', product)
  order = '{"full_name": "Bench Buyer", "email": "bench@example.com", "phone": "0712345678", "shipping_address": "1 Bench Road", ' ..
    '"city": "Nairobi", "county": "Nairobi", "payment_method": "cash_on_delivery", "notes": ""}'
end

function request()
  step = step + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  if step % 2 == 1 then return wrk.format("POST", "/api/v1/cart/", headers, cart) end
  return wrk.format("POST", "/api/v1/orders/", headers, order)
end
