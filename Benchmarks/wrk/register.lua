-- Replays pre-signed /register slash commands; every request is sent once, never repeated.
--
-- Usage (the benchmark does this for you):
--   wrk -t2 -c16 -d10s --latency -s register.lua http://127.0.0.1:PORT -- requests=/tmp/x/requests
--
-- Thread n (1, 2, ...) reads "<requests>-<n>.bin": complete HTTP/1.1 requests, each preceded by
-- its length as 6 ASCII digits (written by partnerbot-benchmarks, signed a moment before the run
-- so the timestamps are within Slack's 300 s window). Reading a ready request is much cheaper
-- than wrk.format(), which leaves more of the machine's CPU to the server being measured.
--
-- If a thread runs out of requests it stops (and counts it in "exhausted") rather than repeat a
-- body: a repeated /register would be answered 200 "already registered" without a new row.
--
-- done() prints one line starting with BENCH-RESULT for the benchmark to parse.

local threads = {}
local started = 0

function setup(thread)
  started = started + 1
  thread:set("id", started)
  table.insert(threads, thread)
end

function init(args)
  local options = {}
  for i = 0, #args do
    local key, value = string.match(args[i] or "", "^(%w+)=(.*)$")
    if key then options[key] = value end
  end
  source = assert(io.open(options.requests .. "-" .. id .. ".bin", "rb"))
  generated = 0
  exhausted = 0
end

function request()
  local length = source:read(6)
  if length == nil or #length < 6 then
    exhausted = exhausted + 1
    wrk.thread:stop()
    return "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
  end
  generated = generated + 1
  return source:read(tonumber(length))
end

function done(summary, latency, requests)
  local generated, exhausted = 0, 0
  for _, thread in ipairs(threads) do
    generated = generated + (thread:get("generated") or 0)
    exhausted = exhausted + (thread:get("exhausted") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH-RESULT requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d generated=%d exhausted=%d\n",
    summary.requests, summary.duration, errors.status, errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, generated, exhausted))
end
