import Foundation
import Testing
@testable import PartnerBot

@Suite("LMS certification import")
struct CertificationImportTests {
    @Test func badRowsAreAllReportedAndNothingIsImported() async throws {
        let csv = """
            team_id,user_id,track,earned,expires,credential
            TACME00001,UANN000001,product-fundamentals,2026-03-01,,LMS-1
            TACME00001,not-a-user,product-fundamentals,2026-03-01,,
            TACME00001,UANN000002,astrology,2026-03-01,,
            TACME00001,UANN000003,sales-pro,2026-13-01,,
            TACME00001,UANN000004,sales-pro,2026-03-01,2026-02-01,
            TACME00001,UANN000005,sales-pro,2030-03-01,,
            TACME00001,UANN000001,product-fundamentals,2026-03-01,,LMS-1
            """
        #expect {
            _ = try CertificationImport.rows(csv: csv, tracks: CertificationTrack.defaults, today: TestSupport.today)
        } throws: { error in
            guard let error = error as? DirectoryImportError else { return false }
            let places = error.errors.map { "\($0.row):\($0.column ?? "-")" }
            return places == ["3:user_id", "4:track", "5:earned", "6:expires", "7:earned", "8:-"]
        }
    }

    @Test func importIsIdempotentAndUnknownPeopleAbortTheWholeFile() async throws {
        let app = try await TestApp.program()
        let good = """
            team_id,user_id,track,earned,expires,credential
            TACME00001,UANN000001,product-fundamentals,2026-03-01,,LMS-1
            TGLOBEX001,UBOB000001,product-fundamentals,2026-05-01,2027-05-01,LMS-2
            TGLOBEX001,UBOB000002,sales-pro,,,
            """
        let rows = try CertificationImport.rows(csv: good, tracks: CertificationTrack.defaults, today: TestSupport.today)
        let first = try await app.database.importCertifications(rows, tracks: CertificationTrack.defaults, now: TestSupport.now)
        #expect(first.inserted == 3)
        let second = try await app.database.importCertifications(rows, tracks: CertificationTrack.defaults, now: TestSupport.now)
        #expect(second.inserted == 0 && second.updated == 0)
        let acme = try await app.database.certifications(org: "acme-resell")
        #expect(acme.first?.expiresOn == "2028-03-01")
        let bad = try CertificationImport.rows(
            csv: "team_id,user_id,track,earned,expires,credential\nTACME00001,UANN000009,sales-pro,2026-03-01,,\nTNOBODY001,UNOBODY001,sales-pro,2026-03-01,,\n",
            tracks: CertificationTrack.defaults, today: TestSupport.today)
        await #expect(throws: DirectoryImportError.self) {
            try await app.database.importCertifications(bad, tracks: CertificationTrack.defaults, now: TestSupport.now)
        }
        #expect(try await app.database.certifications(org: "acme-resell").count == 1)
    }
}
