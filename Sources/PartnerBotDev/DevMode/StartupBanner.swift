import CRM
import PartnerBot

/// The lines `partnerbot serve` prints once it listens: where it is and how to talk to it.
public enum StartupBanner {
    /// The banner text (never contains secrets or tokens).
    public static func text(configuration: BotConfiguration, port: Int) -> String {
        let url = "http://\(configuration.server.host):\(port)"
        var lines = [
            "partnerbot \(PartnerBotVersion.current) listening on \(url)",
            "  configuration: \(configuration.source)",
            "  database:      \(configuration.database.location)",
            "  health:        curl \(url)/health",
        ]
        if configuration.slack.appToken != nil {
            lines.append("  socket mode:   Slack connects over WebSockets the bot opens (\(configuration.slack.signingSecret == nil ? "HTTP Slack routes off: no signing secret" : "HTTP Slack routes on too"))")
        }
        if configuration.oauth != nil, let publicURL = configuration.server.publicURL {
            lines.append("  installs:      \(publicURL)/slack/install (OAuth: the Add to Slack page)")
        }
        if let crm = configuration.crm {
            var webhooks: [String] = []
            if crm.provider == .hubspot, crm.hubspot.clientSecret != nil { webhooks.append("/crm/hubspot/webhook") }
            if crm.webhookSecret != nil { webhooks.append("/crm/webhook") }
            let inbound = webhooks.isEmpty ? "no webhooks (no CRM webhook secret)" : "webhooks at " + webhooks.joined(separator: ", ")
            lines.append("  crm:           \(crm.provider.displayName): deals pushed as they change; \(inbound); `partnerbot crm status`")
        }
        if configuration.devMode {
            lines += [
                "  dev mode:      signing secret in \(DevSecret.path(dataDirectory: configuration.dataDirectory))",
                "  chat:          \(configuration.slack.botToken == nil && configuration.oauth == nil ? "local chat sink (messages are printed here, never sent)" : "Slack Web API at \(configuration.slack.apiURL)")",
                "",
                "Try it from another terminal (a sample program is seeded: you are a partner of dev-partner;",
                "add --user \(DevSeed.manager) to act as its partner manager, --user \(DevSeed.marketing) for marketing):",
                "  .build/debug/partnerbot send /register \"Acme Corp amount:50k close:2027-06-30\" --url \(url)",
                "  .build/debug/partnerbot send /deal status --url \(url)",
                "  .build/debug/partnerbot click deal_approve DR-1 --user \(DevSeed.manager) --url \(url)",
            ]
        }
        lines.append("Stop with Ctrl-C (graceful shutdown).")
        return lines.joined(separator: "\n")
    }
}
