import Foundation

/// Runs other programs (`wrk`, `partnerbot partners import`, `swift --version`) to completion.
///
/// Output goes to temporary files rather than pipes, so a chatty program can never block on a
/// full pipe while we wait for it.
enum Subprocess {
    /// How a program ended and what it printed.
    struct Result: Sendable {
        /// The exit status (or the terminating signal number).
        var status: Int32
        /// Everything written to standard output.
        var standardOutput: String
        /// Everything written to standard error.
        var standardError: String
    }

    /// Runs a program and waits for it.
    /// - Parameters:
    ///   - executable: The program's path.
    ///   - arguments: Its arguments.
    ///   - environment: Its whole environment (`nil`: inherit ours).
    ///   - timeout: How long to wait before killing it.
    /// - Throws: `BenchmarkError` when it cannot start or runs past `timeout`.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: Duration
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outputURL = directory.appendingPathComponent("bench-\(token).out")
        let errorURL = directory.appendingPathComponent("bench-\(token).err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BenchmarkError("cannot start \(executable): \(error.localizedDescription)")
        }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                process.waitUntilExit()
                throw BenchmarkError("\(URL(fileURLWithPath: executable).lastPathComponent) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        try? output.close()
        try? errors.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: FileManager.default.contents(atPath: outputURL.path) ?? Data(), as: UTF8.self),
            standardError: String(decoding: FileManager.default.contents(atPath: errorURL.path) ?? Data(), as: UTF8.self))
    }
}
