import Logging
import WSClient

extension SocketModeConnection {
    /// Classifies one message and acts on it.
    func receive(_ message: WebSocketMessage, jobs: AsyncStream<Job>.Continuation) {
        guard case .text(let text) = message else {
            logger.warning("Ignored a binary message")
            return
        }
        switch InboundFrame.parse(text) {
        case .hello:
            markHello()
        case .disconnect(let reason):
            logger.info("Slack announced a disconnect", metadata: ["reason": "\(reason)"])
            eventSink.yield(.disconnect(reason))
        case .envelope(let envelope):
            enqueue(.handle(envelope), envelopeID: envelope.envelopeID, jobs: jobs)
        case .unhandledEnvelope(let envelopeID, let problem):
            logger.notice("Acknowledging an envelope without handling it", metadata: ["envelope_id": "\(envelopeID)", "reason": "\(problem)"])
            enqueue(.acknowledge(envelopeID: envelopeID), envelopeID: envelopeID, jobs: jobs)
        case .ignored(let problem):
            logger.warning("Ignored a malformed message", metadata: ["reason": "\(problem)"])
        }
    }

    /// Queues a job; once the connection drains, the envelope is left for Slack to redeliver.
    private func enqueue(_ job: Job, envelopeID: String, jobs: AsyncStream<Job>.Continuation) {
        if case .terminated = jobs.yield(job) {
            logger.debug("Closing: envelope left unacknowledged for Slack to redeliver", metadata: ["envelope_id": "\(envelopeID)"])
        }
    }
}
