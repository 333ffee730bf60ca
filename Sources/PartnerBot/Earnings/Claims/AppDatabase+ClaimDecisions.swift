import Foundation
import GRDB

extension AppDatabase {
    /// A manager approves or rejects a SPIFF claim, an MDF request or claim, or a won deal's
    /// commission. A second click or a repeated command changes nothing and says so.
    public func decideClaim(_ reference: ClaimReference, _ decision: PayoutDecision, by caller: Caller, settings: DealSettings, now: Date) async throws -> ClaimOutcome {
        try await store.groupWrite { db in
            switch reference {
            case .commission:
                return try self.decideCommission(reference, decision, by: caller, now: now, db: db)
            case .spiff(let id), .mdf(let id):
                guard let claim = try Claim.fetchOne(db, sql: "SELECT * FROM claim WHERE id = ?", arguments: [id]),
                    ClaimReference(kind: claim.kind, id: id) == reference
                else { return .notFound(reference.text) }
                switch claim.decide(decision, by: caller, now: now) {
                case .failure(let outcome): return outcome
                case .success(let decided):
                    return try self.persistDecision(decided, from: claim.state, by: caller, settings: settings, now: now, db: db)
                }
            }
        }
    }

    private func persistDecision(_ claim: Claim, from: Claim.State, by caller: Caller, settings: DealSettings, now: Date, db: any SQLDatabase) throws -> ClaimOutcome {
        let earning = try Earning.fetchOne(
            db, sql: "SELECT * FROM earning WHERE source = ? AND reference = ?", arguments: [claim.kind.rawValue, claim.reference])
        if claim.state == .rejected, let earning {
            // Taking back an approved claim reverses its earning, unless it is paid.
            guard earning.state != "paid" else { return .unchanged("\(claim.reference) is already paid: it cannot be rejected now.") }
            try db.execute(sql: "UPDATE earning SET state = 'reversed', updated_at = ? WHERE id = ?", arguments: [now.storedValue, earning.id])
            try earningChanged(earning.id, from: earning.state, to: "reversed", actor: caller.userID, detail: claim.reason, now: now, db: db)
        }
        try update(claim, db: db)
        try claimChanged(claim, from: from, actor: caller.userID, detail: claim.reason, settings: settings, now: now, db: db)
        if claim.earnsOnChange { try recordClaimEarning(claim, actor: caller.userID, now: now, db: db) }
        switch (claim.state, from) {
        case (.approved, .claimed): return .changed("↩️ \(claim.reference): the claim was sent back to the partner with your reason.")
        case (.approved, _) where claim.kind == .mdf: return .changed("✅ \(claim.reference) approved: \(claim.amount) reserved; the partner claims it after the activity.")
        case (.approved, _), (.completed, _): return .changed("✅ \(claim.reference) approved: \(claim.amount) is payable.")
        default: return .changed("❌ \(claim.reference) rejected; the partner is told why.")
        }
    }

    /// Approving a commission makes it payable; rejecting it reverses it (unless paid).
    private func decideCommission(_ reference: ClaimReference, _ decision: PayoutDecision, by caller: Caller, now: Date, db: any SQLDatabase) throws -> ClaimOutcome {
        guard let earning = try commissionEarning(reference, db: db), caller.canManage(org: earning.org) else { return .notFound(reference.text) }
        let target: String
        switch (decision, earning.state) {
        case (.approve, "earned"): target = "approved"
        case (.approve, _): return .unchanged("\(reference.text)'s commission is already \(earning.state).")
        case (.reject(let reason), _) where reason.isEmpty: return .refused(.reasonMissing(reference.text))
        case (.reject, "earned"), (.reject, "approved"): target = "reversed"
        case (.reject, _): return .unchanged("\(reference.text)'s commission is already \(earning.state).")
        }
        try db.execute(sql: "UPDATE earning SET state = ?, updated_at = ? WHERE id = ?", arguments: [target, now.storedValue, earning.id])
        var detail: String?
        if case .reject(let reason) = decision { detail = reason }
        try earningChanged(earning.id, from: earning.state, to: target, actor: caller.userID, detail: detail, now: now, db: db)
        return .changed(target == "approved" ? "✅ \(reference.text)'s commission approved: \(earning.amount) is payable." : "↩️ \(reference.text)'s commission reversed.")
    }

    /// Why there is no earning to pay: no such claim (or deal) for this manager, or not approved yet.
    private func missingEarning(_ reference: ClaimReference, caller: Caller, db: any SQLDatabase) throws -> ClaimOutcome {
        let org: String? =
            switch reference {
            case .commission(let id): try String.fetchOne(db, sql: "SELECT org FROM deal WHERE id = ?", arguments: [id])
            case .spiff(let id), .mdf(let id):
                try String.fetchOne(db, sql: "SELECT org FROM claim WHERE id = ? AND kind = ?", arguments: [id, reference.earningKey.source])
            }
        guard let org, caller.canManage(org: org) else { return .notFound(reference.text) }
        if case .commission = reference { return .refused(.noCommission(reference.text)) }
        return .refused(.notApprovedYet(reference.text))
    }

    private func commissionEarning(_ reference: ClaimReference, db: any SQLDatabase) throws -> Earning? {
        try Earning.fetchOne(db, sql: "SELECT * FROM earning WHERE source = 'commission' AND reference = ?", arguments: [reference.text])
    }

    /// Finance paid an approved earning: it is marked paid with the payment's reference.
    public func markPaid(_ reference: ClaimReference, paymentReference: String?, by caller: Caller, now: Date) async throws -> ClaimOutcome {
        try await store.groupWrite { db in
            try self.markPaid(reference, paymentReference: paymentReference, by: caller, now: now, db: db)
        }
    }

    func markPaid(_ reference: ClaimReference, paymentReference: String?, by caller: Caller, now: Date, db: any SQLDatabase) throws -> ClaimOutcome {
        let (source, key) = reference.earningKey
        guard let earning = try Earning.fetchOne(db, sql: "SELECT * FROM earning WHERE source = ? AND reference = ?", arguments: [source, key]),
            caller.canManage(org: earning.org)
        else { return try missingEarning(reference, caller: caller, db: db) }
        switch earning.state {
        case "paid": return .unchanged("\(reference.text) is already paid" + (earning.paymentReference.map { " (payment \($0))." } ?? "."))
        case "reversed": return .refused(.reversed(reference.text))
        case "earned": return .refused(.notApprovedYet(reference.text))
        default: break
        }
        try db.execute(
            sql: "UPDATE earning SET state = 'paid', payment_reference = ?, updated_at = ? WHERE id = ?",
            arguments: [paymentReference, now.storedValue, earning.id])
        try earningChanged(earning.id, from: earning.state, to: "paid", actor: caller.userID, detail: paymentReference, now: now, db: db)
        return .changed("🏦 \(reference.text) marked paid: \(earning.amount)" + (paymentReference.map { " (payment \($0))." } ?? "."))
    }
}
