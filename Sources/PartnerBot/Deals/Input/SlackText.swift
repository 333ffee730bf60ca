import SlackPlatform

/// Undoing what Slack does to text a user types, and making user text safe to echo back.
///
/// Slack sends slash-command text with `&`, `<` and `>` escaped as `&amp;`, `&lt;`, `&gt;`, and
/// with links wrapped as `<https://acme.com|acme.com>` or `<mailto:ann@acme.com|ann@acme.com>`.
enum SlackText {
    /// Unwraps links, then unescapes entities: what the user actually typed.
    static func decode(_ text: String) -> String {
        unescape(unwrapLinks(text))
    }

    /// `<url|label>` → `label`; `<url>` → `url` without a `mailto:` prefix. Mentions and special
    /// commands (`<@U123>`, `<#C123|general>`, `<!here>`) and unclosed brackets are left as they are.
    static func unwrapLinks(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            // No ">" after this "<" means none after any later "<" either: stop scanning (linear time).
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[open...]
                break
            }
            let inner = rest[rest.index(after: open)..<close]
            if let first = inner.first, !"@#!".contains(first) {
                if let bar = inner.firstIndex(of: "|") {
                    result += inner[inner.index(after: bar)...]
                } else if inner.lowercased().hasPrefix("mailto:") {
                    result += inner.dropFirst(7)
                } else {
                    result += inner
                }
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// `&lt;` → `<`, `&gt;` → `>`, `&amp;` → `&`, in one pass (so `&amp;lt;` → `&lt;`).
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let tail = rest[ampersand...]
            if tail.hasPrefix("&amp;") {
                result += "&"
                rest = tail.dropFirst(5)
            } else if tail.hasPrefix("&lt;") {
                result += "<"
                rest = tail.dropFirst(4)
            } else if tail.hasPrefix("&gt;") {
                result += ">"
                rest = tail.dropFirst(4)
            } else {
                result += "&"
                rest = tail.dropFirst()
            }
        }
        result += rest
        return result
    }

    /// User text made safe inside a mrkdwn code span: at most `limit` characters (then `…`),
    /// controls and line breaks as spaces, backticks as `'`, and `&`, `<`, `>` escaped so nothing
    /// the user typed can mention or link.
    static func echo(_ text: String, limit: Int = 40) -> String {
        var shortened = ""
        var count = 0
        for character in text {
            if count == limit {
                shortened += "…"
                break
            }
            if character.isNewline || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                shortened += " "
            } else if character == "`" {
                shortened += "'"
            } else {
                shortened.append(character)
            }
            count += 1
        }
        return Mrkdwn.escape(shortened)
    }
}
