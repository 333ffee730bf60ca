import Foundation

/// One event of a HubSpot webhook request (the body is a JSON array of up to 100 of them).
///
/// For partnerbot: `subscriptionType` `deal.propertyChange` with `propertyName` `dealstage` (the
/// new stage in `propertyValue`), and `deal.deletion`. `objectId` is the deal id. HubSpot says
/// `eventId` is not guaranteed unique and events may repeat (`attemptNumber` > 0) or arrive out of
/// order: order by `occurredAt` and apply idempotently.
public struct HubSpotWebhookEvent: Sendable, Equatable, Decodable {
    /// The event's id (not guaranteed unique, per HubSpot).
    public var eventId: Int64
    /// The subscription that produced it.
    public var subscriptionId: Int64
    /// The HubSpot account (portal) id.
    public var portalId: Int64
    /// The app id, when sent.
    public var appId: Int64?
    /// When it happened, in milliseconds since the epoch.
    public var occurredAt: Int64
    /// E.g. `deal.propertyChange`, `deal.deletion`, `deal.creation` (HubSpot's newer payloads
    /// name this field `eventType`; either is read).
    public var subscriptionType: String
    /// 0 on the first delivery, more on retries.
    public var attemptNumber: Int
    /// The record's id (the deal id for `deal.*`).
    public var objectId: Int64
    /// The changed property (`*.propertyChange` only).
    public var propertyName: String?
    /// Its new value (`*.propertyChange` only).
    public var propertyValue: String?
    /// What made the change (`CRM_UI`, `API`, `IMPORT`, `WORKFLOW`…).
    public var changeSource: String?
    /// Creation/merge flag, when sent (`NEW`, `CREATED`…).
    public var changeFlag: String?
    /// Who made the change (`userId:123`), when sent.
    public var sourceId: String?
    /// The object type (`0-3` for deals) on generic `object.*` subscriptions.
    public var objectTypeId: String?

    /// When it happened.
    public var occurredAtDate: Date { Date(timeIntervalSince1970: Double(occurredAt) / 1000) }

    /// Creates an event (tests, replays).
    public init(
        eventId: Int64, subscriptionId: Int64, portalId: Int64, appId: Int64?, occurredAt: Int64, subscriptionType: String,
        attemptNumber: Int, objectId: Int64, propertyName: String? = nil, propertyValue: String? = nil, changeSource: String? = nil,
        changeFlag: String? = nil, sourceId: String? = nil, objectTypeId: String? = nil
    ) {
        self.eventId = eventId
        self.subscriptionId = subscriptionId
        self.portalId = portalId
        self.appId = appId
        self.occurredAt = occurredAt
        self.subscriptionType = subscriptionType
        self.attemptNumber = attemptNumber
        self.objectId = objectId
        self.propertyName = propertyName
        self.propertyValue = propertyValue
        self.changeSource = changeSource
        self.changeFlag = changeFlag
        self.sourceId = sourceId
        self.objectTypeId = objectTypeId
    }

    private enum CodingKeys: String, CodingKey {
        case eventId, subscriptionId, portalId, appId, occurredAt, subscriptionType, eventType, attemptNumber, objectId
        case propertyName, propertyValue, changeSource, changeFlag, sourceId, objectTypeId
    }

    /// Decodes an event; ids may be JSON numbers or numeric strings, unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        eventId = try Self.number(c, .eventId)
        subscriptionId = try Self.number(c, .subscriptionId)
        portalId = try Self.number(c, .portalId)
        appId = c.contains(.appId) ? try Self.number(c, .appId) : nil
        occurredAt = try Self.number(c, .occurredAt)
        let type = try c.decodeIfPresent(String.self, forKey: .subscriptionType) ?? c.decodeIfPresent(String.self, forKey: .eventType)
        guard let type else { throw DecodingError.keyNotFound(CodingKeys.subscriptionType, .init(codingPath: c.codingPath, debugDescription: "no subscriptionType or eventType")) }
        subscriptionType = type
        attemptNumber = try c.decodeIfPresent(Int.self, forKey: .attemptNumber) ?? 0
        objectId = try Self.number(c, .objectId)
        propertyName = try c.decodeIfPresent(String.self, forKey: .propertyName)
        propertyValue = try Self.text(c, .propertyValue)
        changeSource = try c.decodeIfPresent(String.self, forKey: .changeSource)
        changeFlag = try c.decodeIfPresent(String.self, forKey: .changeFlag)
        sourceId = try c.decodeIfPresent(String.self, forKey: .sourceId)
        objectTypeId = try c.decodeIfPresent(String.self, forKey: .objectTypeId)
    }

    private static func number(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int64 {
        if let number = try? c.decode(Int64.self, forKey: key) { return number }
        let text = try c.decode(String.self, forKey: key)
        guard let number = Int64(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) is not a number")
        }
        return number
    }

    /// A property value: a string, or a number or boolean rendered as text.
    private static func text(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        if let text = try? c.decode(String.self, forKey: key) { return text }
        if let flag = try? c.decode(Bool.self, forKey: key) { return flag ? "true" : "false" }
        return try c.decode(Decimal.self, forKey: key).description
    }
}

/// Why a webhook body could not be read.
public enum HubSpotWebhookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a JSON array of events: what was wrong.
    case malformedBody(String)

    public var description: String {
        switch self {
        case .malformedBody(let why): "malformed HubSpot webhook body: \(why)"
        }
    }
}

extension HubSpotWebhook {
    /// The events of a (verified) webhook body.
    /// - Throws: `HubSpotWebhookError.malformedBody` when the body is not a JSON array of events.
    public static func events(from body: [UInt8]) throws(HubSpotWebhookError) -> [HubSpotWebhookEvent] {
        do {
            return try JSONDecoder().decode([HubSpotWebhookEvent].self, from: Data(body))
        } catch let error as DecodingError {
            throw .malformedBody(Self.reason(error))
        } catch {
            throw .malformedBody(String(describing: error))
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing \(key.stringValue) at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.debugDescription + (context.codingPath.isEmpty ? "" : " at \(path(context))")
        @unknown default: String(describing: error)
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
