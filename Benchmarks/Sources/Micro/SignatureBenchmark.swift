import Foundation
import SlackPlatform

/// `signature`: `RequestVerifier.verify` (HMAC-SHA256 over `v0:{ts}:{body}`, constant-time
/// compare) on a typical slash command body, in a single-threaded loop.
///
/// Target: at the 15,000 registrations/s goal, verification should cost at most a tenth of one
/// core, so at least 150,000 verifications/s.
struct SignatureBenchmark: Benchmark {
    let name = "signature"
    let summary = "RequestVerifier.verify on a ~450-byte slash command body, one core."

    func run(in context: BenchmarkContext) async throws -> [ResultRow] {
        guard let secret = SigningSecret("bench-secret-0123456789abcdef") else { throw BenchmarkError("invalid signing secret") }
        let timestamp: Int64 = 1_795_000_000
        let body = Array(Self.typicalBody.utf8)
        let signature = RequestSigner(secret: secret).signature(timestamp: timestamp, body: body)
        let verifier = RequestVerifier(secret: secret)
        let timestampText = String(timestamp)
        let duration: Duration = context.quick ? .milliseconds(300) : .seconds(1)

        let measurement = Throughput.measure(for: duration) { iteration in
            do throws(SignatureFailure) {
                try verifier.verify(timestamp: timestampText, signature: signature, body: body, now: timestamp + Int64(iteration & 63))
                return 1
            } catch {
                return 1 << 32
            }
        }
        // Correctness: every verification above must have succeeded, and a forged body must fail.
        var forged = body
        forged[forged.count - 1] ^= 0x01
        let rejectsForgery = (try? verifier.verify(timestamp: timestampText, signature: signature, body: forged, now: timestamp)) == nil
        let accepts = (try? verifier.verify(timestamp: timestampText, signature: signature, body: body, now: timestamp)) != nil

        return [
            .target("verifications/s", measurement.perSecond, "ops/s", .atLeast(150_000)),
            .info("time per verification", measurement.nanosecondsPerOperation / 1000, "µs", decimals: 2),
            .info("body size", Double(body.count), "bytes"),
            .check("valid accepted, forged rejected", accepts && rejectsForgery),
        ]
    }

    /// A slash command body as Slack sends it (field order and escaping included), about 400 bytes.
    static let typicalBody = FormBody(fields: [
        ("token", "gIkuvaNzQIHg97ATvDxqgjtO"),
        ("team_id", "T0BENCH42"),
        ("team_domain", "acme-resell"),
        ("channel_id", "C0BENCH4242"),
        ("channel_name", "deals"),
        ("user_id", "U0BENCH4242"),
        ("user_name", "ann.partner"),
        ("command", "/register"),
        ("text", "Acme Corp domain:acme.com amount:50k close:2027-06-30"),
        ("api_app_id", "A0BENCH42"),
        ("is_enterprise_install", "false"),
        ("response_url", "https://hooks.slack.com/commands/T0BENCH42/8137424242/QpVx2bQ4dGz7sW1y"),
        ("trigger_id", "8137424242.4242424242.6f1d0e3c9b8a7f6e5d4c"),
    ]).encoded
}
