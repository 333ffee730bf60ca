import COpenSSL

extension HMACSHA256 {
    /// A key with its HMAC-SHA256 pads already absorbed (RFC 2104), for signing many messages.
    ///
    /// `authenticationCode(key:message:)` lets OpenSSL look up SHA-256 and hash both pads again
    /// for every message; this keeps the two digest states after `K ⊕ ipad` and `K ⊕ opad` and
    /// copies them per message. The states are written once, in `init`, and only read after that
    /// (`EVP_MD_CTX_copy_ex` copies from them), so one key serves any number of threads.
    public final class Key: @unchecked Sendable {
        private let inner: OpaquePointer
        private let outer: OpaquePointer

        /// Absorbs `key` (hashed first when longer than SHA-256's 64-byte block, as RFC 2104 says).
        public init(_ key: some Collection<UInt8>) {
            var block = key.count > Self.blockSize ? SHA256.digest(key) : Array(key)
            block += [UInt8](repeating: 0, count: Self.blockSize - block.count)
            inner = Self.absorb(block.map { $0 ^ 0x36 })
            outer = Self.absorb(block.map { $0 ^ 0x5c })
        }

        deinit {
            EVP_MD_CTX_free(inner)
            EVP_MD_CTX_free(outer)
        }

        /// HMAC-SHA256 of `message`, in the bytes `prefix` then `body` (no concatenated copy).
        /// - Returns: The 32-byte authentication code.
        public func authenticationCode(prefix: some Collection<UInt8>, body: some Collection<UInt8>) -> [UInt8] {
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL EVP_MD_CTX_new failed") }
            defer { EVP_MD_CTX_free(context) }
            var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            var ok = EVP_MD_CTX_copy_ex(context, inner) == 1
            ok = ok && Self.update(context, prefix) && Self.update(context, body)
            ok = ok && digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) } == 1 && length == 32
            ok = ok && EVP_MD_CTX_copy_ex(context, outer) == 1 && Self.update(context, digest.prefix(32))
            ok = ok && digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) } == 1
            precondition(ok && length == 32, "OpenSSL HMAC-SHA256 failed")
            return Array(digest.prefix(32))
        }

        private static let blockSize = 64

        private static func absorb(_ pad: [UInt8]) -> OpaquePointer {
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL EVP_MD_CTX_new failed") }
            let ok = EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 && update(context, pad)
            precondition(ok, "OpenSSL SHA-256 initialisation failed")
            return context
        }

        private static func update(_ context: OpaquePointer, _ bytes: some Collection<UInt8>) -> Bool {
            let run: (UnsafeRawBufferPointer) -> Bool = { EVP_DigestUpdate(context, $0.baseAddress, $0.count) == 1 }
            if let result = bytes.withContiguousStorageIfAvailable({ run(UnsafeRawBufferPointer($0)) }) { return result }
            return Array(bytes).withUnsafeBytes(run)
        }
    }
}
