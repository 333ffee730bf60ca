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
        var characters = Array(text.unicodeScalars.map(Character.init))
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var scanner = CSVScanner()
        var index = 0
        while index < characters.count {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if scanner.take(characters[index], next: next) { index += 1 }
            index += 1
        }
        let records = try scanner.finish()
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

/// Reads CSV (RFC 4180 quoting) one character at a time, keeping the line each record starts on.
private struct CSVScanner {
    private(set) var records: [(line: Int, fields: [String])] = []
    private var fields: [String] = []
    private var field = ""
    private var inQuotes = false
    private var quotedField = false
    private var line = 1
    private var recordLine = 1

    /// Takes one character (`next` is the one after it).
    /// - Returns: `true` when `next` was consumed too (an escaped quote).
    mutating func take(_ character: Character, next: Character?) -> Bool {
        if inQuotes {
            if character == "\"" {
                if next == "\"" {
                    field.append("\"")
                    return true
                }
                inQuotes = false
            } else {
                if character == "\n" { line += 1 }
                field.append(character)
            }
            return false
        }
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
        return false
    }

    /// The records, once the text is read.
    /// - Throws: `DirectoryImportError` for a quote never closed.
    mutating func finish() throws(DirectoryImportError) -> [(line: Int, fields: [String])] {
        if inQuotes {
            throw DirectoryImportError(errors: [.init(row: recordLine, column: nil, message: "a quoted field is never closed")])
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    private mutating func endField() {
        fields.append(quotedField ? field : field.trimmedSpaces)
        field = ""
        quotedField = false
    }

    private mutating func endRecord() {
        endField()
        if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
        fields = []
    }
}
