import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `taskledger serve` running as its own process on 127.0.0.1, driven over real sockets as a client would.
///
/// Unlike the in-process server of the HTTP tests, this one can be stopped the way an operator or the kernel stops
/// it — SIGTERM, SIGKILL — so tests can check what survives. Its log (standard error) goes to a file, so a busy
/// server never blocks on a full pipe and a failing test can show what the server said.
public final class ServerProcess: @unchecked Sendable {
    public let port: Int
    public let dataDirectory: String
    /// Where the server's standard error is written.
    public let logFile: String
    private let process: Process

    /// A server that did not come up, with the end of its log.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// An answer: status and body bytes.
    public struct Reply: Sendable {
        public var status: Int
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private init(port: Int, dataDirectory: String, logFile: String, process: Process) {
        self.port = port
        self.dataDirectory = dataDirectory
        self.logFile = logFile
        self.process = process
    }

    /// Starts `taskledger serve --data DIR --port P` on a free port and returns once `/healthz` answers. A port
    /// taken between choosing and binding it makes the server exit at once; then another port is tried.
    public static func start(data: String, logFile: String) async throws -> ServerProcess {
        var lastLog = ""
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            guard FileManager.default.createFile(atPath: logFile, contents: nil), let log = FileHandle(forWritingAtPath: logFile) else {
                throw StartFailure(description: "cannot write the server log \(logFile)")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TaskLedgerBinary.path)
            process.arguments = ["serve", "--data", data, "--host", "127.0.0.1", "--port", String(port)]
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "TASKLEDGER_DATA")
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = log
            process.standardError = log
            try process.run()
            try? log.close()
            let server = ServerProcess(port: port, dataDirectory: data, logFile: logFile, process: process)
            if try await server.waitUntilHealthy(timeout: .seconds(30)) { return server }
            lastLog = server.logTail()
            if process.isRunning { _ = await server.stop(signal: SIGKILL, timeout: .seconds(10)) }
        }
        throw StartFailure(description: "taskledger serve did not answer /healthz; its log ends with:\n\(lastLog)")
    }

    /// Polls `/healthz` until it answers 200 (true), the process exits or the time runs out (false).
    private func waitUntilHealthy(timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { return false }
            if let reply = try? await send("GET", "/healthz", token: nil, timeout: 2), reply.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Sends `signal` and waits up to `timeout` for the process to end. Returns its exit status, or nil when it
    /// did not exit normally (killed by a signal) or is still running after `timeout` (then it is killed, so no
    /// test leaves a server behind).
    public func stop(signal: Int32, timeout: Duration) async -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    public var isRunning: Bool { process.isRunning }

    /// The last lines the server logged, for failure messages.
    public func logTail(lines: Int = 30) -> String {
        guard let data = FileManager.default.contents(atPath: logFile) else { return "(no log)" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    // MARK: - Client

    /// One session for every test: a few connections per host, as a small client pool would keep.
    public static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    /// Sends one request with `Authorization: Bearer token` and, when given, a JSON body.
    public func send(
        _ method: String,
        _ path: String,
        token: String?,
        json: [UInt8]? = nil,
        timeout: TimeInterval = 30
    ) async throws
        -> Reply
    {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw URLError(.badURL) }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = Data(json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return Reply(status: http.statusCode, body: Array(data))
    }
}

extension ServerProcess {
    /// A TCP connection to the server that sends `bytes` and then neither sends nor reads: a stalled client (a dead
    /// phone on a bad network, or a slowloris). Closed when released.
    public final class StalledConnection: @unchecked Sendable {
        private let fd: Int32

        fileprivate init(fd: Int32) { self.fd = fd }

        deinit { close(fd) }
    }

    /// Connects to the server and sends `bytes` (for instance the headers and half the body of a request).
    public func stalledConnection(sending bytes: [UInt8]) throws -> StalledConnection {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StartFailure(description: "socket() failed: errno \(errno)") }
        let connection = StalledConnection(fd: fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw StartFailure(description: "cannot connect to port \(port): errno \(errno)") }
        let sent = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard sent == bytes.count else { throw StartFailure(description: "sent \(sent) of \(bytes.count) bytes: errno \(errno)") }
        return connection
    }
}

/// A port on 127.0.0.1 that nothing listens on now: bound to port 0, read back, released.
func freeLoopbackPort() throws -> Int {
    #if os(Linux)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw ServerProcess.StartFailure(description: "socket() failed: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
        }
    }
    guard bound else { throw ServerProcess.StartFailure(description: "cannot bind a loopback port: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
