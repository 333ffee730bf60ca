import SlackPlatform

/// Replies built from the command specs in `Commands/`.
enum HelpReplies {
    /// The full help of one command.
    static func help(for name: CommandName, catalog: CommandCatalog) -> MessageReply {
        guard let spec = catalog.spec(for: name.slash) else { return overview(catalog: catalog) }
        var blocks: [Block] = [.section(text: spec.help)]
        if !spec.usageHint.isEmpty { blocks.append(.context(["Usage: `\(spec.command) \(spec.usageHint)`"])) }
        return MessageReply(text: "\(spec.command) — \(spec.description)\n\n\(spec.help)", blocks: blocks)
    }

    /// An unknown first word, with the command's usage.
    static func unknownSubcommand(_ word: String, of name: CommandName, catalog: CommandCatalog) -> MessageReply {
        let shown = Mrkdwn.escape(String(word.prefix(40)))
        let intro = "`\(name.slash) \(shown)` is not something I know."
        var reply = help(for: name, catalog: catalog)
        reply.text = intro + "\n\n" + reply.text
        reply.blocks.insert(.section(text: intro), at: 0)
        return reply
    }

    /// The list of every command, for an unknown command.
    static func overview(catalog: CommandCatalog, unknown: String? = nil) -> MessageReply {
        var lines: [String] = []
        if let unknown { lines.append("I don't know the command `\(Mrkdwn.escape(String(unknown.prefix(40))))`. Here is what I can do:") }
        for spec in catalog.specs {
            lines.append("• `\(spec.command) \(spec.usageHint)` — \(spec.description)")
        }
        lines.append("Add `help` after any command for details, e.g. `/register help`.")
        let text = lines.joined(separator: "\n")
        return MessageReply(text: text, blocks: [.section(text: text)])
    }
}
