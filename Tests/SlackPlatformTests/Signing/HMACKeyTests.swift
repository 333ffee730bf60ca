import FakeSlack
import PropertyTesting
import Testing
@testable import SlackPlatform

@Suite("HMAC-SHA256 with a prepared key")
struct HMACKeyTests {
    /// RFC 4231 test cases 1, 2 (a key shorter than a block), 6 and 7 (longer: hashed first).
    static let vectors: [(key: [UInt8], message: String, mac: String)] = [
        ([UInt8](repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: 0..<4) func rfc4231Vectors(index: Int) {
        let vector = Self.vectors[index]
        let message = Array(vector.message.utf8)
        let key = HMACSHA256.Key(vector.key)
        #expect(key.authenticationCode(prefix: [UInt8](), body: message).lowercaseHex == vector.mac)
        // Split anywhere between prefix and body: the same code.
        let split = message.count / 3
        #expect(key.authenticationCode(prefix: message[..<split], body: message[split...]).lowercaseHex == vector.mac)
        #expect(HMACSHA256.authenticationCode(key: vector.key, message: message).lowercaseHex == vector.mac)
    }

    @Test func agreesWithOneShotHMACOnRandomKeysAndMessages() {
        var random = SplitMix64(seed: 0x686D_6163)
        var mismatches = Mismatches()
        for _ in 0..<200 {
            let key = (0..<Int.random(in: 0...150, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let message = (0..<Int.random(in: 0...700, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let split = Int.random(in: 0...message.count, using: &random)
            let prepared = HMACSHA256.Key(key).authenticationCode(prefix: message[..<split], body: message[split...])
            mismatches.check(prepared, HMACSHA256.authenticationCode(key: key, message: message), "key \(key.count) bytes, message \(message.count), split \(split)")
        }
        mismatches.finish()
    }

    @Test func oneKeyServesConcurrentSigners() async {
        let key = HMACSHA256.Key(Array("shared-secret".utf8))
        let codes = await withTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<64 {
                group.addTask { (index, key.authenticationCode(prefix: Array("v0:\(index):".utf8), body: Array("body".utf8))) }
            }
            return await group.reduce(into: [Int: [UInt8]]()) { $0[$1.0] = $1.1 }
        }
        for (index, code) in codes {
            #expect(code == HMACSHA256.authenticationCode(key: Array("shared-secret".utf8), message: Array("v0:\(index):body".utf8)))
        }
        #expect(codes.count == 64)
    }
}
