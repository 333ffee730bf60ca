import CRM
import Foundation
import Hummingbird
import _CryptoExtras

extension FakeSalesforceServer {
    /// `POST /services/oauth2/token`: the client credentials and JWT bearer grants. Refusals are
    /// 400 `{"error", "error_description"}` as Salesforce answers them.
    func token(_ request: Request) async throws -> Response {
        var request = request
        let body = String(decoding: try await request.collectBody(upTo: 1 << 16).readableBytesView, as: UTF8.self)
        let form = Self.formValues(body)
        state.withLock {
            $0.requests.append(FakeSalesforceRequest(endpoint: .token, method: "POST", path: request.uri.path, body: body, soql: nil, bearerToken: nil))
        }
        let configuration = state.withLock { $0.configuration }
        let refusal: (error: String, description: String)? =
            switch form["grant_type"] {
            case "client_credentials": Self.checkClientCredentials(form, configuration)
            case "urn:ietf:params:oauth:grant-type:jwt-bearer": checkAssertion(form["assertion"] ?? "", configuration)
            default: ("unsupported_grant_type", "grant type not supported")
            }
        if let refusal {
            let error: FakeSalesforceJSON = .object(["error": .string(refusal.error), "error_description": .string(refusal.description)])
            return response(FakeSalesforceAnswer(status: 400, body: error))
        }
        return response(FakeSalesforceAnswer(status: 200, body: issueToken()))
    }

    private static func checkClientCredentials(_ form: [String: String], _ configuration: FakeSalesforceConfiguration) -> (error: String, description: String)? {
        guard form["client_id"] == configuration.clientID else { return ("invalid_client_id", "client identifier invalid") }
        guard form["client_secret"] == configuration.clientSecret else { return ("invalid_client", "invalid client credentials") }
        return nil
    }

    /// Verifies an RS256 assertion: signature with the configured public key, then `iss`, `aud`,
    /// `sub` and `exp` (in the future, at most three minutes ahead).
    private func checkAssertion(_ assertion: String, _ configuration: FakeSalesforceConfiguration) -> (error: String, description: String)? {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = SalesforceJWT.base64URLDecoded(parts[0]),
            let claimsBytes = SalesforceJWT.base64URLDecoded(parts[1]), let signature = SalesforceJWT.base64URLDecoded(parts[2]),
            case .object(let header)? = FakeSalesforceJSON.parse(Array(headerBytes)), header["alg"] == .string("RS256"),
            case .object(let claims)? = FakeSalesforceJSON.parse(Array(claimsBytes))
        else { return ("invalid_grant", "invalid assertion") }
        guard let pem = configuration.jwtPublicKeyPEM, let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem) else {
            return ("invalid_client", "the app has no certificate for digital signatures")
        }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signed, padding: .insecurePKCS1v1_5) else {
            return ("invalid_grant", "invalid assertion")
        }
        guard claims["iss"]?.stringValue == configuration.clientID else { return ("invalid_client_id", "client identifier invalid") }
        guard claims["aud"]?.stringValue == (configuration.jwtAudience ?? baseURL) else { return ("invalid_grant", "audience is invalid") }
        guard claims["sub"]?.stringValue == configuration.username else { return ("invalid_grant", "user hasn't approved this consumer") }
        let now = configuration.now().timeIntervalSince1970
        guard let expiry = Self.seconds(claims["exp"]), expiry > now else { return ("invalid_grant", "expired authorization code") }
        guard expiry <= now + 180 else { return ("invalid_grant", "invalid assertion: exp is more than 3 minutes ahead") }
        return nil
    }

    private static func seconds(_ value: FakeSalesforceJSON?) -> Double? {
        switch value {
        case .number(let literal)?: Double(literal)
        case .string(let text)?: Double(text)
        default: nil
        }
    }

    /// A new token for the integration user, with `instance_url` pointing at the fake.
    private func issueToken() -> FakeSalesforceJSON {
        let base = baseURL
        let now = state.withLock { $0.configuration.now() }
        let token = state.withLock { state -> String in
            state.tokensIssued += 1
            let token = "00D000000000001!FAKE\(state.tokensIssued).\(UInt64.random(in: 0...UInt64.max))"
            state.tokens.insert(token)
            return token
        }
        return .object([
            "access_token": .string(token),
            "instance_url": .string(base),
            "id": .string(base + "/id/00D000000000001AAA/" + Self.integrationUser.id),
            "token_type": .string("Bearer"),
            "issued_at": .string(String(Int64(now.timeIntervalSince1970 * 1000))),
            "signature": .string(Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()),
            "scope": .string("api"),
        ])
    }
}
