// partnerbot-benchmarks: measures the bot and prints one table.
// Usage: swift run -c release partnerbot-benchmarks [--only NAME] [--quick]
await BenchmarkCommand.main()
