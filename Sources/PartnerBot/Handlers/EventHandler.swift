import SlackPlatform

/// Handles Events API deliveries, each at most once (deduplicated by `event_id`).
public struct EventHandler: Sendable {
    /// Creates a handler.
    public init() {}

    /// Processes an event unless it was seen before.
    /// - Returns: `true` when processed now, `false` for a duplicate delivery.
    public func handle(_ event: EventCallback, retryNumber: Int?, context: BotContext) async throws -> Bool {
        let isNew = try await context.database.recordEventIfNew(event, receivedAt: context.clock.now())
        guard isNew else {
            context.logger.info("duplicate event acknowledged", metadata: ["event_id": "\(event.eventID)", "retry": "\(retryNumber ?? 0)"])
            return false
        }
        context.logger.info("event received", metadata: ["event_id": "\(event.eventID)", "type": "\(event.type)"])
        return true
    }
}
