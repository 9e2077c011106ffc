-- Commands: POST /v1/tasks/{taskId}/progress (ProgressReported) over many open tasks, each by a `unit` token of
-- the task's lead unit, every body different. Rows file (BENCH_ROWS): taskId <TAB> unitId <TAB> token.
local bench = dofile(os.getenv("BENCH_LUA_DIR") .. "/result.lua")
local rows = bench.rows(os.getenv("BENCH_ROWS"))
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
  local body = string.format('{"unitId":"%s","note":"Tiến độ đo tải %d-%d","percent":%d}', row[2], thread_id, counter, counter % 101)
  return wrk.format("POST", "/v1/tasks/" .. row[1] .. "/progress",
    { ["Authorization"] = "Bearer " .. row[3], ["Content-Type"] = "application/json" }, body)
end

done = bench.done
