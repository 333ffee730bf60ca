import Testing

@testable import SlackPlatform

/// The dedicated-thread pool that runs curl transfers.
@Suite("CurlTransferPool")
struct WebAPITransferPoolTests {
    @Test("never starts more threads than allowed, however many transfers wait")
    func threadCap() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let pool = CurlTransferPool(maxThreads: 3)
            defer { pool.shutDown() }
            let transfer = HTTPTransfer(
                url: server.baseURL + "api.test",
                headerLines: ["Content-Type: application/json; charset=utf-8"],
                body: Array("{}".utf8),
                connectTimeoutMilliseconds: 5000,
                totalTimeoutMilliseconds: 10000
            )
            let statuses = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let result = await pool.perform(transfer)
                        return (try? result.get().status) ?? -1
                    }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 40))
            #expect(pool.startedThreadCount <= 3)
            #expect(pool.startedThreadCount >= 1)
            #expect(server.calls.count == 40)
        }
    }

    @Test("after shut down, transfers fail at once without a request")
    func shutDown() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let pool = CurlTransferPool(maxThreads: 2)
            pool.shutDown()
            let result = await pool.perform(HTTPTransfer(
                url: server.baseURL + "api.test", headerLines: [], body: [],
                connectTimeoutMilliseconds: 1000, totalTimeoutMilliseconds: 1000
            ))
            #expect(result == .failure(.connection("client shut down")))
            #expect(server.calls.isEmpty)
        }
    }

    @Test("a transfer whose task is already cancelled never runs")
    func cancelledBeforeStart() async throws {
        try await FakeWebAPIServer.withRunning { server in
            let pool = CurlTransferPool(maxThreads: 1)
            defer { pool.shutDown() }
            let transfer = HTTPTransfer(
                url: server.baseURL + "api.test", headerLines: [], body: [],
                connectTimeoutMilliseconds: 1000, totalTimeoutMilliseconds: 1000
            )
            let gate = Gate()
            let task = Task {
                await gate.wait()
                return await pool.perform(transfer)
            }
            task.cancel()
            gate.open()
            #expect(await task.value == .failure(.cancelled))
            #expect(server.calls.isEmpty)
        }
    }
}
