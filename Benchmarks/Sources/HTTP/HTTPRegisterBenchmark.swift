import FakeSlack
import Foundation
import PartnerBot
import SlackPlatform

/// `http-register`: durable `/register` slash commands per second through the real release
/// server, end to end (HTTP, signature, parsing, the directory lookup, the group-committed
/// SQLite write with its audit line and review notices, the JSON reply).
///
/// Starts `partnerbot serve` as a subprocess on a fresh database with 64 partner organisations,
/// measures `GET /livez` (the HTTP stack's ceiling), then replays pre-signed, all-distinct
/// `/register` requests with wrk at 16 and 64 connections. Afterwards it stops the server with
/// SIGTERM and checks that every registration answered 2xx is a row in the database.
struct HTTPRegisterBenchmark: Benchmark {
    let name = "http-register"
    let summary = "partnerbot serve + wrk: signed /register at 16 and 64 connections vs GET /livez; durability and RSS."

    static let connectionCounts = [16, 64]
    static let wrkThreads = 2
    static let organisations = 64
    static let signingSecret = "bench-secret"

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let options = context.options
        let binary = try options.partnerbotBinary()
        let wrk = try options.wrk()
        let root = URL(fileURLWithPath: options.repositoryRoot)
        let commands = root.appendingPathComponent("Commands")
        guard FileManager.default.fileExists(atPath: commands.appendingPathComponent("register.yaml").path),
            FileManager.default.fileExists(atPath: wrk.scriptsDirectory.appendingPathComponent("register.lua").path)
        else {
            throw BenchmarkError("\(root.path) does not look like the repository (Commands/, Benchmarks/wrk/): pass --repository")
        }
        guard let secret = SigningSecret(Self.signingSecret) else { throw BenchmarkError("invalid signing secret") }

        // Review notices go to a FakeSlack that enforces Slack's per-channel pacing.
        let launched = try await LaunchedRegisterServer.launch(
            binary: binary, commands: commands, directory: try context.scratchDirectory(for: name), organisations: Self.organisations,
            secret: Self.signingSecret, options: options, context: context)
        let (workspace, fake, server) = (launched.workspace, launched.fake, launched.server)
        let measured: Measured
        do {
            try await server.waitUntilLive(timeout: .seconds(30))
            measured = try await measure(server: server, workspace: workspace, secret: secret, wrk: wrk, context: context)
        } catch {
            _ = await server.stop(timeout: .seconds(10))
            await fake?.stop()
            throw error
        }
        let exitStatus = await server.stop(timeout: .seconds(30))
        await fake?.stop()

