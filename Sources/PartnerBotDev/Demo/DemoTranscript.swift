import PartnerBot
import Synchronization

/// What the demo prints: each step, what each person did and saw, and the checks.
final class DemoTranscript: Sendable {
    private let lines = Mutex<[String]>([])
    private let failures = Mutex<[String]>([])
    private let output: @Sendable (String) -> Void

    init(output: @escaping @Sendable (String) -> Void) {
        self.output = output
    }

    func step(_ title: String) {
        emit("")
        emit("── \(title) " + String(repeating: "─", count: max(0, 70 - title.count)))
    }

    func action(_ who: String, _ what: String) {
        emit("\(who) ▸ \(what)")
    }

    func saw(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { emit("    │ \(line)") }
    }

    func received(_ target: String, _ text: String) {
        let first = text.split(separator: "\n").first.map(String.init) ?? text
        emit("    ✉ \(target): \(first)")
    }

    /// Records a check; a failed one makes the demo exit non-zero.
    func check(_ condition: Bool, _ description: String) {
        if condition {
            emit("    ✓ \(description)")
        } else {
            emit("    ✗ \(description)")
            failures.withLock { $0.append(description) }
        }
    }

    var failed: [String] { failures.withLock { $0 } }

    private func emit(_ line: String) {
        lines.withLock { $0.append(line) }
        output(line)
    }
}
