import Testing
@testable import SlackPlatform

@Suite("Request signature verification (SLACK.md §1)")
struct RequestVerifierTests {
    static let secret = SigningSecret("8f742231b10e8888abcd99yyyzzz85a5")!
    static let timestamp: Int64 = 1_531_420_618
    static let body = Array(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
            .utf8)
    static let expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"

    let verifier = RequestVerifier(secret: Self.secret)

    @Test func officialVectorSignsToTheDocumentedValue() {
        #expect(RequestSigner(secret: Self.secret).signature(timestamp: Self.timestamp, body: Self.body) == Self.expected)
    }

    @Test func officialVectorVerifies() throws {
        try verifier.verify(timestamp: "1531420618", signature: Self.expected, body: Self.body, now: Self.timestamp)
    }

    @Test func tamperedBodyFails() {
        #expect(throws: SignatureFailure.mismatch) {
            try verifier.verify(timestamp: "1531420618", signature: Self.expected, body: Self.body + Array("------".utf8), now: Self.timestamp)
        }
    }

    @Test func wrongSecretFails() {
        let other = RequestVerifier(secret: SigningSecret("another-secret")!)
        #expect(throws: SignatureFailure.mismatch) {
            try other.verify(timestamp: "1531420618", signature: Self.expected, body: Self.body, now: Self.timestamp)
        }
    }

    @Test func staleAgainstTheRealClockFails() {
        #expect(throws: SignatureFailure.outsideTolerance) {
            try verifier.verify(timestamp: "1531420618", signature: Self.expected, body: Self.body, now: SystemWallClock().unixTime)
        }
    }

    @Test(arguments: [-301, 301, -100_000, 100_000] as [Int64])
    func timestampsBeyondToleranceFail(offset: Int64) {
        #expect(throws: SignatureFailure.outsideTolerance) {
            try verifier.verify(timestamp: "1531420618", signature: Self.expected, body: Self.body, now: Self.timestamp + offset)
        }
    }

    @Test(arguments: [-300, 300, 0, -1, 1] as [Int64])
    func timestampsWithinToleranceInclusiveVerify(offset: Int64) throws {
        try verifier.verify(timestamp: "1531420618", signature: Self.expected, body: Self.body, now: Self.timestamp + offset)
    }

    @Test func missingHeadersFail() {
        #expect(throws: SignatureFailure.missingTimestamp) {
            try verifier.verify(timestamp: nil, signature: Self.expected, body: Self.body, now: Self.timestamp)
        }
        #expect(throws: SignatureFailure.missingSignature) {
            try verifier.verify(timestamp: "1531420618", signature: nil, body: Self.body, now: Self.timestamp)
        }
    }

    @Test(arguments: ["", "abc", "1531420618.5", "-1531420618", " 1531420618", "1e9", "99999999999999999999999"])
    func garbledTimestampsFail(timestamp: String) {
        #expect(throws: SignatureFailure.malformedTimestamp) {
            try verifier.verify(timestamp: timestamp, signature: Self.expected, body: Self.body, now: Self.timestamp)
        }
    }

    @Test func unknownVersionPrefixFails() {
        let v1 = "v1=" + Self.expected.dropFirst(3)
        #expect(throws: SignatureFailure.unsupportedVersion) {
            try verifier.verify(timestamp: "1531420618", signature: v1, body: Self.body, now: Self.timestamp)
        }
        #expect(throws: SignatureFailure.unsupportedVersion) {
            try verifier.verify(timestamp: "1531420618", signature: String(Self.expected.dropFirst(3)), body: Self.body, now: Self.timestamp)
        }
    }

    @Test(arguments: ["v0=", "v0=zz", "v0=" + String(repeating: "g", count: 64), "v0=a2114d57"])
    func garbledSignaturesFail(signature: String) {
        #expect(throws: SignatureFailure.malformedSignature) {
            try verifier.verify(timestamp: "1531420618", signature: signature, body: Self.body, now: Self.timestamp)
        }
    }

    @Test func aSignatureForAnotherTimestampFails() {
        let signature = RequestSigner(secret: Self.secret).signature(timestamp: Self.timestamp + 1, body: Self.body)
        #expect(throws: SignatureFailure.mismatch) {
            try verifier.verify(timestamp: "1531420618", signature: signature, body: Self.body, now: Self.timestamp)
        }
    }

    @Test(arguments: ["", " ", "\n\t "])
    func blankSecretsAreRejectedAtConfiguration(text: String) {
        #expect(SigningSecret(text) == nil)
    }

    @Test func secretNeverAppearsInItsDescription() {
        #expect(!"\(Self.secret)".contains("8f742231"))
    }

    @Test func constantTimeComparison() {
        #expect(HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2]))
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.digest(Array("abc".utf8)).lowercaseHex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.digest([UInt8]()).lowercaseHex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
