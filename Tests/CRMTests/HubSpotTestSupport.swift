import CRM
import FakeCRM
import SlackPlatform

/// A fake HubSpot on loopback and a connector talking to it through the real libcurl client.
struct HubSpotHarness {
    let server: FakeHubSpotServer
    let client: CurlRESTClient
    let connector: HubSpotConnector

    /// Starts a fake with `behaviour` and a connector using `token`.
    static func start(
        behaviour: FakeHubSpotServer.Behaviour = .init(), token: String = FakeHubSpotServer.defaultToken
    ) async throws -> HubSpotHarness {
        let server = FakeHubSpotServer(behaviour: behaviour)
        try await server.start()
        let client = CurlRESTClient(maxConcurrentRequests: 2, connectTimeout: .seconds(2), timeout: .seconds(10))
        let settings = HubSpotSettings(apiBaseURL: server.baseURL, token: HubSpotAccessToken(token))
        return HubSpotHarness(server: server, client: client, connector: HubSpotConnector(settings: settings, client: client))
    }

    /// Stops the fake and the client's threads.
    func stop() async {
        await server.stop()
        client.shutDown()
    }

    /// Runs `body` against a started harness, stopping it afterwards whatever happens.
    static func with<T>(
        behaviour: FakeHubSpotServer.Behaviour = .init(), token: String = FakeHubSpotServer.defaultToken,
        _ body: (HubSpotHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(behaviour: behaviour, token: token)
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }
}

/// The failure an operation threw, or `nil` when it succeeded.
func crmFailure<T>(_ operation: () async throws(CRMFailure) -> T) async -> CRMFailure? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}
