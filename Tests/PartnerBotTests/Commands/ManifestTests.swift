import Testing
import Yams
@testable import PartnerBot

@Suite("Slack app manifest")
struct ManifestTests {
    @Test func listsEveryCommandWithTheCommandsURL() throws {
        let yaml = ManifestBuilder.manifest(baseURL: "https://bot.example.com/", catalog: TestSupport.catalog).yaml
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let features = try #require(parsed["features"] as? [String: Any])
        let commands = try #require(features["slash_commands"] as? [[String: Any]])
        let home = try #require(features["app_home"] as? [String: Any])
        #expect(home["home_tab_enabled"] as? Bool == true)
        #expect(Set(commands.compactMap { $0["command"] as? String }) == Set(TestSupport.catalog.specs.map(\.command)))
        #expect(Set(commands.compactMap { $0["command"] as? String }).isSuperset(of: CommandCatalog.requiredCommands))
        #expect(commands.allSatisfy { $0["url"] as? String == "https://bot.example.com/slack/commands" })
        let settings = try #require(parsed["settings"] as? [String: Any])
        let interactivity = try #require(settings["interactivity"] as? [String: Any])
        #expect(interactivity["request_url"] as? String == "https://bot.example.com/slack/interactions")
        let events = try #require(settings["event_subscriptions"] as? [String: Any])
        #expect(events["request_url"] as? String == "https://bot.example.com/slack/events")
        #expect(Set(events["bot_events"] as? [String] ?? []).isSuperset(of: ["app_home_opened", "app_uninstalled", "tokens_revoked"]))
        let oauth = try #require(parsed["oauth_config"] as? [String: Any])
        #expect(oauth["redirect_urls"] as? [String] == ["https://bot.example.com/slack/oauth_redirect"], "OAuth installs redirect there")
        let scopes = try #require((oauth["scopes"] as? [String: Any])?["bot"] as? [String])
        #expect(Set(scopes).isSuperset(of: ["commands", "chat:write", "im:write"]))
        let metadata = try #require(parsed["_metadata"] as? [String: Any])
        #expect(metadata["major_version"] as? Int == 1)
    }
}
