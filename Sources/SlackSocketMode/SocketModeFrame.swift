import Foundation
import SlackPlatform

/// Why Slack announced that a connection will close.
enum DisconnectReason: Sendable, Equatable, CustomStringConvertible {
    /// The connection will close soon (`warning`).
    case warning
    /// Slack rotates the connection (`refresh_requested`).
    case refreshRequested
    /// Socket Mode was turned off for the app (`link_disabled`): do not reconnect.
    case linkDisabled
    /// A reason this client does not know; treated like `warning`.
    case other(String)

    init(_ text: String) {
        switch text {
        case "warning": self = .warning
        case "refresh_requested": self = .refreshRequested
        case "link_disabled": self = .linkDisabled
        default: self = .other(text)
        }
    }

    var description: String {
        switch self {
        case .warning: "warning"
        case .refreshRequested: "refresh_requested"
        case .linkDisabled: "link_disabled"
        case .other(let text): text
        }
    }
}

/// One text frame from Slack, classified. Pure: parsing does no I/O.
enum InboundFrame: Sendable, Equatable {
    /// `{"type":"hello",…}`: the connection is ready.
    case hello
    /// `{"type":"disconnect","reason":…}`: open a replacement.
    case disconnect(DisconnectReason)
    /// An envelope to hand to the handler and acknowledge.
    case envelope(SocketModeEnvelope)
    /// An envelope this client cannot hand over (unknown type, or no object `payload`): it is
    /// acknowledged so Slack does not redeliver it forever.
    case unhandledEnvelope(envelopeID: String, problem: String)
    /// Anything else: logged and ignored.
    case ignored(String)

    /// Classifies a text frame.
    static func parse(_ text: String) -> InboundFrame {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            return .ignored("not JSON (\(text.utf8.count) bytes)")
        }
        guard let fields = object as? [String: Any] else { return .ignored("not a JSON object") }
        let type = fields["type"] as? String
        if let envelopeID = fields["envelope_id"] as? String, !envelopeID.isEmpty {
            return envelope(id: envelopeID, type: type, fields: fields)
        }
        switch type {
        case "hello":
            return .hello
        case "disconnect":
            return .disconnect(DisconnectReason(fields["reason"] as? String ?? ""))
        case let type?:
            return .ignored("message of type \(type.prefix(40)) without envelope_id")
        case nil:
            return .ignored("object without type or envelope_id")
        }
    }

    private static func envelope(id: String, type: String?, fields: [String: Any]) -> InboundFrame {
        guard let type, let kind = SocketModeEnvelope.Kind(rawValue: type) else {
            return .unhandledEnvelope(envelopeID: id, problem: "unknown envelope type \((type ?? "none").prefix(40))")
        }
        guard let payload = fields["payload"] as? [String: Any],
            let bytes = try? JSONSerialization.data(withJSONObject: payload, options: [.withoutEscapingSlashes])
        else {
            return .unhandledEnvelope(envelopeID: id, problem: "payload is not a JSON object")
        }
        let retryReason = (fields["retry_reason"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return .envelope(
            SocketModeEnvelope(
                envelopeID: id, kind: kind, payload: Array(bytes),
                acceptsResponsePayload: fields["accepts_response_payload"] as? Bool ?? false,
                retryAttempt: fields["retry_attempt"] as? Int ?? 0, retryReason: retryReason))
    }
}

/// The acknowledgement Slack expects for an envelope.
enum Acknowledgement {
    /// `{"envelope_id":"…"}`, or `{"envelope_id":"…","payload":{…}}` when a payload is given.
    ///
    /// - Parameters:
    ///   - envelopeID: The envelope's id.
    ///   - payload: The JSON object to answer with; the caller has checked it is one.
    static func text(envelopeID: String, payload: [UInt8]?) -> String {
        var output = JSONOutput()
        output.string(envelopeID)
        var bytes = Array(#"{"envelope_id":"#.utf8) + output.bytes
        if let payload {
            bytes += #","payload":"#.utf8
            bytes += payload
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes are one JSON object (what an acknowledgement's `payload` must be).
    static func isJSONObject(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) is [String: Any]
    }
}
