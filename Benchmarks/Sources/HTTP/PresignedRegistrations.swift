import Foundation
import PartnerBot
import SlackPlatform

/// Writes the request files `register.lua` replays: complete, signed `POST /slack/commands`
/// requests for `/register`, every one registering a different customer.
///
/// Each request is a slash command exactly as Slack sends it (form body from `SlashCommand`,
/// signed by `SignedRequestBuilder` with the current time), for a member of one of the benchmark
/// organisations (team ids cycle through them). File `n` (1-based) feeds wrk thread `n`; each
/// request is preceded by its length as 6 ASCII digits.
struct PresignedRegistrations: Sendable {
    /// The signing secret the server was started with.
    var secret: SigningSecret
    /// The team ids of the benchmark organisations.
    var teams: [String]
    /// The server's port (for the `Host` header).
    var port: Int
    /// What request `index` registers and which team sends it, given the first index of its file
    /// (requests of one file are sent in order by one wrk thread); `nil`, as for `http-register`:
    /// ``customer(run:index:)`` from team `index % teams.count`. The `peers` benchmark re-spells
    /// earlier customers of the same file with it.
    var choose: (@Sendable (_ run: Int, _ index: Int, _ fileStart: Int) -> (customer: String, team: Int))?

    init(
        secret: SigningSecret, teams: [String], port: Int,
        choose: (@Sendable (_ run: Int, _ index: Int, _ fileStart: Int) -> (customer: String, team: Int))? = nil
    ) {
        self.secret = secret
        self.teams = teams
        self.port = port
        self.choose = choose
    }

    /// The user sending request `index` (teams cycle, so `index / teams` counts a team's turns):
    /// a Slack user id belongs to one workspace, so each organisation has its own 16 people, each
    /// first seen once, as in a real program (the same id in every workspace made nearly every
    /// request record a new member).
    static func user(team: String, index: Int, teams: Int) -> String {
        "U\(team.dropFirst())X\(index / teams % 16)"
    }

    /// The customer of request `index` in run `run`: `Customer 3000123`, distinct across runs.
    static func customer(run: Int, index: Int) -> String { "Customer \(run * 10_000_000 + index)" }

    /// Writes `count` requests for run `run` into `files` files named `<prefix>-<n>.bin`.
    /// - Parameter timestamp: The signing time (Unix seconds): sign right before the run.
    /// - Returns: The bytes written.
    /// - Throws: When a file cannot be written, or `count` exceeds the run's customer range.
    func write(count: Int, run: Int, files: Int, timestamp: Int64, prefix: URL) async throws -> Int {
        guard count < 10_000_000 else { throw BenchmarkError("at most 9,999,999 requests per run") }
        let perFile = (count + files - 1) / files
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for file in 0..<files {
                let range = (file * perFile)..<min(count, (file + 1) * perFile)
                let url = URL(fileURLWithPath: prefix.path + "-\(file + 1).bin")
                group.addTask { try writeFile(url, indices: range, run: run, timestamp: timestamp) }
            }
            return try await group.reduce(0, +)
        }
    }

    private func writeFile(_ url: URL, indices: Range<Int>, run: Int, timestamp: Int64) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let builder = SignedRequestBuilder(secret: secret)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var written = 0
        for index in indices {
            let (customer, teamIndex) = choose?(run, index, indices.lowerBound) ?? (Self.customer(run: run, index: index), index)
            let team = teams[teamIndex % teams.count]
            let command = SlashCommand(
                command: "/register", text: "\(customer) amount:50k",
                teamID: team, channelID: "C" + team.dropFirst(), userID: Self.user(team: team, index: index, teams: teams.count),
                responseURL: "https://hooks.slack.com/commands/\(team)/\(run)\(index)/bX3kQ9vR2mZ7tL4wN8pY",
                triggerID: "\(run)\(index).4242424242.5f0e1d2c3b4a59687f6e5d4c3b2a1908", apiAppID: "A0BENCH01")
            let signed = builder.slashCommand(command, timestamp: timestamp)
            var head = "POST \(signed.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            for header in signed.headers { head += "\(header.name): \(header.value)\r\n" }
            head += "Content-Length: \(signed.body.count)\r\n\r\n"
            let request = Array(head.utf8) + signed.body
            let length = String(request.count)
            buffer.append(contentsOf: Array((String(repeating: "0", count: 6 - length.count) + length).utf8))
            buffer.append(contentsOf: request)
            if buffer.count > (1 << 20) - 2048 {
                try handle.write(contentsOf: buffer)
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        return written + buffer.count
    }
}
