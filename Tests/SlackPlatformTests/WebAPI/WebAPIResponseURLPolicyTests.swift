import Testing

@testable import SlackPlatform

/// Which `response_url`s may be contacted (pure, no network).
@Suite("ResponseURLPolicy")
struct WebAPIResponseURLPolicyTests {
    let policy = ResponseURLPolicy(allowedHosts: ["hooks.slack.com"], baseURL: "http://127.0.0.1:8080/api/")

    @Test(
        "accepts Slack hooks and the base origin, rebuilt from checked parts",
        arguments: [
            ("https://hooks.slack.com/commands/T1/397/abc", "https://hooks.slack.com/commands/T1/397/abc"),
            ("HTTPS://HOOKS.Slack.com/actions/T1/2/x", "https://hooks.slack.com/actions/T1/2/x"),
            ("https://hooks.slack.com:443/commands/T1/2/x?a=b", "https://hooks.slack.com:443/commands/T1/2/x?a=b"),
            ("https://hooks.slack.com", "https://hooks.slack.com/"),
            ("http://127.0.0.1:8080/hooks/T1/2/x", "http://127.0.0.1:8080/hooks/T1/2/x"),
            ("https://hooks.slack.com/x#frag", "https://hooks.slack.com/x"),
        ]
    )
    func accepted(url: String, expected: String) throws {
        #expect(try policy.validatedURL(url) == expected)
    }

    @Test(
        "refuses everything else",
        arguments: [
            "https://hooks.slack.com@evil.com/",
            "https://hooks.slack.com:@evil.com/",
            "https://hooks.slack.com.evil.com/",
            "https://evil.com/?u=https://hooks.slack.com/",
            "https://evilhooks.slack.com/",
            "http://hooks.slack.com/commands/1",
            "https://hooks.slack.com:8443/x",
            "https://hooks.slack.com./x",
            "https://127.0.0.1/x",
            "https://2130706433/x",
            "https://[::1]/x",
            "https://hooks%2Eslack.com/x",
            "https://hooks.slack.com\\@evil.com/",
            "https://hooks.slack.com /x",
            "https://hooks.slack.com/\nx",
            "https://hooks.slack.com/é",
            "http://127.0.0.1:8081/x",
            "http://127.0.0.1/x",
            "https://127.0.0.1:8080/x",
            "http://localhost:8080/x",
            "http://a@127.0.0.1:8080/x",
            "",
            "garbage",
            "mailto:a@hooks.slack.com",
            "data:text/plain,hi",
        ]
    )
    func refused(url: String) {
        #expect(throws: WebAPIFailure.self) { try policy.validatedURL(url) }
    }

    @Test("the refusal reason never echoes the URL")
    func reasonHasNoURL() {
        let secretPath = "https://evil.com/commands/T1/2/SECRETpath"
        do {
            _ = try policy.validatedURL(secretPath)
            Issue.record("expected a refusal")
        } catch {
            #expect(!error.logDescription.contains("SECRETpath"))
            #expect(!error.logDescription.contains("evil.com"))
        }
    }

    @Test("without a base URL only allowed hosts pass")
    func withoutBase() throws {
        let policy = ResponseURLPolicy(allowedHosts: ["HOOKS.slack.com"], baseURL: nil)
        #expect(try policy.validatedURL("https://hooks.slack.com/x") == "https://hooks.slack.com/x")
        #expect(throws: WebAPIFailure.self) { try policy.validatedURL("http://127.0.0.1:8080/x") }
    }
}
