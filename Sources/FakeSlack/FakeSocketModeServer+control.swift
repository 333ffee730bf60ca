import Foundation
import HummingbirdWebSocket
import NIOCore
import SlackPlatform

extension FakeSocketModeServer {
    /// Ids of the open connections, ascending.
    public var openConnectionIDs: [Int] { state.withLock { $0.live.keys.sorted() } }
    /// How many connections are open.
    public var openConnectionCount: Int { state.withLock { $0.live.count } }
    /// Every connection that said hello, open or closed, in order.
    public var connectionRecords: [FakeSocketModeConnectionRecord] { state.withLock { $0.connections } }
    /// Every envelope sent, in order.
    public var deliveries: [FakeSocketModeDelivery] { state.withLock { $0.deliveries } }
    /// Every acknowledgement received, in order (duplicates included).
    public var acknowledgements: [FakeSocketModeAcknowledgement] { state.withLock { $0.acknowledgements } }
    /// Acknowledgements that arrived after the deadline.
    public var lateAcknowledgements: [FakeSocketModeAcknowledgement] { acknowledgements.filter(\.isLate) }
    /// Deliveries not acknowledged (yet).
    public var unacknowledged: [FakeSocketModeDelivery] {
        state.withLock { state in
            let acknowledged = Set(state.acknowledgements.map(\.envelopeID))
            return state.deliveries.filter { !acknowledged.contains($0.envelopeID) }
        }
    }
    /// Envelope ids acknowledged more than once.
    public var acknowledgedTwice: [String] {
        Dictionary(grouping: acknowledgements, by: \.envelopeID).filter { $0.value.count > 1 }.keys.sorted()
    }
    /// Messages from the client that were not acknowledgements of a sent envelope.
    public var unexpectedMessages: [String] { state.withLock { $0.unexpectedMessages } }

    /// The first acknowledgement of an envelope, if any.
    public func acknowledgement(of envelopeID: String) -> FakeSocketModeAcknowledgement? {
        state.withLock { $0.acknowledgements.first { $0.envelopeID == envelopeID } }
    }

    /// Sends an envelope, on the given connection or on the open ones in turn.
    ///
    /// - Parameters:
    ///   - type: The envelope type (`events_api`, `interactive`, `slash_commands`, or any text).
    ///   - payload: The `payload` member, a JSON object as text.
    ///   - acceptsResponsePayload: `accepts_response_payload`.
    ///   - retryAttempt: `retry_attempt`.
    ///   - retryReason: `retry_reason`.
    ///   - connectionID: The connection to use; nil picks the next open one.
    /// - Returns: The envelope id.
    /// - Throws: ``FakeSocketModeError`` when no such connection is open, or the write's error.
    @discardableResult
    public func send(
        type: String = "events_api", payload: String = #"{"type":"event_callback"}"#, acceptsResponsePayload: Bool = false,
        retryAttempt: Int = 0, retryReason: String = "", on connectionID: Int? = nil
    ) async throws -> String {
        try await deliver(
            type: type, payload: payload, acceptsResponsePayload: acceptsResponsePayload,
            retryAttempt: retryAttempt, retryReason: retryReason, original: nil, on: connectionID)
    }

    /// Sends every unacknowledged envelope again, as Slack does: a fresh envelope id,
    /// `retry_attempt` one higher, `retry_reason` as given.
    ///
    /// - Returns: The new envelope ids.
    @discardableResult
    public func resendUnacknowledged(reason: String = "timeout") async throws -> [String] {
        var ids: [String] = []
        for delivery in unacknowledged {
            ids.append(
                try await deliver(
                    type: delivery.type, payload: delivery.payload, acceptsResponsePayload: delivery.acceptsResponsePayload,
                    retryAttempt: delivery.retryAttempt + 1, retryReason: reason, original: delivery.originalEnvelopeID, on: nil))
        }
        return ids
    }

