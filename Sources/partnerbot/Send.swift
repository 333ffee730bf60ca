import ArgumentParser
import Foundation
import PartnerBot
import PartnerBotDev
import SlackPlatform

/// Options shared by `send` and `click`: who acts, where, and which server.
struct ActorOptions: ParsableArguments {
    @Option(name: .long, help: "Acting user id.")
    var user = "U0DEVUSER"

    @Option(name: .long, help: "Acting user's workspace (team) id.")
    var team = "T0DEVTEAM"

    @Option(name: .long, help: "Channel id the command is run in.")
    var channel = "C0DEVCHAN"

    @Option(name: .long, help: "Bot server base URL (default: http://<host>:<port> from the configuration).")
    var url: String?

    @OptionGroup var config: ConfigOptions

    /// The signing secret: configured (env/file), else the dev secret stored by `serve --dev`.
    func resolve() throws -> (baseURL: String, secret: SigningSecret) {
        let configuration = try config.load()
        guard let secret = configuration.slack.signingSecret ?? DevSecret.load(dataDirectory: configuration.dataDirectory).flatMap(SigningSecret.init) else {
            throw CLIError(
                "no signing secret: set SLACK_SIGNING_SECRET, or start the server with `partnerbot serve --dev` first (it stores one in \(configuration.dataDirectory))")
        }
        let host = configuration.server.host == "0.0.0.0" ? "127.0.0.1" : configuration.server.host
        let base = url ?? "http://\(host):\(configuration.server.port)"
        return (base.hasSuffix("/") ? String(base.dropLast()) : base, secret)
    }
}

/// `partnerbot send /register "Acme Corp amount:50k"`: a signed slash command to a running server.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a slash command to a running bot, signed exactly as Slack signs it, and print the reply.",
        discussion: "Example: partnerbot send /register \"Acme Corp amount:50k\" --user U123 --team T123 --channel C123")

    @Argument(help: "The slash command, e.g. /register.")
    var command: String

    @Argument(parsing: .remaining, help: "The command's text (quote it, or give several words).")
    var text: [String] = []

    @OptionGroup var caller: ActorOptions

    func validate() throws {
        guard command.hasPrefix("/") else { throw ValidationError("the command must start with /, e.g. /register") }
    }

    func run() async throws {
        let (baseURL, secret) = try caller.resolve()
        let slash = SlashCommand(
            command: command, text: text.joined(separator: " "), teamID: caller.team, channelID: caller.channel,
            userID: caller.user, responseURL: nil, triggerID: "dev.\(UInt32.random(in: 1...UInt32.max))")
        let request = SignedRequestBuilder(secret: secret).slashCommand(slash, timestamp: SystemWallClock().unixTime)
        try await DevCLI.post(request, baseURL: baseURL)
    }
}

/// `partnerbot click ACTION_ID VALUE`: a signed button click to a running server.
struct Click: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a button click (block_actions) to a running bot, signed as Slack signs it, and print the reply.",
        discussion: "Example: partnerbot click deal_approve DR-1 --user U0MANAGER")

    @Argument(help: "The button's action_id.")
    var actionID: String

    @Argument(help: "The button's value.")
    var value: String

    @Option(name: .long, help: "ts of the message the button is on.")
    var messageTs = "0000000000.000100"

    @OptionGroup var caller: ActorOptions

    func run() async throws {
        let (baseURL, secret) = try caller.resolve()
        let click = BlockActions(
            user: .init(id: caller.user, teamID: caller.team), team: .init(id: caller.team),
            container: .init(messageTS: messageTs, channelID: caller.channel), channel: .init(id: caller.channel),
            message: .init(ts: messageTs), actions: [.init(actionID: actionID, value: value)])
        let request = SignedRequestBuilder(secret: secret).blockActions(click, timestamp: SystemWallClock().unixTime)
        try await DevCLI.post(request, baseURL: baseURL)
    }
}

enum DevCLI {
    /// Posts a signed request and prints the reply readably.
    static func post(_ request: SignedRequestBuilder.SignedRequest, baseURL: String) async throws {
        let client = PlainHTTPClient()
        defer { client.shutDown() }
        let response: PlainHTTPClient.Response
        do {
            response = try await client.post(url: baseURL + request.path, headers: request.headers, body: request.body)
        } catch {
            throw CLIError("cannot reach the bot at \(baseURL): \(error). Is `partnerbot serve --dev` running?")
        }
        let body = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200 else {
            let hint = response.status == 401 ? " (signature rejected: is the server using the same signing secret?)" : ""
            throw CLIError("HTTP \(response.status)\(hint)\(body.isEmpty ? "" : ": " + body)")
        }
        if body.isEmpty {
            print("(acknowledged, no reply)")
        } else if let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], let text = json["text"] as? String {
            let visibility = json["response_type"] as? String ?? "ephemeral"
            print("[\(visibility)] \(text)")
        } else {
            print(body)
        }
    }
}
