import Foundation
import GRDB

extension Deal {
    /// Decodes a row by column name, without `Decodable`'s keyed containers (alert passes and
    /// listings read deals by the thousand).
    /// - Throws: `StorageError.corruptRow` for an unknown status.
    public init(row: Row) throws {
        let status: Status = try row.storedEnum(CodingKeys.status.rawValue, table: Self.databaseTableName)
        self.init(
            id: row[CodingKeys.id.rawValue], org: row[CodingKeys.org.rawValue], customerName: row[CodingKeys.customerName.rawValue],
            customerKey: row[CodingKeys.customerKey.rawValue], domain: row[CodingKeys.domain.rawValue],
            amountMinor: row[CodingKeys.amountMinor.rawValue], currency: row[CodingKeys.currency.rawValue],
            closeDate: row[CodingKeys.closeDate.rawValue], contact: row[CodingKeys.contact.rawValue], motion: row[CodingKeys.motion.rawValue],
            source: row[CodingKeys.source.rawValue], note: row[CodingKeys.note.rawValue], status: status, stage: row[CodingKeys.stage.rawValue],
            submittedBy: row[CodingKeys.submittedBy.rawValue], submittedTeam: row[CodingKeys.submittedTeam.rawValue],
            channelID: row[CodingKeys.channelID.rawValue], createdAt: row[CodingKeys.createdAt.rawValue],
            updatedAt: row[CodingKeys.updatedAt.rawValue], slaDueAt: row[CodingKeys.slaDueAt.rawValue],
            decidedAt: row[CodingKeys.decidedAt.rawValue], decidedBy: row[CodingKeys.decidedBy.rawValue], reason: row[CodingKeys.reason.rawValue],
            question: row[CodingKeys.question.rawValue], protectionStart: row[CodingKeys.protectionStart.rawValue],
            protectionEnd: row[CodingKeys.protectionEnd.rawValue], extensions: row[CodingKeys.extensions.rawValue],
            conflictWith: row[CodingKeys.conflictWith.rawValue])
    }
}
