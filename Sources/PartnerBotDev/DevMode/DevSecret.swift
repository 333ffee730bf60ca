import PartnerBot
import Foundation
import SlackPlatform

/// The generated local signing secret of dev mode, kept in the data folder so `partnerbot send`
/// and the running server agree on it.
public enum DevSecret {
    /// The file name inside the data folder.
    public static let fileName = "dev-signing-secret"

    /// The path of the secret file for a data folder.
    public static func path(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(fileName)
    }

    /// Reads the stored secret, if one exists.
    public static func load(dataDirectory: String) -> String? {
        guard let text = try? String(contentsOfFile: path(dataDirectory: dataDirectory), encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Returns the stored secret, generating and storing one (mode 0600) the first time. Servers
    /// started together on one data folder agree: the file appears whole and only once (written
    /// aside, then hard-linked into place, which fails when another got there first).
    /// - Throws: When the data folder cannot be written.
    public static func loadOrCreate(dataDirectory: String) throws -> String {
        if let existing = load(dataDirectory: dataDirectory) { return existing }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let secret = "dev-" + SecureRandom.bytes(count: 24).lowercaseHex
        let path = path(dataDirectory: dataDirectory)
        let aside = path + ".\(getpid()).\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: aside, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { unlink(aside) }
        if link(aside, path) == 0 { return secret }
        guard errno == EEXIST, let existing = load(dataDirectory: dataDirectory) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return existing
    }
}
