-- wrk script for scripts/bench: signed-in GETs cycling through the pages advisers and the
-- organisation open most, each asking for Brotli as a browser does. The session cookie comes
-- from the environment (BENCH_COOKIE); PATHS (comma-separated) overrides the mix.
local cookie = os.getenv("BENCH_COOKIE") or ""
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or "/,/rcis/3,/rcis/3/checklist,/rcis/4/history,/compare,/tours", "[^,]+") do
  paths[#paths + 1] = p
end
-- With SAVE_BODY set, one request in ten is an adviser's save: a children-counts snapshot posted
-- to its server function as the form posts it (same origin, as the server demands of writes).
local save_body = os.getenv("SAVE_BODY")
if save_body == "" then
  save_body = nil
end
local origin = os.getenv("BENCH_ORIGIN") or ""
local i = 0

request = function()
  i = i + 1
  if save_body and i % 10 == 0 then
    return wrk.format("POST", "/api/record_counts", {
      ["Cookie"] = cookie,
      ["Origin"] = origin,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, save_body)
  end
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = cookie, ["Accept-Encoding"] = "br" })
end

-- One line the bench reads: requests per second, latency percentiles in ms, errors.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("BENCH %.0f %.1f %.1f %.1f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
