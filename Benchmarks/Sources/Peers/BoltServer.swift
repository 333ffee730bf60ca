import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// Bolt for Python (`Benchmarks/peers/bolt_app.py`) on uvicorn: 2 workers, uvloop, httptools,
/// installed from PyPI at pinned versions by `Benchmarks/peers/setup.sh`.
///
/// uvicorn's master binds the port and starts the workers (multiprocessing `spawn`, plus its
/// resource tracker); each worker imports the app and opens its own SQLite connection. The
/// server is ready when both workers logged "Application startup complete.". Its output goes to
/// one log file; when it does not start, the error carries the end of that log (its stderr).
final class BoltServer {
    /// uvicorn workers (processes serving requests).
    static let workers = 2

    /// The port uvicorn listens on.
    let port: Int
    /// The app's SQLite file.
    let database: URL
    /// uvicorn's output.
    var log: URL { process.log }
    private let process: ServerProcess
    /// The master and its children, read once the workers are up.
    private(set) var tree: ProcessTree

    /// Runs `setup.sh` (creates the venv when missing, installs the pinned requirements when they
    /// changed) and returns the venv's python.
    /// - Throws: `BenchmarkError` with pip's output when the installation fails.
    static func install(peers: URL, venv: URL) async throws -> String {
        let script = peers.appendingPathComponent("setup.sh").path
        let result = try await Subprocess.run("/bin/bash", [script, venv.path], timeout: .seconds(900))
        let python = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        guard result.status == 0, FileManager.default.isExecutableFile(atPath: python) else {
            throw BenchmarkError("Benchmarks/peers/setup.sh failed (status \(result.status)): \(result.standardError.suffix(600))")
        }
        return python
    }

    /// The versions actually installed: the app's (`slack-bolt 1.30.0, slack-sdk 3.48.0`), the
    /// server's (`uvicorn 0.55.0, uvloop 0.23.0, httptools 0.9.0`) and the runtime's (`Python
    /// 3.11.7, SQLite 3.40.1`).
    static func versions(python: String) async -> (app: String, server: String, runtime: String) {
        let code = """
            import sys, slack_bolt, slack_sdk, uvicorn, uvloop, httptools, sqlite3
            print(f"slack-bolt {slack_bolt.version.__version__}, slack-sdk {slack_sdk.version.__version__}")
            print(f"uvicorn {uvicorn.__version__}, uvloop {uvloop.__version__}, httptools {httptools.__version__}")
            print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
            """
        let result = try? await Subprocess.run(python, ["-c", code], environment: pythonEnvironment([:]), timeout: .seconds(60))
        let lines = result?.standardOutput.split(separator: "\n").map(String.init) ?? []
        return lines.count == 3 ? (lines[0], lines[1], lines[2]) : ("unknown", "unknown", "unknown")
    }

    /// Creates the database, starts uvicorn and waits for both workers.
    /// - Throws: `BenchmarkError` with uvicorn's output when it exits or is not ready in time
    ///   (every process it started is killed first).
    init(python: String, peers: URL, directory: URL, port: Int, signingSecret: String) async throws {
        self.port = port
        database = directory.appendingPathComponent("bolt.sqlite")
        let environment = Self.pythonEnvironment(["SLACK_SIGNING_SECRET": signingSecret, "BOLT_DB": database.path])
        let initialised = try await Subprocess.run(
            python, [peers.appendingPathComponent("bolt_app.py").path, "--init-db", database.path], environment: environment,
            timeout: .seconds(120))
        guard initialised.status == 0 else {
            throw BenchmarkError("bolt_app.py --init-db failed (status \(initialised.status)): \(initialised.standardError.suffix(600))")
        }
        process = try ServerProcess(
            binary: python,
            arguments: [
                "-m", "uvicorn", "bolt_app:api", "--app-dir", peers.path, "--workers", String(Self.workers), "--loop", "uvloop",
                "--http", "httptools", "--host", "127.0.0.1", "--port", String(port), "--no-access-log", "--log-level", "info",
            ],
            environment: environment, port: port, log: directory.appendingPathComponent("uvicorn.log"))
        tree = ProcessTree(members: [])
        do {
            try await waitUntilReady(timeout: .seconds(60))
        } catch {
            _ = await stop(timeout: .seconds(5))
            throw error
        }
        tree = ProcessTree.of(process.pid)
    }

    /// Processes in the server's tree (master, workers, resource tracker).
    var processCount: Int { tree.members.count }

    /// CPU time of the server's processes so far, in seconds (the tree is read again each time,
    /// so a worker uvicorn restarted would count too).
    var cpuSeconds: Double { ProcessTree.of(process.pid).cpuSeconds }

    /// The sum of the processes' peak resident sets, in KiB.
    var peakResidentKiB: Int? { ProcessTree.of(process.pid).peakResidentKiB }

    /// The last lines uvicorn printed.
    func logTail(lines: Int = 12) -> String { process.logTail(lines: lines) }

    /// SIGTERM to the master (uvicorn stops its workers), SIGKILL after `timeout`; then any process
    /// of the tree still alive is killed.
    /// - Returns: The master's exit status (`nil` when it had to be killed) and how many
    ///   processes had to be killed after it exited.
    func stop(timeout: Duration) async -> (status: Int32?, killed: Int) {
        let everyone = ProcessTree(members: (tree.members + ProcessTree.of(process.pid).members).uniqued())
        let status = await process.stop(timeout: timeout)
        // Give orphaned workers a moment to notice their master is gone, then kill what is left.
        let deadline = ContinuousClock.now + .seconds(5)
        while !everyone.alive.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return (status, everyone.killSurvivors())
    }

    /// Rows in the app's registration table (read after `stop`, through SQLite like any reader).
    func registrationCount() throws -> Int {
        let queue = try DatabaseQueue(path: database.path)
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM registration") ?? 0 }
    }

    private func waitUntilReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw BenchmarkError("uvicorn (Bolt for Python) exited before it was ready: \(logTail(lines: 30))")
            }
            let text = (try? String(contentsOf: process.log, encoding: .utf8)) ?? ""
            // uvicorn restarts a worker that died (e.g. the app does not import): fail fast.
            if text.components(separatedBy: "] died").count - 1 >= Self.workers {
                throw BenchmarkError("uvicorn (Bolt for Python) workers died while starting: \(logTail(lines: 30))")
            }
            if text.components(separatedBy: "Application startup complete.").count - 1 >= Self.workers,
                (try? LoopbackHTTP.request(port: port, method: "GET", path: "/livez", timeoutSeconds: 1)) != nil
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("uvicorn (Bolt for Python) did not start \(Self.workers) workers within \(timeout): \(logTail(lines: 30))")
    }

    /// Our environment without Slack or Python settings that would change the app, plus `extra`.
    /// No bytecode is written (the app lives in the repository).
    private static func pythonEnvironment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("SLACK_") && !key.hasPrefix("PYTHON") && key != "VIRTUAL_ENV" && key != "BOLT_DB"
        }
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["PYTHONUNBUFFERED"] = "1"
        environment.merge(extra) { _, new in new }
        return environment
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
