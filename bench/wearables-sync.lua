-- POST /api/v1/wearables/sync with 1,000 heart-rate readings per request, every request a fresh second range
-- (thread id x 100 days apart, then 1,000 s further each request), so every reading is new: no duplicates.
local counter = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  start = os.time() - 700 * 86400 + id * 100 * 86400
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local base = start + counter * 1000
  counter = counter + 1
  local parts = {}
  for i = 0, 999 do
    parts[#parts + 1] = string.format('{"metric":"heart_rate","value":%d,"unit":"bpm","measured_at":"%s"}',
      60 + (i % 30), os.date("!%Y-%m-%dT%H:%M:%SZ", base + i))
  end
  return wrk.format(nil, nil, nil, '{"readings":[' .. table.concat(parts, ",") .. ']}')
end
