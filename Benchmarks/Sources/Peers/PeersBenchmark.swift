import FakeSlack
import Foundation
import PartnerBot
import SlackPlatform

/// `peers`: partnerbot side by side with Slack's Bolt for Python under the same `/register` load.
///
/// Bolt runs as its best deployment for this job (`Benchmarks/peers/`: `AsyncApp` on uvicorn, 2
/// workers, uvloop and httptools, `process_before_response`, one SQLite row per registration in
/// WAL with `synchronous=FULL` and a unique index on the normalized customer); partnerbot as
/// `http-register` runs it (the release `partnerbot serve`, 64 organisations, review notices to a
/// paced FakeSlack by default). Both servers run for the whole benchmark; for each connection
/// count the same kind of wrk run (1 s calibration, then the measured run) alternates between
/// them, Bolt first, twice. Requests are pre-signed and distinct, and 1 in 10 re-spells a customer
/// registered earlier in the same run by the same organisation, which both must refuse.
///
/// CPU per request counts the server's processes only (`/proc/<pid>/stat` of every process in
/// its tree, read before and after the measured run), peak memory is `VmHWM` summed over them.
/// Afterwards each server is stopped and its database counted: every answer "registered" must
/// be a row, and no row may exist that was not asked for.
///
/// It installs Bolt from PyPI (pinned, into `.build/peers-venv`, once), so it runs only when
/// named: `--only peers`.
struct PeersBenchmark: Benchmark {
    let name = "peers"
    let summary = "partnerbot vs Bolt for Python (AsyncApp, uvicorn 2 workers, pinned from PyPI): the same signed /register load at 16 and 64 connections."
    var runsByDefault: Bool { false }

    static let connectionCounts = [16, 64]
    static let rounds = 2
    static let wrkThreads = 2
    static let organisations = 64
    static let signingSecret = "bench-secret"
    /// Requests signed for a 1 s calibration run (more than either server answers in a second here).
    static let calibrationRequests = 40_000

    /// The two servers.
    enum Peer: String, CaseIterable, Sendable {
        case bolt = "Bolt"
        case partnerbot

        /// Text in a 2xx answer that says the customer was registered.
        var registeredText: String { self == .bolt ? "Registered DR-" : "Registered *DR-" }
        /// Text in a 2xx answer that says the customer was already registered.
        var duplicateText: String { self == .bolt ? "Already registered:" : "You already registered this customer" }
    }

    /// Request `index` of a file, in run `run`: `Customer <n>` as in `http-register`, except that
    /// every tenth request of a file (positions 9, 19, 29, …) re-spells the customer of an earlier
    /// request of the same file (position 10k + 9 takes position 5k's, never itself a duplicate),
    /// sent by that request's organisation: "customer 3000120", "CUSTOMER  3000120 Inc.",
    /// "Customer 3000120, LLC", … All normalize to the same customer, so both servers must answer
    /// "already registered" and store nothing (partnerbot's answer to the same organisation; from
    /// another organisation it would record a conflict).
    static func respelling(run: Int, index: Int, fileStart: Int) -> (customer: String, team: Int) {
        let position = index - fileStart
        guard position % 10 == 9 else { return (PresignedRegistrations.customer(run: run, index: index), index) }
        let group = position / 10
        let original = fileStart + group * 5
        let number = run * 10_000_000 + original
        let spelled =
            switch group % 5 {
            case 0: "customer \(number)"
            case 1: "CUSTOMER  \(number) Inc."
            case 2: "Customer \(number), LLC"
            case 3: "customer   \(number) ltd"
            default: "Customer \(number) Corp."
            }
        return (spelled, original)
    }

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let options = context.options
        let binary = try options.partnerbotBinary()
        let wrk = try options.wrk()
        let root = URL(fileURLWithPath: options.repositoryRoot)
        let commands = root.appendingPathComponent("Commands")
        let peers = root.appendingPathComponent("Benchmarks/peers")
        guard FileManager.default.fileExists(atPath: commands.appendingPathComponent("register.yaml").path),
            FileManager.default.fileExists(atPath: wrk.scriptsDirectory.appendingPathComponent("peers.lua").path),
            FileManager.default.fileExists(atPath: peers.appendingPathComponent("bolt_app.py").path)
        else {
            throw BenchmarkError("\(root.path) does not look like the repository (Commands/, Benchmarks/wrk/, Benchmarks/peers/): pass --repository")
        }
        guard let secret = SigningSecret(Self.signingSecret) else { throw BenchmarkError("invalid signing secret") }

