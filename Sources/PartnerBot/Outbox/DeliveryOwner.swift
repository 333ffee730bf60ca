import Foundation
import Synchronization

/// Who claimed an outbox row for delivery: the host, the process (its id and start time, so a
/// reused pid is not mistaken for the original) and the `AppDatabase` instance in that process.
///
/// Several processes deliver from one database (the server, and `partnerbot alerts run`, which
/// delivers what its pass enqueued before exiting). A row left `sending` blocks its channel, so
/// each needs to tell a delivery another live process has under way (leave it) from one whose
/// process died mid-call (send it again). Stored in `outbox.claimed_by` as
/// `host/pid/start/instance`.
struct DeliveryOwner: Sendable, Equatable {
    var host: String
    var pid: Int32
    /// The process's start time in clock ticks since boot (Linux `/proc/<pid>/stat`); 0 where unknown.
    var started: UInt64
    /// The `AppDatabase` instance that claimed (one process may open several).
    var instance: String

    /// What `outbox.claimed_by` holds.
    var stored: String { "\(host)/\(pid)/\(started)/\(instance)" }

    /// Parses `outbox.claimed_by`; `nil` when it is not of that form.
    init?(stored: String) {
        let parts = stored.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), let started = UInt64(parts[parts.count - 2]) else { return nil }
        self.init(host: parts.dropLast(3).joined(separator: "/"), pid: pid, started: started, instance: String(parts[parts.count - 1]))
    }

    init(host: String, pid: Int32, started: UInt64, instance: String) {
        self.host = host
        self.pid = pid
        self.started = started
        self.instance = instance
    }

    /// A new owner for an `AppDatabase` opened in this process, registered as live until `retire()`.
    static func register() -> DeliveryOwner {
        let owner = DeliveryOwner(host: thisHost, pid: getpid(), started: thisProcessStarted, instance: UUID().uuidString.lowercased())
        liveInstances.withLock { _ = $0.insert(owner.instance) }
        return owner
    }

    /// Marks this instance as gone (its `AppDatabase` was released): rows it left `sending` are abandoned.
    func retire() {
        _ = Self.liveInstances.withLock { $0.remove(instance) }
    }

    /// The `application_name` of this instance's PostgreSQL connections (at most 63 bytes):
    /// while one is open, other instances know it runs, wherever it runs.
    var applicationName: String { Self.applicationNamePrefix + instance }

    static let applicationNamePrefix = "partnerbot/"

    /// Whether the claimer is this process.
    var isThisProcess: Bool { host == Self.thisHost && pid == getpid() && started == Self.thisProcessStarted }

    /// Whether the claimer is still running: `nil` when that cannot be told from here (another host).
    var isRunning: Bool? {
        guard host == Self.thisHost else { return nil }
        if pid == getpid() && started == Self.thisProcessStarted {
            return Self.liveInstances.withLock { $0.contains(instance) }
        }
        return Self.processRuns(pid: pid, started: started)
    }

    private static let liveInstances = Mutex<Set<String>>([])

    private static let thisHost: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }()

    private static let thisProcessStarted: UInt64 = startTime(of: getpid()) ?? 0

    /// Whether process `pid` runs and is the one that started at `started` (not a reuse of its pid).
    private static func processRuns(pid: Int32, started: UInt64) -> Bool {
        #if os(Linux)
        guard let current = startTime(of: pid) else { return false }
        return started == 0 || current == started
        #else
        return kill(pid, 0) == 0 || errno == EPERM
        #endif
    }

    /// Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot); `nil` when the
    /// process does not exist or the file cannot be read.
    private static func startTime(of pid: Int32) -> UInt64? {
        #if os(Linux)
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces: count after its end.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
        #else
        return nil
        #endif
    }
}
