import Foundation
import Logging
import PartnerBot
import SlackPlatform
import Synchronization

/// `store-register`: `AppDatabase.registerDeal` called directly, from 16 concurrent tasks, on a
/// SQLite file with production settings (WAL, `synchronous=FULL`, group commit). No HTTP, no
/// parsing in the loop: this is the storage share of `http-register`, measured alone.
///
/// Two passes: a registration alone, and with the two review notices production enqueues in the
/// same transaction (org manager DM + managers' channel; no outbox worker runs). The end-to-end
/// target (15,000/s) applies: the store must at least keep up with it.
struct StoreRegisterBenchmark: Benchmark {
    let name = "store-register"
    let summary = "AppDatabase.registerDeal from 16 concurrent tasks on a SQLite file (group commit), with and without review notices."

    static let concurrency = 16
    static let organisations = 64

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let duration: Duration = context.quick ? .seconds(2) : .seconds(5)
        let fsync = try measureFsync(in: try context.scratchDirectory(for: "fsync"), count: context.quick ? 100 : 300)
        // Every registration waits for one commit; a commit waits for at least one fsync.
        var rows: [ResultRow] = [
            .info("disk: 4 KiB write + fsync, mean", fsync.mean.milliseconds, "ms", decimals: 2),
            .info("disk: 4 KiB write + fsync, slowest", fsync.slowest.milliseconds, "ms", decimals: 2),
        ]
        for notifications in [false, true] {
            let label = notifications ? "with 2 review notices" : "registration only"
            context.progress("store-register: \(label), \(Self.concurrency) concurrent tasks, \(duration)")
            let result = try await measure(notifications: notifications, duration: duration, context: context)
            rows += [
                .info("\(label): registrations/s", result.rate, "req/s"),
                .info("\(label): mean latency", result.meanLatency.milliseconds, "ms", decimals: 2),
                .info("\(label): CPU per registration (the whole process)", result.cpuPerRegistration * 1e6, "µs", decimals: 1),
                .invariant("\(label): registered but not stored", Double(result.registered - result.rows), "rows", .equals(0)),
            ]
            if notifications {
                rows.append(.invariant("\(label): review notices missing (2 per stored deal)", Double(2 * result.rows - result.notices), "msgs", .equals(0)))
            }
            if result.failures > 0 {
                rows.append(.invariant("\(label): failed calls", Double(result.failures), "calls", .equals(0)))
            }
        }
        return rows
    }

    /// Writes 4 KiB at the start of a file and fsyncs it, `count` times: the floor of a durable commit.
    private func measureFsync(in directory: URL, count: Int) throws -> (mean: Duration, slowest: Duration) {
        let url = directory.appendingPathComponent("fsync.bin")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let page = Data(repeating: 0x5A, count: 4096)
        var total = Duration.zero
        var slowest = Duration.zero
        for _ in 0..<count {
            let start = ContinuousClock.now
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: page)
            try handle.synchronize()
            let elapsed = ContinuousClock.now - start
            total += elapsed
            slowest = max(slowest, elapsed)
        }
        return (total / count, slowest)
    }

    struct Result {
        var rate: Double
        var meanLatency: Duration
        var registered: Int
        var failures: Int
        var rows: Int
        /// Review notices enqueued (by the dispatcher running beside the registrations, and its
        /// last batch after the timed window).
        var notices: Int
        /// Seconds of CPU (user and system, every thread) per stored registration.
        var cpuPerRegistration: Double
    }

    private func measure(notifications: Bool, duration: Duration, context: BenchmarkContext) async throws -> Result {
        let directory = try context.scratchDirectory(for: notifications ? "store-register-notices" : "store-register")
        let database = try AppDatabase.open(path: directory.appendingPathComponent("store.sqlite").path)
        let now = Date()
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<Self.organisations {
            csv += "bench-\(index),Bench Partner \(index),reseller,select,emea,TBENCH\(index),CBENCH\(index),\(notifications ? "U0BENCHMGR\(index % 8)" : "")\n"
        }
        let orgs = try DirectoryImport.partners(csv: csv, tiers: BotConfiguration().tiers)
        _ = try await database.upsertPartnerOrgs(orgs, now: now)
        let settings = DealSettings(policy: ProgramPolicy(), managersChannel: notifications ? "C0BENCHMGRS" : nil)

        // Parse the requests up front: only storage is timed.
        let today = CalendarDate(now)
        // Parsing costs about 40 µs a request, so prepare only what a run can use; running out
        // early only shortens the timed window (the rate stays valid).
        let capacity = context.quick ? 20_000 : 40_000
        var requests: [RegistrationRequest] = []
        requests.reserveCapacity(capacity)
        for index in 0..<capacity {
            guard case .feature(_, let value) = CommandParser.parse(command: "/register", text: "Customer \(index) amount:50k", today: today),
                case .register(let request)? = value as? RegisterCommand
            else {
                throw BenchmarkError("Customer \(index) amount:50k did not parse as a registration")
            }
            requests.append(request)
        }
        let work = requests
        let next = Ticket()
        // The review notices are enqueued as in production: by the dispatcher, in batches beside
        // the registrations (its CPU is in the measurement).
        let dispatcher = DealReviewDispatcher(
            database: database, settings: settings, clock: SystemWallClock(), logger: Logger(label: "store-register", factory: { _ in SwiftLogNoOpLogHandler() }))
        let dispatching = Task { if notifications { try await dispatcher.run() } }
        let started = ContinuousClock.now
        let cpuStarted = CPUTime.process()
        let deadline = started + duration
        let totals = try await withThrowingTaskGroup(of: (registered: Int, failures: Int, latency: Duration).self) { group in
            for _ in 0..<Self.concurrency {
                group.addTask {
                    var registered = 0
                    var failures = 0
                    var latency = Duration.zero
                    while ContinuousClock.now < deadline {
                        let index = next.take()
                        guard index < work.count else { break }
                        let team = index % Self.organisations
                        let begin = ContinuousClock.now
                        do {
                            let outcome = try await database.registerDeal(
                                work[index], org: "bench-\(team)", userID: "U0BENCH\(index % 997)", teamID: "TBENCH\(team)",
                                channelID: "CBENCH\(team)", settings: settings, now: Date())
                            if case .registered = outcome { registered += 1 } else { failures += 1 }
                        } catch {
                            failures += 1
                        }
                        latency += ContinuousClock.now - begin
                    }
                    return (registered, failures, latency)
                }
            }
            return try await group.reduce(into: (registered: 0, failures: 0, latency: Duration.zero)) {
                $0.registered += $1.registered
                $0.failures += $1.failures
                $0.latency += $1.latency
            }
        }
        let elapsed = ContinuousClock.now - started
        let cpu = CPUTime.process() - cpuStarted
        dispatching.cancel()
        _ = try await dispatching.value
        if notifications { try await database.dispatchDealReviews(settings: settings, now: Date()) }
        let calls = totals.registered + totals.failures
        if next.issued >= work.count {
            context.progress("store-register: used all \(work.count) prepared requests before the time was up; the rate is still valid")
        }
        return Result(
            rate: Double(totals.registered) / elapsed.seconds,
            meanLatency: calls > 0 ? totals.latency / calls : .zero,
            registered: totals.registered, failures: totals.failures, rows: try await database.dealCount(),
            notices: try await database.outboxRecords().count { $0.dedupeKey.contains(":review:") },
            cpuPerRegistration: cpu / Double(max(1, totals.registered)))
    }
}

/// Hands out increasing numbers to concurrent tasks.
final class Ticket: Sendable {
    private let counter = Atomic<Int>(0)

    /// The next number (0, 1, 2, …).
    func take() -> Int { counter.add(1, ordering: .relaxed).oldValue }

    /// How many numbers were handed out.
    var issued: Int { counter.load(ordering: .relaxed) }
}
