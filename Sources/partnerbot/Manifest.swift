import ArgumentParser
import PartnerBot

/// `partnerbot manifest`: prints the Slack app manifest for a public URL, or for Socket Mode.
struct Manifest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the Slack app manifest (YAML) for the bot's public URL, or for Socket Mode (--socket-mode).")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Public base URL of the bot server, e.g. https://bot.example.com (not needed with --socket-mode).")
    var url: String?

    @Flag(name: .long, help: "Socket Mode: Slack delivers over WebSockets the bot opens; no request URLs are declared.")
    var socketMode = false

    @Option(name: .long, help: "App name shown in Slack (at most 35 characters).")
    var name = "partnerbot"

    func validate() throws {
        guard let url else {
            guard socketMode else { throw ValidationError("give --url https://… (the bot's public address), or --socket-mode") }
            return
        }
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw ValidationError("--url must start with https:// (Slack only calls https endpoints), got \(url)")
        }
    }

    func run() async throws {
        let configuration = try options.load()
        let catalog = try loadCatalog(configuration)
        // OAuth installs redirect to the configured public URL (`server.public_url`), even in Socket Mode.
        let manifest = ManifestBuilder.manifest(
            name: name, baseURL: url ?? "", catalog: catalog, socketMode: socketMode,
            oauthRedirectURL: configuration.server.publicURL.map { $0 + OAuthInstallSettings.redirectPath })
        print(manifest.yaml, terminator: "")
    }
}
