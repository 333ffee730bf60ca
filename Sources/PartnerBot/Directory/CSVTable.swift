/// A parsed CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends).
public struct CSVTable: Sendable, Equatable {
    /// The header names, trimmed and lowercased.
    public var header: [String]
    /// Data rows with their 1-based line number in the file (the header is line 1).
    public var rows: [(line: Int, fields: [String])]

    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        lhs.header == rhs.header && lhs.rows.map(\.line) == rhs.rows.map(\.line) && lhs.rows.map(\.fields) == rhs.rows.map(\.fields)
    }

    /// Parses CSV text. Blank lines are skipped.
    /// - Throws: `DirectoryImportError` for an unterminated quote or an empty file.
    public init(parsing text: String) throws(DirectoryImportError) {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var quotedField = false
        var line = 1
        var recordLine = 1
        var iterator = Array(text.unicodeScalars.map(Character.init))
        if iterator.first == "\u{FEFF}" { iterator.removeFirst() }
        var index = 0
        func endField() {
            fields.append(quotedField ? field : field.trimmedSpaces)
            field = ""
            quotedField = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index < iterator.count {
            let character = iterator[index]
            if inQuotes {
                if character == "\"" {
                    if index + 1 < iterator.count, iterator[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
            } else {
                switch character {
                case "\"" where field.trimmedSpaces.isEmpty:
                    field = ""
                    inQuotes = true
                    quotedField = true
                case ",":
                    endField()
                case "\r":
                    break
                case "\n":
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.append(character)
                }
            }
            index += 1
        }
        if inQuotes {
            throw DirectoryImportError(errors: [.init(row: recordLine, column: nil, message: "a quoted field is never closed")])
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            throw DirectoryImportError(errors: [.init(row: 1, column: nil, message: "the file is empty: it needs a header line")])
        }
        self.header = first.fields.map { $0.trimmedSpaces.lowercased() }
        self.rows = Array(records.dropFirst())
    }

    /// Checks the header is exactly `expected` (in order).
    public func requireHeader(_ expected: [String]) throws(DirectoryImportError) {
        guard header == expected else {
            throw DirectoryImportError(errors: [
                .init(row: 1, column: nil, message: "the header must be `\(expected.joined(separator: ","))`, found `\(header.joined(separator: ","))`")
            ])
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (how unquoted CSV fields are read).
    fileprivate var trimmedSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
