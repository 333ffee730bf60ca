import Foundation

/// Every slash command's spec, keyed by command (`/register`), loaded once at start-up.
public struct CommandCatalog: Sendable, Equatable {
    /// Specs in a stable order (by command).
    public let specs: [CommandSpec]

    /// Creates a catalog from specs.
    public init(specs: [CommandSpec]) {
        self.specs = specs.sorted { $0.command < $1.command }
    }

    /// The spec for a command, if it exists.
    public func spec(for command: String) -> CommandSpec? {
        specs.first { $0.command == command }
    }

    /// The commands the bot implements (`FeatureRegistry`); each must have a spec file.
    public static var requiredCommands: [String] { FeatureRegistry.commandNames.map(\.slash) }

    /// Loads every `*.yaml` file of a folder.
    /// - Throws: `CommandCatalogError` naming the file and problem, or a missing spec.
    public static func load(directory: String) throws(CommandCatalogError) -> CommandCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw .directoryUnreadable(directory)
        }
        var specs: [CommandSpec] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .directoryUnreadable(path) }
            do {
                specs.append(try CommandSpec.parse(yaml: text, file: path))
            } catch {
                throw .invalidSpec(error)
            }
        }
        let catalog = CommandCatalog(specs: specs)
        for command in requiredCommands where catalog.spec(for: command) == nil {
            throw .missingSpec(command: command, directory: directory)
        }
        return catalog
    }
}

/// Why the command specs could not be loaded.
public enum CommandCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder or a file in it cannot be read.
    case directoryUnreadable(String)
    /// A spec file is invalid.
    case invalidSpec(YAMLFileError)
    /// A command the bot implements has no spec.
    case missingSpec(command: String, directory: String)

    public var description: String {
        switch self {
        case .directoryUnreadable(let path):
            "command specs cannot be read from \(path): run partnerbot from the repository root or set commands.directory in the configuration"
        case .invalidSpec(let error): "invalid command spec: \(error)"
        case .missingSpec(let command, let directory): "no spec for \(command) in \(directory)"
        }
    }
}
