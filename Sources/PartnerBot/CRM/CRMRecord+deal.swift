import CRM
import Foundation

extension CRMRecord {
    /// The CRM's view of a deal as it is now: each mapped field's value (a field without a value
    /// clears its property, so the CRM never keeps a stale one), and the customer company when
    /// the deal is not yet associated with it.
    /// - Parameters:
    ///   - deal: The deal.
    ///   - org: Its partner organisation.
    ///   - mapping: `crm.fields` and `crm.stages`.
    ///   - linkCompany: Whether to name the company (the first push, until it is associated).
    ///   - protectionDays: The policy's protection window (the close date of a deal without one
    ///     before it is approved: when its protection would end).
    public static func deal(_ deal: Deal, org: PartnerOrg?, mapping: CRMMapping, linkCompany: Bool, protectionDays: Int = 90) -> CRMRecord {
        var properties: [String: CRMValue] = [:]
        let context = Context(deal: deal, org: org, mapping: mapping, protectionDays: protectionDays)
        for (field, property) in mapping.fields {
            properties[property] = context.value(of: field)
        }
        return CRMRecord(
            registrationID: deal.reference, properties: properties,
            company: linkCompany ? CRMCompany(name: deal.customerName, domain: deal.domain) : nil)
    }

    /// What one field's value is computed from.
    struct Context {
        var deal: Deal
        var org: PartnerOrg?
        var mapping: CRMMapping
        var protectionDays: Int

    /// One field's value.
    func value(of field: CRMField) -> CRMValue {
        switch field {
        case .dealName: .text("\(deal.customerName) (\(deal.reference))")
        case .customer: .text(deal.customerName)
        case .domain: text(deal.domain)
        case .status: .text(deal.status.rawValue)
        case .stage: CRMRecord.stage(of: deal, mapping: mapping).map(CRMValue.text) ?? .null
        case .amount: deal.amount.map { .decimal(Decimal($0.minorUnits) / 100) } ?? .null
        case .currency: text(deal.amount?.currency)
        case .closeDate:
            .date(deal.closeDate ?? CalendarDate(deal.protectionEnd ?? deal.createdAt.addingTimeInterval(Double(protectionDays) * 86_400)).description)
        case .partnerOrg: .text(deal.org)
        case .partnerName: text(org?.name ?? deal.org)
        case .partnerTier: text(org?.tier)
        case .motion: text(deal.motion)
        case .source: text(deal.source)
        case .registeredBy: .text(deal.submittedBy)
        case .registeredAt: .timestamp(deal.createdAt)
        case .protectionStart: deal.protectionStart.map { .date(CalendarDate($0).description) } ?? .null
        case .protectionEnd: deal.protectionEnd.map { .date(CalendarDate($0).description) } ?? .null
        case .extensions: .integer(deal.extensions)
        case .decidedBy: text(deal.decidedBy)
        case .reason: text(deal.reason)
        case .question: text(deal.question)
        case .conflict: .bool(deal.status == .conflict)
        case .conflictWith: text(deal.conflictWith.map { "DR-\($0)" })
        }
    }

    private func text(_ value: String?) -> CRMValue {
        value.map(CRMValue.text) ?? .null
    }
    }

    /// The CRM stage: `won` / `lost` for closed deals, else the deal's stage (a registration not
    /// yet approved is at the first stage), through `crm.stages` (an unmapped stage as it is).
    static func stage(of deal: Deal, mapping: CRMMapping) -> String? {
        let botStage: String =
            switch deal.status {
            case .won: "won"
            case .lost: "lost"
            default: deal.stage ?? "registered"
            }
        return mapping.stages[botStage] ?? botStage
    }
}
