/// Helpers for putting untrusted text into Slack mrkdwn.
public enum Mrkdwn {
    /// Escapes `&`, `<` and `>` so user text can't form mentions (`<!channel>`, `<@U…>`) or links.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
