-- wrk script: POST /evaluate (every flag of production) with a different user on every request.
-- Each wrk thread starts at its own offset, so the threads do not send the same sequence.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  n = (id or 0) * 500009
end

-- production needs a key: the SDK key that http-evaluate.sh made
local headers = { ["Content-Type"] = "application/json", ["X-API-Key"] = os.getenv("BUNTING_BENCH_SDK_KEY") }

function request()
  n = n + 1
  local body = '{"environment":"production","context":{"targetingKey":"u' .. ((n * 7919) % 100000) .. '","plan":"free"}}'
  return wrk.format("POST", "/evaluate", headers, body)
end
