/// One line of the results table: a metric, its value and unit, and what it is checked against.
///
/// Three kinds of rows:
/// - **info**: a number worth printing, with no target;
/// - **target**: a performance goal; missing it marks the row `miss` but never fails the process;
/// - **invariant**: a correctness check (no lost messages, every acknowledged write stored);
///   failing it marks the row `BROKEN` and the process exits non-zero.
struct ResultRow: Sendable {
    /// A measured value.
    enum Value: Sendable {
        /// A number, printed with thousands separators and `decimals` digits after the point.
        case number(Double, decimals: Int)
        /// A word or short phrase (e.g. `yes`).
        case text(String)
    }

    /// What a value is compared with.
    enum Target: Sendable {
        /// `value ≥ bound`.
        case atLeast(Double)
        /// `value ≤ bound`.
        case atMost(Double)
        /// `value < bound`.
        case below(Double)
        /// `value == bound`.
        case equals(Double)

        /// Whether `value` meets the target.
        func isMet(by value: Double) -> Bool {
            switch self {
            case .atLeast(let bound): value >= bound
            case .atMost(let bound): value <= bound
            case .below(let bound): value < bound
            case .equals(let bound): value == bound
            }
        }

        /// The target as printed, e.g. `≥ 15,000`.
        var text: String {
            switch self {
            case .atLeast(let bound): "≥ " + NumberText.format(bound, decimals: NumberText.decimals(of: bound))
            case .atMost(let bound): "≤ " + NumberText.format(bound, decimals: NumberText.decimals(of: bound))
            case .below(let bound): "< " + NumberText.format(bound, decimals: NumberText.decimals(of: bound))
            case .equals(let bound): "= " + NumberText.format(bound, decimals: NumberText.decimals(of: bound))
            }
        }
    }

    /// How the row is judged.
    enum Verdict: String, Sendable {
        /// Informational: nothing to judge.
        case info = ""
        /// The target or invariant holds.
        case pass
        /// A performance target was missed (the process still succeeds).
        case miss
        /// A correctness invariant failed, or the benchmark could not run: the process fails.
        case broken = "BROKEN"
    }

    /// What is measured, e.g. `messages/s (concurrency 8)`.
    var metric: String
    /// The measured value.
    var value: Value
    /// The unit, e.g. `msg/s`, `ms`, `MB`.
    var unit: String
    /// The target as printed (empty for info rows).
    var targetText: String
    /// The verdict.
    var verdict: Verdict

    /// A number with no target.
    static func info(_ metric: String, _ value: Double, _ unit: String, decimals: Int = 0) -> ResultRow {
        ResultRow(metric: metric, value: .number(value, decimals: decimals), unit: unit, targetText: "", verdict: .info)
    }

    /// A phrase with no target.
    static func note(_ metric: String, _ text: String) -> ResultRow {
        ResultRow(metric: metric, value: .text(text), unit: "", targetText: "", verdict: .info)
    }

    /// A performance goal: a miss is reported, never fatal.
    static func target(_ metric: String, _ value: Double, _ unit: String, _ target: Target, decimals: Int = 0) -> ResultRow {
        ResultRow(
            metric: metric, value: .number(value, decimals: decimals), unit: unit, targetText: target.text,
            verdict: target.isMet(by: value) ? .pass : .miss)
    }

    /// A correctness check on a number: when it fails, the process exits non-zero.
    static func invariant(_ metric: String, _ value: Double, _ unit: String, _ target: Target, decimals: Int = 0) -> ResultRow {
        ResultRow(
            metric: metric, value: .number(value, decimals: decimals), unit: unit, targetText: target.text,
            verdict: target.isMet(by: value) ? .pass : .broken)
    }

    /// A yes/no correctness check, printed as `yes` or `no` (e.g. "durable").
    static func check(_ metric: String, _ holds: Bool, expected: String = "yes") -> ResultRow {
        ResultRow(metric: metric, value: .text(holds ? "yes" : "no"), unit: "", targetText: expected, verdict: holds ? .pass : .broken)
    }

    /// A benchmark that could not run, with the reason in place of a value.
    static func failure(_ metric: String, _ reason: String) -> ResultRow {
        ResultRow(metric: metric, value: .text(reason), unit: "", targetText: "", verdict: .broken)
    }

    /// The value as printed.
    var valueText: String {
        switch value {
        case .number(let number, let decimals): NumberText.format(number, decimals: decimals)
        case .text(let text): text
        }
    }
}

/// Locale-independent number formatting: `12,345.6`.
enum NumberText {
    /// Formats with thousands separators and a fixed number of decimals.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let scale = pow10(decimals)
        let rounded = (abs(value) * scale).rounded()
        let whole = UInt64(rounded / scale)
        let fraction = UInt64(rounded - Double(whole) * scale)
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        if decimals > 0 {
            let fractionText = String(fraction)
            grouped += "." + String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        }
        return (value < 0 && rounded > 0 ? "-" : "") + grouped
    }

    /// Decimals needed to show a target bound exactly (0, 1 or 2).
    static func decimals(of value: Double) -> Int {
        if value == value.rounded() { return 0 }
        if value * 10 == (value * 10).rounded() { return 1 }
        return 2
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }
}
