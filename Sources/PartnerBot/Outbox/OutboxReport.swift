import Foundation

/// Renders `partnerbot outbox status`.
public enum OutboxReport {
    /// A readable report.
    public static func text(_ status: OutboxStatus) -> String {
        var lines = ["outbox:"]
        for state in OutboxRecord.State.allCases {
            lines.append("  \(state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(status.counts[state] ?? 0)")
        }
        if let age = status.oldestPendingAge {
            lines.append("  oldest unsent message: \(Int(age.rounded()))s old")
        } else {
            lines.append("  nothing waiting")
        }
        if !status.recentErrors.isEmpty {
            lines.append("recent errors:")
            for error in status.recentErrors {
                lines.append("  #\(error.id) \(error.method) → \(error.target) [\(error.state.rawValue)]: \(error.error)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
