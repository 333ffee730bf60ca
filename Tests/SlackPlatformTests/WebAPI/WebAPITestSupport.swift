import Testing

@testable import SlackPlatform

/// Shared values and helpers of the Web API tests.
enum WebAPITestSupport {
    /// A token that must never show up in any failure text.
    static let token = "xoxb-1111-2222-SECRETtokenVALUE"

    /// A live client pointed at the fake server.
    static func client(
        for server: FakeWebAPIServer,
        totalTimeout: Duration = .seconds(10),
        maxConcurrentTransfers: Int = 8
    ) -> CurlWebAPIClient {
        client(baseURL: server.baseURL, totalTimeout: totalTimeout, maxConcurrentTransfers: maxConcurrentTransfers)
    }

    /// A live client pointed at any base URL.
    static func client(
        baseURL: String,
        totalTimeout: Duration = .seconds(10),
        maxConcurrentTransfers: Int = 8,
        allowedResponseURLHosts: [String] = ["hooks.slack.com"]
    ) -> CurlWebAPIClient {
        CurlWebAPIClient(
            configuration: WebAPIClientConfiguration(
                baseURL: baseURL,
                token: token,
                connectTimeout: .seconds(5),
                totalTimeout: totalTimeout,
                maxConcurrentTransfers: maxConcurrentTransfers,
                allowedResponseURLHosts: allowedResponseURLHosts,
                userAgent: "partnerbot-tests/1.0"
            )
        )
    }

    /// Runs an operation and returns its failure, or nil when it succeeded.
    static func failure<T>(
        sourceLocation: SourceLocation = #_sourceLocation,
        of operation: () async throws -> T
    ) async -> WebAPIFailure? {
        do {
            _ = try await operation()
            return nil
        } catch let failure as WebAPIFailure {
            return failure
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Checks that no text derived from a failure contains the token.
    static func expectTokenFree(_ failure: WebAPIFailure?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let failure else { return }
        for text in [failure.logDescription, failure.description, failure.userMessage,
                     String(describing: failure), String(reflecting: failure)] {
            #expect(!text.contains(token), sourceLocation: sourceLocation)
            #expect(!text.contains("SECRET"), sourceLocation: sourceLocation)
        }
    }
}
