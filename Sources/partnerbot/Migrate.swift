import ArgumentParser
import PartnerBot

/// `partnerbot migrate`: applies the database migrations and lists them.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema (named, append-only migrations).")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        let database = try await openDatabase(configuration)
        let applied = try await database.appliedMigrations()
        print("database \(configuration.database.location): \(applied.count) migration(s) applied")
        for name in applied { print("  ✓ \(name)") }
    }
}
