import Foundation

/// Percent-encoding for the URLs and forms the connector sends.
enum SalesforceURLEncoding {
    /// RFC 3986 unreserved characters: everything else is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// A path segment or query value with every reserved character encoded (`%` → `%25`,
    /// space → `%20`, `'` → `%27`).
    static func component(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `application/x-www-form-urlencoded` pairs.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { component($0.0) + "=" + component($0.1) }.joined(separator: "&")
    }

    /// The URL without trailing `/`.
    static func trimmingTrailingSlashes(_ url: String) -> String {
        var url = Substring(url.trimmingCharacters(in: .whitespaces))
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }
}
