import PartnerBot
import Foundation
import GRDB
import Hummingbird
import Logging
import SlackPlatform
import Synchronization

/// `partnerbot demo`: the whole story, end to end, on a temporary database with the local chat
/// sink, through the real HTTP server and real signed requests. Prints what each person saw and
/// returns the checks that failed (none when everything behaved).
public enum Demo {
    static let ann = (name: "Ann (Acme Reselling, partner)", user: "UANNDEMO01", team: "TACMEDEMO1")
    static let bob = (name: "Bob (Globex Systems, partner)", user: "UBOBDEMO01", team: "TGLOBEXDM1")
    static let maya = (name: "Maya (partner manager)", user: "UMAYADEMO1", team: "TVENDORDM1")
    static let mark = (name: "Mark (marketing)", user: "UMARKDEMO1", team: "TVENDORDM1")
    static let managersChannel = "CMGRSDEMO1"

    /// Runs the demo.
    /// - Parameters:
    ///   - commandsDirectory: Where `Commands/*.yaml` are.
    ///   - output: Where the transcript goes.
    /// - Returns: The failed checks.
    public static func run(commandsDirectory: String, output: @escaping @Sendable (String) -> Void) async throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("partnerbot-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let transcript = DemoTranscript(output: output)
        let clock = ManualWallClock(Date())
        let database = try AppDatabase.open(path: directory.appendingPathComponent("demo.sqlite").path)
        let secret = "demo-secret-" + SecureRandom.bytes(count: 8).lowercaseHex
        var configuration = BotConfiguration()
        configuration.slack.signingSecret = SigningSecret(secret)
        configuration.server.port = 0
        configuration.commandsDirectory = commandsDirectory
        configuration.roles.managers = [maya.user]
        configuration.roles.marketing = [mark.user]
        configuration.managersChannel = managersChannel
        configuration.announcementsDirectory = directory.path
        configuration.outbox.perChannelInterval = .zero
        configuration.outbox.pollInterval = .milliseconds(20)
        try Data(spiff.utf8).write(to: directory.appendingPathComponent("demo-spiff.md"))
        _ = try await database.upsertPartnerOrgs(try DirectoryImport.partners(csv: partners, tiers: configuration.tiers), now: clock.now())

        let sink = DemoSink()
        let chat = LocalChatSink(store: try SinkStore(), clock: clock, output: { _ in })
        let recorder = RecordingSink(inner: chat, sink: sink)
        let logger = Logger(label: "demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let dependencies = AppDependencies(
            database: database, clock: clock, logger: logger, catalog: try CommandCatalog.load(directory: commandsDirectory), chatClient: recorder)
        let ports = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(configuration: configuration, dependencies: dependencies) { port in ports.continuation.yield(port) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { group.cancelAll() }
            var iterator = ports.stream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CocoaError(.featureUnsupported) }
            let session = DemoSession(
                baseURL: "http://127.0.0.1:\(port)", secret: SigningSecret(secret)!, clock: clock, timeline: ManualWallClock(clock.now()), transcript: transcript,
                database: database, sink: sink, settings: ProgramSettings(configuration))
            try await session.story()
            return transcript.failed
        }
    }

    static let partners = """
        org,name,type,tier,region,team_id,channel_id,manager
        acme-resell,Acme Reselling,reseller,select,emea,TACMEDEMO1,CACMEDEMO1,UMAYADEMO1
        globex,Globex Systems,si,elite,na,TGLOBEXDM1,CGLOBEXDM1,UMAYADEMO1
        """

    static let spiff = """
        ---
        id: demo-takeout-spiff
        title: "Competitive takeout SPIFF: $1,000 per displaced competitor"
        audience:
          types: [reseller, si]
        requires_ack: true
        remind_after: 72h
        ---
        *Earn $1,000* for every competitor install you replace this quarter.
        • Proof: the signed order and the decommissioned competitor's licence count.
        • Guardrails: net-new logos only; one award per customer.
        • Deadline: orders booked by the end of the quarter.
        """
}

/// Collects what reached the chat platform, by target, for the transcript.
final class DemoSink: Sendable {
    private let messages = Mutex<[(target: String, method: String, text: String)]>([])

    func record(target: String, method: String, text: String) {
        messages.withLock { $0.append((target, method, text)) }
    }

    /// Takes everything recorded so far.
    func drain() -> [(target: String, method: String, text: String)] {
        messages.withLock { current in
            defer { current = [] }
            return current
        }
    }
}

/// A chat client that records every outbound call for the transcript, then forwards it.
final class RecordingSink: SlackWebAPIClient {
    let inner: any SlackWebAPIClient
    let sink: DemoSink

    init(inner: any SlackWebAPIClient, sink: DemoSink) {
        self.inner = inner
        self.sink = sink
    }

    func call(_ request: WebAPIRequest) async throws(WebAPIFailure) -> WebAPIResponse {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        var text = body["text"] as? String ?? ""
        if let blocks = (body["view"] as? [String: Any])?["blocks"] as? [[String: Any]] {
            // A Home tab: its text, block by block.
            text = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }.joined(separator: "\n")
        }
        sink.record(target: body["channel"] as? String ?? body["user_id"] as? String ?? "?", method: request.method, text: text)
        return try await inner.call(request)
    }

    func postToResponseURL(_ url: String, body: [UInt8]) async throws(WebAPIFailure) {
        try await inner.postToResponseURL(url, body: body)
    }
}
