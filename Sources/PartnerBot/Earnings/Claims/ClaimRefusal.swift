/// Why a claim, an MDF request or a decision on one was refused, in the partner's or manager's words.
public enum ClaimRefusal: Error, Sendable, Equatable, UserFacingError {
    case unknownSpiff(String)
    case notASpiff(String)
    case notYourDeal(String)
    case notWon(String, status: String)
    case wonOutsideWindow(String, won: String, start: String, end: String)
    case motionNotEligible(String, motion: String?, eligible: [String])
    case belowMinimum(String, amount: String, minimum: String)
    case noAmount(String)
    case notInAudience(String)
    case alreadyClaimed(String, claim: String, state: String)
    case overClaimCap(Int)
    case overAmountCap(cap: String, left: String)
    case proofLinkMissing(String)
    case noteMissing(String)
    case noMDFBudget(tier: String)
    case mdfCurrency(budget: String)
    case overBudget(quarter: String, budget: String, left: String)
    case activityTooEarly(String, quarterStart: String)
    case activityTooLate(String)
    case activityNotDone(String, date: String)
    case mdfAmountAboveApproved(approved: String)
    case mdfCurrencyChanged(String)
    case mdfNotApproved(String, state: String)
    case reasonMissing(String)
    case notApprovedYet(String)
    case reversed(String)
    case noCommission(String)

    public var userMessage: String {
        switch self {
        case .unknownSpiff(let id):
            "There is no SPIFF `\(SlackText.echo(id))`. The SPIFF's announcement names it, e.g. `/claim q3-takeout-spiff DR-12`."
        case .notASpiff(let id): "`\(id)` is an announcement, not a SPIFF: it has no incentive terms to claim."
        case .notYourDeal(let deal): "\(deal) is not one of your organisation's deals. `/deal status` lists yours."
        case .notWon(let deal, let status): "\(deal) is \(status), not won: a SPIFF is claimed on a won deal."
        case .wonOutsideWindow(let deal, let won, let start, let end):
            "\(deal) was won on \(won), outside the SPIFF's window (\(start) to \(end))."
        case .motionNotEligible(let deal, let motion, let eligible):
            "\(deal) is \(motion.map { "a \($0) deal" } ?? "a deal without a motion"); this SPIFF is for \(eligible.joined(separator: " or ")) deals."
        case .belowMinimum(let deal, let amount, let minimum): "\(deal) is \(amount), below this SPIFF's minimum deal of \(minimum)."
        case .noAmount(let deal): "\(deal) has no amount in the SPIFF's currency, so it earns nothing under these terms."
        case .notInAudience(let id): "Your organisation is not in the audience of `\(id)`: it cannot claim this SPIFF."
        case .alreadyClaimed(let deal, let claim, let state): "\(deal) is already claimed for this SPIFF (\(claim), \(state))."
        case .overClaimCap(let cap): "Your organisation has reached this SPIFF's cap of \(cap) claim\(cap == 1 ? "" : "s")."
        case .overAmountCap(let cap, let left): "This claim would exceed the SPIFF's cap of \(cap) per organisation (\(left) left)."
        case .proofLinkMissing(let id): "`\(id)` needs proof: add an https link, e.g. `proof:https://…/signed-order.pdf`."
        case .noteMissing(let id): "`\(id)` needs a note: add `note:\"what happened\"`."
        case .noMDFBudget(let tier): "The \(tier) tier has no market-development budget. Ask your partner manager."
        case .mdfCurrency(let budget): "Your MDF budget is in \(budget): ask in that currency."
        case .overBudget(let quarter, let budget, let left): "That is over your MDF budget for \(quarter): \(left) left of \(budget)."
        case .activityTooEarly(let date, let start): "\(date) is before this quarter (from \(start)): MDF is requested for this quarter or later."
        case .activityTooLate(let date): "\(date) is more than a year ahead: request MDF closer to the activity."
        case .activityNotDone(let mdf, let date): "\(mdf)'s activity is on \(date): claim it after the activity."
        case .mdfAmountAboveApproved(let approved): "The claim cannot be more than the approved \(approved)."
        case .mdfCurrencyChanged(let currency): "Claim in the request's currency, \(currency)."
        case .mdfNotApproved(let mdf, let state): "\(mdf) is \(state): only an approved request can be claimed."
        case .reasonMissing(let reference): "Give the partner a reason: `/claims reject \(reference) <reason>`."
        case .notApprovedYet(let reference): "\(reference) is not approved yet: `/claims approve \(reference)` first."
        case .reversed(let reference): "\(reference)'s commission was reversed: there is nothing to pay."
        case .noCommission(let reference): "\(reference) has no commission in the ledger (it is not won, or no commission rule applies)."
        }
    }
}
