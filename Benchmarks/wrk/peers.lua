-- register.lua, plus a count of the 2xx answers by kind: registered, already registered, other.
--
-- Usage (the `peers` benchmark does this for you):
--   wrk -t2 -c16 -d10s --latency -s peers.lua http://127.0.0.1:PORT -- requests=/tmp/x/requests \
--       "registered=Registered DR-" "duplicate=Already registered:"
--
-- Requests are read exactly as register.lua reads them (this script loads it from its own
-- folder). An answer with status 200-299 whose body contains the `registered` text (plain, case
-- sensitive) counts as registered, one containing the `duplicate` text as a duplicate refused,
-- any other 2xx as other; non-2xx answers are wrk's status errors. done() prints register.lua's
-- BENCH-RESULT line, then
--   BENCH-COUNTS registered=N duplicate=N other=N
-- Defining response() makes wrk hand every answer to Lua, which costs wrk some CPU per request:
-- the same for every server measured with this script, so compare servers with it, not with
-- register.lua's numbers.

local here = (debug.getinfo(1, "S").source:match("^@(.*/)")) or ""
dofile(here .. "register.lua")

local register_setup, register_init, register_done = setup, init, done
local counted_threads = {}

function setup(thread)
  register_setup(thread)
  table.insert(counted_threads, thread)
end

function init(args)
  register_init(args)
  registered_text, duplicate_text = "Registered", "Already registered"
  for i = 0, #args do
    local key, value = string.match(args[i] or "", "^(%w+)=(.*)$")
    if key == "registered" then registered_text = value end
    if key == "duplicate" then duplicate_text = value end
  end
  registered, duplicate, other = 0, 0, 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then return end
  if body and string.find(body, registered_text, 1, true) then
    registered = registered + 1
  elseif body and string.find(body, duplicate_text, 1, true) then
    duplicate = duplicate + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  register_done(summary, latency, requests)
  local r, d, o = 0, 0, 0
  for _, thread in ipairs(counted_threads) do
    r = r + (thread:get("registered") or 0)
    d = d + (thread:get("duplicate") or 0)
    o = o + (thread:get("other") or 0)
  end
  io.write(string.format("BENCH-COUNTS registered=%d duplicate=%d other=%d\n", r, d, o))
end
