import Foundation

/// Decides which `response_url`s the bot may post to, before any network call.
///
/// Allowed are `https` URLs whose host is exactly one of the allowed hosts (case-insensitive,
/// default port only), and URLs on the same origin (scheme, host and port) as the Web API base
/// URL, so a local Slack-compatible server can receive them too. Everything else is refused:
/// other schemes, other hosts or ports, user info (`https://hooks.slack.com@evil.com/`), IP
/// literals on the allowed-host path, percent-encoded or unusual host names, characters outside
/// plain URL syntax, and strings that are no URL at all.
///
/// The URL handed to curl is rebuilt from the checked parts, so curl cannot read a different
/// host than the one checked here.
public struct ResponseURLPolicy: Sendable {
    /// The allowed hosts, lowercased.
    let allowedHosts: Set<String>
    /// The origin of the Web API base URL, if it parses.
    let baseOrigin: Origin?

    /// Scheme, host and effective port of a URL.
    struct Origin: Sendable, Equatable {
        var scheme: String
        var host: String
        var port: Int
    }

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - allowedHosts: Hosts a `response_url` may use over `https`.
    ///   - baseURL: The Web API base URL whose origin is also allowed.
    public init(allowedHosts: [String], baseURL: String?) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.baseOrigin = baseURL.flatMap { try? Self.parse($0).origin }
    }

    /// Checks a `response_url`.
    ///
    /// - Parameter url: The URL as received from Slack.
    /// - Returns: The URL to contact, rebuilt from its checked parts.
    /// - Throws: ``WebAPIFailure/forbiddenURL(_:)`` with the reason (never the URL).
    public func validatedURL(_ url: String) throws(WebAPIFailure) -> String {
        let parsed = try Self.parse(url)
        if let baseOrigin, parsed.origin == baseOrigin {
            return parsed.rebuilt
        }
        guard parsed.origin.scheme == "https" else {
            throw .forbiddenURL("scheme is not https")
        }
        guard parsed.origin.port == 443 else {
            throw .forbiddenURL("port is not allowed")
        }
        guard Self.isPlainHostName(parsed.origin.host) else {
            throw .forbiddenURL("host is not a plain host name")
        }
        guard allowedHosts.contains(parsed.origin.host) else {
            throw .forbiddenURL("host is not allowed")
        }
        return parsed.rebuilt
    }

    /// A URL split into checked parts.
    private struct ParsedURL {
        var origin: Origin
        var rebuilt: String
    }

    /// Parses an absolute `http`/`https` URL without user info.
    private static func parse(_ url: String) throws(WebAPIFailure) -> ParsedURL {
        guard (1...4096).contains(url.utf8.count), url.utf8.allSatisfy(isPlainURLByte) else {
            throw .forbiddenURL("not a URL")
        }
        guard let components = URLComponents(string: url), let rawScheme = components.scheme else {
            throw .forbiddenURL("not a URL")
        }
        let scheme = rawScheme.lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw .forbiddenURL("scheme is not allowed")
        }
        guard components.user == nil, components.password == nil, !authority(of: url).contains("@") else {
            throw .forbiddenURL("user info is not allowed")
        }
        guard let encodedHost = components.percentEncodedHost, !encodedHost.isEmpty,
            !encodedHost.contains("%")
        else {
            throw .forbiddenURL("host is missing or encoded")
        }
        let host = encodedHost.lowercased()
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else {
            throw .forbiddenURL("port is not allowed")
        }
        let path = components.percentEncodedPath
        guard path.isEmpty || path.hasPrefix("/") else {
            throw .forbiddenURL("not a URL")
        }
        var rebuilt = "\(scheme)://\(host)"
        if let explicitPort = components.port {
            rebuilt += ":\(explicitPort)"
        }
        rebuilt += path.isEmpty ? "/" : path
        if let query = components.percentEncodedQuery {
            rebuilt += "?" + query
        }
        return ParsedURL(origin: Origin(scheme: scheme, host: host, port: port), rebuilt: rebuilt)
    }

    /// The text between `://` and the first `/`, `?` or `#` (empty when there is no `://`).
    private static func authority(of url: String) -> Substring {
        guard let start = url.range(of: "://")?.upperBound else { return "" }
        let rest = url[start...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return rest[..<end]
    }

    /// Printable ASCII allowed in URLs (RFC 3986), without space, quotes, backslash and the like.
    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        guard (0x21...0x7E).contains(byte) else { return false }
        return !Array("\"<>\\^`{|}".utf8).contains(byte)
    }

    /// A DNS name of letters, digits, `-` and `.` whose last label is not numeric (no IP literal).
    private static func isPlainHostName(_ host: String) -> Bool {
        let allowed = host.utf8.allSatisfy { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x2E
        }
        guard allowed, let lastLabel = host.split(separator: ".").last else { return false }
        return !lastLabel.allSatisfy(\.isNumber) && !host.hasPrefix(".") && !host.hasSuffix(".")
            && !host.contains("..")
    }
}
