import CRM
import Foundation

extension CRMUpdate {
    /// What a HubSpot webhook event means for a registration: a change of the deal's stage property
    /// (`crm.fields.stage`, `dealstage` by default) to a stage mapped in `crm.stages` — `won` and
    /// `lost` close the registration. Anything else (other properties, other objects, deletions,
    /// stages with no mapping) is `nil`: HubSpot is answered 200 and nothing changes.
    static func hubSpot(_ event: HubSpotWebhookEvent, dealID: Int64, mapping: CRMMapping) -> CRMUpdate? {
        guard event.isDealPropertyChange, let property = mapping.fields[.stage], event.propertyName == property,
            let value = event.propertyValue, let stage = mapping.botStage(forCRMStage: value)
        else { return nil }
        let change: Change =
            switch stage {
            case "won": .won
            case "lost": .lost(reason: nil)
            default: .stage(stage)
            }
        return CRMUpdate(eventKey: "hubspot:\(event.eventId):\(event.objectId):\(event.occurredAt)", source: "hubspot", dealID: dealID, change: change, occurredAt: event.occurredAtDate)
    }
}

extension HubSpotWebhookEvent {
    /// A deal property change, in the legacy (`deal.propertyChange`) or the generic
    /// (`object.propertyChange` on object type `0-3`) subscription naming.
    var isDealPropertyChange: Bool {
        subscriptionType == "deal.propertyChange" || (subscriptionType == "object.propertyChange" && objectTypeId == "0-3")
    }
}
