import FakeSlack
import Foundation
import GRDB
import Testing
@testable import PartnerBot
import SlackPlatform

/// An operator drives the program's timeline from outside with the real executable:
/// `partnerbot alerts run --as-of` over 100 days, a server running beside some passes, killed
/// and restarted. Each message a pass fires reaches the Web API before that pass exits, once.
@Suite("alerts run --as-of over a 100-day timeline, with a server killed and restarted", .serialized)
struct AlertTimelineTests {
    static let secret = "timeline-test-secret"
    static let day: TimeInterval = 86_400

    /// What one pass must have delivered, by target, among the messages it added.
    struct Pass {
        var days: Double
        var expected: [(target: String, contains: String)]
    }

    @Test func everyPassDeliversWhatItFiredBeforeItExitsExactlyOnce() async throws {
        let bed = try await ProcessTestBed.start(secret: Self.secret, extraConfiguration: Self.roles)
        defer { Task { await bed.tearDown() } }
        let (binary, slack, databasePath, environment) = (bed.binary, bed.slack, bed.databasePath, bed.environment)
        let start = Date()
        try await Self.seed(databasePath: databasePath, now: start)
        let database = try AppDatabase.open(path: databasePath)
        var server: ServerProcess? = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
        try await server?.start()
        let settled = try await OutboxHarness.eventually(timeout: .seconds(20)) { try await Self.openRows(database) == 0 }
        #expect(settled, "the server delivers the registrations' notices and the announcement")

        let acme = (manager: ProgramFixture.acmeManager, channel: "CACME00001")
        let globex = (manager: ProgramFixture.globexManager, channel: "CGLOBEX001")
        let managers = ProgramFixture.managersChannel
        let passes = [
            Pass(days: 1.1, expected: [(globex.manager, "half-way"), (managers, "half-way")]),
            Pass(days: 2.1, expected: [(globex.manager, "past its approval SLA"), (managers, "past its approval SLA")]),
            Pass(days: 3.2, expected: [(globex.manager, "past its approval SLA"), (acme.channel, "Reminder"), (globex.channel, "Reminder")]),
            Pass(days: 30, expected: [(globex.manager, "past its approval SLA"), (managers, "past its approval SLA")]),
            Pass(days: 83.1, expected: [(acme.manager, "7 days left"), (acme.channel, "7 days left"), (globex.manager, "past its approval SLA")]),
            Pass(days: 89.5, expected: [(acme.manager, "1 day left"), (acme.channel, "1 day left")]),
            Pass(days: 90.5, expected: [(acme.manager, "expired"), (acme.channel, "expired")]),
            Pass(days: 100, expected: [(globex.manager, "past its approval SLA"), (managers, "past its approval SLA")]),
        ]
        for (index, pass) in passes.enumerated() {
            switch index {
            case 3:
                server?.kill()  // SIGKILL: the next passes run with no server at all
                server = nil
            case 5:
                server = ServerProcess(binary: binary, arguments: ["serve"], environment: environment)
                try await server?.start()
            case 7:
                server?.kill()
                server = nil
            default: break
            }
            let before = slack.accepted.count
            let asOf = ISO8601DateFormatter().string(from: start.addingTimeInterval(pass.days * Self.day))
            let run = try await CommandLineRun.run(binary: binary, arguments: ["alerts", "run", "--as-of", asOf], environment: environment)
            #expect(run.status == 0, "day \(pass.days): \(run.output)")
            #expect(try await Self.openRows(database) == 0, "day \(pass.days): everything the pass enqueued left before it exited\n\(run.output)")
            let added = slack.accepted[before...]
            for (target, text) in pass.expected {
                #expect(added.contains { $0.channel == target && $0.text.contains(text) }, "day \(pass.days): \(target) gets \"\(text)\"\n\(run.output)")
            }
        }
        await server?.stop()

        let sentRows = try await database.outboxRecords(state: .sent).count
        #expect(slack.accepted.count == sentRows, "one Web API call per message: nothing sent twice, nothing lost")
        let repeated = Dictionary(grouping: slack.accepted, by: { "\($0.method) \($0.channel) \($0.text)" }).filter { $0.value.count > 1 }.keys
        #expect(repeated.isEmpty, "\(repeated.sorted())")
        #expect(try await database.outboxRecords(state: .dead).isEmpty)
        #expect(try await database.deal(id: 1)?.status == .expired)
    }

    static func openRows(_ database: AppDatabase) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')") ?? 0 }
    }

    static let roles = """
        roles:
          managers: [\(ProgramFixture.programManager)]
          marketing: [\(ProgramFixture.marketing)]
        channels:
          managers: \(ProgramFixture.managersChannel)
        """

    /// DR-1 (Acme, approved: protection ends in 90 days), DR-2 (Globex, pending: due in 48 h) and
    /// an announcement to both organisations with a reminder after 72 h, all as of `now`.
    static func seed(databasePath: String, now: Date) async throws {
        let database = try AppDatabase.open(path: databasePath)
        try await ProgramFixture.load(into: database, now: now)
        let settings = ProgramFixture.settings
        for (company, who, org, channel) in [
            ("Timeline Approved Co", ProgramFixture.ann, "acme-resell", "CACME00001"), ("Timeline Pending Co", ProgramFixture.bob, "globex", "CGLOBEX001"),
        ] {
            let request = try RegistrationParser.parse(company, today: CalendarDate(now)).get()
            _ = try await database.registerDeal(request, org: org, userID: who.user, teamID: who.team, channelID: channel, settings: settings, now: now)
        }
        let manager = Caller(
            userID: ProgramFixture.programManager, teamID: ProgramFixture.vendorTeam, isProgramManager: true, managedOrgs: [], isMarketing: false,
            partnerOrg: nil)
        _ = try await database.applyDealAction(.approve, to: 1, by: manager, settings: settings, now: now)
        let rules = AnnouncementRules(tiers: ["registered", "select", "elite"], tracks: [], today: CalendarDate(now))
        let file = "---\nid: timeline-spiff\ntitle: Timeline SPIFF\nremind_after: 72h\n---\nRegister your deals.\n"
        _ = try await database.broadcast(try AnnouncementParser.parse(file, file: "timeline-spiff.md", rules: rules), by: ProgramFixture.marketing, now: now)
    }
}

/// A run of the real executable to completion, with its output.
enum CommandLineRun {
    static func run(binary: URL, arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let collected = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        try process.run()
        let data = await collected.value
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
