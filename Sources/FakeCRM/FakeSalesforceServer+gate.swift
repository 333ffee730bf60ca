import CRM
import Foundation
import Hummingbird
import NIOCore

/// What an endpoint answers.
struct FakeSalesforceAnswer {
    var status: Int
    var body: FakeSalesforceJSON?
    /// Sent as `Retry-After` when set.
    var retryAfterSeconds: Int?

    init(status: Int, body: FakeSalesforceJSON?, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.body = body
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Salesforce's REST error body: `[{"message", "errorCode", "fields"?}]`.
    static func error(
        _ status: Int, _ errorCode: String, _ message: String, fields: [String]? = nil, retryAfterSeconds: Int? = nil
    ) -> FakeSalesforceAnswer {
        var error: [String: FakeSalesforceJSON] = ["message": .string(message), "errorCode": .string(errorCode)]
        if let fields { error["fields"] = .array(fields.map(FakeSalesforceJSON.string)) }
        return FakeSalesforceAnswer(status: status, body: .array([.object(error)]), retryAfterSeconds: retryAfterSeconds)
    }
}

/// The decoded path parameters of a REST API request, and its `q`.
struct FakeSalesforceParameters {
    var version = ""
    var object = ""
    var field = ""
    var value = ""
    var locator = ""
    var soql: String?
}

/// Thrown mid-response for a `.dropConnection` fault, which closes the connection.
struct FakeSalesforceDroppedConnection: Error {}

extension FakeSalesforceServer {
    /// Records the request, applies a queued fault, checks the bearer token, then runs `work`.
    func handle(
        _ endpoint: FakeSalesforceEndpoint, _ request: Request, _ context: BasicRequestContext,
        _ work: ([UInt8], FakeSalesforceParameters) -> FakeSalesforceAnswer
    ) async throws -> Response {
        var request = request
        let body = Array(try await request.collectBody(upTo: 1 << 20).readableBytesView)
        let parameters = Self.parameters(request, context)
        let token = Self.bearerToken(request.headers[.authorization])
        let recorded = FakeSalesforceRequest(
            endpoint: endpoint, method: request.method.rawValue, path: request.uri.path, body: String(decoding: body, as: UTF8.self),
            soql: parameters.soql, bearerToken: token)
        let gate = state.withLock { state -> FakeSalesforceGate in
            state.requests.append(recorded)
            if !state.faults.isEmpty {
                let effect = Self.apply(state.faults.removeFirst(), to: &state)
                if case .proceed = effect {} else { return effect }
            }
            guard let token, state.tokens.contains(token) else { return .answer(.error(401, "INVALID_SESSION_ID", "Session expired or invalid")) }
            return .proceed
        }
        switch gate {
        case .drop: return Self.droppedResponse()
        case .answer(let answer): return response(answer)
        case .proceed: return response(work(body, parameters))
        }
    }

    /// A response that breaks off: the head and a few body bytes of a longer announced body,
    /// then the connection is closed. (Closing before any byte is not enough: libcurl resends a
    /// request transparently when a reused connection closes unanswered.)
    static func droppedResponse() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json;charset=UTF-8"],
            body: ResponseBody(contentLength: 512) { writer in
                try await writer.write(ByteBuffer(string: #"{"id":"#))
                throw FakeSalesforceDroppedConnection()
            })
    }

    /// The answer as an HTTP response, with `Sforce-Limit-Info` as Salesforce sends on REST calls.
    func response(_ answer: FakeSalesforceAnswer) -> Response {
        var headers: HTTPFields = [.contentType: "application/json;charset=UTF-8"]
        headers.set("Sforce-Limit-Info", "api-usage=\(state.withLock { $0.requests.count })/15000")
        if let seconds = answer.retryAfterSeconds { headers.set("Retry-After", String(seconds)) }
        guard let body = answer.body else { return Response(status: .init(code: answer.status), headers: headers) }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body.description)))
    }

    static func parameters(_ request: Request, _ context: BasicRequestContext) -> FakeSalesforceParameters {
        func decoded(_ name: String) -> String {
            let raw = context.parameters.get(name) ?? ""
            return raw.removingPercentEncoding ?? raw
        }
        var parameters = FakeSalesforceParameters(
            version: decoded("version"), object: decoded("object"), field: decoded("field"), value: decoded("value"), locator: decoded("locator"))
        parameters.soql = formValues(request.uri.query ?? "")["q"]
        return parameters
    }

    /// `a=b&c=d` decoded (`+` is a space).
    static func formValues(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }

    static func bearerToken(_ header: String?) -> String? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
    }
}

extension HTTPFields {
    /// Sets a header by its name (ignored when the name is not a valid field name).
    fileprivate mutating func set(_ name: String, _ value: String) {
        guard let key = Element.Name(name) else { return }
        self[key] = value
    }
}
