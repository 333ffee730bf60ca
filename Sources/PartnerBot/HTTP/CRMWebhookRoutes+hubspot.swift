import CRM
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SlackPlatform

/// `POST /crm/hubspot/webhook`: HubSpot's webhook deliveries, verified with the v3 signature
/// (HMAC-SHA256 with the app's client secret over method + URI + body + timestamp, at most five
/// minutes old) before the body is parsed. HubSpot signs the URL it called: `server.public_url`
/// + the path when configured, else `https://` + the Host header + the path.
extension CRMWebhookRoutes {
    static let hubSpotPath = "/crm/hubspot/webhook"

    func registerHubSpot(on router: some RouterMethods<SlackRequestContext>) {
        guard let secret = crm.hubspot.clientSecret?.text, !secret.isEmpty else { return }
        router.post("crm/hubspot/webhook") { request, context in try await hubSpot(request, clientSecret: secret, context: context) }
    }

    private func hubSpot(_ request: Request, clientSecret: String, context: SlackRequestContext) async throws -> Response {
        var request = request
        let body = Array(try await request.collectBody(upTo: maxBodyBytes).readableBytesView)
        let verification = HubSpotWebhook.verify(
            method: request.method.rawValue, uri: signedURI(of: request), body: body,
            timestamp: request.headers[HTTPField.Name(HubSpotWebhook.timestampHeader)!],
            signature: request.headers[HTTPField.Name(HubSpotWebhook.signatureHeader)!], clientSecret: clientSecret, now: clock.now())
        guard verification == .valid else {
            context.logger.warning("hubspot webhook rejected", metadata: ["reason": "\(verification)"])
            return Response(status: .unauthorized)
        }
        let events: [HubSpotWebhookEvent]
        do {
            events = try HubSpotWebhook.events(from: body)
        } catch {
            context.logger.warning("hubspot webhook refused", metadata: ["reason": "\(error)"])
            return Self.text(.badRequest, "\(error)\n")
        }
        var outcomes: [String] = []
        for event in events { outcomes.append(try await apply(event, context: context)) }
        let list = outcomes.map { "\"\($0)\"" }.joined(separator: ",")
        return Self.text(.ok, "{\"ok\":true,\"outcomes\":[\(list)]}", contentType: "application/json")
    }

    /// Applies one event; its outcome, or `ignored` for events that change nothing here.
    private func apply(_ event: HubSpotWebhookEvent, context: SlackRequestContext) async throws -> String {
        guard event.isDealPropertyChange, event.propertyName == crm.mapping.fields[.stage] else { return "ignored" }
        guard let dealID = try await database.dealID(forCRMID: String(event.objectId)) else {
            context.logger.notice("hubspot change of a deal partnerbot did not create", metadata: ["hubspot_deal": "\(event.objectId)"])
            return CRMUpdateOutcome.unknownDeal.rawValue
        }
        guard let update = CRMUpdate.hubSpot(event, dealID: dealID, mapping: crm.mapping) else {
            context.logger.notice(
                "hubspot stage with no mapping in crm.stages", metadata: ["deal": "DR-\(dealID)", "stage": "\(event.propertyValue ?? "")"])
            return "ignored"
        }
        return try await record(update, context: context).rawValue
    }

    private func signedURI(of request: Request) -> String {
        let path = request.uri.description
        if let publicURL { return publicURL + path }
        return "https://" + (request.head.authority ?? "") + path
    }
}
