import FakeSlack
import Foundation
@testable import PartnerBot
import SlackPlatform

/// Traffic for the real executable: signed slash commands, registration bursts, and what the
/// outbox asked the Web API to post.
extension ProcessTestBed {
    /// Sends a signed slash command to the server on a port: its reply body, `nil` without a 200.
    typealias Send = @Sendable (SlashCommand, Int) async -> String?

    /// A client and a sender signed with the bed's secret (shut the client down after).
    func sender(timeout: Duration = .seconds(5)) -> (PlainHTTPClient, Send) {
        let http = PlainHTTPClient(maxConcurrentRequests: 8, timeout: timeout)
        let builder = SignedRequestBuilder(secret: SigningSecret(secret)!)
        return (http, { command, port in
            let request = builder.slashCommand(command, timestamp: SystemWallClock().unixTime)
            guard let response = try? await http.post(url: "http://127.0.0.1:\(port)\(request.path)", headers: request.headers, body: request.body),
                response.status == 200
            else { return nil }
            return String(decoding: response.body, as: UTF8.self)
        })
    }

    /// `count` registrations at once, `<Prefix> Customer N` by organisation N % `orgs` (team
    /// `T<PREFIX>N`, channel `C<PREFIX>N`, user `U<PREFIX>N`), each to the port `port(N)` picks;
    /// `acknowledged` hears each customer registered, as its reply arrives.
    static func registrationBurst(
        count: Int, orgs: Int, prefix: String, send: @escaping Send, port: @escaping @Sendable (Int) -> Int,
        acknowledged: @escaping @Sendable (String) -> Void
    ) async {
        let tag = prefix.uppercased()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let org = index % orgs
                    let customer = "\(prefix) Customer \(index)"
                    let command = SlashCommand(command: "/register", text: customer, teamID: "T\(tag)\(org)", channelID: "C\(tag)\(org)", userID: "U\(tag)\(org)")
                    if let reply = await send(command, port(index)), reply.contains("Registered") { acknowledged(customer) }
                }
            }
        }
    }

    /// `org-N` organisations for a burst's prefix (team `T<PREFIX>N`, channel `C<PREFIX>N`).
    static func organisations(_ count: Int, prefix: String) throws -> [PartnerOrgImportRow] {
        let tag = prefix.uppercased()
        var csv = "org,name,type,tier,region,team_id,channel_id,manager\n"
        for index in 0..<count { csv += "org-\(index),Org \(index),reseller,select,emea,T\(tag)\(index),C\(tag)\(index),UMGR\(tag)\(index)\n" }
        return try DirectoryImport.partners(csv: csv, tiers: ["registered", "select", "elite"])
    }

    /// What each `chat.postMessage` row asked for, as `channel|text` (compare with the fake's
    /// ``FakeSlackServer/accepted``, mapped the same way).
    static func posts(_ rows: [OutboxRecord]) -> [String] {
        rows.filter { $0.method == "chat.postMessage" }.compactMap { row -> String? in
            let body = try? JSONSerialization.jsonObject(with: Data(row.payload.utf8)) as? [String: Any]
            return (body?["channel"] as? String).map { "\($0)|\(body?["text"] as? String ?? "")" }
        }
    }
}
