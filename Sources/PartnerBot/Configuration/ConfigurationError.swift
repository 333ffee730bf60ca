/// A configuration problem that stops start-up with one clear line.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The named configuration file does not exist or cannot be read.
    case fileUnreadable(String)
    /// The YAML file has a problem at a precise place.
    case invalidFile(YAMLFileError)
    /// An environment variable or flag has an unusable value.
    case invalidValue(name: String, why: String)
    /// No signing secret outside dev mode.
    case missingSigningSecret

    public var description: String {
        switch self {
        case .fileUnreadable(let path):
            "configuration file \(path) cannot be read: check the path given with --config or PARTNERBOT_CONFIG"
        case .invalidFile(let error):
            "configuration error: \(error)"
        case .invalidValue(let name, let why):
            "configuration error: \(name) \(why)"
        case .missingSigningSecret:
            "SLACK_SIGNING_SECRET is not set (or is blank): set it to the app's signing secret from its Basic Information page (or SLACK_APP_TOKEN for Socket Mode), or run `partnerbot serve --dev` to try the bot locally"
        }
    }
}
