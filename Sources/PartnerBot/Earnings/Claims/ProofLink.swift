import Foundation

/// A claim's proof: an https link to a document (a signed order, an invoice, photos of the event).
enum ProofLink {
    /// The link when it is an https URL with a host (at most 500 characters), else `nil`. Slack's
    /// `<https://…>` and `<https://…|label>` give the URL.
    static func check(_ text: String) -> String? {
        var value = text.trimmingWhitespace()
        if value.hasPrefix("<"), value.hasSuffix(">") {
            value = String(value.dropFirst().dropLast().prefix { $0 != "|" })
        }
        guard value.count <= 500, !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }),
            let url = URL(string: value), url.scheme?.lowercased() == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return value
    }

    static let usage = "The proof must be an https link, e.g. `proof:https://drive.example.com/signed-order.pdf`."
}
