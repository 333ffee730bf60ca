import ArgumentParser
import CRM
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot crm status | sync --backfill`: the CRM sync queue.
struct CRMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm", abstract: "The CRM sync: what is queued or refused, and pushing existing deals.",
        subcommands: [Status.self, Sync.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show queued, retrying and refused (dead) syncs, with the CRM's last error.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            guard let crm = configuration.crm else { throw CLIError(CRMCommand.notConfigured) }
            let database = try await openDatabase(configuration)
            let now = SystemWallClock().now()
            print(CRMStatusReport.text(try await database.crmSyncStatus(now: now), provider: crm.provider, now: now))
        }
    }

    static let notConfigured = "no CRM is configured: add a `crm` section to the configuration (see README, \"Connect a CRM\") or set PARTNERBOT_CRM_PROVIDER"
}
