import Foundation
import GRDB
import PartnerBot
import SlackPlatform

/// `years-of-data`: a program after years of use — 1,000,000 deals over two years, 10,000
/// organisations, 100,000 members, 2,000,000 outbox rows (98 % sent, 2 % dead letters) and 100
/// announcements — on one database file. Measured: the file's size per deal; `partnerbot serve`
/// (release) start-up until `/livez` answers; `/deal status` (partners) and `/deal pending`
/// (managers of 200 organisations each) over HTTP at 16 connections; then in-process, the alert
/// pass with nothing due and a broadcast to every organisation. Targets: start-up ≤ 1 s, command
/// p99 ≤ 10 ms, alert pass ≤ 50 ms. Opt-in (`--only years-of-data`): generating takes minutes.
struct YearsOfDataBenchmark: Benchmark {
    let name = "years-of-data"
    let summary = "1M deals, 10k orgs, 100k members, 2M outbox rows: start-up, command p99 over HTTP, alert pass, broadcast, size (opt-in)."
    var runsByDefault: Bool { false }
    static let secret = "bench-years-secret"

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let scale = context.quick ? 10 : 1
        let (deals, orgs, members, outbox) = (1_000_000 / scale, 10_000 / scale, 100_000 / scale, 2_000_000 / scale)
        let directory = try context.scratchDirectory(for: name)
        let path = directory.appendingPathComponent("data/partnerbot.sqlite").path
        let now = Date()
        var prune = (0, Duration.zero)
        do {
            let database = try AppDatabase.open(path: path)
            context.progress("years-of-data: \(deals) deals, \(orgs) organisations")
            try await ReportData.generate(database: database, deals: deals, organisations: orgs, now: now)
            context.progress("years-of-data: \(members) members, \(outbox) outbox rows, 100 announcements")
            try await Self.generateRest(database, orgs: orgs, members: members, outbox: outbox, now: now)
            try await database.foldReportRollup()
            // What a running server's pruner has done long since: history past the retention goes.
            let pruneStart = ContinuousClock.now
            var pruned = 0
            while case let count = try await database.pruneSentOutbox(sentBefore: now.addingTimeInterval(-90 * 86_400), limit: 10_000), count > 0 { pruned += count }
            prune = (pruned, ContinuousClock.now - pruneStart)
        }
        let bytes = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        var rows: [ResultRow] = [
            .info("pruning \(prune.0) outbox rows past the 90-day retention (batches of 10,000)", prune.1.seconds, "s", decimals: 1),
            .info("database size per deal (\(bytes / 1_048_576) MiB in all, after pruning)", Double(bytes) / Double(deals), "bytes"),
        ]
        rows += try await serve(directory: directory, orgs: orgs, context: context)
        rows += try await inProcess(path: path, orgs: orgs, now: now)
        return rows
    }

    /// Start-up and the two commands' latency over HTTP.
    private func serve(directory: URL, orgs: Int, context: BenchmarkContext) async throws -> [ResultRow] {
        let port = try LoopbackHTTP.freePort()
        let configuration = directory.appendingPathComponent("partnerbot.yaml")
        try ServerFiles.configuration(directory: directory, port: port, commands: "\(context.options.repositoryRoot)/Commands")
            .write(to: configuration, atomically: true, encoding: .utf8)
        let environment = ServerFiles.environment(secret: Self.secret, apiURL: nil)
        let binary = try context.options.partnerbotBinary()
        let spawned = ContinuousClock.now
        let server = try ServerProcess(
            binary: binary, arguments: ["serve", "--config", configuration.path], environment: environment, port: port,
            log: directory.appendingPathComponent("server.log"))
        do {
            try await server.waitUntilLive(timeout: .seconds(60))
            let startup = ContinuousClock.now - spawned
            let status = try await Self.latencies(port: port, seconds: context.quick ? 2 : 5) { index in
                let org = (index * 7919) % orgs
                return SlashCommand(command: "/deal", text: "status", teamID: "TR\(org)", channelID: "CR\(org)", userID: "UY\(org)M\(index % 10)")
            }
            let pending = try await Self.latencies(port: port, seconds: context.quick ? 2 : 5) { index in
                SlashCommand(command: "/deal", text: "pending", teamID: "TVENDOR", channelID: "D1", userID: "UMGR\(index % 50)")
            }
            _ = await server.stop(timeout: .seconds(30))
            return [
                .target("start-up: spawn to /livez answering", startup.seconds * 1000, "ms", .atMost(1_000), decimals: 0),
                .target("/deal status (partners) p99, 16 connections", status.percentile(0.99).milliseconds, "ms", .atMost(10), decimals: 2),
                .info("/deal status p50 (\(status.count) requests)", status.percentile(0.5).milliseconds, "ms", decimals: 2),
                .invariant("/deal status answers not 200", Double(status.count - status.okCount), "", .equals(0)),
                .target("/deal pending (managers of \(orgs / 50) orgs) p99, 16 connections", pending.percentile(0.99).milliseconds, "ms", .atMost(10), decimals: 2),
                .info("/deal pending p50 (\(pending.count) requests)", pending.percentile(0.5).milliseconds, "ms", decimals: 2),
                .invariant("/deal pending answers not 200", Double(pending.count - pending.okCount), "", .equals(0)),
            ]
        } catch {
            _ = await server.stop(timeout: .seconds(10))
            throw error
        }
    }

    /// 16 connections sending signed commands back to back for `seconds`.
    static func latencies(port: Int, seconds: Double, _ command: @escaping @Sendable (Int) -> SlashCommand) async throws -> LatencyBox {
        let http = PlainHTTPClient(maxConcurrentRequests: 16, timeout: .seconds(10))
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: SigningSecret(Self.secret)!)
        let box = LatencyBox()
        let end = ContinuousClock.now + .seconds(seconds)
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<16 {
                group.addTask {
                    var index = lane
                    while ContinuousClock.now < end {
                        let request = builder.slashCommand(command(index), timestamp: SystemWallClock().unixTime)
                        let sent = ContinuousClock.now
                        let response = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body)
                        box.add(ContinuousClock.now - sent, ok: response?.status == 200)
                        index += 16
                    }
                }
            }
        }
        return box
    }

    /// The alert pass with nothing due, and a broadcast to every organisation.
    private func inProcess(path: String, orgs: Int, now: Date) async throws -> [ResultRow] {
        let database = try AppDatabase.open(path: path)
        var configuration = BotConfiguration()
        configuration.managersChannel = "CBENCHMGRS"
        let settings = ProgramSettings(configuration)
        // The approved deals whose protection has ended are expired by a first pass, as a running
        // server's scheduler keeps them; the second pass is the steady state.
        _ = try await database.runAlertPass(settings: settings, now: now)
        _ = try await database.runAlertPass(settings: settings, now: now.addingTimeInterval(30))
        let start = ContinuousClock.now
        let idle = try await database.runAlertPass(settings: settings, now: now.addingTimeInterval(60))
        let passTime = ContinuousClock.now - start
        let file = "---\nid: bench-years\ntitle: Years of data\nrequires_ack: false\n---\nHello, every partner.\n"
        let announcement = try AnnouncementParser.parse(
            file, file: "bench.md", rules: AnnouncementRules(tiers: ["registered", "select", "elite"], tracks: [], today: CalendarDate(now)))
        let broadcastStart = ContinuousClock.now
        let result = try await database.broadcast(announcement, by: "UBENCH", now: now)
        let broadcastTime = ContinuousClock.now - broadcastStart
        return [
            .target("alert pass, nothing newly due", passTime.seconds * 1000, "ms", .atMost(50), decimals: 1),
            .info("alerts fired by it", Double(idle.fired.count), ""),
            .info("broadcast to \(orgs) organisations: resolve + commit", broadcastTime.seconds * 1000, "ms", decimals: 0),
            .check("broadcast: one message per organisation", result.posted == orgs),
        ]
    }

    /// Members, outbox history and announcements.
    static func generateRest(_ database: AppDatabase, orgs: Int, members: Int, outbox: Int, now: Date) async throws {
        try await database.benchmarkWrite { db in
            // Managers decide within days: registrations older than two days are no longer pending.
            try db.execute(
                sql: "UPDATE deal SET status = 'declined', decided_at = created_at, decided_by = 'UMGR', reason = 'old' WHERE status = 'pending' AND created_at < ?",
                arguments: [now.addingTimeInterval(-2 * 86_400)])
            // Years of history: every review was dispatched (and sent) long ago.
            try db.execute(sql: "UPDATE deal_review_cursor SET dispatched_through = (SELECT MAX(id) FROM deal)")
            let statement = try db.cachedStatement(sql: "INSERT INTO member (team_id, user_id, org, role, created_at) VALUES (?, ?, ?, 'member', ?)")
            for index in 0..<members {
                let org = index % orgs
                try statement.execute(arguments: ["TR\(org)", "UY\(org)M\(index / orgs)", "org-\(org)", now])
            }
            for index in 0..<100 {
                try db.execute(
                    sql: """
                        INSERT INTO announcement (id, title, body, content_hash, deliver_to, requires_ack, expires, audience, first_sent_at, updated_at, sent_by)
                        VALUES (?, ?, 'A past announcement.', 'hash', 'channel', 1, '2020-01-01', 'everyone', ?, ?, 'UMKT')
                        """, arguments: ["past-\(index)", "Past announcement \(index)", now, now])
            }
        }
        let payload = #"{"channel":"C","text":"A message delivered long ago, with a few blocks of text to weigh what real ones weigh."}"#
        let batch = 100_000
        for offset in stride(from: 0, to: outbox, by: batch) {
            try await database.benchmarkWrite { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO outbox (dedupe_key, method, target, payload, state, attempts, next_attempt_at, created_at, updated_at, sent_at, result_ts, last_error)
                    VALUES (?, 'chat.postMessage', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
                    """)
                for index in offset..<min(outbox, offset + batch) {
                    let at = now.addingTimeInterval(-730 * 86_400 * Double(outbox - index) / Double(outbox))
                    let dead = index % 50 == 0
                    try statement.execute(arguments: [
                        "history:\(index)", "CR\(index % orgs)", payload, dead ? "dead" : "sent", at, at, at, dead ? nil : at,
                        dead ? nil : "1600000000.\(index)", dead ? "channel_not_found" : nil,
                    ])
                }
            }
        }
    }
}