        let database = try AppDatabase.open(path: workspace.database.path)
        let rows = try await database.dealCount()
        let outbox = try await database.outboxStatus(now: Date())
        return report(measured, dealRows: rows, outbox: outbox, exitStatus: exitStatus, fake: fake, notifications: options.registerNotifications)
    }

    /// What the wrk runs measured while the server was up.
    struct Measured {
        var livez: [Int: Wrk.Result] = [:]
        var register: [Int: Wrk.Result] = [:]
        /// The 1 s runs that size the measured ones (their registrations count for durability).
        var calibration: [Wrk.Result] = []
        var peakResidentKiB: Int?
        var residentKiB: Int?
        var smokeRegistered = false
        /// Group commits and the writes they carried during each measured run (from `/metrics`).
        var groupCommits: [Int: (commits: Double, operations: Double)] = [:]
    }

    /// The server's group-commit counters, from its `/metrics`.
    private func groupCommitCounters(port: Int) -> (commits: Double, operations: Double)? {
        guard let answer = try? LoopbackHTTP.request(port: port, method: "GET", path: "/metrics"), answer.status == 200 else { return nil }
        func value(_ name: String) -> Double? {
            answer.body.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.dropFirst(name.count + 1)) }
        }
        guard let commits = value("partnerbot_database_group_commits_total"),
            let operations = value("partnerbot_database_group_commit_operations_total")
        else { return nil }
        return (commits, operations)
    }

    private func measure(
        server: ServerProcess, workspace: RegisterWorkspace, secret: SigningSecret, wrk: Wrk, context: BenchmarkContext
    ) async throws -> Measured {
        var measured = Measured()
        let duration: Duration = context.quick ? .seconds(3) : .seconds(10)
        let base = "http://127.0.0.1:\(workspace.port)"

        // One registration by hand first: a misconfiguration shows up here, not as 400,000 odd answers.
        let smoke = SignedRequestBuilder(secret: secret).slashCommand(
            SlashCommand(command: "/register", text: "Bench Smoke Customer amount:50k", teamID: workspace.teams[0], channelID: "CBENCH0", userID: "U0BENCHSMOKE"),
            timestamp: Int64(Date().timeIntervalSince1970))
        let answer = try LoopbackHTTP.request(port: workspace.port, method: "POST", path: smoke.path, headers: smoke.headers, body: smoke.body)
        guard answer.status == 200, answer.body.contains("DR-") else {
            throw BenchmarkError("a signed /register was answered \(answer.status) \(answer.body.prefix(200)) (log: \(server.logTail()))")
        }
        measured.smokeRegistered = true

        for connections in Self.connectionCounts {
            context.progress("http-register: wrk GET /livez, \(connections) connections, \(duration)")
            measured.livez[connections] = try await wrk.run(
                url: base + "/livez", script: "report.lua", connections: connections, threads: Self.wrkThreads, duration: duration,
                log: workspace.directory.appendingPathComponent("wrk-livez-\(connections).txt"))
        }
        let presigner = PresignedRegistrations(secret: secret, teams: workspace.teams, port: workspace.port)
        for (index, connections) in Self.connectionCounts.enumerated() {
            // Size the pre-signed requests from a 1 s calibration run (never more than the /livez
            // rate allows: a registration cannot be faster than the empty route). Customers are
            // distinct across all runs: run numbers 1, 2 (16 connections), 3, 4 (64 connections).
            let ceiling = measured.livez[connections]?.requestsPerSecond ?? 50_000
            let calibration = try await replay(
                count: Int(ceiling * 1.25) + 2_000, run: 2 * index + 1, connections: connections, duration: .seconds(1),
                label: "calibration", presigner: presigner, workspace: workspace, wrk: wrk, context: context)
            measured.calibration.append(calibration)
            let expected = min(ceiling, calibration.requestsPerSecond * 3) * duration.seconds
            let before = groupCommitCounters(port: workspace.port)
            measured.register[connections] = try await replay(
                count: min(9_000_000, Int(expected) + 5_000), run: 2 * index + 2, connections: connections, duration: duration,
                label: "measured", presigner: presigner, workspace: workspace, wrk: wrk, context: context)
            if let before, let after = groupCommitCounters(port: workspace.port) {
                measured.groupCommits[connections] = (after.commits - before.commits, after.operations - before.operations)
            }
        }
        measured.peakResidentKiB = server.peakResidentKiB
        measured.residentKiB = server.residentKiB
        return measured
    }

    /// Signs `count` distinct registrations for run `run` with the current time, replays them
    /// with wrk, and deletes the request files.
    private func replay(
        count: Int, run: Int, connections: Int, duration: Duration, label: String, presigner: PresignedRegistrations,
        workspace: RegisterWorkspace, wrk: Wrk, context: BenchmarkContext
    ) async throws -> Wrk.Result {
        let prefix = workspace.directory.appendingPathComponent("requests-run\(run)")
        let signing = ContinuousClock.now
        let bytes = try await presigner.write(
            count: count, run: run, files: Self.wrkThreads, timestamp: Int64(Date().timeIntervalSince1970), prefix: prefix)
        context.progress(
            "http-register: signed \(NumberText.format(Double(count), decimals: 0)) distinct /register requests (\(bytes / 1_048_576) MiB) in \(NumberText.format((ContinuousClock.now - signing).seconds, decimals: 1)) s; wrk \(label), \(connections) connections, \(duration)"
        )
        defer {
            if !context.options.keepScratch {
                for file in 1...Self.wrkThreads { try? FileManager.default.removeItem(atPath: prefix.path + "-\(file).bin") }
            }
        }
        return try await wrk.run(
            url: "http://127.0.0.1:\(workspace.port)/slack/commands", script: "register.lua", scriptArguments: ["requests=\(prefix.path)"],
            connections: connections, threads: Self.wrkThreads, duration: duration,
            log: workspace.directory.appendingPathComponent("wrk-register-run\(run).txt"))
    }

    private func report(
        _ measured: Measured, dealRows: Int, outbox: OutboxStatus, exitStatus: Int32?, fake: FakeSlackServer?, notifications: Bool
    ) -> [ResultRow] {
        var rows: [ResultRow] = []
        for connections in Self.connectionCounts {
            guard let register = measured.register[connections], let livez = measured.livez[connections] else { continue }
            let prefix = "c=\(connections): "
            // Issue 20 replaced the absolute targets (15,000/s, 40 % of /livez) with ratios to Bolt
            // for Python measured side by side (`peers`): these are recorded, not judged.
            rows.append(.info(prefix + "registrations/s", register.requestsPerSecond, "req/s"))
            rows.append(.info(prefix + "p50 latency", register.p50 / 1000, "ms", decimals: 2))
            if connections == 16 {
                rows.append(.target(prefix + "p99 latency", register.p99 / 1000, "ms", .below(5), decimals: 2))
            } else {
                rows.append(.info(prefix + "p99 latency", register.p99 / 1000, "ms", decimals: 2))
            }
            rows.append(.invariant(prefix + "errors (non-2xx + socket)", Double(register.errors), "", .equals(0)))
            rows.append(.info(prefix + "GET /livez requests/s", livez.requestsPerSecond, "req/s"))
            rows.append(.info(prefix + "GET /livez p99 latency", livez.p99 / 1000, "ms", decimals: 2))
            rows.append(.info(prefix + "registrations vs /livez", 100 * register.requestsPerSecond / max(livez.requestsPerSecond, 1), "%", decimals: 1))
            if let shared = measured.groupCommits[connections], shared.commits > 0 {
                rows.append(.info(prefix + "writes per group commit (mean)", shared.operations / shared.commits, "writes", decimals: 1))
            }
            if register.exhausted + measured.calibration.reduce(0, { $0 + $1.exhausted }) > 0 {
                rows.append(.failure(prefix + "pre-signed requests", "ran out (\(register.exhausted) thread(s) stopped early)"))
            }
        }
        let calibrationErrors = measured.calibration.reduce(0) { $0 + $1.errors }
        if calibrationErrors > 0 {
            rows.append(.invariant("errors in the 1 s calibration runs", Double(calibrationErrors), "", .equals(0)))
        }
        let runs = Array(measured.register.values) + measured.calibration
        let acknowledged = (measured.smokeRegistered ? 1 : 0) + runs.reduce(0) { $0 + $1.successes }
        let sent = (measured.smokeRegistered ? 1 : 0) + runs.reduce(0) { $0 + $1.generated }
        rows.append(.info("registrations answered 2xx (all runs, calibration included)", Double(acknowledged), "req"))
        rows.append(.info("deal rows after shutdown", Double(dealRows), "rows"))
        // Requests still in flight when wrk stops are processed by the server but never counted
        // by wrk, so rows may exceed the 2xx count by at most what was sent and not answered.
        rows.append(.info("processed, answer not awaited (in flight at wrk's stop)", Double(dealRows - acknowledged), "rows"))
        rows.append(.check("durable (every 2xx is a row; no row without a request)", dealRows >= acknowledged && dealRows <= sent))
        if let peak = measured.peakResidentKiB {
            rows.append(.target("server peak RSS (VmHWM)", Double(peak) / 1024, "MB", .below(64), decimals: 1))
        } else {
            rows.append(.failure("server peak RSS (VmHWM)", "unreadable"))
        }
        if let current = measured.residentKiB {
            rows.append(.info("server RSS after the runs", Double(current) / 1024, "MB", decimals: 1))
        }
        rows.append(.check("graceful shutdown (SIGTERM → exit 0)", exitStatus == 0))
        if notifications {
            let waiting = (outbox.counts[.pending] ?? 0) + (outbox.counts[.sending] ?? 0)
            rows.append(.info("review notices enqueued (2 per registration)", Double(outbox.counts.values.reduce(0, +)), "msgs"))
            rows.append(.info("review notices delivered during the run (paced 1/s/channel)", Double(outbox.counts[.sent] ?? 0), "msgs"))
            rows.append(.info("review notices still queued at shutdown", Double(waiting), "msgs"))
            if let fake {
                rows.append(.target("429s from FakeSlack (pacing)", Double(fake.rateLimitedCount), "", .equals(0)))
            }
        }
        return rows
    }
}
