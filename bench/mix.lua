-- A cache-defeating mix: 1,000 distinct list, search, filter and page requests built from the bench vocabulary
-- (the adjectives and nouns of `afya bench-seed`, its category tree in BENCH_CATEGORY), cycled in order.
-- Counts the X-Cache (page answer) and X-Count-Cache (kept count) headers and prints the hit ratios.
local adjectives = {"compact", "digital", "portable", "pro", "smart", "classic", "ultra", "lite", "max", "plus", "advanced", "home"}
local nouns = {"monitor", "oximeter", "wheelchair", "walker", "phone", "charger", "thermometer", "nebulizer", "crutch", "scale", "tablet", "earbuds"}
local orderings = {"", "price", "-price", "-created_at", "created_at", "name"}
local category = os.getenv("BENCH_CATEGORY") or ""

local seed = 16
local function rand(n)
  seed = (seed * 16807) % 2147483647 -- Park-Miller: exact in LuaJIT's doubles
  return math.floor(seed / 7) % n + 1
end

local paths, seen = {}, {}
while #paths < 1000 do
  local q = {}
  local kind = rand(4)
  if kind <= 2 then
    local term = nouns[rand(#nouns)]
    if rand(2) == 1 then term = adjectives[rand(#adjectives)] .. "+" .. term end
    q[#q + 1] = "search=" .. term
  end
  if category ~= "" and rand(3) == 1 then
    local leaf = rand(21) - 1
    q[#q + 1] = "category=" .. category .. (leaf > 0 and ("-" .. leaf) or "")
  end
  if rand(3) == 1 then q[#q + 1] = "min_price=" .. (rand(20) * 100) end
  if rand(4) == 1 then q[#q + 1] = "max_price=" .. (20000 + rand(20) * 5000) end
  if rand(5) == 1 then q[#q + 1] = "in_stock=true" end
  if rand(6) == 1 then q[#q + 1] = "is_new=true" end
  local ordering = orderings[rand(#orderings)]
  if ordering ~= "" then q[#q + 1] = "ordering=" .. ordering end
  if rand(4) == 1 then q[#q + 1] = "page=2" end
  local path = "/api/v1/products/?" .. table.concat(q, "&")
  if not seen[path] then
    seen[path] = true
    paths[#paths + 1] = path
  end
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local n = 0
function init(args)
  n = id * 500
  page_hits, page_total, count_hits, count_total = 0, 0, 0, 0
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

function response(status, headers, body)
  local page = headers["X-Cache"]
  if page then
    page_total = page_total + 1
    if page == "HIT" then page_hits = page_hits + 1 end
  end
  local count = headers["X-Count-Cache"]
  if count then
    count_total = count_total + 1
    if count == "HIT" then count_hits = count_hits + 1 end
  end
end

function done(summary, latency, requests)
  local ph, pt, ch, ct = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    ph = ph + t:get("page_hits"); pt = pt + t:get("page_total")
    ch = ch + t:get("count_hits"); ct = ct + t:get("count_total")
  end
  local function pct(a, b) return b > 0 and string.format("%.1f %%", 100 * a / b) or "n/a" end
  io.write(string.format("note: %d distinct URLs; page cache hits %s of %d; kept counts %s of %d counted pages\n",
    #paths, pct(ph, pt), pt, pct(ch, ct), ct))
end
