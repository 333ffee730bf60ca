import SlackPlatform

extension ActionID {
    /// Another page of a program report's breakdown.
    static let programReportPage = ActionID(rawValue: "program_report_page")
}

/// Program insight for managers: `/program report`, and the buttons that page through a long
/// breakdown.
struct ProgramFeature: Feature {
    static let permission = Permission.managers("see program reports")

    var commands: [CommandRoute] {
        [
            CommandRoute(
                .program, helpWhenEmpty: true, parse: { text, _ in ProgramCommand.parse(text) },
                handle: { try await ProgramHandler().handle($0, caller: try await $2.caller($1.actingUser), services: $2) })
        ]
    }

    var actions: [ActionRoute] {
        [
            ActionRoute(.programReportPage) { click, services in
                guard let command = click.value.flatMap(ProgramCommand.parse) else { return .ephemeral("That button is out of date; run `/program report` again.") }
                return try await ProgramHandler().handle(command, caller: click.caller, services: services)
            }
        ]
    }
}

/// `/program`: reports computed when asked, from the database as it is.
struct ProgramHandler: Sendable {
    func handle(_ command: ProgramCommand, caller: Caller, services: BotServices) async throws -> MessageReply {
        if let refusal = ProgramFeature.permission.refusal(for: caller) { return refusal }
        switch command {
        case .usage(let message):
            return .ephemeral(message)
        case .report(let spec, let by, let page):
            let now = services.clock.now()
            let report = try await services.database.programReport(period: ReportPeriod(spec, asOf: now), breakdown: by, asOf: now)
            return ProgramReportMessage(report: report, command: command, page: page).reply
        }
    }
}
