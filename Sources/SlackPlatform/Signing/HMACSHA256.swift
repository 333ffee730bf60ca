import COpenSSL

/// HMAC-SHA256 and constant-time comparison, backed by OpenSSL's libcrypto.
///
/// This file, `HMACSHA256+Key.swift` and the two in `Crypto/` (`SHA256`, `SecureRandom`) are the
/// only ones that touch OpenSSL's C API; unsafe pointers never leave them.
public enum HMACSHA256 {
    /// Computes HMAC-SHA256 of `message` under `key` with OpenSSL's one-shot `HMAC()`.
    ///
    /// Requests are signed and verified with ``Key``, which absorbs the key once; this form is the
    /// independent reference ``Key`` is tested against.
    /// - Parameters:
    ///   - key: The secret key bytes.
    ///   - message: The message bytes, authenticated as given.
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        let keyBytes = Array(key)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var outputLength: UInt32 = 0
        let produced: Bool = keyBytes.withUnsafeBytes { keyBuffer in
            let run: (UnsafeRawBufferPointer) -> Bool = { messageBuffer in
                output.withUnsafeMutableBufferPointer { out in
                    HMAC(
                        EVP_sha256(),
                        keyBuffer.baseAddress, Int32(keyBuffer.count),
                        messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                        out.baseAddress, &outputLength
                    ) != nil
                }
            }
            if let result = message.withContiguousStorageIfAvailable({ run(UnsafeRawBufferPointer($0)) }) {
                return result
            }
            return Array(message).withUnsafeBytes(run)
        }
        precondition(produced && outputLength == 32, "OpenSSL HMAC-SHA256 failed")
        return Array(output.prefix(Int(outputLength)))
    }

    /// Compares two byte sequences in time that depends only on their length (`CRYPTO_memcmp`).
    /// - Returns: `true` when both have the same length and the same bytes.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { l in
            rhs.withUnsafeBytes { r in
                CRYPTO_memcmp(l.baseAddress, r.baseAddress, l.count) == 0
            }
        }
    }
}

extension Collection<UInt8> {
    /// Lowercase hexadecimal representation.
    public var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
