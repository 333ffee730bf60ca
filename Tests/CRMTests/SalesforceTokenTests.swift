import CRM
import FakeCRM
import Foundation
import SlackPlatform
import Testing
import _CryptoExtras

/// Getting and renewing Salesforce access tokens: both OAuth flows, session expiry, single-flight
/// refresh, and secrets kept out of every message.
@Suite("Salesforce: tokens")
struct SalesforceTokenTests {
    @Test func clientCredentialsTokenIsRequestedOnceAndReused() async throws {
        let fixture = try await SalesforceFixture.start()
        let crm = fixture.connector()
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1"))
        _ = try await crm.upsert(SalesforceFixture.deal("DR-2"))
        #expect(fixture.server.tokensIssued == 1)
        let token = try #require(fixture.server.requests.first { $0.endpoint == .token })
        #expect(token.body.contains("grant_type=client_credentials"))
        #expect(token.body.contains("client_id=fake-consumer-key"))
        let bearers = Set(fixture.server.requests.filter { $0.endpoint == .upsert }.compactMap(\.bearerToken))
        #expect(bearers.count == 1)
        await fixture.stop()
    }

    @Test func jwtBearerAssertionIsAcceptedWithTheRegisteredPublicKey() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let fixture = try await SalesforceFixture.start { $0.jwtPublicKeyPEM = key.publicKey.pemRepresentation }
        let settings = SalesforceSettings(
            loginURL: fixture.server.baseURL,
            auth: .jwtBearer(clientID: "fake-consumer-key", username: "integration@partnerbot.test", privateKeyPEM: key.pemRepresentation))
        let result = try await fixture.connector(settings).upsert(SalesforceFixture.deal("DR-1"))
        #expect(result.created)
        #expect(fixture.server.tokensIssued == 1)
        let token = try #require(fixture.server.requests.first { $0.endpoint == .token })
        #expect(token.body.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
        await fixture.stop()
    }

    @Test func jwtBearerSignedWithAnotherKeyIsUnauthorizedWithoutTheKey() async throws {
        let registered = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let fixture = try await SalesforceFixture.start { $0.jwtPublicKeyPEM = registered.publicKey.pemRepresentation }
        let settings = SalesforceSettings(
            loginURL: fixture.server.baseURL,
            auth: .jwtBearer(clientID: "fake-consumer-key", username: "integration@partnerbot.test", privateKeyPEM: other.pemRepresentation))
        let failure = await salesforceFailure { try await fixture.connector(settings).upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unauthorized("token endpoint refused the grant: invalid_grant: invalid assertion"))
        #expect(fixture.server.tokensIssued == 0)
        #expect(fixture.server.requestCount(.upsert) == 0)
        await fixture.stop()
    }

    @Test func jwtBearerForAnotherUserIsRefused() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let fixture = try await SalesforceFixture.start { $0.jwtPublicKeyPEM = key.publicKey.pemRepresentation }
        let settings = SalesforceSettings(
            loginURL: fixture.server.baseURL,
            auth: .jwtBearer(clientID: "fake-consumer-key", username: "someone@else.test", privateKeyPEM: key.pemRepresentation))
        let failure = await salesforceFailure { try await fixture.connector(settings).upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unauthorized("token endpoint refused the grant: invalid_grant: user hasn't approved this consumer"))
        await fixture.stop()
    }

    @Test func badClientSecretIsUnauthorizedAndNeverQuoted() async throws {
        let fixture = try await SalesforceFixture.start()
        let wrong = "wrong-secret-9f8e7d"
        let failure = await salesforceFailure { try await fixture.connector(fixture.settings(secret: wrong)).upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unauthorized("token endpoint refused the grant: invalid_client: invalid client credentials"))
        #expect(!"\(String(describing: failure))".contains(wrong))
        #expect(fixture.server.requestCount(.upsert) == 0)
        await fixture.stop()
    }

    @Test func expiredSessionGetsOneNewTokenAndTheRequestIsRetried() async throws {
        let fixture = try await SalesforceFixture.start()
        let crm = fixture.connector()
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1"))
        fixture.server.expireAllSessions()
        let result = try await crm.upsert(SalesforceFixture.deal("DR-1", name: "Renamed"))
        #expect(!result.created)
        #expect(fixture.server.tokensIssued == 2)
        #expect(fixture.server.requestCount(.upsert) == 3)
        #expect(fixture.server.opportunity(byRegistration: "DR-1")?["Name"] == .string("Renamed"))
        await fixture.stop()
    }

    @Test func sessionRefusedAgainAfterANewTokenIsUnauthorized() async throws {
        let fixture = try await SalesforceFixture.start()
        fixture.server.enqueue(.expiredToken, .expiredToken)
        let failure = await salesforceFailure { try await fixture.connector().upsert(SalesforceFixture.deal("DR-1")) }
        #expect(failure == .unauthorized("INVALID_SESSION_ID: Session expired or invalid"))
        #expect(fixture.server.tokensIssued == 2)
        await fixture.stop()
    }

    @Test func tokenIsRenewedBeforeTheSessionLifetimeElapses() async throws {
        let fixture = try await SalesforceFixture.start()
        var settings = fixture.settings()
        settings.sessionLifetime = .seconds(600)
        let crm = fixture.connector(settings)
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1"))
        fixture.clock.advance(by: 599)
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1"))
        #expect(fixture.server.tokensIssued == 1)
        fixture.clock.advance(by: 2)
        _ = try await crm.upsert(SalesforceFixture.deal("DR-1"))
        #expect(fixture.server.tokensIssued == 2)
        let bearers = fixture.server.requests.filter { $0.endpoint == .upsert }.compactMap(\.bearerToken)
        #expect(bearers.count == 3)
        #expect(bearers[0] == bearers[1] && bearers[1] != bearers[2])
        await fixture.stop()
    }

    @Test func concurrentCallsShareOneTokenRequest() async throws {
        let fixture = try await SalesforceFixture.start()
        let crm = fixture.connector()
        try await Self.upsertConcurrently(crm, count: 6, prefix: "DR-A")
        #expect(fixture.server.tokensIssued == 1)
        fixture.server.expireAllSessions()
        try await Self.upsertConcurrently(crm, count: 6, prefix: "DR-B")
        #expect(fixture.server.tokensIssued == 2)
        #expect(fixture.server.opportunityCount == 12)
        await fixture.stop()
    }

    static func upsertConcurrently(_ crm: SalesforceConnector, count: Int, prefix: String) async throws {
        try await withThrowingTaskGroup(of: CRMUpsertResult.self) { group in
            for index in 1...count {
                group.addTask { try await crm.upsert(SalesforceFixture.deal("\(prefix)\(index)")) }
            }
            for try await result in group { #expect(result.created) }
        }
    }

    @Test func secretsNeverShowInDescriptions() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let pem = key.pemRepresentation
        let credentials = SalesforceSettings(auth: .clientCredentials(clientID: "key-1", clientSecret: SalesforceFixture.secret))
        let jwt = SalesforceSettings(auth: .jwtBearer(clientID: "key-2", username: "u@x.test", privateKeyPEM: pem))
        for settings in [credentials, jwt] {
            var dumped = ""
            dump(settings, to: &dumped)
            for text in [settings.description, settings.debugDescription, "\(settings)", String(reflecting: settings), dumped, "\(settings.auth)", String(reflecting: settings.auth)] {
                #expect(!text.contains(SalesforceFixture.secret))
                #expect(!text.contains("PRIVATE KEY"))
                #expect(!text.contains(String(pem.dropFirst(40).prefix(32))))
            }
        }
        #expect(credentials.description.contains("key-1"))
    }
}
