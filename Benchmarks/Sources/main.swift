// partnerbot-benchmarks: measures the bot and prints one table.
// Usage: swift run -c release partnerbot-benchmarks [--only NAME] [--quick] (see --help)
//
// `main.swift` cannot hold `@main`: parse the options, then await the benchmarks.
let command: BenchmarkCommand
do {
    command = try BenchmarkCommand.parse()
} catch {
    BenchmarkCommand.exit(withError: error)
}
do {
    try await command.execute()
} catch {
    BenchmarkCommand.exit(withError: error)
}
