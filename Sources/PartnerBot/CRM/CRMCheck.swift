import CRM
import Foundation
import Synchronization

/// "Is this customer already an open opportunity?", asked of the CRM while a registration is
/// being made, bounded so the partner still gets an answer within Slack's three seconds. When
/// the CRM is slower (or fails) the registration goes ahead and the sync worker checks later;
/// the slow call finishes in the background and its answer is dropped.
public struct CRMCheck: Sendable {
    let connector: any CRMConnector
    let timeout: Duration

    public init(connector: any CRMConnector, timeout: Duration) {
        self.connector = connector
        self.timeout = timeout
    }

    /// The CRM's open opportunities for `customer`, or `nil` when it did not answer in time.
    public func openOpportunities(for customer: CRMCompany) async -> [CRMOpportunity]? {
        let (connector, timeout) = (self.connector, self.timeout)
        return await withCheckedContinuation { continuation in
            let pending = Mutex<CheckedContinuation<[CRMOpportunity]?, Never>?>(continuation)
            let finish: @Sendable ([CRMOpportunity]?) -> Void = { answer in
                pending.withLock { waiting in
                    let first = waiting
                    waiting = nil
                    return first
                }?.resume(returning: answer)
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                finish(nil)
            }
            Task {
                let answer = try? await connector.openOpportunities(for: customer)
                timer.cancel()
                finish(answer)
            }
        }
    }
}
