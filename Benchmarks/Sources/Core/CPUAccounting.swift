import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How much CPU other programs used while the benchmarks ran: the machine's busy time from
/// `/proc/stat` minus what this process and its children (the server, wrk) used. On a small
/// machine a compile next door skews every number; this says whether that happened.
struct CPUAccounting: Sendable {
    private let machineBusy: Double
    private let ownUsage: Double
    private let started: ContinuousClock.Instant

    /// Takes the starting readings.
    init() {
        machineBusy = Self.machineBusySeconds()
        ownUsage = Self.ownSeconds()
        started = ContinuousClock.now
    }

    /// The line printed under the machine header, e.g.
    /// `other processes: 3.1 CPU-s over 120 s (1 % of the machine)`.
    func summary() -> String {
        let wall = (ContinuousClock.now - started).seconds
        let others = max(0, (Self.machineBusySeconds() - machineBusy) - (Self.ownSeconds() - ownUsage))
        let capacity = wall * Double(ProcessInfo.processInfo.activeProcessorCount)
        let share = capacity > 0 ? 100 * others / capacity : 0
        return "other processes: \(NumberText.format(others, decimals: 1)) CPU-s during the \(NumberText.format(wall, decimals: 0)) s run (\(NumberText.format(share, decimals: 0)) % of the machine; near 0 means the numbers are clean)"
    }

    /// Busy CPU time of the whole machine (all CPUs), in seconds.
    private static func machineBusySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return 0 }
        // user nice system idle iowait irq softirq steal: everything but idle and iowait.
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU time of this process plus its waited-for children, in seconds.
    private static func ownSeconds() -> Double {
        CPUTime.process() + CPUTime.children()
    }
}
