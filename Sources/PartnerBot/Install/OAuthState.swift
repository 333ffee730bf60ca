import Foundation
import SlackPlatform

/// The `state` of one install attempt: a random nonce and its expiry, signed, as
/// `<nonce>.<expiry>.<signature>` (32 hex digits, Unix seconds, 64 hex digits). The same value
/// is set in the installer's cookie; the redirect must bring it back unaltered, in time, from
/// the same browser, once.
struct OAuthState: Sendable, Equatable {
    /// How long an install attempt may take (also the cookie's `Max-Age`).
    static let lifetime = 600

    /// 16 random bytes in hex: the replay key.
    var nonce: String
    /// When the attempt expires (Unix seconds).
    var expiresAt: Int64
    /// The full signed value.
    var value: String

    /// The expiry as a date.
    var expiryDate: Date { Date(timeIntervalSince1970: TimeInterval(expiresAt)) }
}

/// Why a redirect's `state` was refused.
enum OAuthStateFailure: Error, Sendable, Equatable {
    /// No `state` parameter.
    case missing
    /// Not of the signed form, or the signature does not match: not issued by this bot.
    case forged
    /// Issued more than ten minutes ago.
    case expired
    /// Not the value this browser's cookie holds (or no cookie): another browser's attempt.
    case cookieMismatch
    /// Already used by an earlier redirect.
    case replayed

    /// A short reason for the log (never the value).
    var logDescription: String {
        switch self {
        case .missing: "state missing"
        case .forged: "state forged or malformed"
        case .expired: "state expired"
        case .cookieMismatch: "state does not match the browser's cookie"
        case .replayed: "state already used"
        }
    }

    /// What the installer reads, and what to do next.
    var userMessage: String {
        switch self {
        case .expired: "This install link expired. Start again from the install page."
        case .replayed: "This install link was already used. Start again from the install page."
        case .missing, .forged, .cookieMismatch:
            "This install request could not be verified (it must be finished in the browser that started it, within ten minutes). Start again from the install page."
        }
    }
}

/// Issues and checks signed `state` values with HMAC-SHA256 under a key derived from the
/// client secret.
struct OAuthStateSigner: Sendable {
    private let key: HMACSHA256.Key

    /// Creates a signer for the app's client secret.
    init(secret: ClientSecret) {
        self.key = secret.derivedKey(purpose: "partnerbot oauth state v1")
    }

    /// A fresh state, valid for ``OAuthState/lifetime`` seconds from `now`.
    func issue(now: Date) -> OAuthState {
        let nonce = SecureRandom.bytes(count: 16).lowercaseHex
        let expiresAt = Int64(now.timeIntervalSince1970.rounded(.down)) + Int64(OAuthState.lifetime)
        let payload = "\(nonce).\(expiresAt)"
        return OAuthState(nonce: nonce, expiresAt: expiresAt, value: "\(payload).\(signature(payload))")
    }

    /// Checks a returned state's form, signature and expiry (not the cookie or replays).
    /// - Throws: `OAuthStateFailure.forged` or `.expired`.
    func verify(_ value: String, now: Date) throws(OAuthStateFailure) -> OAuthState {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0].count == 32, parts[0].utf8.allSatisfy(Self.isHexDigit),
            parts[1].count <= 12, let expiresAt = Int64(parts[1]), expiresAt > 0,
            parts[2].count == 64, parts[2].utf8.allSatisfy(Self.isHexDigit)
        else { throw .forged }
        let expected = signature("\(parts[0]).\(parts[1])")
        guard HMACSHA256.constantTimeEquals(Array(expected.utf8), Array(parts[2].utf8)) else { throw .forged }
        guard TimeInterval(expiresAt) > now.timeIntervalSince1970 else { throw .expired }
        return OAuthState(nonce: parts[0], expiresAt: expiresAt, value: value)
    }

    private func signature(_ payload: String) -> String {
        key.authenticationCode(prefix: Array(payload.utf8), body: [UInt8]()).lowercaseHex
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
