#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Raw loopback sockets for connection failures Hummingbird cannot produce.
enum LoopbackSockets {
    /// Opens a TCP socket bound to `127.0.0.1` on an ephemeral port; returns the descriptor and port.
    static func boundSocket() throws -> (descriptor: Int32, port: Int) {
        #if os(Linux)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw LoopbackSocketError.failed("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw LoopbackSocketError.failed("bind")
        }
        var actual = sockaddr_in()
        var actualLength = length
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &actualLength) }
        }
        guard named == 0 else {
            close(descriptor)
            throw LoopbackSocketError.failed("getsockname")
        }
        return (descriptor, Int(UInt16(bigEndian: actual.sin_port)))
    }

    /// Runs `body` with a port that is bound but not listening, so connecting is refused.
    static func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let (descriptor, port) = try boundSocket()
        defer { close(descriptor) }
        return try await body(port)
    }

    /// Runs `body` with a port that accepts connections and closes them at once, unanswered.
    static func withDroppingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let (descriptor, port) = try boundSocket()
        guard listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw LoopbackSocketError.failed("listen")
        }
        let dropper = ConnectionDropper(descriptor: descriptor)
        let finished = dropper.start()
        let result: Result<T, any Error>
        do {
            result = .success(try await body(port))
        } catch {
            result = .failure(error)
        }
        dropper.stop()
        await finished.wait()
        close(descriptor)
        return try result.get()
    }
}

/// Why a raw socket could not be set up.
enum LoopbackSocketError: Error {
    case failed(String)
}

/// Accepts connections on a listening socket and closes each immediately, on its own thread.
private final class ConnectionDropper: Sendable {
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Starts the accept loop; the returned gate opens when the loop has ended.
    func start() -> Gate {
        let finished = Gate()
        let thread = Thread { [self] in
            acceptLoop()
            finished.open()
        }
        thread.start()
        return finished
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            var descriptors = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptors, 1, 20) > 0 else { continue }
            let connection = accept(descriptor, nil, nil)
            if connection >= 0 {
                close(connection)
            }
        }
    }
}
