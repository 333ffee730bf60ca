import Foundation
@testable import PartnerBot
import SlackPlatform

/// A small program: two partner organisations, their people, a program manager, marketing, an outsider.
enum ProgramFixture {
    static let programManager = "UPM0000001"
    static let marketing = "UMKT000001"
    static let acmeManager = "UMGRACME01"
    static let globexManager = "UMGRGLOBX1"
    static let managersChannel = "CMANAGERS1"

    static let ann = (user: "UANN000001", team: "TACME00001")
    static let bob = (user: "UBOB000001", team: "TGLOBEX001")
    static let guestOfAcme = (user: "UGUEST0001", team: "TVENDOR001")
    static let outsider = (user: "UEVE000001", team: "TEVIL00001")
    static let vendorTeam = "TVENDOR001"

    static let partnersCSV = """
        org,name,type,tier,region,team_id,channel_id,manager
        acme-resell,Acme Reselling,reseller,select,emea,TACME00001,CACME00001,UMGRACME01
        globex,Globex Systems,si,elite,na,TGLOBEX001,CGLOBEX001,UMGRGLOBX1
        """

    static let membersCSV = """
        org,team_id,user_id,role
        acme-resell,TVENDOR001,UGUEST0001,member
        """

    static func configure(_ configuration: inout BotConfiguration) {
        configuration.roles.managers = [programManager]
        configuration.roles.marketing = [marketing]
        configuration.managersChannel = managersChannel
    }

    /// Loads the organisations (their partner panels are queued for their channels) and members.
    static func load(into database: AppDatabase, now: Date = TestSupport.now) async throws {
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: partnersCSV, tiers: ["registered", "select", "elite"]), now: now)
        _ = try await database.upsertMembers(try DirectoryImport.members(csv: membersCSV), now: now)
    }

    static var settings: DealSettings {
        var configuration = BotConfiguration()
        configure(&configuration)
        return ProgramSettings(configuration).deals
    }

    static var roles: Roles {
        var configuration = BotConfiguration()
        configure(&configuration)
        return configuration.roles
    }
}
