import ServiceLifecycle

/// Refreshes rotating installation tokens before they expire, every `interval`, so the tokens of
/// quiet workspaces never lapse and a delivery rarely waits for a refresh. Runs only when OAuth
/// installs are configured (it needs the client credentials).
struct InstallationTokenRefresher: Service {
    let tokens: InstallationTokens
    var interval: Duration = .seconds(60)

    func run() async throws {
        await Periodically.run(every: interval, immediately: true) { await tokens.refreshDue() }
    }
}
