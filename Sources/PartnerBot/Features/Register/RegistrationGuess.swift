import Foundation

/// What the message shortcut guesses from a message for the registration form: its text as the
/// note, the customer's domain (from a link, an email address or a bare domain, skipping mail
/// providers and chat services) and the company (a name ending in a legal suffix, else the
/// domain's name). Pure; the partner checks every field before submitting.
enum RegistrationGuess {
    /// Domains that never name a customer.
    static let ignoredDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "aol.com",
        "proton.me", "protonmail.com", "gmx.com", "gmx.de", "slack.com", "zoom.us", "google.com", "microsoft.com", "linkedin.com",
    ]

    /// Legal suffixes that end a company name.
    static let suffixes = ["Inc", "Inc.", "Corp", "Corp.", "Corporation", "Ltd", "Ltd.", "Limited", "LLC", "GmbH", "AG", "SA", "S.A.", "BV", "B.V.", "plc", "SAS", "Co.", "Pty"]

    static func prefill(fromMessage text: String) -> RegistrationForm.Prefill {
        let plain = SlackText.decode(text)
        let domain = self.domain(in: plain)
        return RegistrationForm.Prefill(
            company: company(in: plain) ?? domain.map(companyName(fromDomain:)), domain: domain, note: plain.isEmpty ? nil : plain)
    }

    /// The first domain-looking word (a URL's host, an email's domain or a bare domain) that is not a provider's.
    static func domain(in text: String) -> String? {
        for word in text.split(whereSeparator: { $0.isWhitespace || "()[]<>,;\"'".contains($0) }) {
            var candidate = String(word).trimmingCharacters(in: CharacterSet(charactersIn: ".:!?"))
            if let at = candidate.lastIndex(of: "@"), !candidate.contains("://") { candidate = String(candidate[candidate.index(after: at)...]) }
            guard candidate.contains("."), let domain = CustomerIdentity.normalizedDomain(candidate) else { continue }
            if ignoredDomains.contains(domain) || ignoredDomains.contains(where: { domain.hasSuffix("." + $0) }) { continue }
            return domain
        }
        return nil
    }

    /// Up to five capitalised words followed by a legal suffix, e.g. `Globex Corporation`.
    static func company(in text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;:!?()\"")) }
        for (index, word) in words.enumerated() where index > 0 && suffixes.contains(word) {
            var start = index
            while start > 0, index - start < 5, let first = words[start - 1].first, first.isUppercase || first.isNumber {
                start -= 1
            }
            guard start < index else { continue }
            return words[start...index].joined(separator: " ")
        }
        return nil
    }

    /// `acme-robotics.co.uk` → `Acme Robotics`.
    static func companyName(fromDomain domain: String) -> String {
        let label = domain.split(separator: ".").first.map(String.init) ?? domain
        return label.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
