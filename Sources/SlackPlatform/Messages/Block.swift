/// A Block Kit block, enough for the bot's messages and modals.
public enum Block: Sendable, Equatable, Encodable {
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

    private enum Keys: String, CodingKey {
        case type, text, fields, accessory, elements, blockID = "block_id"
        case label, element, optional, hint
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .header(let text):
            try container.encode("header", forKey: .type)
            try container.encode(TextObject.plain(String(text.prefix(150))), forKey: .text)
        case .section(let text, let fields, let accessory, let blockID):
            try container.encode("section", forKey: .type)
            try container.encode(TextObject.mrkdwn(String(text.prefix(3000))), forKey: .text)
            if !fields.isEmpty { try container.encode(fields.prefix(10).map(TextObject.mrkdwn), forKey: .fields) }
            try container.encodeIfPresent(accessory, forKey: .accessory)
            try container.encodeIfPresent(blockID, forKey: .blockID)
        case .actions(let buttons, let blockID):
            try container.encode("actions", forKey: .type)
            try container.encode(buttons, forKey: .elements)
            try container.encodeIfPresent(blockID, forKey: .blockID)
        case .context(let texts):
            try container.encode("context", forKey: .type)
            try container.encode(texts.map(TextObject.mrkdwn), forKey: .elements)
        case .divider:
            try container.encode("divider", forKey: .type)
        case .input(let input):
            try container.encode("input", forKey: .type)
            try container.encode(input.blockID, forKey: .blockID)
            try container.encode(TextObject.plain(input.label), forKey: .label)
            try container.encode(input.element, forKey: .element)
            try container.encode(input.optional, forKey: .optional)
            if let hint = input.hint { try container.encode(TextObject.plain(hint), forKey: .hint) }
        }
    }
}

/// A Block Kit text object.
public enum TextObject: Sendable, Equatable, Encodable {
    /// `plain_text` (with emoji).
    case plain(String)
    /// `mrkdwn`.
    case mrkdwn(String)

    private enum Keys: String, CodingKey { case type, text, emoji }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .plain(let text):
            try container.encode("plain_text", forKey: .type)
            try container.encode(text, forKey: .text)
            try container.encode(true, forKey: .emoji)
        case .mrkdwn(let text):
            try container.encode("mrkdwn", forKey: .type)
            try container.encode(text, forKey: .text)
        }
    }
}

/// A button element.
public struct Button: Sendable, Equatable, Encodable {
    /// The visual style.
    public enum Style: String, Sendable, Encodable {
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

    private enum Keys: String, CodingKey { case type, text, actionID = "action_id", value, style }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("button", forKey: .type)
        try container.encode(TextObject.plain(text), forKey: .text)
        try container.encode(actionID, forKey: .actionID)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(style, forKey: .style)
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
public enum InputElement: Sendable, Equatable, Encodable {
    /// A text field.
    case text(actionID: String, placeholder: String? = nil, multiline: Bool = false)
    /// A date picker.
    case date(actionID: String)
    /// A static select with (value, label) options.
    case select(actionID: String, options: [(value: String, label: String)])

    public static func == (lhs: InputElement, rhs: InputElement) -> Bool {
        switch (lhs, rhs) {
        case let (.text(a, b, c), .text(d, e, f)): a == d && b == e && c == f
        case let (.date(a), .date(b)): a == b
        case let (.select(a, x), .select(b, y)): a == b && x.elementsEqual(y) { $0 == $1 }
        default: false
        }
    }

    private enum Keys: String, CodingKey { case type, actionID = "action_id", placeholder, multiline, options }
    private struct Option: Encodable {
        var text: TextObject
        var value: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .text(let actionID, let placeholder, let multiline):
            try container.encode("plain_text_input", forKey: .type)
            try container.encode(actionID, forKey: .actionID)
            if let placeholder { try container.encode(TextObject.plain(placeholder), forKey: .placeholder) }
            try container.encode(multiline, forKey: .multiline)
        case .date(let actionID):
            try container.encode("datepicker", forKey: .type)
            try container.encode(actionID, forKey: .actionID)
        case .select(let actionID, let options):
            try container.encode("static_select", forKey: .type)
            try container.encode(actionID, forKey: .actionID)
            try container.encode(options.map { Option(text: .plain($0.label), value: $0.value) }, forKey: .options)
        }
    }
}
