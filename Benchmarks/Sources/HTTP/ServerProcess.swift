import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `partnerbot serve` subprocess: started with a given environment, probed on `/livez`, its
/// memory read from `/proc`, stopped with SIGTERM like a service manager would.
///
/// Standard output and error go to one log file (a pipe nobody reads would eventually block the
/// server).
final class ServerProcess {
    /// The port the server was told to listen on.
    let port: Int
    /// Where the server's output goes.
    let log: URL
    private let process: Process
    private let logHandle: FileHandle

    /// Starts the server.
    /// - Throws: `BenchmarkError` when the executable cannot be started.
    init(binary: String, arguments: [String], environment: [String: String], port: Int, log: URL) throws {
        self.port = port
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        logHandle = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BenchmarkError("cannot start \(binary): \(error.localizedDescription)")
        }
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    /// Whether the process is still running (not yet exited).
    var isRunning: Bool { process.isRunning }

    /// Waits until `GET /livez` answers 200.
    /// - Throws: `BenchmarkError` when the process exits or does not answer in time.
    func waitUntilLive(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw BenchmarkError("partnerbot serve exited with status \(process.terminationStatus): \(logTail())")
            }
            if let response = try? LoopbackHTTP.request(port: port, method: "GET", path: "/livez", timeoutSeconds: 1), response.status == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchmarkError("partnerbot serve did not answer /livez within \(timeout): \(logTail())")
    }

    /// `VmHWM` (peak resident set) from `/proc/<pid>/status`, in KiB.
    var peakResidentKiB: Int? { statusField("VmHWM") }

    /// `VmRSS` (current resident set) from `/proc/<pid>/status`, in KiB.
    var residentKiB: Int? { statusField("VmRSS") }

    /// Sends SIGTERM and waits for the exit; SIGKILL after `timeout`.
    /// - Returns: The exit status, or `nil` when the server had to be killed.
    func stop(timeout: Duration) async -> Int32? {
        defer { try? logHandle.close() }
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// The last lines the server printed (for error messages).
    func logTail(lines: Int = 8) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }

    private func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
