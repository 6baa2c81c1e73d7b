-- wrk script: POST /events with batches of 500 tracking events, each for a different unit, as an SDK flushes them.
-- Events per second are this script's requests per second × 500.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  n = (id or 0) * 1000003
end

local headers = { ["X-API-Key"] = os.getenv("BUNTING_BENCH_SDK_KEY"), ["Content-Type"] = "application/json" }

function request()
  local events = {}
  for i = 1, 500 do
    n = n + 1
    events[i] = '{"type":"track","event":"purchase","unit":"u' .. n .. '","value":' .. (n % 100) .. '}'
  end
  return wrk.format("POST", "/events", headers, '{"events":[' .. table.concat(events, ",") .. ']}')
end