    /// Sends a text frame as-is (malformed input for robustness tests).
    public func sendRaw(_ text: String, on connectionID: Int? = nil) async throws {
        try await pick(connectionID).outbound.write(.text(text))
    }

    /// Sends a binary frame.
    public func sendBinary(_ bytes: [UInt8], on connectionID: Int? = nil) async throws {
        try await pick(connectionID).outbound.write(.binary(ByteBuffer(bytes: bytes)))
    }

    /// Sends `{"type":"disconnect","reason":…}` on one connection, or on all when nil. The
    /// connection stays open until ``close(connectionID:)`` (Slack closes it a little later).
    public func disconnect(reason: String, on connectionID: Int? = nil) async throws {
        let targets = try connectionID.map { [try pick($0)] } ?? state.withLock { Array($0.live.values) }
        for target in targets {
            try await target.outbound.write(.text(#"{"type":"disconnect","reason":"\#(reason)","debug_info":{"host":"fake-slack"}}"#))
        }
    }

    /// Closes a connection with a close handshake.
    public func close(connectionID: Int) async throws {
        try await pick(connectionID).outbound.close(.normalClosure, reason: "refresh")
    }

    /// Cuts one connection without a close frame.
    public func dropConnection(_ connectionID: Int) throws {
        try pick(connectionID).channel.close(promise: nil)
    }

    /// Cuts every connection without a close frame.
    public func dropConnections() {
        for connection in state.withLock({ Array($0.live.values) }) {
            connection.channel.close(promise: nil)
        }
    }

    /// Polls until `condition` holds or `timeout` passes (a test helper).
    ///
    /// - Returns: Whether the condition held.
    @discardableResult
    public func waitUntil(timeout: Duration = .seconds(10), _ condition: @Sendable (FakeSocketModeServer) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition(self) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Waits for the acknowledgement of an envelope.
    public func waitForAcknowledgement(of envelopeID: String, timeout: Duration = .seconds(10)) async -> FakeSocketModeAcknowledgement? {
        await waitUntil(timeout: timeout) { $0.acknowledgement(of: envelopeID) != nil }
        return acknowledgement(of: envelopeID)
    }

    private func deliver(
        type: String, payload: String, acceptsResponsePayload: Bool, retryAttempt: Int, retryReason: String,
        original: String?, on connectionID: Int?
    ) async throws -> String {
        let target = try pick(connectionID)
        let envelopeID = state.withLock { state -> String in
            state.nextEnvelope += 1
            let id = "fake-envelope-\(state.nextEnvelope)"
            state.deliveries.append(
                FakeSocketModeDelivery(
                    envelopeID: id, originalEnvelopeID: original ?? id, type: type, payload: payload,
                    acceptsResponsePayload: acceptsResponsePayload, retryAttempt: retryAttempt, retryReason: retryReason,
                    connectionID: target.id, sentAt: .now))
            return id
        }
        var output = JSONOutput()
        output.object { object in
            object.member("envelope_id", envelopeID)
            object.member("type", type)
            object.member("accepts_response_payload", acceptsResponsePayload)
            object.key("retry_attempt")
            object.int(retryAttempt)
            object.member("retry_reason", retryReason)
        }
        var frame = output.bytes
        frame.removeLast()
        frame += #","payload":"#.utf8 + Array(payload.utf8) + [UInt8(ascii: "}")]
        try await target.outbound.writeTextMessage(String(decoding: frame, as: UTF8.self))
        return envelopeID
    }

    /// The given open connection, or the next one in turn.
    private func pick(_ connectionID: Int?) throws -> LiveConnection {
        try state.withLock { state in
            if let connectionID {
                guard let connection = state.live[connectionID] else { throw FakeSocketModeError.unknownConnection(connectionID) }
                return connection
            }
            let ids = state.live.keys.sorted()
            guard !ids.isEmpty else { throw FakeSocketModeError.noOpenConnection }
            state.roundRobin += 1
            return state.live[ids[state.roundRobin % ids.count]]!
        }
    }
}
