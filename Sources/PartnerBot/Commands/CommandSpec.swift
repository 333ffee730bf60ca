import Foundation

/// One slash command's spec, loaded from `Commands/<name>.yaml`: usage, help and examples.
public struct CommandSpec: Sendable, Equatable {
    /// An example the tests run through the parser.
    public struct Example: Sendable, Equatable {
        /// What the user types after the command.
        public var text: String
        /// The expected parse, as the command value's summary (key → value).
        public var parsesTo: [String: String]?
        /// For examples that must be refused: a fragment of the expected error message.
        public var error: String?
        /// The line of the example in its file, for failure messages.
        public var line: Int?
    }

    /// The command, e.g. `/register`.
    public var command: String
    /// One line shown in Slack's command picker.
    public var description: String
    /// The usage hint shown in the picker.
    public var usageHint: String
    /// The help text (Slack mrkdwn) answered to `help`.
    public var help: String
    /// Examples with their expected parse.
    public var examples: [Example]
    /// The file the spec came from.
    public var file: String

    /// The command's name without the slash.
    public var name: String { String(command.drop { $0 == "/" }) }

    /// Parses a spec file.
    /// - Throws: `YAMLFileError` with the line and key at fault.
    public static func parse(yaml: String, file: String) throws(YAMLFileError) -> CommandSpec {
        let root = try YAMLValue.parse(yaml, file: file)
        let keys = try root.mapping(allowed: ["command", "description", "usage_hint", "help", "examples"])
        func required(_ key: String) throws(YAMLFileError) -> String {
            guard let value = keys[key] else { throw root.error("missing key \(key)") }
            let text = try value.string()
            guard !text.trimmingWhitespace().isEmpty else { throw value.error("must not be empty") }
            return text
        }
        let command = try required("command")
        guard command.hasPrefix("/"), (2...32).contains(command.count),
            command.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else {
            throw keys["command"]!.error("must be a slash followed by 1–31 letters, digits, - or _, got \"\(command)\"")
        }
        var examples: [Example] = []
        for item in try keys["examples"]?.array() ?? [] {
            let fields = try item.mapping(allowed: ["text", "parses_to", "error"])
            guard let text = fields["text"] else { throw item.error("example without text") }
            var parsesTo: [String: String]?
            if let expected = fields["parses_to"] {
                var summary: [String: String] = [:]
                for (key, value) in try expected.mapping(allowed: CommandSummary.keys) {
                    summary[key] = try value.string()
                }
                parsesTo = summary
            }
            let error = try fields["error"]?.string()
            guard (parsesTo == nil) != (error == nil) else { throw item.error("an example needs exactly one of parses_to or error") }
            examples.append(Example(text: try text.string(), parsesTo: parsesTo, error: error, line: item.line))
        }
        return CommandSpec(
            command: command, description: try required("description"), usageHint: keys["usage_hint"].map { (try? $0.string()) ?? "" } ?? "",
            help: try required("help").trimmingWhitespace(), examples: examples, file: file)
    }
}
