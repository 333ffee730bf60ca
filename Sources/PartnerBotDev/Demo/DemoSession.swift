import PartnerBot
import Foundation
import SlackPlatform

/// The demo's steps, acted out through signed HTTP requests against the running server.
struct DemoSession {
    let baseURL: String
    let secret: SigningSecret
    /// The server's clock: requests, stamps and delivery (it never jumps).
    let clock: ManualWallClock
    /// The moment the demo's alert passes evaluate: moved forward to show alerts firing, the way
    /// an operator runs `partnerbot alerts run --as-of` (what is due moves; delivery stays now).
    let timeline: ManualWallClock
    let transcript: DemoTranscript
    let database: AppDatabase
    let sink: DemoSink
    let settings: ProgramSettings
    let http = PlainHTTPClient(maxConcurrentRequests: 2)

    typealias Person = (name: String, user: String, team: String)

    var ann: Person { Demo.ann }
    var bob: Person { Demo.bob }
    var maya: Person { Demo.maya }
    var mark: Person { Demo.mark }

    func story() async throws {
        defer { http.shutDown() }
        try await registrations()
        try await approvalByButton()
        try await statusFromBothSides()
        try await certification()
        try await broadcast()
        try await alerts()
    }

    private func registrations() async throws {
        transcript.step("1. Partners register deals; a look-alike customer becomes a conflict")
        let registered = try await command(ann, "/register", "Initech Corp domain:initech.com amount:$120k close:\(CalendarDate(clock.now()).adding(days: 60))")
        transcript.check(registered.contains("Registered *DR-1*") && registered.contains("pending"), "Ann's registration DR-1 is pending with its decision due date")
        let lookalike = try await command(bob, "/register", "INITECH, Inc. amount:90k")
        transcript.check(lookalike.contains("already under registration") && !lookalike.contains("Acme"), "Bob is told the customer is taken, never by whom")
        try await settle()
    }

    private func approvalByButton() async throws {
        transcript.step("2. The partner manager approves by button")
        let approved = try await click(maya, .dealApprove, "DR-1", channel: Demo.managersChannel)
        transcript.check(approved.contains("Approved DR-1"), "the Approve click approves DR-1")
        let again = try await click(maya, .dealApprove, "DR-1", channel: Demo.managersChannel)
        transcript.check(again.contains("already approved"), "a double click changes nothing")
        try await settle()
    }

    private func statusFromBothSides() async throws {
        transcript.step("3. /deal status from both sides")
        let annStatus = try await command(ann, "/deal", "status")
        transcript.check(annStatus.contains("DR-1") && annStatus.contains("approved") && annStatus.contains("protected until"), "Ann sees DR-1 approved with its protection window")
        let bobStatus = try await command(bob, "/deal", "status")
        transcript.check(bobStatus.contains("DR-2") && !bobStatus.contains("DR-1"), "Bob sees only his own conflicting DR-2")
        let peek = try await command(bob, "/deal", "status DR-1")
        transcript.check(peek.contains("can't find"), "Bob cannot look at Ann's deal")
        let declined = try await command(maya, "/deal", "decline DR-2 Acme Reselling registered this customer first")
        transcript.check(declined.contains("Declined DR-2"), "Maya resolves the conflict by declining DR-2")
        try await settle()
        let annHome = try await openHome(ann)
        transcript.check(annHome.contains("DR-1") && annHome.contains("Acme Reselling") && !annHome.contains("DR-2"), "Ann's Home tab shows her organisation's deals, not Bob's")
        let bobHome = try await openHome(bob)
        transcript.check(bobHome.contains("DR-2") && bobHome.contains("declined") && !bobHome.contains("DR-1"), "Bob's Home tab shows only his declined DR-2")
        _ = try await click(ann, .panelDeals, "acme-resell", channel: "CACMEDEMO1")
        let answered = try await settle().contains { $0.method == "chat.postEphemeral" && $0.target == "CACMEDEMO1" && $0.text.contains("DR-1") }
        transcript.check(answered, "Ann's click on *My deals* in her shared channel's partner panel answers her alone")
    }

    private func certification() async throws {
        transcript.step("4. A certification claim and its verification")
        let claim = try await command(bob, "/certify", "claim product-fundamentals credential:PF-2026-0042")
        transcript.check(claim.contains("Claimed"), "Bob claims Product Fundamentals")
        try await settle()
        let verified = try await click(maya, .certificationVerify, "C-1", channel: maya.user)
        transcript.check(verified.contains("Verified C-1"), "Maya verifies the claim by button")
        let mine = try await command(bob, "/certify", "")
        transcript.check(mine.contains("Product Fundamentals") && mine.contains("active until"), "Bob sees his active certification")
        try await settle()
    }

    private func broadcast() async throws {
        transcript.step("5. A SPIFF broadcast, acknowledgements and the read-rate report")
        let sent = try await command(mark, "/announce", "demo-takeout-spiff")
        transcript.check(sent.contains("2 organisation(s)"), "Marketing broadcasts to both partner organisations")
        try await settle()
        let posts = try await database.outboxRecords(state: .sent).filter { $0.dedupeKey.hasPrefix("ann:demo-takeout-spiff:") && $0.method == "chat.postMessage" }
        let annAck = try await click(ann, .announcementAcknowledge, "demo-takeout-spiff", channel: "CACMEDEMO1", ts: posts.first { $0.target == "CACMEDEMO1" }?.resultTS)
        transcript.check(annAck.contains("recorded"), "Ann acknowledges")
        let annAgain = try await click(ann, .announcementAcknowledge, "demo-takeout-spiff", channel: "CACMEDEMO1", ts: posts.first { $0.target == "CACMEDEMO1" }?.resultTS)
        transcript.check(annAgain.contains("already acknowledged"), "her second click is not counted twice")
        try await settle()
        let report = try await command(mark, "/announce", "status demo-takeout-spiff")
        transcript.check(report.contains("1/2 organisations (50.0%)") && report.contains("globex"), "the report shows a 50% read rate and Globex still to acknowledge")
    }

