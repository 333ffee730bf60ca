import CRM
import FakeCRM
import Foundation
import Testing
@testable import PartnerBot
import SlackPlatform

/// The real executable against the fake HubSpot over libcurl: pushes survive a SIGKILL, the
/// open-opportunity check flags direct sales, and the `crm` commands report and backfill.
@Suite("CRM sync in the real process, against a fake HubSpot", .serialized)
struct CRMProcessTests {
    static let secret = "crm-process-secret"
    static let organisations = 10

    @Test func pushesSurviveAKillAndTheCRMCommandsReportAndBackfill() async throws {
        let hubspot = FakeHubSpotServer(behaviour: Self.behaviour)
        try await hubspot.start()
        let extra = "crm:\n  provider: hubspot\n  hubspot:\n    api_url: \(hubspot.baseURL)\n"
        let bed = try await ProcessTestBed.start(secret: Self.secret, extraConfiguration: extra)
        defer { Task { await bed.tearDown(); await hubspot.stop() } }
        try await Self.seedOrganisations(bed.databasePath)
        let direct = hubspot.addCompany(name: "Direct Customer", domain: "direct-customer.com")
        try hubspot.addDeal(["dealname": "Direct Customer expansion", "dealstage": "contractsent"], companyID: direct)
        let environment = bed.environment.merging(["HUBSPOT_TOKEN": FakeHubSpotServer.defaultToken]) { $1 }

        // Outages first, so the kill finds pushes queued, being retried and in flight.
        hubspot.inject(.serverError(status: 503), .serverError(status: 502), .dropConnection)
        let server = ServerProcess(binary: bed.binary, arguments: ["serve"], environment: environment)
        try await server.start()
        let registered = await Self.register(count: 30, port: server.port)
        #expect(registered.count == 30)
        #expect(await Self.eventually { hubspot.deals.count >= 3 })
        server.kill()
        let database = try AppDatabase.open(path: bed.databasePath)
        let unsyncedAtKill = try await database.crmSyncStatus(now: Date()).unsynced

        let restarted = ServerProcess(binary: bed.binary, arguments: ["serve"], environment: environment)
        try await restarted.start()
        let allPushed = await Self.eventually(timeout: .seconds(60)) {
            guard let status = try? await database.crmSyncStatus(now: Date()) else { return false }
            return status.unsynced == 0 && status.lookupsPending == 0
        }
        await restarted.stop()
        let finalStatus = try await database.crmSyncStatus(now: Date())
        #expect(allPushed, "\(unsyncedAtKill) unsynced when killed; now \(finalStatus), \(hubspot.deals.count) in HubSpot")
        let pushed = hubspot.deals.compactMap { $0.properties["partnerbot_registration_id"] }
        #expect(Set(pushed).count == 30 && pushed.count == 30, "every registration once")
        #expect(hubspot.deals.count == 31, "and direct sales' own deal")
        let flagged = try await database.crmMatches(dealID: try #require(registered["Direct Customer"]))
        #expect(flagged.map(\.name) == ["Direct Customer expansion"])

        let status = try await Self.run(bed, environment, ["crm", "status"])
        #expect(status.contains("synced 30") && status.contains("dead 0"), "\(status)")
        let backfill = try await Self.run(bed, environment, ["crm", "sync", "--backfill"])
        #expect(backfill.contains("pushed 30/30 deal(s) to HubSpot"), "\(backfill)")
        #expect(hubspot.deals.count == 31, "a backfill updates, never duplicates")
        let dryRun = try await Self.run(bed, environment, ["crm", "sync", "--backfill", "--dry-run", "--since", "2000-01-01"])
        #expect(dryRun.contains("30 deal(s) registered since 2000-01-01 would be pushed"))
    }

    static var behaviour: FakeHubSpotServer.Behaviour {
        var behaviour = FakeHubSpotServer.Behaviour()
        let mapped = Set(CRMMapping.defaults(for: .hubspot).fields.values)
        behaviour.dealProperties = FakeHubSpotServer.standardDealProperties.union(mapped).union(["partnerbot_registration_id"])
        return behaviour
    }

    static func seedOrganisations(_ path: String) async throws {
        let database = try AppDatabase.open(path: path)
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<organisations { csv += "org-\(index),Org \(index),reseller,select,emea,TCRM\(index),CCRM\(index),UMGRCRM\(index)\n" }
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"]), now: Date())
    }

    /// Registers `count` customers (the first is the one direct sales has open); their references by customer.
    static func register(count: Int, port: Int) async -> [String: Int64] {
        let http = PlainHTTPClient(maxConcurrentRequests: 4, timeout: .seconds(5))
        defer { http.shutDown() }
        let builder = SignedRequestBuilder(secret: SigningSecret(secret)!)
        var references: [String: Int64] = [:]
        for index in 0..<count {
            let customer = index == 0 ? "Direct Customer" : "CRM Customer \(index)"
            let text = index == 0 ? "\(customer) domain:direct-customer.com amount:20k" : "\(customer) amount:\(index)k"
            let org = index % organisations
            let request = builder.slashCommand(
                SlashCommand(command: "/register", text: text, teamID: "TCRM\(org)", channelID: "CCRM\(org)", userID: "UCRM\(org)"),
                timestamp: SystemWallClock().unixTime)
            guard let response = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body),
                let match = String(decoding: response.body, as: UTF8.self).firstMatch(of: /DR-(\d+)/), let id = Int64(match.1)
            else { continue }
            references[customer] = id
        }
        return references
    }

    /// Runs `partnerbot <arguments>` to completion; its standard output and error.
    static func run(_ bed: ProcessTestBed, _ environment: [String: String], _ arguments: [String]) async throws -> String {
        await ServerProcess.runToCompletion(bed.binary, arguments, environment: environment, in: bed.directory)
    }

    static func eventually(timeout: Duration = .seconds(20), _ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }
}
