import COpenSSL

/// SHA-256 digests through OpenSSL's libcrypto (content fingerprints, not signatures).
public enum SHA256 {
    /// The 32-byte SHA-256 digest of `message`.
    public static func digest(_ message: some Collection<UInt8>) -> [UInt8] {
        let hasher = Hasher()
        hasher.update(message)
        return hasher.finish()
    }
}

extension SHA256 {
    /// A SHA-256 digest fed in pieces (a table's rows, read in batches).
    public final class Hasher {
        private let context: OpaquePointer

        public init() {
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL cannot allocate a digest context") }
            precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "OpenSSL SHA-256 failed")
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        /// Adds `bytes` to the message.
        public func update(_ bytes: some Collection<UInt8>) {
            let bytes = Array(bytes)
            let status = bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            precondition(status == 1, "OpenSSL SHA-256 failed")
        }

        /// The digest of everything added (the hasher is spent).
        public func finish() -> [UInt8] {
            var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, &output, &length) == 1 && length == 32, "OpenSSL SHA-256 failed")
            return Array(output.prefix(Int(length)))
        }
    }
}
