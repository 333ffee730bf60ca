import SlackPlatform

/// A part of the bot users meet (register, deal, certify, announce, …), declared in one place:
/// its slash commands (each with a spec in `Commands/`), the buttons and modals it owns, and how
/// each is answered. Features are listed once, in `FeatureRegistry`.
protocol Feature: Sendable {
    /// Its slash commands.
    var commands: [CommandRoute] { get }
    /// The buttons it owns.
    var actions: [ActionRoute] { get }
    /// The modals it owns.
    var submissions: [SubmissionRoute] { get }
    /// The shortcuts it owns (the manifest declares them).
    var shortcuts: [ShortcutRoute] { get }
}

extension Feature {
    var commands: [CommandRoute] { [] }
    var actions: [ActionRoute] { [] }
    var submissions: [SubmissionRoute] { [] }
    var shortcuts: [ShortcutRoute] { [] }
}

/// A parsed slash command of one feature: a value a pure parser produced.
public protocol FeatureCommand: Sendable, Equatable {
    /// The keys `summary` may use (examples' `parses_to` in `Commands/*.yaml` are checked against them).
    static var summaryKeys: Set<String> { get }
    /// A flat description for the spec examples, e.g. `["action": "approve", "reference": "DR-3"]`.
    var summary: [String: String] { get }
}

extension FeatureCommand {
    /// Whether `other` is the same command value.
    func isEqual(to other: any FeatureCommand) -> Bool {
        (other as? Self) == self
    }
}

/// One slash command: its name, its pure parser and its handler.
public struct CommandRoute: Sendable {
    /// The command, e.g. `/deal`.
    public let name: CommandName
    /// Whether the command alone (no text) shows its help.
    let helpWhenEmpty: Bool
    /// The answer when the database cannot take the command (a full disk, a read-only file).
    let notSaved: MessageReply
    /// The keys its summaries use.
    let summaryKeys: Set<String>
    /// Parses the text after the command (not `help`); `nil` for an unknown first word.
    let parse: @Sendable (_ text: String, _ today: CalendarDate) -> (any FeatureCommand)?
    /// Answers a value `parse` produced.
    let handle: @Sendable (_ command: any FeatureCommand, _ slash: SlashCommand, _ services: BotServices) async throws -> MessageReply

    /// Declares a command.
    /// - Parameters:
    ///   - name: The command.
    ///   - helpWhenEmpty: Whether the command alone shows its help.
    ///   - notSaved: The answer when the database cannot take the command.
    ///   - parse: The feature's pure parser.
    ///   - handle: The feature's handler.
    init<Command: FeatureCommand>(
        _ name: CommandName, helpWhenEmpty: Bool = false, notSaved: MessageReply = AccessReplies.storageUnavailable,
        parse: @escaping @Sendable (String, CalendarDate) -> Command?,
        handle: @escaping @Sendable (Command, SlashCommand, BotServices) async throws -> MessageReply
    ) {
        self.name = name
        self.helpWhenEmpty = helpWhenEmpty
        self.notSaved = notSaved
        self.summaryKeys = Command.summaryKeys
        self.parse = { text, today in parse(text, today) }
        self.handle = { command, slash, services in
            // The registry only hands a route the values its own parser made.
            guard let command = command as? Command else { return HelpReplies.overview(catalog: services.catalog) }
            return try await handle(command, slash, services)
        }
    }
}

/// A button click, with the caller already resolved from the signed payload.
public struct ButtonClick: Sendable {
    /// Who clicked (enrolled: others are answered before any route runs).
    public var caller: Caller
    /// The button's value (a reference such as `DR-12`).
    public var value: String?
    /// Opens a modal within 3 s.
    public var triggerID: String?
    /// The payload as received.
    public var payload: BlockActions
}

/// A button or a modal a feature owns: its id and how it is answered.
public struct InteractionRoute<ID: Hashable & Sendable, Input, Output: Sendable>: Sendable {
    /// The button's `action_id` or the modal's `callback_id`.
    public let id: ID
    /// Answers a click (the reply goes to the clicker) or a submission (close, or errors in the modal).
    let handle: @Sendable (_ input: Input, _ services: BotServices) async throws -> Output
    /// The answer when the database cannot take it (a full disk, a read-only file); `nil` for
    /// the shared one (``InteractionHandler`` picks it).
    let notSaved: Output?

    init(_ id: ID, notSaved: Output? = nil, handle: @escaping @Sendable (Input, BotServices) async throws -> Output) {
        self.id = id
        self.notSaved = notSaved
        self.handle = handle
    }
}

/// One button a feature owns.
public typealias ActionRoute = InteractionRoute<ActionID, ButtonClick, MessageReply>

/// One modal a feature owns.
public typealias SubmissionRoute = InteractionRoute<CallbackID, ViewSubmission, InteractionReply>

/// One shortcut a feature owns, with what the app manifest declares for it.
public struct ShortcutRoute: Sendable {
    /// Its `callback_id`.
    public let id: CallbackID
    /// Global (search, composer) or on a message (its menu).
    public let kind: Shortcut.Kind
    /// The name Slack shows.
    public let name: String
    /// The description Slack shows (at most 150 characters).
    public let description: String
    /// Answers an invocation; a non-empty reply reaches the invoker only.
    let handle: @Sendable (_ shortcut: Shortcut, _ services: BotServices) async throws -> MessageReply

    init(
        _ id: CallbackID, kind: Shortcut.Kind, name: String, description: String,
        handle: @escaping @Sendable (Shortcut, BotServices) async throws -> MessageReply
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.description = description
        self.handle = handle
    }
}
