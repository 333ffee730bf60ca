import CRM
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The fake's request context: Hummingbird's basic context plus the connection, so a fault can
/// close it without answering.
struct FakeHubSpotContext: RequestContext {
    typealias Source = ApplicationRequestContextSource

    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: Source) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// A status and a JSON body.
struct FakeHubSpotAnswer: Sendable {
    var status: HTTPResponse.Status
    var body: [UInt8]
    var retryAfter: Int?

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> FakeHubSpotAnswer {
        FakeHubSpotAnswer(status: status, body: FakeHubSpotJSON.encode(value))
    }

    static func error(_ status: HTTPResponse.Status, category: String, _ message: String) -> FakeHubSpotAnswer {
        json(status, FakeHubSpotJSON.ErrorBody(message: message, category: category))
    }

    /// HubSpot's answer to a request without valid credentials.
    static let invalidAuthentication = error(
        .unauthorized, category: "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json;charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Thrown after the fake closed a connection on purpose.
struct FakeHubSpotDroppedConnection: Error {}

extension FakeHubSpotServer {
    func makeRouter() -> Router<FakeHubSpotContext> {
        let router = Router(context: FakeHubSpotContext.self)
        router.post("/crm/v3/objects/{type}/batch/upsert") { request, context in
            try await self.serve(.dealsBatchUpsert, request, context) { state, body in
                Self.upsert(&state, type: context.parameters.get("type"), body: body)
            }
        }
        router.post("/crm/v3/objects/{type}/batch/read") { request, context in
            try await self.serve(.dealsBatchRead, request, context) { state, body in
                Self.batchRead(state, type: context.parameters.get("type"), body: body)
            }
        }
        router.post("/crm/v3/objects/{type}/search") { request, context in
            try await self.serve(.search, request, context) { state, body in
                Self.search(state, type: context.parameters.get("type"), body: body)
            }
        }
        router.post("/crm/v3/objects/{type}") { request, context in
            try await self.serve(.companiesCreate, request, context) { state, body in
                Self.create(&state, type: context.parameters.get("type"), body: body)
            }
        }
        addAssociationRoutes(router)
        return router
    }

    private func addAssociationRoutes(_ router: Router<FakeHubSpotContext>) {
        router.put("/crm/v4/objects/{from}/{fromID}/associations/default/{to}/{toID}") { request, context in
            try await self.serve(.associationCreate, request, context) { state, _ in
                let p = context.parameters
                return Self.associate(&state, from: p.get("from"), fromID: p.get("fromID"), to: p.get("to"), toID: p.get("toID"))
            }
        }
        router.get("/crm/v4/objects/{from}/{fromID}/associations/{to}") { request, context in
            try await self.serve(.associationsList, request, context) { state, _ in
                let p = context.parameters
                let query = request.uri.queryParameters
                return Self.listAssociations(
                    state, from: p.get("from"), fromID: p.get("fromID"), to: p.get("to"),
                    limit: query.get("limit", as: Int.self), after: query.get("after"))
            }
        }
    }

    /// Counts the request, then answers with the next queued fault, refuses it without a valid
    /// token, or reads the body and lets `handle` answer under the lock.
    private func serve(
        _ endpoint: FakeHubSpotEndpoint, _ request: Request, _ context: FakeHubSpotContext,
        _ handle: @escaping @Sendable (inout State, [UInt8]) -> FakeHubSpotAnswer
    ) async throws -> Response {
        let token = Self.bearerToken(request.headers[.authorization])
        let (fault, authorized) = state.withLock { state -> (Fault?, Bool) in
            state.counts[endpoint, default: 0] += 1
            let index = state.faults.firstIndex { $0.endpoint == nil || $0.endpoint == endpoint }
            let fault = index.map { state.faults.remove(at: $0).fault }
            let authorized = state.behaviour.acceptedTokens.map { tokens in token.map(tokens.contains) ?? false } ?? true
            return (fault, authorized)
        }
        if let fault { return try await answer(fault, context) }
        guard authorized else { return FakeHubSpotAnswer.invalidAuthentication.response }
        var request = request
        let body = Array(try await request.collectBody(upTo: 1 << 20).readableBytesView)
        return state.withLock { handle(&$0, body) }.response
    }

    private func answer(_ fault: Fault, _ context: FakeHubSpotContext) async throws -> Response {
        switch fault {
        case .common(.rateLimited(let seconds)):
            return Self.rateLimited(policyName: "SECONDLY", retryAfter: seconds).response
        case .rateLimit(let policy, let seconds):
            return Self.rateLimited(policyName: policy, retryAfter: seconds).response
        case .common(.serverError(let status)):
            let answer = FakeHubSpotAnswer.error(.init(code: status), category: "INTERNAL_ERROR", "internal error")
            return answer.response
        case .common(.expiredToken):
            let message = "The OAuth token used to make this call expired 1 day(s) ago."
            return FakeHubSpotAnswer.error(.unauthorized, category: "EXPIRED_AUTHENTICATION", message).response
        case .common(.dropConnection):
            try? await context.channel.close()
            throw FakeHubSpotDroppedConnection()
        }
    }

    private static func rateLimited(policyName: String, retryAfter: Int?) -> FakeHubSpotAnswer {
        let limit = policyName == "DAILY" ? "daily" : "secondly"
        let body = FakeHubSpotJSON.ErrorBody(
            message: "You have reached your \(limit) limit.", errorType: "RATE_LIMIT", policyName: policyName,
            requestId: UUID().uuidString.lowercased())
        var answer = FakeHubSpotAnswer.json(.tooManyRequests, body)
        answer.retryAfter = retryAfter
        return answer
    }

    private static func bearerToken(_ authorization: String?) -> String? {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return nil }
        return String(authorization.dropFirst("bearer ".count))
    }
}
