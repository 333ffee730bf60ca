import Foundation
import Testing
@testable import SlackPlatform

@Suite("App Home views")
struct HomeViewTests {
    @Test func encodesAHomeViewWithItsBlocks() throws {
        let view = HomeView(blocks: [.header("Partner program"), .section(text: "*Hi* <@U1>")])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(view.json)) as? [String: Any])
        #expect(json["type"] as? String == "home")
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["type"] as? String } == ["header", "section"])
    }

    @Test func keepsWithinSlacksHundredBlocksAndSaysSo() {
        let many = (0..<150).map { Block.section(text: "line \($0)") }
        let view = HomeView(blocks: many)
        #expect(view.blocks.count == HomeView.maxBlocks)
        #expect(view.blocks[98] == .section(text: "line 98"))
        guard case .context(let texts) = view.blocks.last else {
            Issue.record("the last block should say that the rest did not fit")
            return
        }
        #expect(texts.first?.contains("slash commands") == true)
        #expect(HomeView(blocks: Array(many.prefix(100))).blocks == Array(many.prefix(100)))
    }
}
