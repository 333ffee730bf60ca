import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot partners …`: the partner directory.
struct Partners: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import and list partner organisations.",
        subcommands: [Import.self, List.self, Incumbent.self, Panel.self, Invite.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import partners.csv (header org,name,type,tier,region,team_id,channel_id,manager): validated, idempotent, all or nothing.")

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var delivery: DeliveryOptions

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let configuration = try options.load()
            let text = try readCSV(file)
            let rows: [PartnerOrgImportRow]
            do { rows = try DirectoryImport.partners(csv: text, tiers: configuration.tiers) } catch { throw CLIError(importFailure(file, error)) }
            let database = try await openDatabase(configuration)
            let result = try await database.upsertPartnerOrgs(rows, now: SystemWallClock().now())
            print("\(file): \(rows.count) organisation(s) imported (\(result.inserted) new, \(result.updated) updated)")
            if !result.panels.isEmpty { print("partner panel posted in the new shared channel of \(result.panels.joined(separator: ", "))") }
            try await delivery.deliver(result.enqueued, configuration: configuration, database: database)
        }
    }

    struct Panel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post the partner panel in organisations' shared channels (or update the one already there).",
            discussion: """
                The panel's buttons (Register a deal, My deals, My certifications, Program announcements) work for \
                everyone in a Slack Connect channel, external partners included, without installing anything. \
                Importing an organisation with a new channel posts its panel automatically.
                """)

        @Argument(help: "Organisation slugs (default: every organisation with --all).")
        var orgs: [String] = []

        @Flag(name: .long, help: "Every organisation.")
        var all = false

        @OptionGroup var delivery: DeliveryOptions

        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard all != !orgs.isEmpty else { throw ValidationError("name the organisations, or use --all (not both)") }
        }

        func run() async throws {
            let configuration = try options.load()
            let database = try await openDatabase(configuration)
            let publication = try await database.publishPanels(orgs: all ? nil : orgs.map { $0.lowercased() }, now: SystemWallClock().now())
            for slug in publication.unknown { print("\(slug): no such organisation (`partnerbot partners list` shows them)") }
            for (org, result) in publication.results {
                switch result {
                case .posted(let channel): print("\(org): panel posted in \(channel)")
                case .updated(let channel): print("\(org): panel in \(channel) updated")
                case .noChannel: print("\(org): no shared channel yet (set channel_id in partners.csv); nothing posted")
                }
            }
            try await delivery.deliver(publication.enqueued, configuration: configuration, database: database)
            if !publication.unknown.isEmpty { throw ExitCode(1) }
        }
    }

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite partner people by email to their organisation's Slack Connect channel (conversations.inviteShared).",
            discussion: "Each address gets its own invitation as a full member (not post-only), so the panel's buttons and forms work for them.")

        @Argument(help: "The organisation slug.")
        var org: String

        @Argument(help: "Email addresses to invite.")
        var emails: [String]

        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard !emails.isEmpty else { throw ValidationError("name at least one email address") }
        }

        func run() async throws {
            let configuration = try options.load()
            let database = try await openDatabase(configuration)
            let client = try chatClient(
                configuration: configuration, clock: SystemWallClock(), logger: CLILogging.bootstrap(),
                output: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
            let results: [PartnerInviteResult]
            do {
                results = try await PartnerInvites.invite(org: org.lowercased(), emails: emails, database: database, client: client)
            } catch let error as PartnerInviteError {
                throw CLIError(error.description)
            }
            for result in results {
                print(result.failure.map { "\(result.email): not invited (\($0))" } ?? "\(result.email): invited\(result.inviteID.map { " (\($0))" } ?? "")")
            }
            if results.contains(where: { $0.failure != nil }) { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List partner organisations.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let database = try await openDatabase(try options.load())
            let orgs = try await database.partnerOrgs()
            if orgs.isEmpty {
                print("no partner organisations yet: import them with `partnerbot partners import partners.csv`")
                return
            }
            print(DirectoryReport.table(orgs))
        }
    }

    struct Incumbent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an organisation as the incumbent of a customer (it wins conflicts on it).")

        @Argument(help: "The organisation slug.")
        var org: String

        @Argument(help: "The customer's name.")
        var customer: String

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let database = try await openDatabase(try options.load())
            do {
                try await database.recordIncumbent(org: org.lowercased(), customer: customer, now: SystemWallClock().now())
            } catch let error as DirectoryImportError {
                throw CLIError(error.errors.map(\.message).joined(separator: "; "))
            }
            print("\(org) is recorded as incumbent of \(customer) (customer key \(CustomerIdentity.key(for: customer)))")
        }
    }
}

/// `partnerbot members import`.
struct Members: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import partner members.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import members.csv (header org,team_id,user_id,role): validated, idempotent, all or nothing.")

        @Argument(help: "The CSV file.")
        var file: String

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let text = try readCSV(file)
            let rows: [MemberImportRow]
            do { rows = try DirectoryImport.members(csv: text) } catch { throw CLIError(importFailure(file, error)) }
            let database = try await openDatabase(try options.load())
            do {
                let result = try await database.upsertMembers(rows, now: SystemWallClock().now())
                print("\(file): \(rows.count) member(s) imported (\(result.inserted) new, \(result.updated) updated)")
            } catch let error as DirectoryImportError {
                throw CLIError(importFailure(file, error))
            }
        }
    }
}

func readCSV(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

func importFailure(_ file: String, _ error: DirectoryImportError) -> String {
    "\(file): nothing imported, \(error.errors.count) problem(s):\n" + error.errors.map { "  \($0)" }.joined(separator: "\n")
}
