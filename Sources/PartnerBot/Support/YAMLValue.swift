import Foundation
import Yams

/// A precise problem in a YAML file: file, line, key and why.
public struct YAMLFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted key path, when the problem is about a key.
    public var key: String?
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let key, !key.isEmpty { return "\(location): \(key): \(message)" }
        return "\(location): \(message)"
    }
}

/// A YAML node with its file and key path, giving typed access with precise errors.
struct YAMLValue {
    let node: Node
    let file: String
    let path: String

    /// Parses a whole document. An empty document is an empty mapping.
    static func parse(_ text: String, file: String) throws(YAMLFileError) -> YAMLValue {
        do {
            let node = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
            return YAMLValue(node: node, file: file, path: "")
        } catch let error as YamlError {
            throw YAMLFileError(file: file, line: Self.line(of: error), key: nil, message: "not valid YAML (\(Self.problem(of: error)))")
        } catch {
            throw YAMLFileError(file: file, line: nil, key: nil, message: "not valid YAML")
        }
    }

    var line: Int? { node.mark.map { $0.line } }

    func error(_ message: String) -> YAMLFileError {
        YAMLFileError(file: file, line: line, key: path.isEmpty ? nil : path, message: message)
    }

    /// The mapping's entries, refusing keys not in `allowed` (typos must not pass silently).
    func mapping(allowed: Set<String>) throws(YAMLFileError) -> [String: YAMLValue] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping of keys") }
        var result: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                throw YAMLFileError(file: file, line: keyNode.mark?.line, key: path, message: "keys must be text")
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw YAMLFileError(file: file, line: keyNode.mark?.line, key: childPath, message: "unknown key (known keys: \(known))")
            }
            result[key] = YAMLValue(node: valueNode, file: file, path: childPath)
        }
        return result
    }

    var isNull: Bool {
        if case .scalar(let scalar) = node { return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" }
        return false
    }

    func string() throws(YAMLFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text") }
        return scalar.string
    }

    func int(in range: ClosedRange<Int>? = nil) throws(YAMLFileError) -> Int {
        guard let value = node.int else { throw error("expected a whole number") }
        if let range, !range.contains(value) {
            throw error("must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    func bool() throws(YAMLFileError) -> Bool {
        guard let value = node.bool else { throw error("expected true or false") }
        return value
    }

    func array() throws(YAMLFileError) -> [YAMLValue] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { YAMLValue(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    func stringArray() throws(YAMLFileError) -> [String] {
        var result: [String] = []
        for item in try array() { result.append(try item.string()) }
        return result
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys: \(duplicates.joined(separator: ", "))"
        default: "\(error)"
        }
    }
}
