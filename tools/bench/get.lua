-- One GET, the path given by the URL on wrk's command line, with the office token (BENCH_TOKEN) when set: the
-- task-list page, the annual report, and the hello server's /hello.
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/result.lua")
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = bench.done
