import Foundation

/// A command's progress on standard output: a bar redrawn in place on a terminal, plain lines
/// otherwise (logs, pipes).
final class ProgressLine: Sendable {
    let terminal: Bool

    init(terminal: Bool = isatty(STDOUT_FILENO) == 1) { self.terminal = terminal }

    /// Shows `done` of `total`: on a terminal the bar and `detail`; otherwise `line`, when given.
    func show(done: Int, total: Int, detail: String, line: String?) {
        if terminal {
            let width = 30
            let filled = total == 0 ? width : min(width, width * done / total)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            print("\r\(bar) \(detail)\u{1B}[K", terminator: "")
            fflush(nil)
        } else if let line {
            print(line)
        }
    }

    /// Ends the bar's line (on a terminal).
    func finish() {
        if terminal { print("") }
    }
}
