import ArgumentParser
import PartnerBot

/// `partnerbot manifest`: prints the Slack app manifest for a public URL.
struct Manifest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Slack app manifest (YAML) for the bot's public URL.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Public base URL of the bot server, e.g. https://bot.example.com")
    var url: String

    @Option(name: .long, help: "App name shown in Slack (at most 35 characters).")
    var name = "partnerbot"

    func validate() throws {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw ValidationError("--url must start with https:// (Slack only calls https endpoints), got \(url)")
        }
    }

    func run() async throws {
        let configuration = try options.load()
        let catalog = try loadCatalog(configuration)
        print(ManifestBuilder.manifest(name: name, baseURL: url, catalog: catalog).yaml, terminator: "")
    }
}
