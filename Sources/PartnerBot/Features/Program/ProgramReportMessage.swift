import Foundation
import SlackPlatform

/// A program report as a Slack message: headline figures with text bars, money per currency,
/// partners to look at, and the breakdown a page at a time (buttons for the other pages).
struct ProgramReportMessage {
    let report: ProgramReport
    let command: ProgramCommand
    let page: Int
    static let groupsPerPage = 10

    var reply: MessageReply {
        let totals = report.totals
        var blocks: [Block] = [
            .header("Program report · \(report.period.label)"),
            .context(["Registrations submitted \(report.period.days.first) – \(report.period.days.last) · as of \(DisplayTime.dateTime(report.asOf))"]),
            .section(text: "*Registrations*", fields: counts(totals)),
            .section(text: conversion(totals)),
            .section(text: "*Decisions*: \(report.decisionLine)" + (report.medianDaysToWin.map { "\n*Median days to won*: \(ProgramReport.fixed($0, 1))" } ?? "")),
            .section(text: report.moneyLines(totals).map { "• " + Mrkdwn.escape($0) }.joined(separator: "\n")),
        ]
        blocks += partners()
        blocks += breakdown()
        let text = "Program report \(report.period.label): \(totals.submitted) submitted, \(totals.approved) approved, \(totals.won) won"
        return MessageReply(text: text, blocks: Array(blocks.prefix(50)))
    }

    /// This period's headline for a manager's Home tab.
    static func headline(_ report: ProgramReport) -> Block {
        let f = report.totals
        var lines = [
            "*\(report.period.label)*: \(f.submitted) registered · \(f.approved) approved · \(f.won) won · \(f.lost) lost",
            "`\(ProgramReport.bar(report.decisions.withinSLAShare))` \(ProgramReport.percent(report.decisions.withinSLAShare)) decided within the SLA"
                + (report.decisions.medianSeconds.map { " (median \(ProgramReport.hours($0)))" } ?? ""),
        ]
        if !f.pipeline.isEmpty { lines.append("Open pipeline: \(ProgramReport.money(f.pipeline))") }
        if !f.wonAmounts.isEmpty { lines.append("Won: \(ProgramReport.money(f.wonAmounts))") }
        lines.append("`/program report` has the details.")
        return .section(text: lines.joined(separator: "\n"))
    }

    private func counts(_ f: ProgramReport.Figures) -> [String] {
        [
            "*Submitted*\n\(f.submitted)", "*Approved*\n\(f.approved)", "*Declined*\n\(f.declined)", "*In conflict*\n\(f.conflict)",
            "*Expired*\n\(f.expired)", "*Won / lost*\n\(f.won) / \(f.lost)",
        ]
    }

    private func conversion(_ f: ProgramReport.Figures) -> String {
        let line = { (title: String, share: Double?) in "`\(ProgramReport.bar(share))` \(ProgramReport.percent(share)) \(title)" }
        return [
            "*Conversion*",
            line("registered → approved", f.approvalRate),
            line("approved → won", f.wonOfApproved),
            line("win rate of closed deals", f.winRate),
            line("decided within the SLA", report.decisions.withinSLAShare),
        ].joined(separator: "\n")
    }

    private func partners() -> [Block] {
        var blocks: [Block] = []
        if !report.topPartners.isEmpty {
            let lines = report.topPartners.map { "• *\(Mrkdwn.escape($0.name))*: \(Money(minorUnits: $0.wonMinor, currency: $0.currency)) won in \($0.wonDeals) deal(s)" }
            blocks += Block.sections(title: "Top partners by won amount", lines: lines)
        }
        if !report.partnersWithoutWin.isEmpty {
            let shown = report.partnersWithoutWin.prefix(10).map { "• \(Mrkdwn.escape($0.name)): \($0.registrations) registration(s)" }
            let more = report.partnersWithoutWin.count > 10 ? ["…and \(report.partnersWithoutWin.count - 10) more: add `by:partner` to see every partner."] : []
            blocks += Block.sections(title: "Registrations but no win", lines: shown + more)
        }
        return blocks
    }

    private func breakdown() -> [Block] {
        guard let by = report.breakdown else { return [] }
        let pages = max(1, (report.groups.count + Self.groupsPerPage - 1) / Self.groupsPerPage)
        let current = min(page, pages)
        let slice = report.groups.dropFirst((current - 1) * Self.groupsPerPage).prefix(Self.groupsPerPage)
        let lines = slice.map { group in
            let f = group.figures
            return "• *\(Mrkdwn.escape(group.name))*: \(f.submitted) submitted, \(f.approved) approved, \(f.won) won "
                + "(win rate \(ProgramReport.percent(f.winRate))) · pipeline \(ProgramReport.money(f.pipeline)) · won \(ProgramReport.money(f.wonAmounts))"
        }
        var blocks = Block.sections(title: "By \(by.rawValue) (page \(current) of \(pages))", lines: lines.isEmpty ? ["No registrations in this period."] : lines)
        var buttons: [Button] = []
        if current > 1 { buttons.append(Button("◂ Previous", action: .programReportPage, value: command.text(page: current - 1))) }
        if current < pages { buttons.append(Button("Next ▸", action: .programReportPage, value: command.text(page: current + 1))) }
        if !buttons.isEmpty { blocks.append(.actions(buttons)) }
        return blocks
    }
}
