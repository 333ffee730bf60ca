import ArgumentParser
import PartnerBot
import SlackPlatform

/// `partnerbot installations`: the workspaces that installed the app through OAuth.
struct Installations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the workspaces that installed the app (OAuth): which is the vendor's, token expiry, revocations. Never prints a token.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let database = try await openDatabase(try options.load())
        print(InstallationReport.text(
            try await database.installations(), vendor: try await database.vendorInstallationKey(), now: SystemWallClock().now()))
    }
}
