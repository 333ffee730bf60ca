import FakeSlack
import Foundation
import GRDB
import PartnerBot
import SlackPlatform

/// `soak`: ten minutes of mixed traffic against `partnerbot serve` (release) while the fake Web
/// API injects faults (4 % 429s, 5 % 500s): registrations, `/deal status`, `/deal pending` and
/// announcement acknowledgements from 8 connections; the edits that acknowledgements cause keep
/// the outbox delivering into the faults all along. Targets: resident memory grows by under
/// 5 MB after a one-minute warm-up; afterwards every queued message was accepted exactly once by
/// the fake (nothing lost, nothing twice). Opt-in (`make soak`, or `--only soak`; `--quick`: 1 min).
struct SoakBenchmark: Benchmark {
    let name = "soak"
    let summary = "10 minutes of mixed traffic with Web API faults: RSS growth after warm-up, nothing lost or duplicated (opt-in; make soak)."
    var runsByDefault: Bool { false }

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let (duration, warmUp) = context.quick ? (Duration.seconds(60), Duration.seconds(15)) : (.seconds(600), .seconds(60))
        let orgs = 200
        let directory = try context.scratchDirectory(for: name)
        var behaviour = FakeSlackServer.Behaviour()
        behaviour.perChannelInterval = .seconds(1)
        behaviour.rateLimitProbability = 0.04
        behaviour.serverErrorProbability = 0.05
        let fake = FakeSlackServer(behaviour: behaviour)
        try await fake.start()
        let port = try LoopbackHTTP.freePort()
        let binary = try context.options.partnerbotBinary()
        var environment = try AckBurstBenchmark.workspace(directory, orgs: orgs, port: port, repository: context.options.repositoryRoot, apiURL: fake.baseURL)
        let configuration = directory.appendingPathComponent("partnerbot.yaml")
        // A program manager (for /deal pending), no managers' channel: one channel paced at 1
        // message/s would take hours to receive a soak's worth of review notices.
        try (try String(contentsOf: configuration, encoding: .utf8) + "  managers: [U0SOAKMGR]\n")
            .write(to: configuration, atomically: true, encoding: .utf8)
        environment["LOG_LEVEL"] = "critical"
        let imported = try await Subprocess.run(
            binary, ["partners", "import", directory.appendingPathComponent("partners.csv").path, "--config", configuration.path], environment: environment,
            timeout: .seconds(60))
        guard imported.status == 0 else { throw BenchmarkError("partners import failed: \(imported.standardError.prefix(300))") }
        let server = try ServerProcess(
            binary: binary, arguments: ["serve", "--config", configuration.path], environment: environment, port: port, log: directory.appendingPathComponent("server.log"))
        do {
            try await server.waitUntilLive(timeout: .seconds(30))
            let memory = try await traffic(port: port, orgs: orgs, server: server, duration: duration, warmUp: warmUp, context: context)
            // Let the queue drain (faults make it retry), then stop.
            _ = await AckBurstBenchmark.eventually(timeout: .seconds(180)) {
                let count = fake.accepted.count
                try? await Task.sleep(for: .seconds(3))
                return fake.accepted.count == count
            }
            _ = await server.stop(timeout: .seconds(30))
            await fake.stop()
            return try await rows(directory: directory, fake: fake, memory: memory)
        } catch {
            _ = await server.stop(timeout: .seconds(10))
            await fake.stop()
            throw error
        }
    }

    /// Mixed requests from 8 connections until `duration`; resident memory sampled every 5 s.
    private func traffic(port: Int, orgs: Int, server: ServerProcess, duration: Duration, warmUp: Duration, context: BenchmarkContext) async throws -> (warm: Int, peak: Int, end: Int) {
        let http = PlainHTTPClient(maxConcurrentRequests: 8, timeout: .seconds(10))
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: SigningSecret(AckBurstBenchmark.secret)!)
        let announce = builder.slashCommand(
            SlashCommand(command: "/announce", text: "bench-ack", teamID: "TVENDOR", channelID: "C0", userID: AckBurstBenchmark.marketing), timestamp: SystemWallClock().unixTime)
        _ = try await http.post(url: "http://127.0.0.1:\(port)\(announce.path)", headers: announce.headers, body: announce.body)
        let started = ContinuousClock.now
        let end = started + duration
        context.progress("soak: mixed traffic for \(duration)")
        let pid = server.pid
        async let sampling = Self.sample(pid: pid, from: started + warmUp, until: end)
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    var index = lane
                    while ContinuousClock.now < end {
                        let org = (index * 31) % orgs
                        let request: SignedRequestBuilder.SignedRequest
                        switch index % 4 {
                        case 0:
                            request = builder.slashCommand(
                                SlashCommand(command: "/register", text: "Soak Customer \(index) amount:10k", teamID: "TACK\(org)", channelID: "CACK\(org)", userID: "UACK\(org)X\(index % 5)"),
                                timestamp: SystemWallClock().unixTime)
                        case 1:
                            request = builder.slashCommand(
                                SlashCommand(command: "/deal", text: "status", teamID: "TACK\(org)", channelID: "CACK\(org)", userID: "UACK\(org)X\(index % 5)"),
                                timestamp: SystemWallClock().unixTime)
                        case 2:
                            request = builder.slashCommand(
                                SlashCommand(command: "/deal", text: "pending", teamID: "TVENDOR", channelID: "D1", userID: "U0SOAKMGR"), timestamp: SystemWallClock().unixTime)
                        default:
                            let click = BlockActions(
                                user: .init(id: "UACK\(org)X\(index % 50)", teamID: "TACK\(org)"), team: .init(id: "TACK\(org)"),
                                container: .init(messageTS: "1.0", channelID: "CACK\(org)"), channel: .init(id: "CACK\(org)"),
                                actions: [.init(actionID: "announcement_ack", value: "bench-ack")])
                            request = builder.blockActions(click, timestamp: SystemWallClock().unixTime)
                        }
                        _ = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body)
                        index += 8
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                }
            }
        }
        return await sampling
    }

    /// Resident memory (KiB) at the end of the warm-up, its peak after, and at the end.
    static func sample(pid: Int32, from warm: ContinuousClock.Instant, until end: ContinuousClock.Instant) async -> (warm: Int, peak: Int, end: Int) {
        try? await Task.sleep(until: warm)
        let atWarm = residentKiB(pid)
        var peak = atWarm
        while ContinuousClock.now < end {
            try? await Task.sleep(for: .seconds(5))
            peak = max(peak, residentKiB(pid))
        }
        return (atWarm, peak, residentKiB(pid))
    }

    /// `VmRSS` of a process, in KiB.
    static func residentKiB(_ pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "") ?? 0
    }

    private func rows(directory: URL, fake: FakeSlackServer, memory: (warm: Int, peak: Int, end: Int)) async throws -> [ResultRow] {
        let database = try DatabaseQueue(path: directory.appendingPathComponent("data/partnerbot.sqlite").path)
        let (sent, open, dead) = try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND method <> 'views.publish'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'dead'") ?? 0)
        }
        let accepted = fake.accepted.filter { $0.method != "views.publish" }
        let twice = accepted.count - Set(accepted.map { "\($0.method)|\($0.channel)|\($0.ts)" }).count
        return [
            .target("resident memory growth after warm-up (peak − warm)", Double(memory.peak - memory.warm) / 1024, "MB", .below(5), decimals: 1),
            .info("resident memory at the end of warm-up / at the end", Double(memory.warm) / 1024, "MB", decimals: 1),
            .info("Web API faults injected (429 + 500)", Double(fake.rateLimitedCount + fake.serverErrorCount), "answers"),
            .invariant("messages still queued after the drain", Double(open), "msgs", .equals(0)),
            .invariant("messages dead-lettered", Double(dead), "msgs", .equals(0)),
            .invariant("messages marked sent − accepted by the fake (lost)", Double(max(0, sent - accepted.count)), "msgs", .equals(0)),
            .info("accepted by the fake more than once (the at-least-once window)", Double(max(0, accepted.count - sent) + twice), "msgs"),
        ]
    }
}