        let venv = root.appendingPathComponent(".build/peers-venv")
        context.progress("peers: Bolt for Python from PyPI (pinned) into \(venv.path) (Benchmarks/peers/setup.sh; pip runs only the first time)")
        let python = try await BoltServer.install(peers: peers, venv: venv)
        let versions = await BoltServer.versions(python: python)
        context.progress("peers: \(versions.app); \(versions.server); \(versions.runtime)")

        // partnerbot exactly as http-register runs it.
        let launched = try await LaunchedRegisterServer.launch(
            binary: binary, commands: commands, directory: try context.scratchDirectory(for: "peers-partnerbot"), organisations: Self.organisations,
            secret: Self.signingSecret, options: options, context: context)
        let (workspace, fake, partnerbot) = (launched.workspace, launched.fake, launched.server)

        var started: BoltServer?
        let bolt: BoltServer
        let measured: Measured
        do {
            try await partnerbot.waitUntilLive(timeout: .seconds(30))
            let boltPort = try LoopbackHTTP.freePort()
            context.progress("peers: starting Bolt for Python (uvicorn, \(BoltServer.workers) workers) on port \(boltPort)")
            do {
                bolt = try await BoltServer(
                    python: python, peers: peers, directory: try context.scratchDirectory(for: "peers-bolt"), port: boltPort,
                    signingSecret: Self.signingSecret)
            } catch {
                // uvicorn's output in full on standard error, then a BROKEN row (the table cuts long
                // texts). BoltServer killed what it had started.
                context.progress("peers: Bolt for Python did not start: \(error)")
                _ = await partnerbot.stop(timeout: .seconds(10))
                await fake?.stop()
                return [.failure("Bolt for Python (uvicorn) started", "no: \(error)")]
            }
            started = bolt
            measured = try await measure(bolt: bolt, partnerbot: partnerbot, workspace: workspace, secret: secret, wrk: wrk, context: context)
        } catch {
            _ = await started?.stop(timeout: .seconds(10))
            _ = await partnerbot.stop(timeout: .seconds(10))
            await fake?.stop()
            throw error
        }
        let boltStop = await bolt.stop(timeout: .seconds(30))
        let partnerbotStatus = await partnerbot.stop(timeout: .seconds(30))
        await fake?.stop()

