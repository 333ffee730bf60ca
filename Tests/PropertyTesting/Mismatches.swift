import Testing

/// Compares the results of many generated cases with a reference, recording only the first few
/// mismatches in full so that one divergence does not flood the log; `finish()` reports the total.
public struct Mismatches {
    private var count = 0

    /// Starts with no mismatch.
    public init() {}

    /// Records a mismatch when `actual` differs from `reference` (`input` describes the case).
    public mutating func check<Value: Equatable>(
        _ actual: Value, _ reference: Value, _ input: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard actual != reference else { return }
        count += 1
        if count <= 5 {
            Issue.record("For \(input()): got \(actual), the reference gives \(reference)", sourceLocation: sourceLocation)
        }
    }

    /// Fails the test when any case differed.
    public func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(count == 0, "\(count) generated cases differ", sourceLocation: sourceLocation)
    }
}
