/// A modal view for `views.open`.
public struct ModalView: Sendable, Equatable, JSONWritable {
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
        self.title = title.limited(to: 24)
        self.submit = submit.limited(to: 24)
        self.privateMetadata = privateMetadata.limited(to: 3000)
        self.blocks = blocks
    }

    public func write(to output: inout JSONOutput) {
        output.object { json in
            json.member("type", "modal")
            json.member("callback_id", callbackID)
            json.member("title", TextObject.plain(title))
            json.member("submit", TextObject.plain(submit))
            json.member("close", TextObject.plain("Cancel"))
            json.member("private_metadata", privateMetadata)
            json.member("blocks", blocks)
        }
    }

    /// The JSON of the view.
    public var json: [UInt8] { jsonBytes }
}
