import ArgumentParser
import PartnerBot

/// The `partnerbot` command line: a thin layer over the PartnerBot library.
@main
struct Partnerbot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerbot",
        abstract: "A chat-ops bot for channel-partner programs: deal registration, certifications, announcements.",
        version: PartnerBotVersion.current,
        subcommands: [Serve.self, Migrate.self, Backup.self, Restore.self, DbCommand.self, Send.self, Click.self, Manifest.self, Outbox.self, Installations.self, CRMCommand.self, Report.self, Export.self, DealsCommand.self, EarningsCommand.self, ClaimsCLI.self, Partners.self, Members.self, Certifications.self, Alerts.self, Announce.self, Announcements.self, DemoCommand.self]
    )
}
