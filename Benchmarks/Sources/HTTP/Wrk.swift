import Foundation

/// Runs `wrk` with one of the scripts in `Benchmarks/wrk/` and reads the `BENCH-RESULT` line
/// their `done()` prints.
struct Wrk: Sendable {
    /// One run's numbers.
    struct Result: Sendable {
        /// Completed requests (any status).
        var requests: Int
        /// The run's duration as wrk measured it.
        var duration: Duration
        /// Responses with status > 399.
        var statusErrors: Int
        /// Connect, read, write and timeout errors.
        var socketErrors: Int
        /// Latency percentiles and maximum, in microseconds.
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
        /// Requests the script handed to wrk (≥ completed: some are in flight when wrk stops).
        var generated: Int
        /// Threads that ran out of pre-signed requests.
        var exhausted: Int
        /// Counters a script printed on a `BENCH-COUNTS key=value …` line (e.g. `peers.lua`'s
        /// answers by kind); empty for `register.lua` and `report.lua`.
        var counts: [String: Int] = [:]

        /// Completed requests per second.
        var requestsPerSecond: Double { Double(requests) / Swift.max(duration.seconds, 1e-9) }
        /// Completed requests with status < 400 (the register route answers 200 or an error).
        var successes: Int { requests - statusErrors }
        /// Non-2xx answers plus socket errors.
        var errors: Int { statusErrors + socketErrors }
    }

    /// The wrk executable.
    var executable: String
    /// The folder with `register.lua` and `report.lua`.
    var scriptsDirectory: URL

    /// Runs wrk.
    /// - Parameters:
    ///   - url: The target URL (its path is what a static script requests).
    ///   - script: `register.lua` or `report.lua`.
    ///   - scriptArguments: `key=value` arguments for the script's `init`.
    ///   - connections: Open connections.
    ///   - threads: wrk threads.
    ///   - duration: How long to run.
    ///   - log: Where wrk's full output is saved.
    /// - Throws: `BenchmarkError` when wrk fails or prints no result line.
    func run(
        url: String, script: String, scriptArguments: [String] = [], connections: Int, threads: Int, duration: Duration, log: URL
    ) async throws -> Result {
        let seconds = Swift.max(1, Int(duration.seconds.rounded()))
        var arguments = [
            "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "--latency",
            "-s", scriptsDirectory.appendingPathComponent(script).path, url,
        ]
        if !scriptArguments.isEmpty { arguments += ["--"] + scriptArguments }
        let output = try await Subprocess.run(executable, arguments, timeout: duration + .seconds(60))
        try? (output.standardOutput + output.standardError).write(to: log, atomically: true, encoding: .utf8)
        guard output.status == 0 else {
            throw BenchmarkError("wrk exited with status \(output.status): \(output.standardError.prefix(300))")
        }
        guard let line = output.standardOutput.split(separator: "\n").last(where: { $0.hasPrefix("BENCH-RESULT") }) else {
            throw BenchmarkError("wrk printed no BENCH-RESULT line (see \(log.path)): \(output.standardError.prefix(300))")
        }
        var result = try Self.parse(String(line))
        if let counts = output.standardOutput.split(separator: "\n").last(where: { $0.hasPrefix("BENCH-COUNTS") }) {
            for field in counts.split(separator: " ").dropFirst() {
                let parts = field.split(separator: "=", maxSplits: 1)
                if parts.count == 2, let number = Int(parts[1]) { result.counts[String(parts[0])] = number }
            }
        }
        return result
    }

    /// Parses `BENCH-RESULT key=value …`.
    static func parse(_ line: String) throws -> Result {
        var values: [String: Double] = [:]
        for field in line.split(separator: " ").dropFirst() {
            let parts = field.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let number = Double(parts[1]) { values[String(parts[0])] = number }
        }
        func value(_ key: String) throws -> Double {
            guard let number = values[key] else { throw BenchmarkError("wrk result line lacks \(key): \(line)") }
            return number
        }
        return Result(
            requests: Int(try value("requests")),
            duration: .microseconds(Int64(try value("duration_us"))),
            statusErrors: Int(try value("status_errors")),
            socketErrors: Int(try value("connect") + value("read") + value("write") + value("timeout")),
            p50: try value("p50_us"), p90: try value("p90_us"), p99: try value("p99_us"), max: try value("max_us"),
            generated: Int(try value("generated")), exhausted: Int(try value("exhausted")))
    }
}
