import CanonicalJSON
import Domain
import Foundation
import HTTPAPI
import Hummingbird
import Ledger
import Logging
import ProvinceTime

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real server on 127.0.0.1 (port chosen by the system), over a real LMDB ledger in a temporary directory,
/// with one token per role, driven through `URLSession` as any client would.
final class TestServer: Sendable {
    let ledger: Ledger
    let directory: String
    let port: Int
    let tokens: Tokens
    private let task: Task<Void, any Error>

    struct Tokens: Sendable {
        var office: String
        var unit: String
        var otherUnit: String
        var interior: String
        var auditor: String
        var revoked: String
    }

    /// 2025-06-10 09:00 local: every event is recorded then, so dates in the fixtures are never in the future.
    static let now = Instant(parsingRFC3339: "2025-06-10T09:00:00+07:00")!

    /// Starts a server; with `seeded`, the Office first builds `Fixtures.seed` over HTTP and the unit tokens
    /// (which need their units registered) are issued after it. Without it, the unit tokens are empty.
    static func start(seeded: Bool = true) async throws -> TestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("taskledger-http-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ledger = try Ledger(directory: directory, clock: { TestServer.now })
        func issue(_ name: String, _ role: Role, _ unit: String? = nil) throws -> IssuedToken {
            try ledger.issueToken(name: name, role: role, unitId: unit).get()
        }
        let revoked = try issue("revoked", .office)
        _ = try ledger.revokeToken(revoked.tokenId, reason: "test")
        var tokens = Tokens(
            office: try issue("office", .office).secret,
            unit: "",
            otherUnit: "",
            interior: try issue("interior", .interior).secret,
            auditor: try issue("auditor", .auditor).secret,
            revoked: revoked.secret
        )
        var logger = Logger(label: "taskledger.http.test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = HTTPServer.buildApplication(ledger: ledger, host: "127.0.0.1", port: 0, logger: logger) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let task = Task { try await app.runService() }
        var port = 0
        for await p in ports { port = p }
        if seeded {
            try await Fixtures.seed(TestServer(ledger: ledger, directory: directory, port: port, tokens: tokens, task: task))
            tokens.unit = try issue("sxd", .unit, "SXD").secret
            tokens.otherUnit = try issue("stc", .unit, "STC").secret
        }
        return TestServer(ledger: ledger, directory: directory, port: port, tokens: tokens, task: task)
    }

    private init(ledger: Ledger, directory: String, port: Int, tokens: Tokens, task: Task<Void, any Error>) {
        self.ledger = ledger
        self.directory = directory
        self.port = port
        self.tokens = tokens
        self.task = task
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        ledger.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The log's last seq, read from the ledger directly (to show that a refused request appended nothing).
    var headSeq: UInt64 {
        get throws { try ledger.log.head().seq }
    }

    // MARK: - Client

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers[name.lowercased()] }
        var json: JSONValue? { try? JSONParser.parse(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
        /// For a problem response: `rule`, else `type`'s last part.
        var rule: String? { json?["rule"]?.stringValue }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 4
        return URLSession(configuration: configuration)
    }()

    func send(
        _ method: String,
        _ path: String,
        token: String?,
        body: [UInt8]? = nil,
        contentType: String? = "application/json",
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body)
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: Array(data))
    }

    func get(_ path: String, token: String?) async throws -> Reply {
        try await send("GET", path, token: token)
    }

    func post(_ path: String, token: String?, _ json: JSONValue, headers: [String: String] = [:]) async throws -> Reply {
        try await send("POST", path, token: token, body: json.canonicalBytes, headers: headers)
    }
}

/// Builds JSON bodies from Swift literals in the tests.
func obj(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
    .object(Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) }))
}

func str(_ s: String) -> JSONValue { .string(s) }
func num(_ n: Double) -> JSONValue { .number(n) }
