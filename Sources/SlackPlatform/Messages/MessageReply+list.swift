extension Block {
    /// A titled list as section blocks within Slack's limits: lines are packed into sections of
    /// at most ~2,900 characters, and at most 50 blocks are returned.
    public static func sections(title: String, lines: [String]) -> [Block] {
        var blocks: [Block] = [.section(text: "*\(title)*")]
        var current = ""
        // Characters counted once per line (a String's count walks it): linear, not quadratic.
        var currentCount = 0
        for line in lines {
            let lineCount = line.count
            if currentCount + lineCount + 1 > 2900 {
                blocks.append(.section(text: current))
                current = ""
                currentCount = 0
            }
            current += (current.isEmpty ? "" : "\n") + line
            currentCount += (currentCount == 0 ? 0 : 1) + lineCount
        }
        if !current.isEmpty { blocks.append(.section(text: current)) }
        return Array(blocks.prefix(50))
    }
}

extension MessageReply {
    /// A titled list: the text has every line, the blocks pack them (`Block.sections`).
    public static func list(title: String, lines: [String]) -> MessageReply {
        MessageReply(text: ([title] + lines).joined(separator: "\n"), blocks: Block.sections(title: title, lines: lines))
    }
}
