/// The bot's version, reported by `/health` and `--version`.
public enum PartnerBotVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
