import SlackPlatform
import Testing

@testable import SlackSocketMode

@Suite("Socket Mode configuration and backoff")
struct SocketModeConfigurationTests {
    @Test func defaults() {
        let configuration = SocketModeConfiguration(appToken: "xapp-1")
        #expect(configuration.apiBaseURL == "https://slack.com/api/")
        #expect(configuration.connections == 2)
        #expect(configuration.reconnectBackoff == ReconnectBackoff(base: .seconds(1), max: .seconds(30)))
    }

    @Test func normalisesAndClamps() {
        var configuration = SocketModeConfiguration(appToken: "xapp-1", apiBaseURL: " http://127.0.0.1:9/api ", connections: 0)
        #expect(configuration.apiBaseURL == "http://127.0.0.1:9/api/")
        #expect(configuration.connections == 1)
        configuration.connections = 50
        #expect(configuration.connections == 10)
    }

    @Test func descriptionsNeverShowTheToken() {
        let configuration = SocketModeConfiguration(appToken: SocketModeTestSupport.appToken)
        for text in [configuration.description, String(describing: configuration), String(reflecting: configuration), "\(configuration)"] {
            #expect(!text.contains("SECRET"))
        }
    }

    @Test func nominalDelaysDoubleUpToTheCap() {
        let backoff = ReconnectBackoff(base: .milliseconds(100), max: .seconds(1))
        #expect(backoff.nominalDelay(afterFailures: 0) == .zero)
        #expect(backoff.nominalDelay(afterFailures: 1) == .milliseconds(100))
        #expect(backoff.nominalDelay(afterFailures: 2) == .milliseconds(200))
        #expect(backoff.nominalDelay(afterFailures: 4) == .milliseconds(800))
        #expect(backoff.nominalDelay(afterFailures: 5) == .seconds(1))
        #expect(backoff.nominalDelay(afterFailures: 1_000) == .seconds(1))
    }

    @Test func jitterStaysInTheUpperHalf() {
        let backoff = ReconnectBackoff(base: .milliseconds(100), max: .seconds(1))
        var random = SystemRandomNumberGenerator()
        var seen = Set<Duration>()
        for failures in 1...8 {
            for _ in 0..<50 {
                let nominal = backoff.nominalDelay(afterFailures: failures)
                let delay = backoff.delay(afterFailures: failures, using: &random)
                #expect(delay >= nominal / 2 && delay <= nominal)
                seen.insert(delay)
            }
        }
        #expect(seen.count > 10)
    }

    @Test func retryAfterIsAFloor() {
        let backoff = ReconnectBackoff(base: .milliseconds(10), max: .milliseconds(50))
        var random = SystemRandomNumberGenerator()
        #expect(backoff.delay(afterFailures: 1, atLeast: .seconds(2), using: &random) == .seconds(2))
        #expect(backoff.delay(afterFailures: 0, using: &random) == .zero)
    }

    @Test(arguments: ["invalid_auth", "not_authed", "token_revoked"])
    func refusedTokensStop(code: String) {
        #expect(ConnectionOpener.classify(.apiError(code: code)) == .refused(.appTokenRefused(code: code)))
    }

    @Test func transientFailuresRetry() {
        #expect(ConnectionOpener.classify(.rateLimited(retryAfterSeconds: 7)) == .transient("rate limited, retry after 7 s", retryAfter: .seconds(7)))
        for failure in [WebAPIFailure.httpStatus(503), .timeout, .connection("refused"), .invalidResponse("x"), .apiError(code: "internal_error")] {
            guard case .transient(_, nil) = ConnectionOpener.classify(failure) else {
                Issue.record("\(failure) should be retried")
                continue
            }
        }
        guard case .refused(.openRefused) = ConnectionOpener.classify(.httpStatus(404)) else {
            Issue.record("404 should stop")
            return
        }
    }

    @Test func urlMustBeAWebSocketURL() {
        #expect(ConnectionOpener.url(in: Array(#"{"ok":true,"url":"wss://wss-primary.slack.com/link/?ticket=1"}"#.utf8)) != nil)
        #expect(ConnectionOpener.url(in: Array(#"{"ok":true,"url":"ws://127.0.0.1:1/link"}"#.utf8)) != nil)
        #expect(ConnectionOpener.url(in: Array(#"{"ok":true,"url":"https://slack.com"}"#.utf8)) == nil)
        #expect(ConnectionOpener.url(in: Array(#"{"ok":true}"#.utf8)) == nil)
    }

    @Test func errorTextsNameTheTokenNotItsValue() {
        let error = SocketModeError.appTokenRefused(code: "invalid_auth")
        #expect(error.description.contains("app token"))
        #expect(error.userMessage.contains("token"))
        #expect(SocketModeError.linkDisabled.description.contains("link_disabled"))
    }
}
