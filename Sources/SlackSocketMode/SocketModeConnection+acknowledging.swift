import Logging
import WSClient

extension SocketModeConnection {
    /// Slack's acknowledgement deadline; handlers slower than this are logged.
    static let acknowledgementDeadline: Duration = .seconds(3)

    /// Handles jobs concurrently (one slow handler delays no other acknowledgement) until the job
    /// stream ends; when it ended because the connection is draining, closes the socket after
    /// the last acknowledgement.
    func acknowledge(_ jobs: AsyncStream<Job>, outbound: WebSocketOutboundWriter) async {
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                group.addTask { await self.perform(job, outbound: outbound) }
            }
        }
        guard isDraining else { return }
        logger.debug("Everything in flight is acknowledged; closing the connection")
        startCloseTimer()
        do {
            try await outbound.close(.normalClosure, reason: nil)
        } catch {
            logger.debug("Could not send the close frame", metadata: ["error": "\(error)"])
        }
    }

    private func perform(_ job: Job, outbound: WebSocketOutboundWriter) async {
        switch job {
        case .acknowledge(let envelopeID):
            await send(Acknowledgement.text(envelopeID: envelopeID, payload: nil), envelopeID: envelopeID, outbound: outbound)
        case .handle(let envelope):
            let started = ContinuousClock.now
            let response = await handler(envelope)
            let elapsed = ContinuousClock.now - started
            if elapsed > Self.acknowledgementDeadline {
                logger.warning(
                    "The handler took longer than Slack's acknowledgement deadline",
                    metadata: ["envelope_id": "\(envelope.envelopeID)", "elapsed": "\(elapsed)"])
            }
            let text = Acknowledgement.text(envelopeID: envelope.envelopeID, payload: responsePayload(response, for: envelope))
            await send(text, envelopeID: envelope.envelopeID, outbound: outbound)
        }
    }

    /// The handler's answer when it may go in the acknowledgement.
    private func responsePayload(_ response: [UInt8]?, for envelope: SocketModeEnvelope) -> [UInt8]? {
        guard let response else { return nil }
        guard envelope.acceptsResponsePayload else {
            logger.debug("Dropped a response payload: the envelope accepts none", metadata: ["envelope_id": "\(envelope.envelopeID)"])
            return nil
        }
        guard Acknowledgement.isJSONObject(response) else {
            logger.error(
                "The handler's response is not a JSON object; acknowledging without it",
                metadata: ["envelope_id": "\(envelope.envelopeID)", "bytes": "\(response.count)"])
            return nil
        }
        return response
    }

    private func send(_ text: String, envelopeID: String, outbound: WebSocketOutboundWriter) async {
        do {
            try await outbound.writeTextMessage(text)
            logger.debug("Acknowledged an envelope", metadata: ["envelope_id": "\(envelopeID)"])
        } catch {
            logger.warning(
                "Could not acknowledge an envelope; Slack will redeliver it",
                metadata: ["envelope_id": "\(envelopeID)", "error": "\(error)"])
        }
    }
}
