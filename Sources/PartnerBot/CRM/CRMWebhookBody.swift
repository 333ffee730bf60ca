import Foundation

/// The body of the generic CRM webhook (`POST /crm/webhook`), for Salesforce Flows, outbound
/// integrations and any other CRM:
/// `{"registration": "DR-12", "stage": "proposal", "outcome": "won" | "lost", "reason": "…", "id": "…"}`.
/// `stage` may be partnerbot's stage name or the CRM's (through `crm.stages`); `outcome` closes
/// the deal; `id` identifies the delivery (else the body does).
struct CRMWebhookBody: Decodable, Equatable {
    var registration: String
    var stage: String?
    var outcome: String?
    var reason: String?
    var id: String?
    var occurredAt: Date?

    enum CodingKeys: String, CodingKey {
        case registration, stage, outcome, reason, id
        case occurredAt = "occurred_at"
    }

    /// Why a body cannot be applied: answered 400 with this text.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case badRegistration(String)
        case nothingToDo
        case unknownOutcome(String)
        case unknownStage(String)

        var description: String {
            switch self {
            case .malformed(let why): "malformed JSON body: \(why)"
            case .badRegistration(let text): "registration must be a reference like DR-12, got \"\(text)\""
            case .nothingToDo: "give a stage or an outcome (won or lost)"
            case .unknownOutcome(let text): "outcome must be won or lost, got \"\(text)\""
            case .unknownStage(let text): "unknown stage \"\(text)\": use one of the program's stages or a CRM stage mapped in crm.stages"
            }
        }
    }

    /// Parses a body.
    static func parse(_ bytes: [UInt8]) throws(Problem) -> CRMWebhookBody {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(CRMWebhookBody.self, from: Data(bytes))
        } catch {
            throw .malformed(Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "\(context.codingPath.map(\.stringValue).joined(separator: ".")) is invalid"
        default: "not JSON"
        }
    }

    /// The update it asks for.
    /// - Parameters:
    ///   - stages: The program's stages.
    ///   - mapping: `crm.stages`, to read CRM stage names.
    ///   - bodyDigest: Identifies the delivery when it carries no `id`.
    func update(stages: [String], mapping: CRMMapping, bodyDigest: String) throws(Problem) -> CRMUpdate {
        guard let dealID = Deal.id(fromReference: registration) else { throw .badRegistration(registration) }
        let change: CRMUpdate.Change
        if let outcome {
            switch outcome.lowercased() {
            case "won": change = .won
            case "lost": change = .lost(reason: reason)
            default: throw .unknownOutcome(outcome)
            }
        } else if let stage {
            switch stages.first(where: { $0.caseInsensitiveCompare(stage) == .orderedSame }) ?? mapping.botStage(forCRMStage: stage) {
            case "won": change = .won
            case "lost": change = .lost(reason: reason)
            case let known?: change = .stage(known)
            case nil: throw .unknownStage(stage)
            }
        } else {
            throw .nothingToDo
        }
        return CRMUpdate(eventKey: "webhook:" + (id ?? bodyDigest), source: "webhook", dealID: dealID, change: change, occurredAt: occurredAt)
    }
}
