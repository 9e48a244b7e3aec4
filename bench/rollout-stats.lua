-- wrk: POST /stats with 32 events per request (the endpoint's limit), cycling through BENCH_DEVICES phone ids so
-- that the history ends up holding every one of them.
local app = os.getenv("BENCH_APP") or "com.example.bench"
local devices = tonumber(os.getenv("BENCH_DEVICES") or "100000")
local per = 32
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
setup = function(thread)
  thread:set("offset", math.random(0, devices - 1))
end
request = function()
  local events = {}
  for i = 1, per do
    local id = (offset + counter) % devices
    counter = counter + 1
    local action = (id % 50 == 0) and "download_fail" or "set"
    events[i] = string.format('{"app_id":"%s","device_id":"bench-%06d","action":"%s","version_name":"1.1.0",' ..
      '"platform":"android","plugin_version":"8.51.14"}', app, id, action)
  end
  return wrk.format(nil, "/stats", nil, "[" .. table.concat(events, ",") .. "]")
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH stats requests=%d events=%d non2xx=%d errors=%d events_per_s=%.0f p99_ms=%.2f\n",
    summary.requests, summary.requests * per, summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.requests * per / (summary.duration / 1e6),
    latency:percentile(99) / 1000))
end
