import ArgumentParser
import Foundation
import Logging

/// `partnerbot-benchmarks`: runs the benchmarks and prints one table.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerbot-benchmarks",
        abstract: "Measure partnerbot (outbox, signatures, parser, end-to-end /register) and print one table.",
        discussion: """
            Missed targets are marked `miss` and do not fail the run; the exit status is non-zero only \
            when something broke (lost messages, unacknowledged writes, a benchmark that could not run). \
            Build first: swift build -c release --product partnerbot (Benchmarks/run.sh does everything).
            """)

    @Option(name: .long, help: "Run only this benchmark (repeatable, or comma-separated). See --list; `peers` runs only when named.")
    var only: [String] = []

    @Flag(name: .long, help: "Short runs and small data sets (about a minute in all).")
    var quick = false

    @Flag(name: .long, help: "List the benchmarks and exit.")
    var list = false

    @Option(name: .long, help: "The release partnerbot executable for http-register.")
    var binary = BenchmarkOptions().binaryPath

    @Option(name: .long, help: "The repository root (holds Commands/ and Benchmarks/wrk/).")
    var repository = BenchmarkOptions.defaultRepositoryRoot

    @Option(name: .long, help: "The wrk executable.")
    var wrk = BenchmarkOptions().wrkPath

    @Option(name: .long, help: "Outbox worker concurrencies to measure without pacing, comma-separated (e.g. 4,8,16).")
    var outboxConcurrency = "8"

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "http-register: give every organisation a manager and a managers' channel, so each registration also enqueues its two review notices (as in production).")
    var registerNotifications = true

    @Flag(name: .long, help: "Keep the scratch directories (databases, wrk bodies, server logs).")
    var keepScratch = false

    @Flag(name: .long, help: "Show details and the library's notices on standard error.")
    var verbose = false

    func validate() throws {
        guard !concurrencies.isEmpty, concurrencies.allSatisfy({ (1...256).contains($0) }) else {
            throw ValidationError("--outbox-concurrency takes numbers from 1 to 256, comma-separated, e.g. 4,8,16")
        }
    }

    private var concurrencies: [Int] {
        outboxConcurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Runs the selected benchmarks and prints the table (`main.swift` awaits it).
    /// - Throws: `ExitCode(1)` when something broke; `ValidationError` for an unknown `--only` name.
    func execute() async throws {
        var options = BenchmarkOptions()
        options.quick = quick
        options.verbose = verbose
        options.binaryPath = binary
        options.repositoryRoot = repository
        options.wrkPath = wrk
        options.outboxConcurrencies = concurrencies
        options.registerNotifications = registerNotifications
        options.keepScratch = keepScratch
        let benchmarks = BenchmarkRegistry.all(options)
        if list {
            let width = benchmarks.map(\.name.count).max() ?? 0
            for benchmark in benchmarks {
                let optIn = benchmark.runsByDefault ? "" : " [only with --only \(benchmark.name)]"
                print(benchmark.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + benchmark.summary + optIn)
            }
            return
        }
        let selected = try select(from: benchmarks)
        let scratchRoot = FileManager.default.temporaryDirectory
            .appendingPathComponent("partnerbot-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: scratchRoot, withIntermediateDirectories: true)
        defer {
            if keepScratch {
                FileHandle.standardError.write(Data("scratch kept in \(scratchRoot.path)\n".utf8))
            } else {
                try? FileManager.default.removeItem(at: scratchRoot)
            }
        }
        var logger = Logger(label: "partnerbot-benchmarks") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .notice : .error
        let context = BenchmarkContext(options: options, scratchRoot: scratchRoot, logger: logger)
        let machine = await MachineInfo.current()
        context.progress(machine.text.replacingOccurrences(of: "\n", with: "\n· "))

        let accounting = CPUAccounting()
        var outcomes: [BenchmarkOutcome] = []
        for benchmark in selected {
            context.progress("\(benchmark.name): \(benchmark.summary)")
            let started = ContinuousClock.now
            let rows: [ResultRow]
            do {
                rows = try await benchmark.run(in: context)
            } catch {
                context.progress("\(benchmark.name): could not run: \(error)")
                rows = [.failure("could not run", "\(error)")]
            }
            let outcome = BenchmarkOutcome(name: benchmark.name, rows: rows, elapsed: ContinuousClock.now - started)
            context.progress("\(benchmark.name): done in \(NumberText.format(outcome.elapsed.seconds, decimals: 1)) s")
            outcomes.append(outcome)
        }

        print("partnerbot benchmarks (\(quick ? "quick" : "full") run, \(Self.timestamp()))")
        print(machine.text)
        print(accounting.summary())
        print("")
        print(ResultTable.render(outcomes))
        if outcomes.contains(where: \.isBroken) {
            throw ExitCode(1)
        }
    }

    /// The benchmarks `--only` names, in registry order; without `--only`, those that run by default.
    private func select(from benchmarks: [any Benchmark]) throws -> [any Benchmark] {
        let names = Set(only.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } })
        guard !names.isEmpty else { return benchmarks.filter(\.runsByDefault) }
        let known = Set(benchmarks.map(\.name))
        let unknown = names.subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw ValidationError("unknown benchmark(s): \(unknown.joined(separator: ", ")); known: \(benchmarks.map(\.name).joined(separator: ", "))")
        }
        return benchmarks.filter { names.contains($0.name) }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
