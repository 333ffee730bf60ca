import Foundation
import HummingbirdTesting
import Testing
@testable import PartnerBot
import SlackPlatform

@Suite("/program report, driven by signed requests")
struct ProgramCommandTests {
    static let manager = ProgramFixture.acmeManager

    @Test func managersGetTheReportAndPartnersAreRefused() async throws {
        let app = try await TestApp.program()
        try await app.test(.router) { client in
            let (ann, bob) = (ProgramFixture.ann, ProgramFixture.bob)
            _ = try await client.command("/register", "Acme Corp domain:acme.com amount:50k source:sourced", user: ann.user, team: ann.team)
            _ = try await client.command("/register", "Globex domain:globex.com amount:EUR 20k", user: bob.user, team: bob.team)
            _ = try await client.click("deal_approve", "DR-1", user: Self.manager, team: ProgramFixture.vendorTeam, channel: ProgramFixture.managersChannel)

            let report = try await client.command("/program", "report by:partner", user: Self.manager, team: ProgramFixture.vendorTeam)
            #expect(report.status == .ok)
            let body = report.text
            #expect(body.contains("Program report · Q1 2027"))
            #expect(body.contains("*Submitted*\\n2"))
            #expect(body.contains("▇"), "shares are drawn as text bars")
            #expect(body.contains("$50,000"), "the open pipeline in dollars")
            #expect(!body.contains("$70,000") && !body.contains("70,000"), "currencies are never summed")
            #expect(body.contains("By partner (page 1 of 1)"))

            let refused = try await client.command("/program", "report", user: ann.user, team: ann.team)
            #expect(!refused.replyText.contains("Program report"))
            #expect(!refused.text.contains("Acme"))
            let usage = try await client.command("/program", "report by:colour", user: Self.manager, team: ProgramFixture.vendorTeam)
            #expect(usage.replyText.contains("by:tier"))
        }
    }

    @Test func longBreakdownsComeAPageAtATime() async throws {
        let database = try await ReportTimeline.build()
        var report = try await database.programReport(
            period: ReportPeriod(.yearToDate, asOf: ReportTimeline.asOf), breakdown: .partner, asOf: ReportTimeline.asOf)
        report.groups = (1...23).map { ProgramReport.Group(key: "org-\($0)", name: "Org \($0)", figures: report.totals) }
        let command = ProgramCommand.report(.yearToDate, by: .partner, page: 2)
        let reply = ProgramReportMessage(report: report, command: command, page: 2).reply
        let text = String(decoding: reply.json, as: UTF8.self)
        #expect(text.contains("page 2 of 3"))
        #expect(text.contains("Org 11") && text.contains("Org 20") && !text.contains("Org 21*") && !text.contains("*Org 1*"))
        #expect(text.contains("report ytd by:partner page:1") && text.contains("report ytd by:partner page:3"), "Previous and Next")
        #expect(ProgramCommand.parse("report ytd by:partner page:3") == .report(.yearToDate, by: .partner, page: 3))
    }
}
