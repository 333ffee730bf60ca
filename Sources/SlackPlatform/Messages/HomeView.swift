/// An App Home tab for `views.publish`.
public struct HomeView: Sendable, Equatable, JSONWritable {
    /// Slack's limit on blocks in one view.
    public static let maxBlocks = 100

    /// The blocks, at most ``maxBlocks`` (the last one says when some were left out).
    public private(set) var blocks: [Block]

    /// Creates a view; blocks past Slack's limit are dropped and the last kept block says so.
    public init(blocks: [Block]) {
        if blocks.count > Self.maxBlocks {
            self.blocks = Array(blocks.prefix(Self.maxBlocks - 1)) + [.context(["More than fits here: use the slash commands for the full lists."])]
        } else {
            self.blocks = blocks
        }
    }

    public func write(to output: inout JSONOutput) {
        output.object { json in
            json.member("type", "home")
            json.member("blocks", blocks)
        }
    }

    /// The JSON of the view.
    public var json: [UInt8] { jsonBytes }
}
