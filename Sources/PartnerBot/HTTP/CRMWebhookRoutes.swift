import Foundation
import HTTPTypes
import Logging
import Hummingbird
import NIOCore
import SlackPlatform

/// `POST /crm/webhook`: changes from the CRM, signed like Slack signs requests (HMAC-SHA256 with
/// `crm.webhook_secret` over `v0:<timestamp>:<body>`, in `X-Partnerbot-Signature: v0=<hex>` with
/// `X-Partnerbot-Request-Timestamp`, within five minutes). Verified before the body is parsed:
/// unsigned, stale or forged → 401; malformed → 400; an unknown registration → 200 (so the CRM
/// does not retry forever) and a logged notice.
struct CRMWebhookRoutes: Sendable {
    let database: AppDatabase
    let crm: CRMConfiguration
    let deals: DealSettings
    let clock: any WallClock
    let maxBodyBytes: Int
    /// `server.public_url`: the base of the URL the CRM calls (HubSpot signs it).
    let publicURL: String?

    static let timestampHeader = HTTPField.Name("X-Partnerbot-Request-Timestamp")!
    static let signatureHeader = HTTPField.Name("X-Partnerbot-Signature")!

    func register(on router: some RouterMethods<SlackRequestContext>) {
        registerHubSpot(on: router)
        guard let secret = crm.webhookSecret.flatMap({ SigningSecret($0.text) }) else { return }
        let verifier = RequestVerifier(secret: secret)
        router.post("crm/webhook") { request, context in try await generic(request, verifier: verifier, context: context) }
    }

    private func generic(_ request: Request, verifier: RequestVerifier, context: SlackRequestContext) async throws -> Response {
        var request = request
        let body = Array(try await request.collectBody(upTo: maxBodyBytes).readableBytesView)
        do throws(SignatureFailure) {
            try verifier.verify(
                timestamp: request.headers[Self.timestampHeader], signature: request.headers[Self.signatureHeader], body: body, now: clock.unixTime)
        } catch {
            context.logger.warning("crm webhook rejected", metadata: ["reason": "\(error.logDescription)"])
            return Response(status: .unauthorized)
        }
        let update: CRMUpdate
        do throws(CRMWebhookBody.Problem) {
            update = try CRMWebhookBody.parse(body).update(
                stages: deals.policy.stages, mapping: crm.mapping, bodyDigest: SHA256.digest(body).lowercaseHex)
        } catch {
            context.logger.warning("crm webhook refused", metadata: ["reason": "\(error)"])
            return Self.text(.badRequest, "\(error)\n")
        }
        return try await apply(update, context: context)
    }

    /// Applies an update and answers with its outcome.
    func apply(_ update: CRMUpdate, context: SlackRequestContext) async throws -> Response {
        let outcome = try await record(update, context: context)
        return Self.text(.ok, "{\"ok\":true,\"outcome\":\"\(outcome.rawValue)\"}", contentType: "application/json")
    }

    /// Applies an update to its registration, logging what happened.
    func record(_ update: CRMUpdate, context: SlackRequestContext) async throws -> CRMUpdateOutcome {
        let outcome = try await database.applyCRMUpdate(update, settings: deals, now: clock.now())
        let metadata: Logger.Metadata = ["deal": "DR-\(update.dealID)", "source": "\(update.source)", "outcome": "\(outcome.rawValue)"]
        if outcome == .unknownDeal || outcome == .refused {
            context.logger.notice("crm update not applied", metadata: metadata)
        } else {
            context.logger.info("crm update", metadata: metadata)
        }
        return outcome
    }

    static func text(_ status: HTTPResponse.Status, _ text: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
