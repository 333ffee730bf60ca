/// A Block Kit block, enough for the bot's messages and modals.
public enum Block: Sendable, Equatable, JSONWritable {
    /// A header line (plain text, ≤ 150 chars).
    case header(String)
    /// A mrkdwn paragraph with optional two-column fields and an optional accessory button.
    case section(text: String, fields: [String] = [], accessory: Button? = nil, blockID: String? = nil)
    /// A row of buttons.
    case actions([Button], blockID: String? = nil)
    /// Small mrkdwn footnotes.
    case context([String])
    /// A horizontal rule.
    case divider
    /// A modal input.
    case input(Input)

    public func write(to output: inout JSONOutput) {
        output.object { json in
            switch self {
            case .header(let text):
                json.member("type", "header")
                json.member("text", TextObject.plain(text.limited(to: 150)))
            case .section(let text, let fields, let accessory, let blockID):
                json.member("type", "section")
                json.member("text", TextObject.mrkdwn(text.limited(to: 3000)))
                if !fields.isEmpty { json.member("fields", fields.prefix(10).map(TextObject.mrkdwn)) }
                if let accessory { json.member("accessory", accessory) }
                json.member("block_id", blockID)
            case .actions(let buttons, let blockID):
                json.member("type", "actions")
                json.member("elements", buttons)
                json.member("block_id", blockID)
            case .context(let texts):
                json.member("type", "context")
                json.member("elements", texts.map(TextObject.mrkdwn))
            case .divider:
                json.member("type", "divider")
            case .input(let input):
                json.member("type", "input")
                json.member("block_id", input.blockID)
                json.member("label", TextObject.plain(input.label))
                json.member("element", input.element)
                json.member("optional", input.optional)
                if let hint = input.hint { json.member("hint", TextObject.plain(hint)) }
            }
        }
    }
}

/// A Block Kit text object.
public enum TextObject: Sendable, Equatable, JSONWritable {
    /// `plain_text` (with emoji).
    case plain(String)
    /// `mrkdwn`.
    case mrkdwn(String)

    public func write(to output: inout JSONOutput) {
        output.object { json in
            switch self {
            case .plain(let text):
                json.member("type", "plain_text")
                json.member("text", text)
                json.member("emoji", true)
            case .mrkdwn(let text):
                json.member("type", "mrkdwn")
                json.member("text", text)
            }
        }
    }
}

/// A button element.
public struct Button: Sendable, Equatable, JSONWritable {
    /// The visual style.
    public enum Style: String, Sendable {
        /// Green.
        case primary
        /// Red.
        case danger
    }

    /// Button label.
    public var text: String
    /// Identifies the action in the click payload.
    public var actionID: String
    /// Value carried back in the click payload (≤ 2000 chars).
    public var value: String
    /// Optional style.
    public var style: Style?

    /// Creates a button.
    public init(_ text: String, actionID: String, value: String, style: Style? = nil) {
        self.text = text
        self.actionID = actionID
        self.value = value
        self.style = style
    }

    public func write(to output: inout JSONOutput) {
        output.object { json in
            json.member("type", "button")
            json.member("text", TextObject.plain(text))
            json.member("action_id", actionID)
            json.member("value", value)
            json.member("style", style?.rawValue)
        }
    }
}

/// A modal input block.
public struct Input: Sendable, Equatable {
    /// The block id (the key in `state.values`).
    public var blockID: String
    /// The visible label.
    public var label: String
    /// The input element.
    public var element: InputElement
    /// Whether the field may be left empty.
    public var optional: Bool
    /// Help text under the field.
    public var hint: String?

    /// Creates an input block.
    public init(blockID: String, label: String, element: InputElement, optional: Bool = false, hint: String? = nil) {
        self.blockID = blockID
        self.label = label
        self.element = element
        self.optional = optional
        self.hint = hint
    }
}

/// An input element inside a modal.
public enum InputElement: Sendable, Equatable, JSONWritable {
    /// A text field, optionally prefilled (`initial_value`).
    case text(actionID: String, placeholder: String? = nil, multiline: Bool = false, initialValue: String? = nil)
    /// A date picker.
    case date(actionID: String)
    /// A static select with (value, label) options.
    case select(actionID: String, options: [(value: String, label: String)])

    public static func == (lhs: InputElement, rhs: InputElement) -> Bool {
        switch (lhs, rhs) {
        case let (.text(a, b, c, g), .text(d, e, f, h)): a == d && b == e && c == f && g == h
        case let (.date(a), .date(b)): a == b
        case let (.select(a, x), .select(b, y)): a == b && x.elementsEqual(y) { $0 == $1 }
        default: false
        }
    }

    public func write(to output: inout JSONOutput) {
        output.object { json in
            switch self {
            case .text(let actionID, let placeholder, let multiline, let initialValue):
                json.member("type", "plain_text_input")
                json.member("action_id", actionID)
                if let placeholder { json.member("placeholder", TextObject.plain(placeholder)) }
                json.member("multiline", multiline)
                if let initialValue { json.member("initial_value", initialValue) }
            case .date(let actionID):
                json.member("type", "datepicker")
                json.member("action_id", actionID)
            case .select(let actionID, let options):
                json.member("type", "static_select")
                json.member("action_id", actionID)
                json.key("options")
                json.array { array in
                    for option in options {
                        array.object { item in
                            item.member("text", TextObject.plain(option.label))
                            item.member("value", option.value)
                        }
                    }
                }
            }
        }
    }
}