    private func alerts() async throws {
        transcript.step("6. Time moves forward: alerts fire before windows close")
        try await advance(days: 84, note: "83 days after approval: 7 days of protection left")
        try await advance(days: 7, note: "a week later: protection has ended")
        let afterExpiry = try await command(ann, "/deal", "status DR-1")
        transcript.check(afterExpiry.contains("expired"), "DR-1 expired when its protection ended")
        let expires = try await database.certification(id: 1)?.expiresOn.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(timeline.now()).adding(days: 700)
        try await advance(days: CalendarDate(timeline.now()).days(until: expires) - 20, note: "later: Bob's certification expires in 20 days")
        let expiring = try await database.outboxRecords().contains { $0.dedupeKey.hasPrefix("alert:cert:1:certification_expiry") }
        transcript.check(expiring, "Bob and Maya are warned that his certification expires")
    }

    /// Signs and posts a slash command at the demo clock's time; prints and returns the reply.
    @discardableResult
    func command(_ who: Person, _ name: String, _ text: String) async throws -> String {
        transcript.action(who.name, "\(name) \(text)")
        let command = SlashCommand(command: name, text: text, teamID: who.team, channelID: "CDEMO00001", userID: who.user, triggerID: nil)
        let reply = try await post(SignedRequestBuilder(secret: secret).slashCommand(command, timestamp: clock.unixTime))
        transcript.saw(reply)
        return reply
    }

    /// Signs and posts a button click; prints and returns the feedback.
    @discardableResult
    func click(_ who: Person, _ action: ActionID, _ value: String, channel: String, ts: String? = nil) async throws -> String {
        transcript.action(who.name, "clicks [\(action)] on \(value)")
        let messageTS = ts ?? "\(clock.unixTime).000100"
        let click = BlockActions(
            user: .init(id: who.user, teamID: who.team), team: .init(id: who.team), container: .init(messageTS: messageTS, channelID: channel),
            channel: .init(id: channel), message: .init(ts: messageTS), actions: [.init(actionID: action.rawValue, value: value)])
        let reply = try await post(SignedRequestBuilder(secret: secret).blockActions(click, timestamp: clock.unixTime))
        transcript.saw(reply.isEmpty ? "(acknowledged)" : reply)
        return reply
    }

    /// Signs and posts an `app_home_opened` event; waits for the outbox and returns the Home tab
    /// that was published (its text), as the transcript shows it.
    func openHome(_ who: Person) async throws -> String {
        transcript.action(who.name, "opens the bot's Home tab")
        let event = #"{"type":"event_callback","team_id":"\#(who.team)","event_id":"EvDEMO\#(who.user)\#(clock.unixTime)","event_time":\#(clock.unixTime),"event":{"type":"app_home_opened","user":"\#(who.user)","channel":"D\#(who.user)","tab":"home"}}"#
        _ = try await post(SignedRequestBuilder(secret: secret).event(json: Array(event.utf8), timestamp: clock.unixTime))
        let published = try await settle()
        return published.filter { $0.method == "views.publish" && $0.target == who.user }.map(\.text).joined(separator: "\n")
    }

    private func post(_ request: SignedRequestBuilder.SignedRequest) async throws -> String {
        let response = try await http.post(url: baseURL + request.path, headers: request.headers, body: request.body)
        guard response.status == 200 else {
            transcript.check(false, "HTTP \(response.status) for \(request.path)")
            return ""
        }
        guard !response.body.isEmpty else { return "" }
        let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return json?["text"] as? String ?? String(decoding: response.body, as: UTF8.self)
    }

    /// Waits for the outbox to deliver, then prints what reached Slack.
    /// - Returns: The calls that reached Slack.
    @discardableResult
    func settle() async throws -> [(target: String, method: String, text: String)] {
        for _ in 0..<500 {
            let status = try await database.outboxStatus(now: clock.now())
            if (status.counts[.pending] ?? 0) + (status.counts[.sending] ?? 0) == 0 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let delivered = sink.drain()
        for message in delivered {
            switch message.method {
            case "views.publish":
                transcript.received(message.target, "(Home tab published)")
                transcript.saw(message.text)
            case "chat.update":
                transcript.received(message.target, "(edited) \(message.text)")
            case "chat.postEphemeral":
                transcript.received(message.target, "(only the clicker sees it) \(message.text)")
            default:
                transcript.received(message.target, "(posted) \(message.text)")
            }
        }
        return delivered
    }

    /// Moves the timeline, runs an alert pass as of it (delivered now), and prints what fired and
    /// reached Slack.
    func advance(days: Int, note: String) async throws {
        timeline.advance(by: TimeInterval(days * 86_400))
        transcript.action("⏩ alerts run --as-of", "+\(days) days (\(CalendarDate(timeline.now()))): \(note)")
        let report = try await database.runAlertPass(settings: settings, time: AlertPassTime(asOf: timeline.now(), ranAt: clock.now()))
        for line in report.lines { transcript.saw(line) }
        try await settle()
    }
}
