/// The words of a command's text: quotes group words, `key:value` pairs are options.
///
/// `Acme Corp amount:50k note:"call Bob"` → words `["Acme", "Corp"]`, options `amount=50k`, `note=call Bob`.
public struct CommandText: Sendable, Equatable {
    /// A token: a bare word or a `key:value` option, in order of appearance.
    public enum Token: Sendable, Equatable {
        /// A word (quotes removed).
        case word(String)
        /// A `key:value` option (key lowercased, quotes removed from the value).
        case option(key: String, value: String)
    }

    /// Tokens in order.
    public var tokens: [Token]

    /// Splits text into tokens. Straight and typographic double quotes both group.
    public init(_ text: String) {
        var text = text
        self.tokens = text.withUTF8({ Self.asciiTokens($0) }) ?? Self.graphemeTokens(text)
    }

    /// Tokens from the text's characters (grapheme clusters): the general path.
    static func graphemeTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var key: String?
        var inQuotes = false
        var hasToken = false
        func flush() {
            if hasToken {
                if let key { tokens.append(.option(key: key, value: current)) } else { tokens.append(.word(current)) }
            }
            current = ""
            key = nil
            hasToken = false
        }
        for character in text {
            if character == "\"" || character == "\u{201C}" || character == "\u{201D}" {
                inQuotes.toggle()
                hasToken = true
            } else if character.isWhitespace && !inQuotes {
                flush()
            } else if character == ":" && !inQuotes && key == nil && !current.isEmpty
                && current.allSatisfy({ $0.isLetter || $0 == "_" }) && current.unicodeScalars.allSatisfy(\.isASCII)
            {
                key = current.lowercased()
                current = ""
                hasToken = true
            } else {
                current.append(character)
                hasToken = true
            }
        }
        flush()
        return tokens
    }

    /// The same tokens for text that is all ASCII, from its bytes (graphemes are bytes there, so
    /// the result is identical); `nil` for any other text.
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token]? {
        for byte in bytes where byte >= 0x80 { return nil }
        var tokens: [Token] = []
        var start = 0
        var current: [UInt8] = []
        var key: String?
        var inQuotes = false
        var hasToken = false
        var keyCandidate = true  // `current` holds only letters and `_` so far
        func flush() {
            if hasToken {
                let value = String(decoding: current, as: UTF8.self)
                if let key { tokens.append(.option(key: key, value: value)) } else { tokens.append(.word(value)) }
            }
            current.removeAll(keepingCapacity: true)
            key = nil
            hasToken = false
            keyCandidate = true
        }
        while start < bytes.count {
            let byte = bytes[start]
            start += 1
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                hasToken = true
            } else if (byte == 0x20 || (0x09...0x0D).contains(byte)) && !inQuotes {
                flush()
            } else if byte == UInt8(ascii: ":") && !inQuotes && key == nil && !current.isEmpty && keyCandidate {
                key = String(decoding: current, as: UTF8.self).lowercased()
                current.removeAll(keepingCapacity: true)
                hasToken = true
            } else {
                current.append(byte)
                hasToken = true
                let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "_")
                if !isLetter { keyCandidate = false }
            }
        }
        flush()
        return tokens
    }

    /// The bare words.
    public var words: [String] {
        tokens.compactMap { if case .word(let word) = $0 { word } else { nil } }
    }

    /// The first word, lowercased (the subcommand).
    public var head: String? { words.first?.lowercased() }
}
