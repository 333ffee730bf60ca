import Foundation
import HummingbirdWebSocket
import NIOCore

extension FakeSocketModeServer {
    /// Serves one WebSocket: says hello (unless told not to), records acknowledgements until the
    /// client leaves.
    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel) async {
        let (id, saysHello) = state.withLock { state -> (Int, Bool) in
            state.nextConnectionID += 1
            return (state.nextConnectionID, state.saysHello)
        }
        if saysHello {
            let hello = #"{"type":"hello","num_connections":1,"debug_info":{"host":"fake-slack","approximate_connection_time":18060},"connection_info":{"app_id":"A0FAKE"}}"#
            do {
                try await outbound.write(.text(hello))
            } catch {
                return
            }
            state.withLock { state in
                state.live[id] = LiveConnection(id: id, outbound: outbound, channel: channel)
                state.connections.append(FakeSocketModeConnectionRecord(id: id, openedAt: .now))
            }
        }
        defer {
            state.withLock { state in
                state.live[id] = nil
                if let index = state.connections.firstIndex(where: { $0.id == id }) { state.connections[index].closedAt = .now }
            }
        }
        do {
            for try await message in inbound.messages(maxSize: 4 << 20) {
                switch message {
                case .text(let text): record(text, connectionID: id)
                case .binary: state.withLock { $0.unexpectedMessages.append("<binary>") }
                }
            }
        } catch {
            // the connection was cut
        }
    }

    /// Records one message from the client: an acknowledgement, or something unexpected.
    private func record(_ text: String, connectionID: Int) {
        let now = ContinuousClock.now
        guard let fields = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
            let envelopeID = fields["envelope_id"] as? String
        else {
            state.withLock { $0.unexpectedMessages.append(text) }
            return
        }
        let payload = (fields["payload"]).flatMap { value -> String? in
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]) else {
                return "<not JSON-serialisable>"
            }
            return String(decoding: data, as: UTF8.self)
        }
        state.withLock { state in
            guard let delivery = state.deliveries.first(where: { $0.envelopeID == envelopeID }) else {
                state.unexpectedMessages.append(text)
                return
            }
            state.acknowledgements.append(
                FakeSocketModeAcknowledgement(
                    envelopeID: envelopeID, payload: payload, connectionID: connectionID, receivedAt: now,
                    isLate: now - delivery.sentAt > state.acknowledgementDeadline))
        }
    }
}
