import CRM

/// How partnerbot's deal fields and stages are named in the CRM (`crm.fields`, `crm.stages`).
public struct CRMMapping: Sendable, Equatable {
    /// Bot field → CRM property. The registration reference always goes to the external id
    /// (HubSpot's unique id property, Salesforce's external id field) and is not listed here.
    public var fields: [CRMField: String]
    /// Bot stage (and `won`, `lost`) → the CRM's stage value.
    public var stages: [String: String]

    /// Creates a mapping.
    public init(fields: [CRMField: String], stages: [String: String]) {
        self.fields = fields
        self.stages = stages
    }

    /// The bot stage a CRM stage value means (`won` and `lost` included), when mapped.
    public func botStage(forCRMStage value: String) -> String? {
        stages.first { $0.value.caseInsensitiveCompare(value) == .orderedSame }?.key
    }

    /// The defaults for a CRM: its standard deal properties where one exists, `partnerbot_…`
    /// custom properties (HubSpot) or `Partnerbot_…__c` custom fields (Salesforce) for the rest
    /// (docs/crm-hubspot.md and docs/crm-salesforce.md list what to create), and the CRM's
    /// default pipeline stages.
    public static func defaults(for provider: CRMProvider) -> CRMMapping {
        switch provider {
        case .hubspot:
            CRMMapping(
                fields: [
                    .dealName: "dealname", .amount: "amount", .currency: "deal_currency_code", .closeDate: "closedate", .stage: "dealstage",
                    .status: "partnerbot_status", .partnerName: "partnerbot_partner", .source: "partnerbot_source",
                    .protectionEnd: "partnerbot_protection_end", .reason: "partnerbot_reason",
                ],
                stages: [
                    "registered": "appointmentscheduled", "qualified": "qualifiedtobuy", "proposal": "presentationscheduled",
                    "negotiation": "contractsent", "won": "closedwon", "lost": "closedlost",
                ])
        case .salesforce:
            CRMMapping(
                fields: [
                    .dealName: "Name", .amount: "Amount", .closeDate: "CloseDate", .stage: "StageName",
                    .status: "Partnerbot_Status__c", .partnerName: "Partnerbot_Partner__c", .source: "Partnerbot_Source__c",
                    .protectionEnd: "Partnerbot_Protection_End__c", .reason: "Partnerbot_Reason__c",
                ],
                stages: [
                    "registered": "Prospecting", "qualified": "Qualification", "proposal": "Proposal/Price Quote",
                    "negotiation": "Negotiation/Review", "won": "Closed Won", "lost": "Closed Lost",
                ])
        }
    }
}
