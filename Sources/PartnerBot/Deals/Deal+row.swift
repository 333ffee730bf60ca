import Foundation

extension Deal {
    /// Decodes a row by column name, without `Decodable`'s keyed containers (alert passes and
    /// listings read deals by the thousand).
    /// - Throws: `StorageError.corruptRow` for an unknown status.
    public init(row: SQLRow) throws {
        let status: Status = try row.storedEnum(Column.status.rawValue, table: Self.databaseTableName)
        self.init(
            id: row[Column.id.rawValue], org: row[Column.org.rawValue], customerName: row[Column.customerName.rawValue],
            customerKey: row[Column.customerKey.rawValue], domain: row[Column.domain.rawValue],
            amountMinor: row[Column.amountMinor.rawValue], currency: row[Column.currency.rawValue],
            closeDate: row[Column.closeDate.rawValue], contact: row[Column.contact.rawValue], motion: row[Column.motion.rawValue],
            source: row[Column.source.rawValue], note: row[Column.note.rawValue], status: status, stage: row[Column.stage.rawValue],
            submittedBy: row[Column.submittedBy.rawValue], submittedTeam: row[Column.submittedTeam.rawValue],
            channelID: row[Column.channelID.rawValue], createdAt: row[Column.createdAt.rawValue],
            updatedAt: row[Column.updatedAt.rawValue], slaDueAt: row[Column.slaDueAt.rawValue],
            decidedAt: row[Column.decidedAt.rawValue], decidedBy: row[Column.decidedBy.rawValue], reason: row[Column.reason.rawValue],
            question: row[Column.question.rawValue], protectionStart: row[Column.protectionStart.rawValue],
            protectionEnd: row[Column.protectionEnd.rawValue], extensions: row[Column.extensions.rawValue],
            conflictWith: row[Column.conflictWith.rawValue])
    }
}

extension Deal {
    /// The columns ``init(positional:)`` reads, in its order (select them with ``selection``).
    static let positionalColumns: [Column] = [
        .id, .org, .customerName, .customerKey, .domain, .amountMinor, .currency, .closeDate, .contact, .motion, .source, .note, .status,
        .stage, .submittedBy, .submittedTeam, .channelID, .createdAt, .updatedAt, .slaDueAt, .decidedAt, .decidedBy, .reason, .question,
        .protectionStart, .protectionEnd, .extensions, .conflictWith,
    ]

    /// `SELECT \(Deal.selection) FROM deal …` for ``init(positional:)``.
    static let selection = positionalColumns.map(\.rawValue).joined(separator: ", ")

    /// Decodes a row selected with ``selection`` by position: listings read fifty deals a
    /// request, and looking up 28 columns by name was a tenth of `/deal status`.
    /// - Throws: `StorageError.corruptRow` for an unknown status.
    init(positional row: SQLRow) throws {
        let statusText: String = row[12]
        guard let status = Status(rawValue: statusText) else {
            throw StorageError.corruptRow(table: Self.databaseTableName, reason: "unknown status \(statusText)")
        }
        self.init(
            id: row[0], org: row[1], customerName: row[2], customerKey: row[3], domain: row[4], amountMinor: row[5], currency: row[6],
            closeDate: row[7], contact: row[8], motion: row[9], source: row[10], note: row[11], status: status, stage: row[13],
            submittedBy: row[14], submittedTeam: row[15], channelID: row[16], createdAt: row[17], updatedAt: row[18], slaDueAt: row[19],
            decidedAt: row[20], decidedBy: row[21], reason: row[22], question: row[23], protectionStart: row[24], protectionEnd: row[25],
            extensions: row[26], conflictWith: row[27])
    }

    /// The deals a cached statement selecting ``selection`` returns.
    static func fetchAllPositional(_ statement: SQLStatement, arguments: SQLArguments) throws -> [Deal] {
        var deals: [Deal] = []
        try statement.database.forEachRow(sql: statement.sql, arguments: arguments) { deals.append(try Deal(positional: $0)) }
        return deals
    }

    /// Every column of the struct, for updates (``SQLPersistable``).
    public var storedColumns: [(column: String, value: SQLValue)] {
        let values: [SQLValue] = [
            id.sqlValue, org.sqlValue, customerName.sqlValue, customerKey.sqlValue, domain.sqlValue, amountMinor.sqlValue,
            currency.sqlValue, closeDate.sqlValue, contact.sqlValue, motion.sqlValue, source.sqlValue, note.sqlValue,
            .text(status.rawValue), stage.sqlValue, submittedBy.sqlValue, submittedTeam.sqlValue, channelID.sqlValue,
            createdAt.storedValue, updatedAt.storedValue, slaDueAt.storedValue, (decidedAt?.storedValue) ?? .null, decidedBy.sqlValue,
            reason.sqlValue, question.sqlValue, (protectionStart?.storedValue) ?? .null, (protectionEnd?.storedValue) ?? .null,
            extensions.sqlValue, conflictWith.sqlValue,
        ]
        return zip(Self.positionalColumns, values).map { ($0.rawValue, $1) }
    }
}

extension DealAuditEntry {
    public init(row: SQLRow) throws {
        self.init(
            id: row["id"], dealID: row["deal_id"], at: row["at"], actor: row["actor"], action: row["action"],
            fromStatus: row["from_status"], toStatus: row["to_status"], detail: row["detail"])
    }
}
