-- GET /api/v1/products/?page=N cycling N over 1..200: deep pages cost more (OFFSET).
local n = 0
request = function()
  n = n % 200 + 1
  return wrk.format("GET", "/api/v1/products/?page=" .. n)
end
