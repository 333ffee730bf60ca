import ArgumentParser
import Foundation
import PartnerBot
import SlackPlatform

/// `partnerbot outbox`: inspect and re-drive outbound messages.
struct Outbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect and retry outbound messages (the durable outbox).",
        subcommands: [Status.self, Retry.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts by state, oldest pending age and recent errors.")

        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let database = try await openDatabase(try options.load())
            let status = try await database.outboxStatus(now: SystemWallClock().now())
            print(OutboxReport.text(status))
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a dead message again (by id), or every dead message with --dead.")

        @Argument(help: "The outbox row id (see `partnerbot outbox status`).")
        var id: Int64?

        @Flag(name: .long, help: "Retry every dead message.")
        var dead = false

        @OptionGroup var options: ConfigOptions

        func validate() throws {
            guard (id != nil) != dead else {
                throw ValidationError("give either an id or --dead")
            }
        }

        func run() async throws {
            let database = try await openDatabase(try options.load())
            let now = SystemWallClock().now()
            if dead {
                let count = try await database.retryDeadOutbox(now: now)
                print("\(count) dead message(s) queued again; a running server sends them within its poll interval")
            } else if let id {
                guard try await database.retryOutbox(id: id, now: now) else {
                    throw CLIError("no dead or pending outbox message with id \(id)")
                }
                print("message \(id) queued again")
            }
        }
    }
}
