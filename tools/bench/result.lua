-- Shared by the wrk scripts of tools/bench/run: one machine-readable line per run, with the percentiles wrk
-- measured (microseconds converted to milliseconds) and the non-2xx answers, which must be zero for a figure
-- to count (a refused command is not a command/s).
local M = {}

function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT wrk requests=%d seconds=%.3f requests_per_s=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status, errors))
end

-- Lines of a tab-separated file, as arrays of fields.
function M.rows(path)
  local rows = {}
  for line in io.lines(path) do
    local fields = {}
    for field in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = field end
    if #fields > 0 then rows[#rows + 1] = fields end
  end
  return rows
end

return M
