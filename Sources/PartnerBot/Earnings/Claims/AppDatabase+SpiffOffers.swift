import Foundation
import GRDB

extension AppDatabase {
    /// The SPIFFs sent to an organisation whose window includes `day`, newest first (at most
    /// five): a won deal's notice offers a Claim button for each.
    func openSpiffs(org: String, on day: CalendarDate, db: any SQLDatabase) throws -> [(id: String, title: String)] {
        try SQLRow.fetchAll(
            db,
            sql: """
                SELECT a.id, a.title FROM announcement a JOIN announcement_org o ON o.announcement_id = a.id AND o.org = ?
                WHERE a.spiff_start <= ? AND a.spiff_end >= ? ORDER BY a.first_sent_at DESC LIMIT 5
                """,
            arguments: [org, day.description, day.description]
        ).map { (id: $0["id"], title: $0["title"]) }
    }
}
