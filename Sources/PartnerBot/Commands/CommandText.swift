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
        self.tokens = tokens
    }

    /// The bare words.
    public var words: [String] {
        tokens.compactMap { if case .word(let word) = $0 { word } else { nil } }
    }

    /// The first word, lowercased (the subcommand).
    public var head: String? { words.first?.lowercased() }
}
