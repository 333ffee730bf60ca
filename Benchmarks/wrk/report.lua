-- Adds a machine-readable summary to a plain wrk run (e.g. GET /livez, the HTTP stack's ceiling).
--
-- Usage: wrk -t2 -c16 -d10s --latency -s report.lua http://127.0.0.1:PORT/livez
--
-- done() prints one line starting with BENCH-RESULT for the benchmark to parse; wrk's own
-- report is printed as usual.

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH-RESULT requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d generated=%d exhausted=%d\n",
    summary.requests, summary.duration, errors.status, errors.connect, errors.read, errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, summary.requests, 0))
end
