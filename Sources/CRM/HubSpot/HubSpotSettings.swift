/// How partnerbot reaches one HubSpot account: the API host, the private app's access token, and
/// the deal property holding the registration reference (a property created with unique values).
///
/// Printing, interpolating or dumping the settings never shows the token.
///
/// ```swift
/// let settings = HubSpotSettings(token: HubSpotAccessToken(environment["HUBSPOT_TOKEN"] ?? ""))
/// let connector = HubSpotConnector(settings: settings, client: CurlRESTClient())
/// ```
public struct HubSpotSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The API base URL, without a trailing slash (default `https://api.hubapi.com`).
    public var apiBaseURL: String
    /// The private app access token, sent as `Authorization: Bearer …`.
    public var token: HubSpotAccessToken
    /// The deal property whose (unique) value is the registration reference, e.g. `DR-12`.
    public var idProperty: String

    /// The public API host.
    public static let defaultAPIBaseURL = "https://api.hubapi.com"
    /// The deal property partnerbot creates for the registration reference.
    public static let defaultIDProperty = "partnerbot_registration_id"

    /// Creates settings.
    /// - Parameters:
    ///   - apiBaseURL: The API base URL (a fake's loopback URL in tests).
    ///   - token: The private app access token.
    ///   - idProperty: The unique deal property holding the registration reference.
    public init(apiBaseURL: String = HubSpotSettings.defaultAPIBaseURL, token: HubSpotAccessToken, idProperty: String = HubSpotSettings.defaultIDProperty) {
        self.apiBaseURL = apiBaseURL
        self.token = token
        self.idProperty = idProperty
    }

    public var description: String {
        "HubSpotSettings(apiBaseURL: \(apiBaseURL), token: \(token), idProperty: \(idProperty))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["apiBaseURL": apiBaseURL, "token": token, "idProperty": idProperty])
    }
}

/// A HubSpot private app access token (`pat-…`). Its descriptions and mirror are redacted, so the
/// token cannot end up in a log line, an error or a `dump`.
public struct HubSpotAccessToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; only the connector reads it, to build the `Authorization` header.
    let secret: String

    /// Wraps a token.
    public init(_ secret: String) {
        self.secret = secret
    }

    /// Whether no token was configured.
    public var isEmpty: Bool { secret.isEmpty }

    public var description: String { secret.isEmpty ? "<none>" : "<redacted>" }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
