import CRM
import Foundation

extension CRMSyncWorker {
    /// Pushes one claimed deal and records the outcome.
    func push(_ claim: CRMSyncClaim) async {
        do {
            guard let (deal, org) = try await database.dealForCRM(claim.dealID) else {
                try await database.failCRMSync(claim, error: "the deal no longer exists", retryAt: nil, countsAsAttempt: false, now: clock.now())
                return
            }
            let record = CRMRecord.deal(deal, org: org, mapping: mapping, linkCompany: !claim.companyLinked, protectionDays: protectionDays)
            let outcome: Result<CRMUpsertResult, CRMFailure>
            do {
                outcome = .success(try await connector.upsert(record))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let result):
                try await database.completeCRMSync(claim, crmID: result.crmID, companyLinked: record.company != nil, now: clock.now())
                logger.debug("crm: pushed", metadata: ["deal": "\(deal.reference)", "crm_id": "\(result.crmID)", "version": "\(claim.version)"])
            case .failure(let failure):
                try await recordFailure(failure, for: claim, reference: deal.reference)
            }
        } catch {
            logger.error("crm: cannot record a push; it is retried after a restart", metadata: ["deal": "\(claim.dealID)", "error": "\(error)"])
        }
    }

    private func recordFailure(_ failure: CRMFailure, for claim: CRMSyncClaim, reference: String) async throws {
        let now = clock.now()
        switch failure {
        case .rateLimited(let retryAfter):
            let wait = retryAfter ?? settings.defaultRateLimitWait
            pause(for: wait)
            try await database.failCRMSync(claim, error: failure.description, retryAt: now.addingTimeInterval(wait.seconds), countsAsAttempt: false, now: now)
            logger.notice("crm: rate limited, pausing pushes", metadata: ["wait_seconds": "\(wait.seconds)"])
        case .rejected(let reason):
            try await database.failCRMSync(claim, error: reason, retryAt: nil, countsAsAttempt: true, now: now)
            logger.error("crm: the CRM refused a deal; dead-lettered (see `partnerbot crm status`)", metadata: ["deal": "\(reference)", "error": "\(reason)"])
        case .unavailable, .unauthorized:
            let delay = backoff(attempt: claim.attempts + 1)
            try await database.failCRMSync(claim, error: failure.description, retryAt: now.addingTimeInterval(delay), countsAsAttempt: true, now: now)
            logger.warning("crm: push failed, will retry", metadata: ["deal": "\(reference)", "error": "\(failure)", "in_seconds": "\(Int(delay))"])
        }
    }

    /// Exponential backoff with equal jitter, capped.
    func backoff(attempt: Int) -> TimeInterval {
        let capped = min(settings.maxBackoff.seconds, settings.baseBackoff.seconds * pow(2, Double(min(max(0, attempt - 1), 30))))
        return capped / 2 + Double.random(in: 0...(capped / 2))
    }

    /// Looks a new registration's customer up in the CRM; open opportunities of direct sales
    /// are recorded for managers (never shown to the partner).
    func lookUp(_ dealID: Int64) async {
        do {
            guard let (deal, _) = try await database.dealForCRM(dealID) else { return }
            let outcome: Result<[CRMOpportunity], CRMFailure>
            do {
                outcome = .success(try await connector.openOpportunities(for: CRMCompany(name: deal.customerName, domain: deal.domain)))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let matches):
                try await database.recordCRMMatches(matches, dealID: dealID, now: clock.now())
            case .failure(let failure):
                if case .rateLimited(let retryAfter) = failure { pause(for: retryAfter ?? settings.defaultRateLimitWait) }
                let retryAt = failure.isPermanent ? nil : clock.now().addingTimeInterval(backoff(attempt: 1))
                try await database.failCRMLookup(dealID, error: failure.description, retryAt: retryAt, now: clock.now())
                logger.warning("crm: open-opportunity check failed", metadata: ["deal": "\(deal.reference)", "error": "\(failure)", "retry": "\(retryAt != nil)"])
            }
        } catch {
            logger.error("crm: cannot record an open-opportunity check", metadata: ["deal": "\(dealID)", "error": "\(error)"])
        }
    }
}
