import Foundation
import SlackPlatform

extension HubSpotConnector {
    /// Sends a JSON request to the API and returns a 2xx answer.
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The path (with any query), starting with `/`, appended to the base URL.
    ///   - body: The JSON body, if any.
    /// - Throws: The mapped `CRMFailure` for any other answer, or when none arrived.
    func send(_ method: RESTRequest.Method, _ path: String, json body: (some Encodable)?) async throws(CRMFailure) -> RESTResponse {
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(settings.token.secret)"),
            ("Accept", "application/json"),
        ]
        var bytes: [UInt8] = []
        if let body {
            guard let data = try? Self.encoder.encode(body) else { throw .rejected("could not encode the request to \(path)") }
            bytes = Array(data)
            headers.append(("Content-Type", "application/json"))
        }
        let request = RESTRequest(method: method, url: baseURL + path, headers: headers, body: bytes)
        let response: RESTResponse
        do throws(RESTFailure) {
            response = try await client.send(request)
        } catch {
            throw HubSpotErrors.failure(for: error, token: settings.token)
        }
        guard (200...299).contains(response.status) else { throw HubSpotErrors.failure(for: response, token: settings.token) }
        return response
    }

    /// Sends a request without a body.
    func send(_ method: RESTRequest.Method, _ path: String) async throws(CRMFailure) -> RESTResponse {
        try await send(method, path, json: Optional<HubSpotWire.CreateRequest>.none)
    }

    /// Decodes a 2xx answer's JSON body.
    /// - Throws: `CRMFailure.unavailable` when the body is not what HubSpot documents (a proxy's
    ///   page, a truncated answer): worth retrying, and reported.
    func decode<Body: Decodable>(_ type: Body.Type, from response: RESTResponse, what: String) throws(CRMFailure) -> Body {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw .unavailable("unexpected answer to \(what) (HTTP \(response.status))")
        }
    }

    /// `segment` escaped for use as one path segment.
    static func pathSegment(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// `value` escaped for use as a query value.
    static func queryValue(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    private var baseURL: String {
        var base = settings.apiBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
