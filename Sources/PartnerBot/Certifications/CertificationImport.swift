/// Validates an LMS export (pure: no I/O).
public enum CertificationImport {
    /// The header of the file.
    public static let header = ["team_id", "user_id", "track", "earned", "expires", "credential"]

    /// Parses and validates the CSV.
    /// - Throws: `DirectoryImportError` listing every bad row.
    public static func rows(csv text: String, tracks: [CertificationTrack], today: CalendarDate) throws(DirectoryImportError) -> [CertificationImportRow] {
        let table = try CSVTable(parsing: text)
        try table.requireHeader(header)
        var problems: [DirectoryImportError.Problem] = []
        var rows: [CertificationImportRow] = []
        var seen: [String: Int] = [:]
        for (line, fields) in table.rows {
            func problem(_ column: String?, _ message: String) { problems.append(.init(row: line, column: column, message: message)) }
            guard fields.count == header.count else {
                problem(nil, "expected \(header.count) columns, found \(fields.count)")
                continue
            }
            let (team, user, trackID) = (fields[0], fields[1], fields[2].lowercased())
            var valid = true
            if !DirectoryImport.isSlackID(team, prefixes: ["T", "E"]) { problem("team_id", "\"\(team)\" is not a Slack workspace id (like T012ABCDE)"); valid = false }
            if !DirectoryImport.isSlackID(user, prefixes: ["U", "W"]) { problem("user_id", "\"\(user)\" is not a Slack user id (like U012ABCDE)"); valid = false }
            if !tracks.contains(where: { $0.id == trackID }) {
                problem("track", "\"\(fields[2])\" is not a track (\(tracks.map(\.id).joined(separator: ", ")))")
                valid = false
            }
            var earned: CalendarDate?
            if !fields[3].isEmpty {
                earned = CalendarDate(iso: fields[3])
                if earned == nil { problem("earned", "\"\(fields[3])\" is not a date (YYYY-MM-DD)"); valid = false }
                if let day = earned, day > today { problem("earned", "\(day) is in the future"); valid = false }
            }
            var expires: CalendarDate?
            if !fields[4].isEmpty {
                expires = CalendarDate(iso: fields[4])
                if expires == nil { problem("expires", "\"\(fields[4])\" is not a date (YYYY-MM-DD)"); valid = false }
                if earned == nil, expires != nil { problem("expires", "an expiry needs an earned date"); valid = false }
                if let earned, let expires, expires <= earned { problem("expires", "\(expires) is not after the earned date \(earned)"); valid = false }
            }
            let credential = fields[5].isEmpty ? nil : fields[5]
            if let credential, credential.count > 500 || credential.contains(where: \.isNewline) { problem("credential", "the credential must be one line of at most 500 characters"); valid = false }
            let key = "\(team)/\(user)/\(trackID)/\(earned?.description ?? "-")"
            if let first = seen[key] { problem(nil, "the same certification appears again (first on row \(first))"); valid = false }
            seen[key] = seen[key] ?? line
            if valid { rows.append(.init(line: line, teamID: team, userID: user, track: trackID, earned: earned, expires: expires, credential: credential)) }
        }
        guard problems.isEmpty else { throw DirectoryImportError(errors: problems) }
        return rows
    }
}
