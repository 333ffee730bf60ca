/// The subset of SOQL the Salesforce connector sends, parsed so the fake honours its WHERE
/// conditions: `SELECT f, … FROM Object WHERE c AND … [ORDER BY f ASC|DESC] [LIMIT n]`, each
/// condition `field = 'text'|null|true|false` or `field LIKE 'pattern'`. Anything else (OR, NOT,
/// IN, subqueries, bad escapes) is a `MALFORMED_QUERY`, as a query Salesforce could not run.
struct FakeSOQLQuery: Equatable {
    /// One element of a string literal: a character, or a LIKE wildcard.
    enum Element: Equatable {
        case character(Character)
        /// Unescaped `_`.
        case anyOne
        /// Unescaped `%`.
        case anyMany
    }

    /// A literal on the right of a condition.
    enum Literal: Equatable {
        case text([Element])
        case null
        case bool(Bool)
    }

    /// A WHERE condition.
    enum Condition: Equatable {
        case equals(field: String, Literal)
        case like(field: String, [Element])
    }

    var fields: [String]
    var object: String
    var conditions: [Condition]
    var orderBy: (field: String, ascending: Bool)?
    var limit: Int?

    static func == (lhs: FakeSOQLQuery, rhs: FakeSOQLQuery) -> Bool {
        lhs.fields == rhs.fields && lhs.object == rhs.object && lhs.conditions == rhs.conditions
            && lhs.orderBy?.field == rhs.orderBy?.field && lhs.orderBy?.ascending == rhs.orderBy?.ascending && lhs.limit == rhs.limit
    }

    /// Why a query was refused.
    struct Malformed: Error, Equatable {
        var message: String
    }

    /// Parses a query.
    static func parse(_ text: String) throws(Malformed) -> FakeSOQLQuery {
        var parser = FakeSOQLParser(tokens: try FakeSOQLTokenizer.tokens(text))
        return try parser.query()
    }
}

/// A SOQL token.
enum FakeSOQLToken: Equatable {
    case word(String)
    case string([FakeSOQLQuery.Element])
    case number(Int)
    case comma
    case equals
}

/// Splits SOQL into tokens, resolving string escapes (`\'`, `\\`, `\n`…, and `\%`, `\_` as
/// literal characters).
enum FakeSOQLTokenizer {
    static func tokens(_ text: String) throws(FakeSOQLQuery.Malformed) -> [FakeSOQLToken] {
        var tokens: [FakeSOQLToken] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
            } else if first == "," || first == "=" {
                tokens.append(first == "," ? .comma : .equals)
                rest = rest.dropFirst()
            } else if first == "'" {
                tokens.append(.string(try literal(&rest)))
            } else if first.isLetter || first == "_" {
                let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
                tokens.append(.word(String(word)))
                rest = rest.dropFirst(word.count)
            } else if first.isNumber {
                let digits = rest.prefix(while: \.isNumber)
                guard let number = Int(digits) else { throw .init(message: "bad number \(digits)") }
                tokens.append(.number(number))
                rest = rest.dropFirst(digits.count)
            } else {
                throw .init(message: "unexpected token: '\(first)'")
            }
        }
        return tokens
    }

    /// A quoted literal, from its opening quote; `rest` moves past the closing one.
    static func literal(_ rest: inout Substring) throws(FakeSOQLQuery.Malformed) -> [FakeSOQLQuery.Element] {
        rest = rest.dropFirst()
        var elements: [FakeSOQLQuery.Element] = []
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case "'": return elements
            case "%": elements.append(.anyMany)
            case "_": elements.append(.anyOne)
            case "\\":
                guard let escaped = rest.first else { throw .init(message: "unterminated escape") }
                rest = rest.dropFirst()
                elements.append(.character(try unescape(escaped)))
            default: elements.append(.character(character))
            }
        }
        throw .init(message: "unterminated string literal")
    }

    static func unescape(_ character: Character) throws(FakeSOQLQuery.Malformed) -> Character {
        switch character {
        case "n", "N": "\n"
        case "r", "R": "\r"
        case "t", "T": "\t"
        case "b", "B": "\u{08}"
        case "f", "F": "\u{0C}"
        case "\"", "'", "\\", "%", "_": character
        default: throw .init(message: "Invalid string literal: illegal escape sequence '\\\(character)'")
        }
    }
}

