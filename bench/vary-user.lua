-- wrk script: GET /evaluate/{key} with a different user on every request and the key cycling through the
-- 20 seeded flags (bench-flag-01 .. bench-flag-20). Each wrk thread starts at its own offset, so the threads
-- do not send the same sequence. `plan=free` becomes a context attribute, so every flag's rule is evaluated
-- (and misses) before the 30 % rollout decides.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  n = (id or 0) * 500009
end

-- production needs a key: the SDK key that http-evaluate.sh made
local headers = { ["X-API-Key"] = os.getenv("BUNTING_BENCH_SDK_KEY") }

function request()
  n = n + 1
  local flag = string.format("bench-flag-%02d", (n % 20) + 1)
  return wrk.format("GET", "/evaluate/" .. flag .. "?environment_key=production&plan=free&user_id=u" .. ((n * 7919) % 100000), headers)
end
