/// Every feature of the bot, registered once. Slash command names, the required command specs,
/// the manifest's commands and the routing of buttons and modals all derive from this list.
///
/// Adding a command or a button: a spec in `Commands/`, a parser case, a handler, a route in the
/// feature's `Feature` value (or a new feature listed here), tests. See the README's recipe.
public enum FeatureRegistry {
    /// The features, in the order help lists them.
    static let features: [any Feature] = [
        RegisterFeature(),
        DealFeature(),
        CertifyFeature(),
        AnnounceFeature(),
        PanelFeature(),
        ProgramFeature(),
        TierFeature(),
        EarningsFeature(),
        ClaimsFeature(),
    ]

    private static let routes = Routes(features)

    /// Every slash command, sorted.
    public static var commandNames: [CommandName] { routes.commands.keys.sorted() }

    /// The route of a command.
    static func command(_ name: CommandName) -> CommandRoute? { routes.commands[name] }

    /// The route of a button.
    static func action(_ id: ActionID) -> ActionRoute? { routes.actions[id] }

    /// The route of a modal.
    static func submission(_ id: CallbackID) -> SubmissionRoute? { routes.submissions[id] }

    /// The route of a shortcut.
    static func shortcut(_ id: CallbackID) -> ShortcutRoute? { routes.shortcuts[id] }

    /// Every shortcut, for the manifest.
    public static var shortcuts: [ShortcutRoute] { routes.shortcuts.values.sorted { $0.id.rawValue < $1.id.rawValue } }

    /// Every button and modal id, for tests and the manifest.
    static var actionIDs: Set<ActionID> { Set(routes.actions.keys) }
    static var callbackIDs: Set<CallbackID> { Set(routes.submissions.keys) }

    /// Keys every summary may use, plus each command's own.
    public static var summaryKeys: Set<String> {
        routes.commands.values.reduce(CommandSummary.commonKeys) { $0.union($1.summaryKeys) }
    }

    /// The routes by id. Two features claiming one id is a programming error caught at start-up
    /// (and by the registry's tests).
    private struct Routes: Sendable {
        var commands: [CommandName: CommandRoute] = [:]
        var actions: [ActionID: ActionRoute] = [:]
        var submissions: [CallbackID: SubmissionRoute] = [:]
        var shortcuts: [CallbackID: ShortcutRoute] = [:]

        init(_ features: [any Feature]) {
            for feature in features {
                for route in feature.commands { Self.add(route, at: route.name, to: &commands) }
                for route in feature.actions { Self.add(route, at: route.id, to: &actions) }
                for route in feature.submissions { Self.add(route, at: route.id, to: &submissions) }
                for route in feature.shortcuts { Self.add(route, at: route.id, to: &shortcuts) }
            }
        }

        private static func add<Key: Hashable, Route>(_ route: Route, at key: Key, to routes: inout [Key: Route]) {
            precondition(routes[key] == nil, "two features register \(key)")
            routes[key] = route
        }
    }
}