/// Builds a ``FakeSOQLQuery`` from tokens.
struct FakeSOQLParser {
    var tokens: [FakeSOQLToken]
    var index = 0

    mutating func query() throws(FakeSOQLQuery.Malformed) -> FakeSOQLQuery {
        try keyword("SELECT")
        var fields = [try word()]
        while peek() == .comma {
            index += 1
            fields.append(try word())
        }
        try keyword("FROM")
        let object = try word()
        var conditions: [FakeSOQLQuery.Condition] = []
        if peekKeyword("WHERE") {
            index += 1
            conditions.append(try condition())
            while peekKeyword("AND") {
                index += 1
                conditions.append(try condition())
            }
        }
        var orderBy: (field: String, ascending: Bool)?
        if peekKeyword("ORDER") {
            index += 1
            try keyword("BY")
            let field = try word()
            var ascending = true
            if peekKeyword("ASC") || peekKeyword("DESC") {
                ascending = peekKeyword("ASC")
                index += 1
            }
            orderBy = (field, ascending)
        }
        var limit: Int?
        if peekKeyword("LIMIT") {
            index += 1
            guard index < tokens.count, case .number(let count) = tokens[index] else { throw .init(message: "LIMIT needs a number") }
            index += 1
            limit = count
        }
        guard index == tokens.count else { throw .init(message: "unexpected token after the query: \(tokens[index])") }
        return FakeSOQLQuery(fields: fields, object: object, conditions: conditions, orderBy: orderBy, limit: limit)
    }

    private mutating func condition() throws(FakeSOQLQuery.Malformed) -> FakeSOQLQuery.Condition {
        let field = try word()
        if peekKeyword("LIKE") {
            index += 1
            guard index < tokens.count, case .string(let pattern) = tokens[index] else { throw .init(message: "LIKE needs a string") }
            index += 1
            return .like(field: field, pattern)
        }
        guard peek() == .equals else { throw .init(message: "unsupported operator after \(field)") }
        index += 1
        guard index < tokens.count else { throw .init(message: "missing value after \(field) =") }
        defer { index += 1 }
        switch tokens[index] {
        case .string(let elements):
            // Outside LIKE, `%` and `_` are plain characters.
            return .equals(field: field, .text(elements.map { element in
                switch element {
                case .character(let character): .character(character)
                case .anyOne: .character("_")
                case .anyMany: .character("%")
                }
            }))
        case .word(let word) where word.lowercased() == "null": return .equals(field: field, .null)
        case .word(let word) where ["true", "false"].contains(word.lowercased()): return .equals(field: field, .bool(word.lowercased() == "true"))
        default: throw .init(message: "unsupported value after \(field) =")
        }
    }

    private func peek() -> FakeSOQLToken? {
        index < tokens.count ? tokens[index] : nil
    }

    private func peekKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = peek() { return word.uppercased() == keyword }
        return false
    }

    private mutating func keyword(_ keyword: String) throws(FakeSOQLQuery.Malformed) {
        guard peekKeyword(keyword) else { throw .init(message: "expected \(keyword)") }
        index += 1
    }

    private static let reserved: Set = ["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT", "ASC", "DESC", "NULL", "TRUE", "FALSE"]

    private mutating func word() throws(FakeSOQLQuery.Malformed) -> String {
        guard case .word(let word) = peek(), !Self.reserved.contains(word.uppercased()) else {
            throw .init(message: "expected a field or object name")
        }
        index += 1
        return word
    }
}
