import PartnerBot

/// `parser`: `CommandParser.parse` over a realistic mix of `/register`, `/deal` and `/certify`
/// texts (taken from the command specs' examples), in a single-threaded loop.
///
/// Target: like `signature`, at most a tenth of one core at 15,000 commands/s, so at least
/// 150,000 parses/s.
struct ParserBenchmark: Benchmark {
    let name = "parser"
    let summary = "CommandParser.parse over a mix of /register, /deal and /certify texts, one core."

    /// A command, its text, and the kind of value it must parse to.
    struct Sample: Sendable {
        var command: String
        var text: String
        var expected: Kind
    }

    enum Kind: Sendable, Equatable {
        case register, deal, certify, other
    }

    static let samples: [Sample] = [
        .init(command: "/register", text: "Acme Corp amount:50k", expected: .register),
        .init(
            command: "/register",
            text: #"Acme Corp domain:www.Acme.com amount:$50,000 close:2027-03-31 contact:ann@acme.com motion:resale source:sourced note:"met at summit""#,
            expected: .register),
        .init(command: "/register", text: "Globex GmbH amount:€40k motion:referral", expected: .register),
        .init(command: "/register", text: "Initech amount:1.2m", expected: .register),
        .init(command: "/register", text: "Umbrella Holdings Ltd domain:umbrella.example close:2027-06-30", expected: .register),
        .init(command: "/deal", text: "status DR-12", expected: .deal),
        .init(command: "/deal", text: "pending", expected: .deal),
        .init(command: "/deal", text: "Approve dr-3", expected: .deal),
        .init(command: "/deal", text: "decline DR-3 duplicate of an existing opportunity", expected: .deal),
        .init(command: "/deal", text: "needinfo DR-4 Who is the economic buyer?", expected: .deal),
        .init(command: "/deal", text: "stage DR-5 Proposal", expected: .deal),
        .init(command: "/certify", text: "tracks", expected: .certify),
        .init(command: "/certify", text: "claim sales-pro credential:ABC-123", expected: .certify),
        .init(command: "/certify", text: "verify C-12", expected: .certify),
        .init(command: "/certify", text: "grant <@U012ABCDEF|ann> sales-pro earned:2026-12-01", expected: .certify),
        .init(command: "/certify", text: "expiring 7", expected: .certify),
    ]

    static func kind(of command: BotCommand) -> Kind {
        guard case .feature(_, let value) = command else { return .other }
        if case .register? = value as? RegisterCommand { return .register }
        if value is DealCommand { return .deal }
        if value is CertifyCommand { return .certify }
        return .other
    }

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        // The specs' examples are checked against this "today" in the tests; dates above are valid for it.
        guard let today = CalendarDate(year: 2027, month: 1, day: 15) else { throw BenchmarkError("invalid date") }
        let samples = Self.samples
        let wrong = samples.filter { Self.kind(of: CommandParser.parse(command: $0.command, text: $0.text, today: today)) != $0.expected }
        for sample in wrong {
            context.progress("parser: \(sample.command) \(sample.text) did not parse as \(sample.expected)")
        }
        let duration: Duration = context.quick ? .milliseconds(300) : .seconds(1)
        let measurement = Throughput.measure(for: duration) { iteration in
            let sample = samples[iteration % samples.count]
            return switch Self.kind(of: CommandParser.parse(command: sample.command, text: sample.text, today: today)) {
            case .register: 1
            case .deal: 2
            case .certify: 3
            case .other: 4
            }
        }
        var rows: [ResultRow] = [
            .target("parses/s", measurement.perSecond, "ops/s", .atLeast(150_000)),
            .info("time per parse", measurement.nanosecondsPerOperation / 1000, "µs", decimals: 2),
        ]
        // The same, per command, to show where the time goes.
        for (command, kind) in [("/register", Kind.register), ("/deal", .deal), ("/certify", .certify)] {
            let subset = samples.filter { $0.expected == kind }
            let perCommand = Throughput.measure(for: duration / 3) { iteration in
                let sample = subset[iteration % subset.count]
                return Self.kind(of: CommandParser.parse(command: sample.command, text: sample.text, today: today)) == kind ? 1 : 2
            }
            rows.append(.info("time per \(command) parse", perCommand.nanosecondsPerOperation / 1000, "µs", decimals: 2))
        }
        return rows + [
            .info("texts in the mix", Double(samples.count), "texts"),
            .invariant("texts parsed to the wrong command", Double(wrong.count), "texts", .equals(0)),
        ]
    }
}
