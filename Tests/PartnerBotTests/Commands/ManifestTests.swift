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

    /// The limits Slack's manifest validation enforces (the Node SDK's manifest types and the
    /// App Manifest reference): names and descriptions that are too long make the import fail.
    @Test(arguments: [false, true]) func staysWithinTheManifestLimits(socketMode: Bool) throws {
        let yaml = ManifestBuilder.manifest(baseURL: socketMode ? "" : "https://bot.example.com", catalog: TestSupport.catalog, socketMode: socketMode).yaml
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let display = try #require(parsed["display_information"] as? [String: Any])
        #expect((display["name"] as? String ?? "").count <= 35)
        #expect((display["description"] as? String ?? "").count <= 140)
        let features = try #require(parsed["features"] as? [String: Any])
        let bot = try #require(features["bot_user"] as? [String: Any])
        #expect((bot["display_name"] as? String ?? "").count <= 80)
        let shortcuts = try #require(features["shortcuts"] as? [[String: Any]])
        #expect((1...10).contains(shortcuts.count))
        for shortcut in shortcuts {
            #expect((1...24).contains((shortcut["name"] as? String ?? "").count), "\(shortcut)")
            #expect((1...150).contains((shortcut["description"] as? String ?? "").count), "\(shortcut)")
            #expect((1...255).contains((shortcut["callback_id"] as? String ?? "").count), "\(shortcut)")
            #expect(["global", "message"].contains(shortcut["type"] as? String ?? ""))
        }
        let commands = try #require(features["slash_commands"] as? [[String: Any]])
        #expect(commands.count <= 50)
        for command in commands {
            let name = command["command"] as? String ?? ""
            #expect(name.hasPrefix("/") && name.count <= 32, "\(name)")
            #expect((1...2000).contains((command["description"] as? String ?? "").count), "\(name)")
            #expect((command["usage_hint"] as? String ?? "").count <= 1000, "\(name)")
            #expect((command["url"] == nil) == socketMode, "no request URLs in Socket Mode")
        }
        let settings = try #require(parsed["settings"] as? [String: Any])
        #expect(settings["socket_mode_enabled"] as? Bool == socketMode)
        let events = try #require(settings["event_subscriptions"] as? [String: Any])
        #expect((events["request_url"] == nil) == socketMode)
        #expect((events["bot_events"] as? [String] ?? []).count <= 100)
    }
}
