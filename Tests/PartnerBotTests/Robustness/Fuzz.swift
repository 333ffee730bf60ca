import FakeSlack

/// Fuzz input from a seeded generator, so fuzz runs are repeatable.
struct Fuzz {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    static let alphabet: [String] = [
        "a", "Z", "0", " ", " ", ":", "\"", "“", "'", "<", ">", "&", "@", "#", "!", "|", "%", "+", "=", "\n", "\t", "\u{0}", "\u{7}",
        "é", "ß", "漢", "🙂", "\u{202E}", "\u{FFFD}", "DR-", "C-", "k", "m", "$", "€", ",", ".", "-", "_", "/", "\\", ";", "--",
        "amount:", "close:", "domain:", "contact:", "note:", "org:", "credential:", "earned:", "2027-02-30", "2031-01-01", "<!channel>",
        "<@U123|x>", "<http://x.y|z>", "&lt;", "'); DROP TABLE deal;--", "help", "status", "approve", "claim", "grant", "list",
    ]

    /// A random string from fragments that tend to break parsers.
    mutating func text(maxParts: Int = 12) -> String {
        (0..<int(0..<(maxParts + 1))).map { _ in pick(Self.alphabet) }.joined()
    }

    /// Random bytes, including invalid UTF-8.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// Mutates bytes: flips, deletes and duplicates a few.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<int(1..<6) where !bytes.isEmpty {
            let index = int(0..<bytes.count)
            switch int(0..<3) {
            case 0: bytes[index] = UInt8(truncatingIfNeeded: next())
            case 1: bytes.remove(at: index)
            default: bytes.insert(bytes[index], at: index)
            }
        }
        return bytes
    }
}
