import Synchronization

/// The SQL text PostgreSQL receives for a statement written with SQLite's placeholders: `?`
/// becomes `$1`, `$2`… in order, `:name` becomes one `$n` per distinct name. Quoted strings,
/// quoted identifiers, comments and `::` casts are left alone. Translations are cached (the bot
/// runs a few hundred distinct statements).
struct PostgresSQL: Sendable {
    /// The translated text.
    let text: String
    /// For `:name` statements, the names in `$n` order; empty for `?` statements.
    let names: [String]
    /// How many `?` placeholders the statement has.
    let positions: Int

    private static let cache = Mutex<[String: PostgresSQL]>([:])

    static func translate(_ sql: String) -> PostgresSQL {
        if let cached = cache.withLock({ $0[sql] }) { return cached }
        let translated = PostgresSQL(sqlite: sql)
        cache.withLock { $0[sql] = translated }
        return translated
    }

    init(sqlite sql: String) {
        var scanner = Scanner(Array(sql.unicodeScalars))
        var output = String.UnicodeScalarView()
        var names: [String] = []
        var position = 0
        while let scalar = scanner.peek() {
            switch scalar {
            case "'", "\"":
                // A quoted string or identifier, doubled quotes included, copied as is.
                output.append(contentsOf: scanner.quoted(by: scalar))
            case "-" where scanner.peek(1) == "-":
                output.append(contentsOf: scanner.take(while: { $0 != "\n" }))
            case "?":
                scanner.skip()
                position += 1
                output.append(contentsOf: "$\(position)".unicodeScalars)
            case ":" where scanner.peek(1) == ":":
                output.append(contentsOf: scanner.take(2))
            case ":" where scanner.peek(1).map(Scanner.startsName) == true:
                scanner.skip()
                let name = String(String.UnicodeScalarView(scanner.take(while: Scanner.continuesName)))
                if !names.contains(name) { names.append(name) }
                output.append(contentsOf: "$\(names.firstIndex(of: name)! + 1)".unicodeScalars)
            default:
                output.append(scalar)
                scanner.skip()
            }
        }
        self.text = String(output)
        self.names = names
        self.positions = position
    }

    /// Reads a statement's characters left to right.
    private struct Scanner {
        let characters: [Unicode.Scalar]
        var index = 0

        init(_ characters: [Unicode.Scalar]) {
            self.characters = characters
        }

        static func startsName(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }

        static func continuesName(_ scalar: Unicode.Scalar) -> Bool {
            startsName(scalar) || ("0"..."9").contains(scalar)
        }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        mutating func skip() {
            index += 1
        }

        mutating func take(_ count: Int) -> ArraySlice<Unicode.Scalar> {
            defer { index = min(index + count, characters.count) }
            return characters[index..<min(index + count, characters.count)]
        }

        mutating func take(while condition: (Unicode.Scalar) -> Bool) -> ArraySlice<Unicode.Scalar> {
            let start = index
            while let scalar = peek(), condition(scalar) { index += 1 }
            return characters[start..<index]
        }

        /// The quoted run starting here, its closing quote included (or the rest, unclosed).
        mutating func quoted(by quote: Unicode.Scalar) -> ArraySlice<Unicode.Scalar> {
            let start = index
            index += 1
            while let scalar = peek() {
                index += 1
                guard scalar == quote else { continue }
                if peek() == quote { index += 1 } else { break }
            }
            return characters[start..<index]
        }
    }
}
