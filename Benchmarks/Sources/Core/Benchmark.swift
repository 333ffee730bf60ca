import Foundation
import Logging

/// One benchmark: a name to select it with `--only`, a one-line summary, and a run that measures
/// and returns rows for the table.
///
/// A run reports what it measured; it never fails the process for a missed target (the row is
/// marked `miss`). It throws only when it could not measure at all (a server that does not start,
/// a missing tool), and marks a row with an ``ResultRow/invariant(_:_:_:equals:)`` check when the
/// measurement showed something broke (lost messages, unacknowledged writes): both make the
/// program exit non-zero.
///
/// To add a benchmark, conform a type to this protocol and list it in ``BenchmarkRegistry/all``.
///
/// ```swift
/// struct BroadcastEnqueueBenchmark: Benchmark {
///     let name = "broadcast-enqueue"
///     let summary = "Enqueue one announcement to 5,000 partner channels."
///     func run(in context: BenchmarkContext) async throws -> [ResultRow] {
///         let directory = try context.scratchDirectory(for: name)
///         // … measure …
///         return [.target("messages/s", rate, "msg/s", .atLeast(10_000))]
///     }
/// }
/// ```
protocol Benchmark: Sendable {
    /// The name used by `--only` and shown in the table (lowercase, dashes).
    var name: String { get }
    /// What it measures, in one line (shown by `--list`).
    var summary: String { get }
    /// Whether it runs without `--only` naming it (default `true`). A benchmark that installs
    /// packages or takes long (`peers`) says `false` and runs only when named.
    var runsByDefault: Bool { get }
    /// Measures and returns the rows to print.
    /// - Throws: When the benchmark could not run; the table shows the error and the process fails.
    func run(in context: BenchmarkContext) async throws -> [ResultRow]
}

extension Benchmark {
    var runsByDefault: Bool { true }
}

/// Options shared by every benchmark, from the command line.
struct BenchmarkOptions: Sendable {
    /// Shorter runs and smaller data sets (a smoke test of the benchmarks themselves).
    var quick = false
    /// Print progress details and keep the library's warnings on standard error.
    var verbose = false
    /// The release `partnerbot` executable the end-to-end benchmarks start.
    var binaryPath = ".build/release/partnerbot"
    /// The repository root (holds `Commands/` and `Benchmarks/wrk/`).
    var repositoryRoot = BenchmarkOptions.defaultRepositoryRoot
    /// The `wrk` executable.
    var wrkPath = "/usr/bin/wrk"
    /// Outbox worker concurrencies `outbox-drain` measures without pacing (one run each).
    var outboxConcurrencies = [8]
    /// Whether `http-register` configures managers, so each registration also enqueues its two
    /// review notices (as in production); `false` measures the registration path alone.
    var registerNotifications = true
    /// Keep the scratch directories (databases, wrk bodies, server logs) after the run.
    var keepScratch = false

    /// The repository this file belongs to (the folder holding `Benchmarks/Sources/Core/Benchmark.swift`).
    static var defaultRepositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// What a benchmark gets to run: the options, a logger, progress output and scratch space.
struct BenchmarkContext: Sendable {
    /// The command-line options.
    let options: BenchmarkOptions
    /// The root of this run's scratch directories (removed at the end unless `--keep-scratch`).
    let scratchRoot: URL
    /// Where library loggers write (standard error; warnings only unless `--verbose`).
    let logger: Logger

    /// Whether this is a `--quick` run.
    var quick: Bool { options.quick }

    /// Prints a progress line on standard error (the table goes to standard output).
    func progress(_ line: String) {
        FileHandle.standardError.write(Data("· \(line)\n".utf8))
    }

    /// Prints a line only with `--verbose`.
    func detail(_ line: String) {
        if options.verbose { progress(line) }
    }

    /// Creates a fresh directory for one benchmark (or one scenario of it).
    /// - Parameter name: A short name; a counter keeps repeated names apart.
    func scratchDirectory(for name: String) throws -> URL {
        var index = 0
        var url = scratchRoot.appendingPathComponent(name)
        while FileManager.default.fileExists(atPath: url.path) {
            index += 1
            url = scratchRoot.appendingPathComponent("\(name)-\(index)")
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A logger for library code under test, labelled for its component.
    func libraryLogger(_ label: String) -> Logger {
        var logger = logger
        logger[metadataKey: "component"] = "\(label)"
        return logger
    }
}

/// Why a benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    /// What went wrong and what to do about it.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension BenchmarkOptions {
    /// The release `partnerbot` the end-to-end benchmarks start (absolute), checked to exist.
    func partnerbotBinary() throws -> String {
        let binary = URL(fileURLWithPath: binaryPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkError("no partnerbot executable at \(binary): run `swift build -c release --product partnerbot` (or Benchmarks/run.sh), or pass --binary")
        }
        return binary
    }

    /// wrk with the repository's scripts, checked to exist.
    func wrk() throws -> Wrk {
        guard FileManager.default.isExecutableFile(atPath: wrkPath) else {
            throw BenchmarkError("no wrk at \(wrkPath): install it (apt-get install wrk) or pass --wrk")
        }
        return Wrk(executable: wrkPath, scriptsDirectory: URL(fileURLWithPath: repositoryRoot).appendingPathComponent("Benchmarks/wrk"))
    }
}
