import SlackPlatform

/// A button's `action_id`: typed, and declared by the feature that owns the button, so routing
/// never compares bare strings.
public struct ActionID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}

/// A modal's `callback_id` (or a shortcut's): typed, declared by the feature that owns it.
public struct CallbackID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}

extension Button {
    /// A button whose action a feature owns.
    init(_ text: String, action: ActionID, value: String, style: Button.Style? = nil) {
        self.init(text, actionID: action.rawValue, value: value, style: style)
    }
}

extension ModalView {
    /// A modal whose submission a feature owns.
    init(callback: CallbackID, title: String, submit: String, privateMetadata: String, blocks: [Block]) {
        self.init(callbackID: callback.rawValue, title: title, submit: submit, privateMetadata: privateMetadata, blocks: blocks)
    }
}
