-- Reads: GET /v1/tasks/{taskId} over many tasks with the office token (BENCH_TOKEN).
-- Rows file (BENCH_ROWS): taskId first on each line.
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/result.lua")
local rows = bench.rows(os.getenv("BENCH_ROWS"))
local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
local counter = 0
thread_id = 0 -- a global: setup() sets it in each thread's Lua state
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function request()
  counter = counter + 1
  local row = rows[(thread_id * 7919 + counter) % #rows + 1]
  return wrk.format("GET", "/v1/tasks/" .. row[1], headers)
end

done = bench.done
