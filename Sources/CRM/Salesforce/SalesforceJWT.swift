import Foundation
import _CryptoExtras

/// The JWT bearer flow's assertion: `{"alg":"RS256"}` and the claims `iss` (consumer key), `sub`
/// (username), `aud` (login URL) and `exp` (seconds since 1970, at most three minutes ahead),
/// signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256), each part base64url without padding.
public enum SalesforceJWT {
    /// How far ahead `exp` is set (Salesforce accepts at most three minutes).
    public static let validity: Duration = .seconds(150)

    /// Why no assertion could be made (never includes the key).
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The PEM is not an RSA private key.
        case invalidPrivateKey
        /// Signing failed.
        case signingFailed

        public var description: String {
            switch self {
            case .invalidPrivateKey: "the JWT bearer private key is not a PEM RSA private key"
            case .signingFailed: "signing the JWT bearer assertion failed"
            }
        }
    }

    /// A signed assertion.
    /// - Parameters:
    ///   - clientID: The consumer key (`iss`).
    ///   - username: The Salesforce username (`sub`).
    ///   - audience: The login URL (`aud`), e.g. `https://login.salesforce.com`.
    ///   - privateKeyPEM: The RSA private key.
    ///   - now: The current time; `exp` is ``validity`` later.
    public static func assertion(
        clientID: String, username: String, audience: String, privateKeyPEM: String, now: Date
    ) throws(Failure) -> String {
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw .invalidPrivateKey
        }
        let expiry = Int((now.timeIntervalSince1970 + Double(validity.components.seconds)).rounded(.down))
        let claims =
            "{\"iss\":\(SalesforceJSONBody.quoted(clientID)),\"sub\":\(SalesforceJSONBody.quoted(username)),"
            + "\"aud\":\(SalesforceJSONBody.quoted(audience)),\"exp\":\(expiry)}"
        let signingInput = base64URL(Data(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + base64URL(Data(claims.utf8))
        do {
            let signature = try key.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
            return signingInput + "." + base64URL(signature.rawRepresentation)
        } catch {
            throw .signingFailed
        }
    }

    /// Base64url (RFC 4648 §5) without padding.
    public static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding; `nil` when it is not base64url.
    public static func base64URLDecoded(_ text: some StringProtocol) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.hasSuffix("=") { base64.removeLast() }
        guard base64.count % 4 != 1 else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