        let boltRows = try bolt.registrationCount()
        let database = try AppDatabase.open(path: workspace.database.path)
        let dealRows = try await database.dealCount()
        return report(
            measured, versions: versions, boltProcesses: bolt.processCount, rows: [.bolt: boltRows, .partnerbot: dealRows],
            boltStop: boltStop, partnerbotStatus: partnerbotStatus)
    }

    /// One measured wrk run and the server's CPU time during it.
    struct Run {
        var result: Wrk.Result
        var cpuSeconds: Double
    }

    /// Everything measured while both servers were up.
    struct Measured {
        /// Measured runs per server and connection count, in order.
        var runs: [Peer: [Int: [Run]]] = [:]
        /// Calibration runs per server (their answers count for durability).
        var calibration: [Peer: [Wrk.Result]] = [:]
        /// Sum of VmHWM over each server's processes, in KiB.
        var peakResidentKiB: [Peer: Int] = [:]
        /// The hand-sent smoke requests: a registration and its re-spelled duplicate per server.
        var smokeSent = 0
    }

    /// A server under load: where to send, how to sign, how to read its CPU time.
    private struct Target {
        var peer: Peer
        var port: Int
        var directory: URL
        var presigner: PresignedRegistrations
        var cpuSeconds: () -> Double
        var peakResidentKiB: () -> Int?
    }

    private func measure(
        bolt: BoltServer, partnerbot: ServerProcess, workspace: RegisterWorkspace, secret: SigningSecret, wrk: Wrk, context: BenchmarkContext
    ) async throws -> Measured {
        let duration: Duration = context.quick ? .seconds(3) : .seconds(10)
        let boltDirectory = bolt.database.deletingLastPathComponent()
        let targets = [
            Target(
                peer: .bolt, port: bolt.port, directory: boltDirectory,
                presigner: PresignedRegistrations(secret: secret, teams: workspace.teams, port: bolt.port, choose: Self.respelling),
                cpuSeconds: { bolt.cpuSeconds }, peakResidentKiB: { bolt.peakResidentKiB }),
            Target(
                peer: .partnerbot, port: workspace.port, directory: workspace.directory,
                presigner: PresignedRegistrations(secret: secret, teams: workspace.teams, port: workspace.port, choose: Self.respelling),
                cpuSeconds: { ProcessTree.of(partnerbot.pid).cpuSeconds }, peakResidentKiB: { ProcessTree.of(partnerbot.pid).peakResidentKiB }),
        ]
        var measured = Measured()

        // A registration and its re-spelled duplicate by hand first: a misconfiguration shows up
        // here, not as 100,000 odd answers.
        for target in targets {
            try smoke(target, team: workspace.teams[0], secret: secret, log: target.peer == .bolt ? bolt.logTail() : partnerbot.logTail())
        }
        measured.smokeSent = 2

        var run = 0
        for connections in Self.connectionCounts {
            for round in 1...Self.rounds {
                for target in targets {
                    run += 1
                    let label = "c=\(connections) round \(round)/\(Self.rounds) \(target.peer.rawValue)"
                    let calibration = try await replay(
                        target, count: Self.calibrationRequests, run: 2 * run - 1, connections: connections, duration: .seconds(1),
                        label: label + " calibration", wrk: wrk, context: context)
                    measured.calibration[target.peer, default: []].append(calibration.result)
                    let expected = calibration.result.requestsPerSecond * 3 * duration.seconds
                    let result = try await replay(
                        target, count: min(9_000_000, Int(expected) + 5_000), run: 2 * run, connections: connections, duration: duration,
                        label: label, wrk: wrk, context: context)
                    measured.runs[target.peer, default: [:]][connections, default: []].append(result)
                    context.progress(
                        "peers: \(label): \(NumberText.format(result.result.requestsPerSecond, decimals: 0)) req/s, p99 \(NumberText.format(result.result.p99 / 1000, decimals: 2)) ms, \(NumberText.format(1e6 * result.cpuSeconds / Double(max(result.result.requests, 1)), decimals: 0)) µs CPU/request"
                    )
                }
            }
        }
        for target in targets { measured.peakResidentKiB[target.peer] = target.peakResidentKiB() }
        return measured
    }

    /// Sends one registration and its re-spelled duplicate; both must be answered as such.
    private func smoke(_ target: Target, team: String, secret: SigningSecret, log: @autoclosure () -> String) throws {
        let builder = SignedRequestBuilder(secret: secret)
        for (text, expected) in [
            ("Peers Smoke Customer amount:50k", target.peer.registeredText), ("peers  smoke customer, Inc. amount:50k", target.peer.duplicateText),
        ] {
            let request = builder.slashCommand(
                SlashCommand(command: "/register", text: text, teamID: team, channelID: "CBENCH0", userID: "U0BENCHSMOKE"),
                timestamp: Int64(Date().timeIntervalSince1970))
            let answer = try LoopbackHTTP.request(port: target.port, method: "POST", path: request.path, headers: request.headers, body: request.body)
            guard answer.status == 200, answer.body.contains(expected) else {
                throw BenchmarkError(
                    "\(target.peer.rawValue): a signed /register \"\(text)\" was answered \(answer.status) \(answer.body.prefix(200)), expected “\(expected)” (log: \(log()))")
            }
        }
    }

    /// Signs `count` requests for run `run`, replays them with wrk (`peers.lua`), reading the
    /// server's CPU time right before and after wrk, and deletes the request files.
    private func replay(
        _ target: Target, count: Int, run: Int, connections: Int, duration: Duration, label: String, wrk: Wrk, context: BenchmarkContext
    ) async throws -> Run {
        let prefix = target.directory.appendingPathComponent("requests-run\(run)")
        defer {
            if !context.options.keepScratch {
                for file in 1...Self.wrkThreads { try? FileManager.default.removeItem(atPath: prefix.path + "-\(file).bin") }
            }
        }
        let signing = ContinuousClock.now
        let bytes = try await target.presigner.write(
            count: count, run: run, files: Self.wrkThreads, timestamp: Int64(Date().timeIntervalSince1970), prefix: prefix)
        context.progress(
            "peers: \(label): signed \(NumberText.format(Double(count), decimals: 0)) /register requests (\(bytes / 1_048_576) MiB) in \(NumberText.format((ContinuousClock.now - signing).seconds, decimals: 1)) s; wrk \(connections) connections, \(duration)"
        )
        let before = target.cpuSeconds()
        let result = try await wrk.run(
            url: "http://127.0.0.1:\(target.port)/slack/commands", script: "peers.lua",
            scriptArguments: ["requests=\(prefix.path)", "registered=\(target.peer.registeredText)", "duplicate=\(target.peer.duplicateText)"],
            connections: connections, threads: Self.wrkThreads, duration: duration,
            log: target.directory.appendingPathComponent("wrk-run\(run).txt"))
        return Run(result: result, cpuSeconds: target.cpuSeconds() - before)
    }

    private func report(
        _ measured: Measured, versions: (app: String, server: String, runtime: String), boltProcesses: Int, rows: [Peer: Int], boltStop: (status: Int32?, killed: Int),
        partnerbotStatus: Int32?
    ) -> [ResultRow] {
        var table: [ResultRow] = [
            .note("Bolt for Python (AsyncApp, process_before_response)", versions.app),
            .note("Bolt's server (uvicorn, \(BoltServer.workers) workers, uvloop, httptools)", versions.server),
            .note("Bolt's runtime", versions.runtime),
            .note("load: pre-signed, distinct, 1 in 10 re-spells an earlier customer", "\(Self.rounds) rounds, Bolt first"),
        ]
        func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
        func runsText(_ runs: [Run]) -> String {
            runs.map { NumberText.format($0.result.requestsPerSecond, decimals: 0) }.joined(separator: " · ")
        }
        for connections in Self.connectionCounts {
            var rate: [Peer: Double] = [:]
            var p99: [Peer: Double] = [:]
            var cpu: [Peer: Double] = [:]
            for peer in Peer.allCases {
                let runs = measured.runs[peer]?[connections] ?? []
                guard !runs.isEmpty else { continue }
                let prefix = "c=\(connections) \(peer.rawValue): "
                rate[peer] = mean(runs.map(\.result.requestsPerSecond))
                p99[peer] = mean(runs.map { $0.result.p99 / 1000 })
                cpu[peer] = 1e6 * runs.reduce(0) { $0 + $1.cpuSeconds } / Double(max(1, runs.reduce(0) { $0 + $1.result.requests }))
                table.append(.info(prefix + "requests/s (mean of \(runsText(runs)))", rate[peer]!, "req/s"))
                table.append(.info(prefix + "p50 latency", mean(runs.map { $0.result.p50 / 1000 }), "ms", decimals: 2))
                table.append(.info(prefix + "p99 latency", p99[peer]!, "ms", decimals: 2))
                let processes = peer == .bolt ? "\(boltProcesses) processes" : "1 process"
                table.append(.info(prefix + "CPU per request (server, \(processes))", cpu[peer]!, "µs"))
                let errors = runs.reduce(0) { $0 + $1.result.errors }
                table.append(.invariant(prefix + "errors (non-2xx + socket)", Double(errors), "", .equals(0)))
                if runs.contains(where: { $0.result.exhausted > 0 }) {
                    table.append(.failure(prefix + "pre-signed requests", "ran out (a wrk thread stopped early)"))
                }
            }
            if let bolt = rate[.bolt], let ours = rate[.partnerbot] {
                let prefix = "c=\(connections) partnerbot ÷ Bolt: "
                table.append(.target(prefix + "requests/s", ours / max(bolt, 1e-9), "×", .atLeast(3), decimals: 2))
                table.append(.target(prefix + "p99 latency", p99[.partnerbot]! / max(p99[.bolt]!, 1e-9), "×", .atMost(1.0 / 3), decimals: 2))
                table.append(.target(prefix + "CPU per request", cpu[.partnerbot]! / max(cpu[.bolt]!, 1e-9), "×", .atMost(1.0 / 3), decimals: 2))
            }
        }
        let boltPeak = measured.peakResidentKiB[.bolt]
        let ourPeak = measured.peakResidentKiB[.partnerbot]
        if let boltPeak {
            table.append(.info("Bolt: peak RSS (VmHWM summed over \(boltProcesses) processes)", Double(boltPeak) / 1024, "MB", decimals: 1))
        } else {
            table.append(.failure("Bolt: peak RSS", "unreadable"))
        }
        if let ourPeak {
            table.append(.info("partnerbot: peak RSS (VmHWM)", Double(ourPeak) / 1024, "MB", decimals: 1))
        } else {
            table.append(.failure("partnerbot: peak RSS", "unreadable"))
        }
        if let boltPeak, let ourPeak {
            table.append(.target("partnerbot ÷ Bolt: peak RSS", Double(ourPeak) / Double(max(boltPeak, 1)), "×", .atMost(0.5), decimals: 2))
        }

        // Durability: every "registered" answer is a row, and no row without a request.
        for peer in Peer.allCases {
            let results = (measured.runs[peer]?.values.flatMap { $0.map(\.result) } ?? []) + (measured.calibration[peer] ?? [])
            let registered = 1 + results.reduce(0) { $0 + ($1.counts["registered"] ?? 0) }
            let duplicates = 1 + results.reduce(0) { $0 + ($1.counts["duplicate"] ?? 0) }
            let other = results.reduce(0) { $0 + ($1.counts["other"] ?? 0) }
            let sent = measured.smokeSent + results.reduce(0) { $0 + $1.generated }
            let stored = rows[peer] ?? 0
            let prefix = "\(peer.rawValue): "
            table.append(.info(prefix + "answered “registered” (all runs, calibration and smoke included)", Double(registered), "req"))
            table.append(.info(prefix + "answered “already registered” (re-spelled duplicates)", Double(duplicates), "req"))
            table.append(.invariant(prefix + "2xx answers of neither kind", Double(other), "", .equals(0)))
            if (measured.calibration[peer] ?? []).contains(where: { $0.exhausted > 0 }) {
                table.append(.failure(prefix + "pre-signed requests of a calibration run", "ran out (a wrk thread stopped early)"))
            }
            table.append(.check(prefix + "duplicates refused (some answered “already registered”)", duplicates > 1))
            table.append(.info(prefix + "rows after shutdown", Double(stored), "rows"))
            table.append(.info(prefix + "processed, answer not awaited (in flight at wrk's stop)", Double(stored - registered), "rows"))
            table.append(.check(prefix + "durable (every “registered” is a row; no row without a request)", stored >= registered && stored <= sent))
        }
        table.append(.check("partnerbot: graceful shutdown (SIGTERM → exit 0)", partnerbotStatus == 0))
        table.append(.note("Bolt: uvicorn master after SIGTERM", boltStop.status.map { "exit \($0)" } ?? "killed"))
        table.append(.info("Bolt: processes still alive after the master, killed", Double(boltStop.killed), "processes"))
        return table
    }
}
