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

    private static let cache = Mutex<[String: PostgresSQL]>([:])

    static func translate(_ sql: String) -> PostgresSQL {
        if let cached = cache.withLock({ $0[sql] }) { return cached }
        let translated = PostgresSQL(sqlite: sql)
        cache.withLock { $0[sql] = translated }
        return translated
    }

    init(sqlite sql: String) {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var names: [String] = []
        var position = 0
        let characters = Array(sql.unicodeScalars)
        var index = 0
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        while index < characters.count {
            let scalar = characters[index]
            switch scalar {
            case "'", "\"":
                // A quoted string or identifier, doubled quotes included, copied as is.
                var end = index + 1
                while end < characters.count {
                    if characters[end] == scalar {
                        if end + 1 < characters.count, characters[end + 1] == scalar { end += 2; continue }
                        break
                    }
                    end += 1
                }
                output.unicodeScalars.append(contentsOf: characters[index...min(end, characters.count - 1)])
                index = end + 1
            case "-" where index + 1 < characters.count && characters[index + 1] == "-":
                var end = index
                while end < characters.count, characters[end] != "\n" { end += 1 }
                output.unicodeScalars.append(contentsOf: characters[index..<end])
                index = end
            case "?":
                position += 1
                output += "$\(position)"
                index += 1
            case ":" where index + 1 < characters.count && characters[index + 1] == ":":
                output += "::"
                index += 2
            case ":" where index + 1 < characters.count && isNameCharacter(characters[index + 1]) && !("0"..."9").contains(characters[index + 1]):
                var end = index + 1
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(characters[(index + 1)..<end]))
                if let existing = names.firstIndex(of: name) {
                    output += "$\(existing + 1)"
                } else {
                    names.append(name)
                    output += "$\(names.count)"
                }
                index = end
            default:
                output.unicodeScalars.append(scalar)
                index += 1
            }
        }
        self.text = output
        self.names = names
    }
}
