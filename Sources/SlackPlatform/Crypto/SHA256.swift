import COpenSSL

/// SHA-256 digests through OpenSSL's libcrypto (content fingerprints, not signatures).
public enum SHA256 {
    /// The 32-byte SHA-256 digest of `message`.
    public static func digest(_ message: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(message)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(status == 1 && length == 32, "OpenSSL SHA-256 failed")
        return Array(output.prefix(Int(length)))
    }
}
