import Testing

@testable import SlackPlatform

/// Defaults and normalisation of the client configuration (pure).
@Suite("WebAPIClientConfiguration")
struct WebAPIClientConfigurationTests {
    @Test("defaults follow Slack's Web API")
    func defaults() {
        let configuration = WebAPIClientConfiguration(token: "xoxb-1")
        #expect(configuration.baseURL == "https://slack.com/api/")
        #expect(configuration.connectTimeout == .seconds(5))
        #expect(configuration.totalTimeout == .seconds(15))
        #expect(configuration.maxConcurrentTransfers == 8)
        #expect(configuration.allowedResponseURLHosts == ["hooks.slack.com"])
        #expect(!configuration.userAgent.isEmpty)
    }

    @Test("the base URL always ends with a slash, also after assignment")
    func normalisation() {
        var configuration = WebAPIClientConfiguration(baseURL: " http://127.0.0.1:9/api ", token: "t")
        #expect(configuration.baseURL == "http://127.0.0.1:9/api/")
        configuration.baseURL = "https://example.test/api"
        #expect(configuration.baseURL == "https://example.test/api/")
        configuration.baseURL = "https://example.test/api/"
        #expect(configuration.baseURL == "https://example.test/api/")
    }

    @Test("descriptions and dumps never show the token")
    func tokenIsRedacted() {
        let configuration = WebAPIClientConfiguration(token: WebAPITestSupport.token)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [configuration.description, String(describing: configuration), String(reflecting: configuration), dumped] {
            #expect(!text.contains(WebAPITestSupport.token))
        }
    }

    @Test("durations become whole milliseconds for curl", arguments: [
        (Duration.seconds(5), 5000), (.milliseconds(300), 300), (.microseconds(1500), 1), (.zero, 1),
        (.seconds(1_000_000), 86_400_000),
    ])
    func milliseconds(duration: Duration, expected: Int) {
        #expect(HTTPTransfer.milliseconds(duration) == expected)
    }
}
