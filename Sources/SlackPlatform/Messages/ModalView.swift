import Foundation

/// A modal view for `views.open`.
public struct ModalView: Sendable, Equatable, Encodable {
    /// Identifies the modal in its `view_submission`.
    public var callbackID: String
    /// Title (≤ 24 characters).
    public var title: String
    /// Submit button label.
    public var submit: String
    /// Opaque state returned on submission (≤ 3000 characters).
    public var privateMetadata: String
    /// The blocks (inputs and text).
    public var blocks: [Block]

    /// Creates a modal.
    public init(callbackID: String, title: String, submit: String, privateMetadata: String, blocks: [Block]) {
        self.callbackID = callbackID
        self.title = String(title.prefix(24))
        self.submit = String(submit.prefix(24))
        self.privateMetadata = String(privateMetadata.prefix(3000))
        self.blocks = blocks
    }

    private enum Keys: String, CodingKey {
        case type, title, submit, close, blocks
        case callbackID = "callback_id"
        case privateMetadata = "private_metadata"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("modal", forKey: .type)
        try container.encode(callbackID, forKey: .callbackID)
        try container.encode(TextObject.plain(title), forKey: .title)
        try container.encode(TextObject.plain(submit), forKey: .submit)
        try container.encode(TextObject.plain("Cancel"), forKey: .close)
        try container.encode(privateMetadata, forKey: .privateMetadata)
        try container.encode(blocks, forKey: .blocks)
    }

    /// The JSON of the view.
    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(self))) ?? Array("{}".utf8)
    }
}
