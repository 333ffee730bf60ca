/// The results of one benchmark, or why it could not run.
struct BenchmarkOutcome: Sendable {
    /// The benchmark's name.
    var name: String
    /// Its rows (a single `failure` row when it threw).
    var rows: [ResultRow]
    /// Wall time of the whole benchmark, setup included.
    var elapsed: Duration

    /// Whether any row is broken.
    var isBroken: Bool { rows.contains { $0.verdict == .broken } }
}

/// Renders the final table: one aligned block, a header, a rule, one line per row.
enum ResultTable {
    /// The table as text, ending with a one-line summary.
    static func render(_ outcomes: [BenchmarkOutcome]) -> String {
        let header = ["benchmark", "metric", "value", "unit", "target", "result"]
        var lines: [[String]] = []
        for outcome in outcomes {
            for (index, row) in outcome.rows.enumerated() {
                // Long values (error messages) are cut here; the full text went to standard error.
                let value = row.valueText.count > 60 ? row.valueText.prefix(59) + "…" : row.valueText
                lines.append([index == 0 ? outcome.name : "", row.metric, value, row.unit, row.targetText, row.verdict.rawValue])
            }
        }
        var widths = header.map(\.count)
        for line in lines {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        // Numbers and targets align right, words left.
        let rightAligned: Set<Int> = [2, 4]
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        var output = [render(header), String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1))]
        var previous: String?
        for (line, outcome) in zip(lines, outcomes.flatMap { outcome in outcome.rows.map { _ in outcome.name } }) {
            if let previous, previous != outcome { output.append("") }
            output.append(render(line))
            previous = outcome
        }
        let rows = outcomes.flatMap(\.rows)
        let passed = rows.filter { $0.verdict == .pass }.count
        let missed = rows.filter { $0.verdict == .miss }.count
        let broken = rows.filter { $0.verdict == .broken }.count
        output.append("")
        output.append("\(passed) passed, \(missed) missed target(s), \(broken) broken")
        return output.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
