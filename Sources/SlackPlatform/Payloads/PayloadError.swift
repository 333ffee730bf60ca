/// A signed request whose payload is not what the platform sends.
public enum PayloadError: Error, Sendable, Equatable {
    /// A required form field is absent or empty.
    case missingField(String)
    /// The `payload` field is not the JSON the platform documents.
    case invalidJSON(String)

    /// A short description for logs and for the 400 answer body.
    public var logDescription: String {
        switch self {
        case .missingField(let name): "missing field \(name)"
        case .invalidJSON(let why): "invalid payload JSON: \(why)"
        }
    }
}
