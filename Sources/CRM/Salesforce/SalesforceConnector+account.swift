import Foundation
import SlackPlatform

extension SalesforceConnector {
    /// The id of the customer's Account: the oldest whose website is the customer's domain (or a
    /// subdomain of it), else the oldest named exactly like the customer, else a new Account
    /// (`Name`, and `Website` when the domain is known).
    func accountID(for company: CRMCompany) async throws(CRMFailure) -> String {
        let domain = company.domain.flatMap(SalesforceWebsite.normalizedDomain)
        if let domain {
            let candidates: [SalesforceAccountRow] = try await query(SalesforceSOQL.accountsByWebsite(domain))
            if let match = candidates.first(where: { SalesforceWebsite.matches($0.website, domain: domain) }) { return match.id }
        }
        let name = company.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .rejected("the customer company has no name") }
        let named: [SalesforceAccountRow] = try await query(SalesforceSOQL.accountsByName(name))
        if let match = named.first { return match.id }
        return try await createAccount(name: name, domain: domain)
    }

    /// `POST /sobjects/Account`.
    private func createAccount(name: String, domain: String?) async throws(CRMFailure) -> String {
        var fields: [String: CRMValue] = ["Name": .text(name)]
        if let domain { fields["Website"] = .text(domain) }
        let body: [UInt8]
        do {
            body = try SalesforceJSONBody.object(fields)
        } catch {
            throw .rejected("\(error.field): \(error.reason)")
        }
        let response = try await authorized { session in
            RESTRequest(method: .post, url: self.sobjectsURL(session, object: "Account"), headers: self.headers(session, json: true), body: body)
        }
        let result: SalesforceSaveResult = try decode(response)
        guard result.success != false, let id = result.id else {
            throw .rejected(SalesforceFailures.summary(result.errors ?? []) ?? "Salesforce did not create the Account")
        }
        logger.debug("Salesforce Account created", metadata: ["account": "\(id)"])
        return id
    }
}
