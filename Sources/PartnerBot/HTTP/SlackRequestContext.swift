import Hummingbird
import NIOCore

/// The request context of the bot's routes: Hummingbird's core storage plus the verified raw body.
public struct SlackRequestContext: RequestContext {
    /// Hummingbird's core context.
    public var coreContext: CoreRequestContextStorage
    /// The raw body, set only after the signature has been verified.
    public var verifiedBody: ByteBuffer?

    /// Creates a context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.verifiedBody = nil
    }
}
