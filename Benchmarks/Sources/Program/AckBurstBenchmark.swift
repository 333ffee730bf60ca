import FakeSlack
import Foundation
import GRDB
import PartnerBot
import SlackPlatform
import Synchronization

/// `ack-burst`: 2,000 signed *Acknowledge* clicks within 10 seconds over 500 announcement
/// messages (four people per organisation), against `partnerbot serve` (release) delivering to a
/// `FakeSlack` that paces each channel at 1 message/s. Targets: every click answered 200, p99
/// under 1 s; one read receipt per person; edits coalesced — at most one `chat.update` per
/// message per pacing interval, the last one showing all four people.
struct AckBurstBenchmark: Benchmark {
    let name = "ack-burst"
    let summary = "2,000 signed Acknowledge clicks in 10 s over 500 messages: latency, receipts, coalesced chat.update."
    static let secret = "bench-ack-secret"
    static let marketing = "U0BENCHMKT"

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let (orgs, people, seconds) = context.quick ? (100, 4, 2.0) : (500, 4, 10.0)
        let directory = try context.scratchDirectory(for: name)
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.perChannelInterval = .seconds(1)
        let fake = FakeSlackServer(behaviour: behaviour)
        try await fake.start()
        defer { Task { await fake.stop() } }
        let port = try LoopbackHTTP.freePort()
        let binary = try context.options.partnerbotBinary()
        let environment = try Self.workspace(directory, orgs: orgs, port: port, repository: context.options.repositoryRoot, apiURL: fake.baseURL)
        let imported = try await Subprocess.run(
            binary, ["partners", "import", directory.appendingPathComponent("partners.csv").path, "--config", directory.appendingPathComponent("partnerbot.yaml").path],
            environment: environment, timeout: .seconds(60))
        guard imported.status == 0 else { throw BenchmarkError("partners import failed: \(imported.standardError.prefix(300))") }
        let server = try ServerProcess(
            binary: binary, arguments: ["serve", "--config", directory.appendingPathComponent("partnerbot.yaml").path], environment: environment,
            port: port, log: directory.appendingPathComponent("server.log"))
        do {
            try await server.waitUntilLive(timeout: .seconds(30))
            return try await burst(server: server, fake: fake, port: port, directory: directory, orgs: orgs, people: people, seconds: seconds, context: context)
        } catch {
            _ = await server.stop(timeout: .seconds(10))
            throw error
        }
    }

    private func burst(
        server: ServerProcess, fake: FakeSlackServer, port: Int, directory: URL, orgs: Int, people: Int, seconds: Double, context: BenchmarkContext
    ) async throws -> [ResultRow] {
        let http = PlainHTTPClient(maxConcurrentRequests: 64, timeout: .seconds(10))
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: SigningSecret(Self.secret)!)

        context.progress("ack-burst: broadcasting to \(orgs) channels")
        let announce = builder.slashCommand(
            SlashCommand(command: "/announce", text: "bench-ack", teamID: "TVENDOR", channelID: "C0", userID: Self.marketing), timestamp: SystemWallClock().unixTime)
        _ = try await http.post(url: "http://127.0.0.1:\(port)\(announce.path)", headers: announce.headers, body: announce.body)
        guard await Self.eventually(timeout: .seconds(120), { fake.accepted.filter { $0.method == "chat.postMessage" }.count >= orgs }) else {
            throw BenchmarkError("the announcement did not reach \(orgs) channels")
        }
        let posted = Dictionary(fake.accepted.filter { $0.method == "chat.postMessage" }.map { ($0.channel, $0.ts) }, uniquingKeysWith: { first, _ in first })

        context.progress("ack-burst: \(orgs * people) clicks in \(Int(seconds)) s")
        let latencies = LatencyBox()
        let started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<(orgs * people) {
                let org = index % orgs
                let person = index / orgs
                let channel = "CACK\(org)"
                let click = BlockActions(
                    user: .init(id: "UACK\(org)X\(person)", teamID: "TACK\(org)"), team: .init(id: "TACK\(org)"),
                    container: .init(messageTS: posted[channel], channelID: channel), channel: .init(id: channel),
                    actions: [.init(actionID: "announcement_ack", value: "bench-ack")])
                let due = started + .seconds(seconds * Double(index) / Double(orgs * people))
                group.addTask {
                    try? await Task.sleep(until: due)
                    let request = builder.blockActions(click, timestamp: SystemWallClock().unixTime)
                    let sent = ContinuousClock.now
                    let response = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body)
                    latencies.add(ContinuousClock.now - sent, ok: response?.status == 200)
                }
            }
        }
        let burst = ContinuousClock.now - started
        // Let the coalesced edits go out, then stop the server and read what it stored.
        _ = await Self.eventually(timeout: .seconds(60)) {
            let count = fake.accepted.count
            try? await Task.sleep(for: .seconds(2))
            return fake.accepted.count == count
        }
        _ = await server.stop(timeout: .seconds(30))
        return try await rows(directory: directory, fake: fake, latencies: latencies, orgs: orgs, people: people, burst: burst)
    }

    private func rows(directory: URL, fake: FakeSlackServer, latencies: LatencyBox, orgs: Int, people: Int, burst: Duration) async throws -> [ResultRow] {
        let database = try DatabaseQueue(path: directory.appendingPathComponent("data/partnerbot.sqlite").path)
        let (receipts, complete) = try await database.read { db in
            let receipts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM announcement_ack WHERE announcement_id = 'bench-ack'") ?? 0
            // The last edit sent to each channel names every person of its organisation.
            var complete = 0
            for row in try Row.fetchAll(
                db, sql: "SELECT target, payload FROM outbox WHERE method = 'chat.update' AND state = 'sent' AND id IN (SELECT MAX(id) FROM outbox WHERE method = 'chat.update' AND state = 'sent' GROUP BY target)")
            {
                let target: String = row["target"]
                let payload: String = row["payload"]
                let org = target.dropFirst(4)
                if (0..<people).allSatisfy({ payload.contains("UACK\(org)X\($0)") }) { complete += 1 }
            }
            return (receipts, complete)
        }
        let updates = fake.accepted.filter { $0.method == "chat.update" }
        var tooClose = 0
        for (_, edits) in Dictionary(grouping: updates, by: \.channel) {
            let times = edits.map(\.at).sorted()
            tooClose += zip(times, times.dropFirst()).count { $1 - $0 < .milliseconds(950) }
        }
        let clicks = orgs * people
        return [
            .info("clicks sent in \(NumberText.format(burst.seconds, decimals: 1)) s", Double(clicks), "clicks"),
            .invariant("clicks not answered 200", Double(clicks - latencies.okCount), "", .equals(0)),
            .target("click latency p99", latencies.percentile(0.99).milliseconds, "ms", .atMost(1_000), decimals: 1),
            .info("click latency p50", latencies.percentile(0.5).milliseconds, "ms", decimals: 1),
            .invariant("read receipts (one per person)", Double(receipts), "", .equals(Double(clicks))),
            .info("chat.update calls (\(orgs) messages)", Double(updates.count), "calls"),
            .invariant("edits of one message closer than the pacing interval", Double(tooClose), "", .equals(0)),
            .invariant("messages whose last edit misses someone", Double(orgs - complete), "", .equals(0)),
        ]
    }

    /// The configuration, the announcement file and the partners file; the server's environment.
    static func workspace(_ directory: URL, orgs: Int, port: Int, repository: String, apiURL: String) throws -> [String: String] {
        let announcements = directory.appendingPathComponent("Announcements")
        try FileManager.default.createDirectory(at: announcements, withIntermediateDirectories: true)
        try "---\nid: bench-ack\ntitle: Bench announcement\n---\nPlease acknowledge.\n".write(
            to: announcements.appendingPathComponent("bench-ack.md"), atomically: true, encoding: .utf8)
        try ServerFiles.configuration(
            directory: directory, port: port, commands: "\(repository)/Commands",
            extra: "announcements:\n  directory: \(announcements.path)\nroles:\n  marketing: [\(marketing)]\n"
        ).write(to: directory.appendingPathComponent("partnerbot.yaml"), atomically: true, encoding: .utf8)
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<orgs { csv += "ack-\(index),Ack Partner \(index),reseller,select,emea,TACK\(index),CACK\(index),\n" }
        try csv.write(to: directory.appendingPathComponent("partners.csv"), atomically: true, encoding: .utf8)
        return ServerFiles.environment(secret: secret, apiURL: apiURL)
    }

    static func eventually(timeout: Duration, _ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }
}

/// Click latencies, from many tasks.
final class LatencyBox: Sendable {
    private let state = Mutex<(latencies: [Duration], ok: Int)>(([], 0))

    func add(_ latency: Duration, ok: Bool) {
        state.withLock {
            $0.latencies.append(latency)
            if ok { $0.ok += 1 }
        }
    }

    var okCount: Int { state.withLock { $0.ok } }
    var count: Int { state.withLock { $0.latencies.count } }

    func percentile(_ fraction: Double) -> Duration {
        let sorted = state.withLock { $0.latencies }.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
}
