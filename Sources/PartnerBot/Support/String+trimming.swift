extension StringProtocol {
    /// Without leading and trailing whitespace and line breaks: the same characters as
    /// Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` (Unicode `Z*`, tab,
    /// U+000A–U+000D, U+0085 and the zero-width space U+200B), without bridging through Foundation. Text with no whitespace at
    /// either end, the usual case, is returned without scanning.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.isTrimmedWhitespace && !last.isTrimmedWhitespace { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.isTrimmedWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isTrimmedWhitespace })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[start...end])
        return String(result)
    }
}

extension Unicode.Scalar {
    /// Whitespace or a line break, as in `CharacterSet.whitespacesAndNewlines`.
    var isTrimmedWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0x200B: return true
        case 0...0x7F: return false
        default:
            switch properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}

extension StringProtocol {
    /// The words of the text, split on whitespace like `split(maxSplits:whereSeparator: \.isWhitespace)`,
    /// but straight from the bytes when the text is all ASCII (no grapheme breaking).
    func splitOnWhitespace(maxSplits: Int = .max) -> [SubSequence] {
        let utf8 = self.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return split(maxSplits: maxSplits, whereSeparator: \.isWhitespace) }
        var parts: [SubSequence] = []
        var index = utf8.startIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while index != utf8.endIndex {
            if parts.count == maxSplits {
                // Like the standard library: the rest starts right after one separator.
                parts.append(self[index...])
                break
            }
            guard let start = utf8[index...].firstIndex(where: { !isSpace($0) }) else { break }
            let end = utf8[start...].firstIndex(where: isSpace) ?? utf8.endIndex
            parts.append(self[start..<end])
            // Skip exactly one separator character; "\r\n" is one character.
            if end == utf8.endIndex {
                index = end
            } else {
                index = utf8.index(after: end)
                if utf8[end] == 0x0D, index != utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            }
        }
        return parts
    }
}
