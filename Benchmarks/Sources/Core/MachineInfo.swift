import Foundation

/// The machine the numbers were measured on, printed above the table.
struct MachineInfo: Sendable {
    /// Online processors (`nproc`).
    var processors: Int
    /// `model name` from `/proc/cpuinfo`.
    var cpuModel: String
    /// Total memory from `/proc/meminfo`, in GiB.
    var memoryGiB: Double
    /// The kernel release.
    var kernel: String
    /// The first line of `swift --version`.
    var swiftVersion: String
    /// The 1, 5 and 15 minute load averages when the run started (other work skews the numbers).
    var loadAverage: String

    /// Reads the current machine.
    static func current() async -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kernel = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown"
        let swift = (try? await Subprocess.run("/usr/bin/env", ["swift", "--version"], timeout: .seconds(20)))
            .flatMap { result in (result.standardOutput + result.standardError).split(separator: "\n").first { $0.contains("Swift version") } }
            .map { String($0.trimmingCharacters(in: .whitespaces)) } ?? "unknown"
        let memoryKiB = field("MemTotal", in: meminfo).flatMap { Double($0.split(separator: " ").first ?? "") } ?? 0
        return MachineInfo(
            processors: ProcessInfo.processInfo.activeProcessorCount,
            cpuModel: field("model name", in: cpuinfo) ?? "unknown",
            memoryGiB: memoryKiB / 1_048_576,
            kernel: kernel.trimmingCharacters(in: .whitespacesAndNewlines),
            swiftVersion: swift,
            loadAverage: ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
                .split(separator: " ").prefix(3).joined(separator: " "))
    }

    /// The header printed above the table.
    var text: String {
        [
            "machine: \(processors) CPU(s), \(cpuModel), \(NumberText.format(memoryGiB, decimals: 1)) GiB RAM, Linux \(kernel)",
            "swift:   \(swiftVersion)",
            "load:    \(loadAverage) (1/5/15 min, at start; keep the machine otherwise idle)",
        ].joined(separator: "\n")
    }

    private static func field(_ name: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
