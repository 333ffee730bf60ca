import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A server's processes as `/proc` shows them: a process and all its descendants (uvicorn's
/// master, its workers and multiprocessing's resource tracker; `partnerbot serve` alone).
///
/// CPU time is `utime + stime` from `/proc/<pid>/stat` (fields 14 and 15), summed over the tree;
/// peak memory is `VmHWM` from `/proc/<pid>/status`, summed over the tree.
struct ProcessTree: Sendable {
    /// One process, identified by its pid and start time (so a reused pid is never mistaken for it).
    struct Member: Sendable, Hashable {
        var pid: Int32
        var startTime: UInt64
    }

    /// The root and its descendants, root first.
    var members: [Member]

    /// The processes under `root` (root included) right now.
    static func of(_ root: Int32) -> ProcessTree {
        var parents: [Int32: [Int32]] = [:]
        var starts: [Int32: UInt64] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(pid), fields.count > 19,
                let parent = Int32(fields[1]), let start = UInt64(fields[19])
            else { continue }
            parents[parent, default: []].append(pid)
            starts[pid] = start
        }
        var members: [Member] = []
        var queue = [root]
        while let pid = queue.first {
            queue.removeFirst()
            guard let start = starts[pid] else { continue }
            members.append(Member(pid: pid, startTime: start))
            queue += parents[pid] ?? []
        }
        return ProcessTree(members: members)
    }

    /// The members still alive (same pid and start time).
    var alive: [Member] {
        members.filter { member in
            guard let fields = Self.statFields(member.pid), fields.count > 19 else { return false }
            // A zombie ("Z") has exited; its pid is only waiting for its parent.
            return UInt64(fields[19]) == member.startTime && fields[0] != "Z"
        }
    }

    /// CPU time (user + system) of the members alive now, in seconds.
    var cpuSeconds: Double {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        for member in alive {
            guard let fields = Self.statFields(member.pid), fields.count > 12,
                let user = Double(fields[11]), let system = Double(fields[12])
            else { continue }
            total += (user + system) / ticks
        }
        return total
    }

    /// The sum of the members' peak resident sets (`VmHWM`), in KiB; `nil` when none is readable.
    var peakResidentKiB: Int? {
        let values = alive.compactMap { Self.statusField("VmHWM", pid: $0.pid) }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// Sends SIGKILL to every member still alive; returns how many there were.
    @discardableResult
    func killSurvivors() -> Int {
        let survivors = alive
        for member in survivors { kill(member.pid, SIGKILL) }
        return survivors.count
    }

    /// The fields of `/proc/<pid>/stat` after the command name: `[state, ppid, …]` (field 3 of
    /// proc(5) is index 0, so utime, field 14, is index 11).
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    private static func statusField(_ name: String, pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
