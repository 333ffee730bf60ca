import Foundation

/// A Markdown file split into its YAML front matter and its body, remembering which file lines
/// they came from so errors can point at the right line.
///
/// ```text
/// line 1   ---            ← opening delimiter, always the first line
/// line 2   id: x          ← YAML line 1
/// line 3   ---            ← closing delimiter
/// line 4   *Body*
/// ```
struct AnnouncementFrontMatter: Equatable {
    /// The YAML between the delimiters.
    var yaml: String
    /// The file line of the opening `---`: always 1, the delimiter must open the file.
    var openingLine: Int
    /// The file line of the closing `---`.
    var closingLine: Int
    /// Everything after the closing `---`, lines joined by `\n`.
    var body: String
    /// The file line of the body's first non-blank line (the closing line when there is none).
    var bodyFirstLine: Int

    /// The file line of a line of the YAML text (Yams numbers lines from 1).
    func fileLine(ofYAMLLine line: Int) -> Int { openingLine + line }

    /// Splits a file. Line endings may be `\n` or `\r\n`; a leading byte-order mark is ignored.
    /// Delimiters are lines of exactly `---`, trailing spaces allowed.
    /// - Throws: `YAMLFileError` on line 1 when the file does not start with `---`, or when that
    ///   `---` is never closed.
    static func split(_ text: String, file: String) throws(YAMLFileError) -> AnnouncementFrontMatter {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        guard let first = lines.first, isDelimiter(first) else {
            throw YAMLFileError(
                file: file, line: 1, key: nil,
                message: "missing front matter: the file must start with a line `---`, then the keys (id, title, …), then a closing `---`, then the body")
        }
        guard let closing = lines.indices.dropFirst().first(where: { isDelimiter(lines[$0]) }) else {
            throw YAMLFileError(
                file: file, line: 1, key: nil,
                message: "unterminated front matter: the `---` on line 1 is never closed; add a `---` line after the last key, before the body")
        }
        let bodyLines = lines[(closing + 1)...]
        let firstContent = bodyLines.firstIndex { !$0.allSatisfy(\.isWhitespace) }
        return AnnouncementFrontMatter(
            yaml: lines[1..<closing].joined(separator: "\n"),
            openingLine: 1,
            closingLine: closing + 1,
            body: bodyLines.joined(separator: "\n"),
            bodyFirstLine: firstContent.map { $0 + 1 } ?? closing + 1)
    }

    private static func isDelimiter(_ line: String) -> Bool {
        line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
