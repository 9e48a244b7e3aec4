-- wrk: POST /updates as many different phones (random device ids) of one app would.
local app = os.getenv("BENCH_APP") or "com.example.bench"
local devices = tonumber(os.getenv("BENCH_DEVICES") or "100000")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local id = math.random(1, devices)
  local body = string.format('{"app_id":"%s","device_id":"bench-%06d","version_name":"1.0.0","version_build":"1.0.0",' ..
    '"platform":"android","plugin_version":"8.51.14","is_emulator":false,"is_prod":true}', app, id)
  return wrk.format(nil, "/updates", nil, body)
end
local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH updates requests=%d non2xx=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
