import Foundation

extension CustomerIdentity {
    /// The customer's domain as a bare lowercase host name, or `nil` if it is not one.
    ///
    /// Trims; lowercases; strips a scheme (`https://`), user info, port, path, query and fragment;
    /// strips one leading `www.` (unless that would leave a single label) and one trailing dot.
    /// Then requires ASCII only (no IDN), at least two labels of 1–63 characters of `a-z`, `0-9`
    /// and `-` (not at a label's edge), an alphabetic top-level label of at least two letters, and
    /// at most 253 characters.
    ///
    /// ```swift
    /// CustomerIdentity.normalizedDomain("https://www.Acme.com/about")  // "acme.com"
    /// CustomerIdentity.normalizedDomain("acme")                        // nil
    /// ```
    /// - Parameter text: What the partner typed.
    /// - Returns: The host name, or `nil`.
    public static func normalizedDomain(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.count <= 2_048, trimmed.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        var host = Substring(trimmed.lowercased())
        var hadScheme = false
        if let separator = Self.schemeSeparator(in: host) {
            let scheme = host[..<separator.lowerBound]
            guard let first = scheme.first, first.isLetter,
                scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
            else { return nil }
            host = host[separator.upperBound...]
            hadScheme = true
        }
        if let end = host.firstIndex(where: { "/?#".contains($0) }) { host = host[..<end] }
        if let at = host.lastIndex(of: "@") {
            guard hadScheme else { return nil }  // "ann@acme.com" is an email, not a domain.
            host = host[host.index(after: at)...]
        }
        if let colon = host.firstIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard (1...5).contains(port.count), port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            host = host[..<colon]
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        if host.hasPrefix("www."), host.dropFirst(4).contains(".") { host = host.dropFirst(4) }
        let result = String(host)
        return isValidHostName(result) ? result : nil
    }

    /// The contact's email with its domain lowercased, or `nil` if it is not a usable address.
    ///
    /// Trims and drops a leading `mailto:`. Requires exactly one `@`; a local part of 1–64 bytes
    /// with no spaces, control characters or `( ) < > [ ] \ , ; : "`, and no leading, trailing or
    /// doubled dot; and a domain that is a valid host name as in ``normalizedDomain(_:)`` (but
    /// written bare: no scheme, port or path, and `www.` is kept). The local part keeps its case.
    ///
    /// ```swift
    /// CustomerIdentity.normalizedEmail(" Ann.Lee@ACME.com ")  // "Ann.Lee@acme.com"
    /// CustomerIdentity.normalizedEmail("ann@@acme.com")       // nil
    /// ```
    /// - Parameter text: What the partner typed.
    /// - Returns: The normalized address, or `nil`.
    public static func normalizedEmail(_ text: String) -> String? {
        var trimmed = Substring(text.trimmingWhitespace())
        guard trimmed.utf8.count <= 512 else { return nil }
        if trimmed.lowercased().hasPrefix("mailto:") { trimmed = trimmed.dropFirst(7) }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0]
        guard !local.isEmpty, local.utf8.count <= 64,
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
            local.unicodeScalars.allSatisfy(isLocalPartScalar)
        else { return nil }
        var domain = parts[1]
        guard domain.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        if domain.hasSuffix(".") { domain = domain.dropLast() }
        let host = domain.lowercased()
        guard isValidHostName(host) else { return nil }
        return String(local) + "@" + host
    }

    /// Where `://` first occurs.
    private static func schemeSeparator(in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let colon = utf8[index...].firstIndex(of: UInt8(ascii: ":")) {
            let rest = utf8[colon...]
            if rest.starts(with: "://".utf8) { return colon..<utf8.index(colon, offsetBy: 3) }
            index = utf8.index(after: colon)
        }
        return nil
    }

    /// A lowercase ASCII host name: ≥ 2 labels, each 1–63 of `a-z0-9-` not edged by `-`,
    /// an alphabetic top-level label of ≥ 2 letters, ≤ 253 characters in all.
    static func isValidHostName(_ host: String) -> Bool {
        let bytes = Array(host.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isLowercaseLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        guard let tld = labels.last else { return false }
        return tld.count >= 2 && tld.allSatisfy(isLowercaseLetter)
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Any character but spaces, controls, quotes and the address delimiters.
    private static func isLocalPartScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { return false }
        if scalar.properties.generalCategory == .format { return false }
        return !"()<>[]\\,;:\"".unicodeScalars.contains(scalar)
    }
}
