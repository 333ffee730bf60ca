import SlackPlatform

/// `form-decode`: what the server does with a slash command body before parsing its text, on the
/// same ~450-byte body as `signature`: `FormBody` over the raw bytes (the verification
/// middleware does it once for its `ssl_check` test, the route once more) and `SlashCommand(form:)`.
///
/// Target: like `signature`, at most a tenth of one core at 15,000 requests/s, so at least
/// 150,000 decodes/s.
struct FormDecodeBenchmark: Benchmark {
    let name = "form-decode"
    let summary = "FormBody + SlashCommand(form:) on a ~450-byte slash command body, one core."

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        let body = Array(SignatureBenchmark.typicalBody.utf8)
        let duration: Duration = context.quick ? .milliseconds(300) : .seconds(1)
        // The middleware and the route see the body as raw bytes, not as an array.
        let decode = body.withUnsafeBytes { bytes in
            Throughput.measure(for: duration) { _ in
                let form = FormBody(bytes)
                guard let command = try? SlashCommand(form: form) else { return 0 }
                return command.text.utf8.count
            }
        }
        let fromArray = Throughput.measure(for: duration) { _ in FormBody(body).fields.count }
        let valid = body.withUnsafeBytes { bytes in (try? SlashCommand(form: FormBody(bytes)))?.command == "/register" }
        return [
            .target("decodes/s (FormBody + SlashCommand)", decode.perSecond, "ops/s", .atLeast(150_000)),
            .info("time per decode", decode.nanosecondsPerOperation / 1000, "µs", decimals: 2),
            .info("FormBody alone, from raw bytes (UnsafeRawBufferPointer)", 1e6 / (body.withUnsafeBytes { bytes in
                Throughput.measure(for: duration) { _ in FormBody(bytes).fields.count } }.perSecond), "µs", decimals: 2),
            .info("FormBody alone, from [UInt8]", fromArray.nanosecondsPerOperation / 1000, "µs", decimals: 2),
            .info("body size", Double(body.count), "bytes"),
            .check("decodes to /register", valid),
        ]
    }
}
