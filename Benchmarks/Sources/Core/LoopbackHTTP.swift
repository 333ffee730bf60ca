#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few socket calls the harness needs on loopback: a free port, and one small blocking
/// HTTP/1.1 exchange (readiness probes and a smoke request; load comes from `wrk`).
///
/// This is the only file of the benchmarks that touches raw sockets and pointers.
enum LoopbackHTTP {
    /// A status line and body.
    struct Response: Sendable {
        /// The HTTP status code.
        var status: Int
        /// The body (with `Connection: close`, everything after the headers).
        var body: String
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
    /// - Throws: `BenchmarkError` when no socket can be bound.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchmarkError("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw BenchmarkError("bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw BenchmarkError("getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Sends one request to `127.0.0.1:port` and reads the whole response (`Connection: close`).
    /// - Parameters:
    ///   - method: `GET` or `POST`.
    ///   - path: The request target, e.g. `/livez`.
    ///   - headers: Extra headers (`Host`, `Content-Length` and `Connection` are added).
    ///   - body: The body bytes.
    ///   - timeoutSeconds: Receive and send timeout.
    /// - Throws: `BenchmarkError` when the connection fails or the answer is not HTTP.
    static func request(
        port: Int, method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        timeoutSeconds: Int = 5
    ) throws -> Response {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchmarkError("socket() failed: errno \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchmarkError("connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        let request = Array((head + "\r\n").utf8) + body
        var sent = 0
        while sent < request.count {
            let written = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw BenchmarkError("send to 127.0.0.1:\(port) failed: errno \(errno)") }
            sent += written
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received == 0 { break }
            guard received > 0 else { throw BenchmarkError("recv from 127.0.0.1:\(port) failed: errno \(errno)") }
            answer.append(contentsOf: buffer[0..<received])
        }
        let text = String(decoding: answer, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw BenchmarkError("127.0.0.1:\(port)\(path) did not answer HTTP")
        }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return Response(status: status, body: body)
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
