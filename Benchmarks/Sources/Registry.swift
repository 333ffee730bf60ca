/// Every benchmark the program knows, in the order they run.
///
/// To add one, write a type conforming to ``Benchmark`` (one file, or a folder for a larger one)
/// and append it here; `--only NAME`, `--list` and the table pick it up. Cheap, in-process
/// benchmarks come first, the ones that start servers last.
enum BenchmarkRegistry {
    /// The benchmarks, built from the command-line options.
    static func all(_ options: BenchmarkOptions) -> [any Benchmark] {
        [
            SignatureBenchmark(),
            FormDecodeBenchmark(),
            ParserBenchmark(),
            StoreRegisterBenchmark(),
            SQLFloorBenchmark(),
            OutboxDrainBenchmark(concurrencies: options.outboxConcurrencies),
            BroadcastBenchmark(),
            AlertPassBenchmark(),
            ReportBenchmark(),
            HTTPRegisterBenchmark(),
            AckBurstBenchmark(),
            // Opt-in (`runsByDefault` is false): installs Bolt for Python from PyPI.
            PeersBenchmark(),
            // Opt-in: a broadcast paced by a workspace ceiling takes minutes.
            OutboxCeilingBenchmark(),
            // Opt-in: generating years of data takes minutes.
            YearsOfDataBenchmark(),
            // Opt-in: ten minutes (`make soak`).
            SoakBenchmark(),
        ]
    }
}
