extension String {
    /// The first `count` characters (Slack limits fields in characters).
    ///
    /// Returns the string itself, without walking its grapheme clusters, when its UTF-8 is no
    /// longer than `count` bytes: every character takes at least one byte. Replies are built on
    /// every request, and counting characters walks the whole text.
    public func limited(to count: Int) -> String {
        utf8.count <= count ? self : String(prefix(count))
    }
}
