import Foundation

/// Matching a customer's domain against Account websites, which people type in many forms
/// (`acme.com`, `www.acme.com`, `https://www.acme.com/about`).
enum SalesforceWebsite {
    /// The host of a website value, lowercased, without scheme, `www.`, port, path or trailing dot.
    static func host(_ website: String) -> String? {
        var rest = Substring(website.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        while rest.hasSuffix(".") { rest = rest.dropLast() }
        if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
        return rest.isEmpty ? nil : String(rest)
    }

    /// The customer's domain in the same form (`nil` when empty).
    static func normalizedDomain(_ domain: String) -> String? {
        host(domain)
    }

    /// Whether the website is the domain or one of its subdomains (`eu.acme.com` for `acme.com`;
    /// never `notacme.com`).
    static func matches(_ website: String?, domain: String) -> Bool {
        guard let website, let host = host(website) else { return false }
        return host == domain || host.hasSuffix("." + domain)
    }
}
