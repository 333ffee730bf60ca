import Testing
@testable import PartnerBot
import PartnerBotDev

@Suite("partnerbot demo")
struct DemoTests {
    @Test func theWholeStoryBehaves() async throws {
        let lines = LinesBox()
        let failures = try await Demo.run(commandsDirectory: TestSupport.path("Commands")) { lines.append($0) }
        #expect(failures.isEmpty, "\(failures)")
        #expect(lines.all.contains { $0.contains("DR-1") })
        #expect(lines.all.filter { $0.contains("✓") }.count >= 17)
        #expect(lines.all.contains { $0.contains("UANNDEMO01: (Home tab published)") })
    }
}
