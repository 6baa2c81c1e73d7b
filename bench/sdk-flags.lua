-- wrk script: GET /sdk/flags (production's whole flag set, for SDKs that evaluate locally) with the SDK key that
-- http-evaluate.sh made. With BUNTING_BENCH_ETAG set, every request sends it as If-None-Match, so the answer is 304;
-- with BUNTING_BENCH_ACCEPT_ENCODING set (gzip), every request sends it as Accept-Encoding.
local headers = { ["X-API-Key"] = os.getenv("BUNTING_BENCH_SDK_KEY") }
local encoding = os.getenv("BUNTING_BENCH_ACCEPT_ENCODING")
if encoding ~= nil and encoding ~= "" then
  headers["Accept-Encoding"] = encoding
end
local etag = os.getenv("BUNTING_BENCH_ETAG")
if etag ~= nil and etag ~= "" then
  headers["If-None-Match"] = etag
end

function request()
  return wrk.format("GET", "/sdk/flags?environment=production", headers)
end
