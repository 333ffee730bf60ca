import Foundation
import Logging
import SlackPlatform

extension SalesforceConnector {
    /// Sends a REST API request with the current token; on 401 gets a new token and sends it once
    /// more.
    /// - Returns: The 2xx answer.
    /// - Throws: The `CRMFailure` any other answer means (401 again: `.unauthorized`).
    func authorized(_ build: (SalesforceSession) -> RESTRequest) async throws(CRMFailure) -> RESTResponse {
        var session = try await session()
        var response = try await transmit(build(session))
        if response.status == 401 {
            let refused = failures.redacting(session.accessToken).failure(for: response)
            logger.debug("Salesforce refused the session; getting a new token", metadata: ["error": "\(refused)"])
            session = try await self.session(replacing: session)
            response = try await transmit(build(session))
        }
        guard (200..<300).contains(response.status) else { throw failures.redacting(session.accessToken).failure(for: response) }
        return response
    }

    /// Sends a request; no HTTP answer at all is `.unavailable`.
    func transmit(_ request: RESTRequest) async throws(CRMFailure) -> RESTResponse {
        do {
            return try await client.send(request)
        } catch {
            throw .unavailable(failures.redact("no answer from Salesforce: \(error)"))
        }
    }

    /// Runs a SOQL query and follows `nextRecordsUrl` for at most ``maxQueryPages`` pages.
    func query<Row: Decodable & Sendable>(_ soql: String) async throws(CRMFailure) -> [Row] {
        var rows: [Row] = []
        var path = "/services/data/\(settings.apiVersion)/query?q=" + SalesforceURLEncoding.component(soql)
        for _ in 0..<Self.maxQueryPages {
            let url = path
            let response = try await authorized { session in
                RESTRequest(method: .get, url: session.instanceURL + url, headers: self.headers(session, json: false))
            }
            let page: SalesforceQueryPage<Row> = try decode(response)
            rows += page.records
            guard !page.done, let next = page.nextRecordsUrl else { return rows }
            guard next.hasPrefix("/services/data/") else { throw .unavailable("unexpected nextRecordsUrl \(next)") }
            path = next
        }
        logger.warning("Salesforce query has more than \(Self.maxQueryPages) pages; using the first ones")
        return rows
    }

    /// A 2xx body as JSON.
    func decode<Value: Decodable>(_ response: RESTResponse, as type: Value.Type = Value.self) throws(CRMFailure) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(response.body))
        } catch {
            throw .unavailable("unexpected answer from Salesforce (HTTP \(response.status)): \(response.text.prefix(200))")
        }
    }

    /// The bearer token, and JSON content type for bodies.
    func headers(_ session: SalesforceSession, json: Bool) -> [(name: String, value: String)] {
        var headers = [(name: "Authorization", value: "Bearer \(session.accessToken)"), (name: "Accept", value: "application/json")]
        if json { headers.append((name: "Content-Type", value: "application/json")) }
        return headers
    }

    /// `{instance}/services/data/{version}/sobjects/{Object}`.
    func sobjectsURL(_ session: SalesforceSession, object: String) -> String {
        "\(session.instanceURL)/services/data/\(settings.apiVersion)/sobjects/\(object)"
    }

    /// The record's URL by external id: `…/sobjects/{Object}/{ExternalIdField}/{DR-n}`.
    func recordURL(_ session: SalesforceSession, registrationID: String) -> String {
        sobjectsURL(session, object: settings.object) + "/\(settings.externalIDField)/" + SalesforceURLEncoding.component(registrationID)
    }

    /// What an upsert answered: 201 created, 200 with `created` (API 46.0 and later), or 204
    /// without a body (earlier versions: the id is then read by external id).
    func upsertResult(_ response: RESTResponse, registrationID: String) async throws(CRMFailure) -> CRMUpsertResult {
        if response.status == 204 || response.body.isEmpty {
            let lookup = try await authorized { session in
                RESTRequest(method: .get, url: self.recordURL(session, registrationID: registrationID) + "?fields=Id", headers: self.headers(session, json: false))
            }
            let record: SalesforceRecordID = try decode(lookup)
            return CRMUpsertResult(crmID: record.id, created: response.status == 201)
        }
        let result: SalesforceSaveResult = try decode(response)
        guard result.success != false, let id = result.id else {
            throw .rejected(SalesforceFailures.summary(result.errors ?? []) ?? "Salesforce did not save the record")
        }
        return CRMUpsertResult(crmID: id, created: result.created ?? (response.status == 201))
    }
}
