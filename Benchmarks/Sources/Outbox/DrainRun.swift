import FakeSlack
import Foundation
import PartnerBot
import SlackPlatform

/// One drain of the outbox: enqueue messages into a fresh SQLite file, start a fake Web API on
/// loopback, run the real `OutboxWorker` with the live libcurl client until every row is sent,
/// then compare what the fake accepted with what was enqueued.
struct DrainRun: Sendable {
    /// Names the scratch directory.
    var label: String
    /// Messages to enqueue.
    var messages: Int
    /// Channels they are spread over (message `i` goes to channel `i % channels`).
    var channels: Int
    /// The worker's configuration (concurrency, pacing).
    var configuration: OutboxConfiguration
    /// The libcurl client's `maxConcurrentTransfers`.
    var transfers: Int
    /// How the fake Web API behaves (e.g. per-channel pacing enforced with 429s).
    var behaviour: FakeSlackServer.Behaviour
    /// How long to wait before counting what is undelivered (default: from the pacing floor).
    var timeLimit: Duration? = nil

    /// What a drain measured.
    struct Result: Sendable {
        /// Rows enqueued per second (batches of 500, one transaction each).
        var enqueueRate: Double
        /// From the worker's start to the last message the fake accepted.
        var elapsed: Duration
        /// Whether every row reached `sent` or `dead` before the time limit (a generous multiple of
        /// the expected time: not finishing means "very slow", not "lost").
        var finished: Bool
        /// Calls the fake accepted.
        var accepted: Int
        /// Messages marked sent that the fake never accepted.
        var lost: Int
        /// Messages still pending or sending when the drain ended (at the time limit).
        var undelivered: Int
        /// Messages the fake accepted more than once.
        var duplicates: Int
        /// Rows dead-lettered.
        var dead: Int
        /// 429 answers the fake gave.
        var rateLimited: Int
        /// Calls that ignored a `Retry-After` the fake had given.
        var retryAfterViolations: Int
        /// Messages that reached a channel before an older message to the same channel.
        var orderViolations: Int
        /// The smallest gap between two messages accepted for the same channel.
        var minimumGap: Duration?
        /// Warnings and errors the worker logged (plus an error if `run()` threw).
        var warnings: Int
        var errors: Int

        /// Messages per second over `elapsed`.
        var rate: Double { Double(accepted - duplicates) / max(elapsed.seconds, 1e-9) }
    }

    /// The text of message `index` (unique, so losses and duplicates can be counted).
    static func text(_ index: Int) -> String { "bench message \(index)" }

    /// The channel id of channel `index`.
    static func channel(_ index: Int) -> String { "CBENCH\(index)" }

    /// Runs the drain.
    /// - Throws: When the database or the fake server cannot be set up.
    func run(in context: BenchmarkContext) async throws -> Result {
        let directory = try context.scratchDirectory(for: label)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("outbox.sqlite").path)

        let now = Date()
        let enqueueStarted = ContinuousClock.now
        var batch: [OutboundMessage] = []
        batch.reserveCapacity(500)
        for index in 0..<messages {
            batch.append(.post(MessageReply(text: Self.text(index)), to: Self.channel(index % channels), dedupeKey: "bench:\(index)"))
            if batch.count == 500 || index == messages - 1 {
                try await database.enqueue(batch, now: now)
                batch.removeAll(keepingCapacity: true)
            }
        }
        let enqueueElapsed = ContinuousClock.now - enqueueStarted
        context.detail("\(label): enqueued \(messages) messages in \(NumberText.format(enqueueElapsed.milliseconds, decimals: 0)) ms")

        let fake = FakeSlackServer(behaviour: behaviour)
        try await fake.start()
        let client = CurlWebAPIClient(
            configuration: .init(baseURL: fake.baseURL, token: "xoxb-bench", maxConcurrentTransfers: transfers))
        let tally = LogTally()
        let worker = OutboxWorker(
            database: database, client: client, configuration: configuration, clock: SystemWallClock(),
            logger: tally.logger(label: "partnerbot.outbox", printLevel: context.options.verbose ? .notice : .error))

        let started = ContinuousClock.now
        let task = Task { try await worker.run() }
        let pacedFloor = configuration.perChannelInterval * max(0, (messages + channels - 1) / channels - 1)
        let limit = timeLimit ?? max(.seconds(120), pacedFloor * 5 + .seconds(Int64(messages / 100)))
        var finished = false
        var status = try await database.outboxStatus(now: Date())
        while ContinuousClock.now - started < limit {
            try await Task.sleep(for: .milliseconds(50))
            status = try await database.outboxStatus(now: Date())
            if (status.counts[.pending] ?? 0) + (status.counts[.sending] ?? 0) == 0 {
                finished = true
                break
            }
        }
        let polled = ContinuousClock.now - started
        // Read before cancelling: a cancelled worker may log the cancellation itself.
        let (warnings, errors) = (tally.warnings, tally.errors)
        task.cancel()
        var workerErrors = 0
        if case .failure(let error) = await task.result, !(error is CancellationError) {
            context.progress("\(label): the outbox worker stopped with an error: \(error)")
            workerErrors = 1
        }
        await fake.stop()
        withExtendedLifetime(client) {}

        // Lost: rows the database says were sent that the fake never accepted (rows still
        // pending at the time limit are "undelivered", not lost).
        let sentIndices = Set(try await database.outboxRecords(state: .sent).compactMap { Int($0.dedupeKey.dropFirst("bench:".count)) })
        let accepted = fake.accepted
        var seen = Set<Int>()
        var duplicates = 0
        var lastIndex: [String: Int] = [:]
        var lastArrival: [String: ContinuousClock.Instant] = [:]
        var orderViolations = 0
        var minimumGap: Duration?
        for message in accepted {
            guard let index = Int(message.text.dropFirst("bench message ".count)) else { continue }
            if !seen.insert(index).inserted { duplicates += 1 }
            if let previous = lastIndex[message.channel], previous > index { orderViolations += 1 }
            lastIndex[message.channel] = index
            if let previous = lastArrival[message.channel] {
                let gap = message.at - previous
                minimumGap = min(minimumGap ?? gap, gap)
            }
            lastArrival[message.channel] = message.at
        }
        let lastAccepted = accepted.map(\.at).max()
        return Result(
            enqueueRate: Double(messages) / max(enqueueElapsed.seconds, 1e-9),
            elapsed: lastAccepted.map { $0 - started } ?? polled,
            finished: finished,
            accepted: accepted.count,
            lost: sentIndices.subtracting(seen).count,
            undelivered: (status.counts[.pending] ?? 0) + (status.counts[.sending] ?? 0),
            duplicates: duplicates,
            dead: status.counts[.dead] ?? 0,
            rateLimited: fake.rateLimitedCount,
            retryAfterViolations: fake.retryAfterViolations,
            orderViolations: orderViolations,
            minimumGap: minimumGap,
            warnings: warnings,
            errors: errors + workerErrors)
    }
}
