import Foundation

extension AnnouncementParser {
    /// Reads and parses every `*.md` file of a folder, sorted by name (hidden files skipped).
    ///
    /// This is the only function of the announcement input that touches the file system; the
    /// parsing itself is ``parse(_:file:rules:)``.
    /// - Parameters:
    ///   - directory: The folder, e.g. `Announcements`.
    ///   - rules: What to validate against.
    /// - Returns: The valid announcements, and every problem found: one per invalid or
    ///   unreadable file, one per duplicate id (on the later file, naming the earlier), or a
    ///   single error naming the folder when it cannot be listed.
    public static func loadAll(directory: String, rules: AnnouncementRules) -> (announcements: [Announcement], errors: [YAMLFileError]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.lowercased().hasSuffix(".md") && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            return ([], [YAMLFileError(file: directory, line: nil, key: nil, message: "the announcements folder cannot be read: check the path")])
        }
        var files: [(file: String, text: String)] = []
        var unreadable: [YAMLFileError] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                unreadable.append(YAMLFileError(file: path, line: nil, key: nil, message: "cannot be read as UTF-8 text"))
                continue
            }
            files.append((path, text))
        }
        let result = parseAll(files, rules: rules)
        return (result.announcements, unreadable + result.errors)
    }
}
