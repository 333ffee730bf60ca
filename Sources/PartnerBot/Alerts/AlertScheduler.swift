import Logging
import ServiceLifecycle
import SlackPlatform

/// Runs an alert pass every `alerts.interval` inside the server's `ServiceGroup`.
public struct AlertScheduler: Service {
    private let database: AppDatabase
    private let settings: ProgramSettings
    private let clock: any WallClock
    private let logger: Logger

    /// Creates a scheduler.
    public init(database: AppDatabase, settings: ProgramSettings, clock: any WallClock, logger: Logger) {
        self.database = database
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    /// Runs passes until graceful shutdown; with several instances on one PostgreSQL database,
    /// only the one holding the alert-pass lock runs them (see ``SingletonLock``).
    public func run() async throws {
        let lock = database.singletonLock(.alertPass, logger: logger)
        await Periodically.run(every: settings.alerts.interval, immediately: true) {
            guard await lock.holds() else { return }
            do {
                let report = try await database.runAlertPass(settings: settings, now: clock.now())
                if !report.fired.isEmpty || !report.expiredDeals.isEmpty {
                    logger.info("alert pass", metadata: ["fired": "\(report.fired.count)", "expired": "\(report.expiredDeals.count)"])
                }
            } catch {
                logger.error("alert pass failed; retrying next interval", metadata: ["error": "\(error)"])
            }
            // New registrations reach the report rollup here, off the registration path.
            do {
                try await database.foldReportRollup()
            } catch {
                logger.error("report rollup fold failed; retrying next interval", metadata: ["error": "\(error)"])
            }
        }
        await lock.release()
    }
}
