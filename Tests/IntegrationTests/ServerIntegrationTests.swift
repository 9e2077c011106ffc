import CanonicalJSON
import Foundation
import TestSupport
import Testing

/// `taskledger serve` as its own process under load from several clients, stopped as an operator (SIGTERM) or
/// the kernel (SIGKILL) would stop it, and sharing its data directory with the CLI (issue 5, "What must hold").
///
/// The promise checked: a 201 means durable. Every envelope a client was given must be, byte for byte, the
/// line `taskledger export` prints at its seq, however the server ended; `verify` must pass afterwards.
@Suite(.serialized, .enabled(if: TaskLedgerBinary.isBuilt, "build the taskledger binary first (swift build)"))
struct ServerIntegrationTests {
    static let workers = 8

    /// A demo province (about 2,100 events, so reports, verify and backups have real work) with an office token
    /// issued by the CLI, served; the Office registers unit LOAD and assigns it task T-LOAD over HTTP; then the CLI
    /// issues a token for LOAD while the server runs (the server must pick it up from its next request).
    struct Province {
        let dir: TemporaryDirectory
        let data: String
        let office: String
        let unit: String
        let server: ServerProcess

        static func start() async throws -> Province {
            let dir = try TemporaryDirectory("server-integration")
            let data = dir.file("data")
            let seeded = try await cli(["demo", "--data", data, "--seed", "5", "--scale", "0.05"])
            try #require(seeded.status == 0, "demo: \(seeded.stderr)")
            let office = try await issueToken(data: data, ["--role", "office", "--name", "văn phòng"])
            let server = try await ServerProcess.start(data: data, logFile: dir.file("serve.log"))
            let unit = JSONValue.object(["unitId": .string("LOAD"), "name": .string("Sở thử tải"), "kind": .string("department")])
            let task = JSONValue.object([
                "taskId": .string("T-LOAD"),
                "issuer": .string("committee"),
                "sourceDocument": .object(["number": .string("5425/UBND-KGVX"), "date": .string("2025-06-02")]),
                "title": .string("Rà soát quy hoạch xây dựng vùng tỉnh"),
                "leadUnitId": .string("LOAD"),
                "deadline": .string("2030-12-31"),
            ])
            for (path, body) in [("/v1/units", unit), ("/v1/tasks", task)] {
                let reply = try await server.send("POST", path, token: office, json: body.canonicalBytes)
                try #require(reply.status == 201, "\(path): \(reply.status) \(reply.text)")
            }
            let unitToken = try await issueToken(data: data, ["--role", "unit", "--unit", "LOAD", "--name", "sở thử tải"])
            return Province(dir: dir, data: data, office: office, unit: unitToken, server: server)
        }

        /// Load on `server`; `round` keeps the unit ids of successive loads on one ledger apart.
        func load(_ server: ServerProcess, round: Int = 0) -> ServerLoad {
            ServerLoad(
                server: server,
                workers: ServerIntegrationTests.workers,
                office: office,
                unit: unit,
                unitId: "LOAD",
                task: "T-LOAD",
                prefix: "L\(round)"
            )
        }

        static func issueToken(data: String, _ arguments: [String]) async throws -> String {
            let issued = try await cli(["token", "issue", "--data", data] + arguments)
            try #require(issued.status == 0, "token issue: \(issued.stderr)")
            let secret = issued.stdout.split(separator: "\n").last.map(String.init) ?? ""
            try #require(!secret.isEmpty, "token issue printed no secret")
            return secret
        }
    }

    /// Runs the CLI on a thread of its own: it blocks until the process ends, and the cooperative pool (two
    /// threads on two cores) must stay free for the clients' continuations meanwhile.
    static func cli(_ arguments: [String]) async throws -> TaskLedgerBinary.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try TaskLedgerBinary.run(arguments) }) }.start()
        }
    }

    /// `taskledger export` of `data`, one envelope a line, in seq order.
    static func export(_ data: String) async throws -> [[UInt8]] {
        let export = try await cli(["export", "--data", data])
        try #require(export.status == 0, "export: \(export.stderr)")
        return export.stdoutBytes.split(separator: 0x0A).map(Array.init)
    }

    /// The acknowledged commands whose envelope is not the log's line at their seq (missing or different).
    static func lost(_ acknowledged: [ServerLoad.Acknowledged], in lines: [[UInt8]]) -> [String] {
        acknowledged.compactMap { ack in
            guard ack.seq >= 1, ack.seq <= UInt64(lines.count) else {
                return "seq \(ack.seq) acknowledged, but the log has \(lines.count) events"
            }
            let line = lines[Int(ack.seq) - 1]
            return line == ack.envelope
                ? nil
                : "seq \(ack.seq): acknowledged \(String(decoding: ack.envelope.prefix(300), as: UTF8.self)); the log has \(String(decoding: line.prefix(300), as: UTF8.self))"
        }
    }

    static func verify(_ data: String) async throws -> TaskLedgerBinary.Result {
        try await cli(["verify", "--data", data])
    }

    // MARK: - Graceful shutdown

    /// SIGTERM while eight clients are posting, three times over on one ledger: each time the server finishes the
    /// requests in flight (some are answered after the signal), exits 0, and every 201 it gave is in the log;
    /// requests after the signal are refused (connection refused or 503 `shuttingDown`), never another 5xx. The
    /// directory it closed opens again for the next round, and `verify` passes after each.
    @Test func sigtermUnderLoadExitsZeroAndLosesNoAcknowledgedCommand() async throws {
        let province = try await Province.start()
        var server = province.server
        var acknowledged: [ServerLoad.Acknowledged] = []
        for round in 1...3 {
            if round > 1 { server = try await ServerProcess.start(data: province.data, logFile: province.dir.file("serve-\(round).log")) }
            let load = province.load(server, round: round)
            await load.waitFor(acknowledged: 300, timeout: .seconds(30))
            try #require(load.failuresBeforeSignal.isEmpty, "round \(round): \(load.failuresBeforeSignal.prefix(3))\n\(server.logTail())")

            let beforeSignal = load.count
            load.signalled()
            let status = await server.stop(signal: SIGTERM, timeout: .seconds(30))
            await load.drain(timeout: .seconds(10))
            acknowledged += load.acknowledgements

            #expect(status == 0, "round \(round): serve did not exit 0 after SIGTERM (nil: killed or hung); its log:\n\(server.logTail())")
            #expect(load.failuresBeforeSignal.isEmpty, "round \(round): \(load.failuresBeforeSignal.prefix(3))")
            let badRefusals = load.failuresAfterSignal.filter { $0.status != nil && $0.status != 503 }
            #expect(
                badRefusals.isEmpty,
                "round \(round): after SIGTERM a request is answered, refused (503) or not connected: \(badRefusals.prefix(3))"
            )
            #expect(
                load.count > beforeSignal,
                "round \(round): no request in flight at SIGTERM was answered, so in-flight commands were not finished"
            )

            let lines = try await Self.export(province.data)
            let lost = Self.lost(acknowledged, in: lines)
            #expect(
                lost.isEmpty,
                "round \(round): \(lost.count) of \(acknowledged.count) acknowledged commands are not in the log: \(lost.prefix(3))"
            )
            let verified = try await Self.verify(province.data)
            #expect(verified.status == 0, "round \(round): verify after SIGTERM: \(verified.stderr)")
        }
    }

    /// A client that sent the headers and half the body of a command, then stalls (a phone that lost its network,
    /// or a slowloris), must not keep the server from stopping: after SIGTERM it exits 0 within 10 s, as a
    /// supervisor expects before it escalates to SIGKILL. Idle keep-alive connections do not hold it (they are
    /// closed at once); a request whose body never completes is cut off after `HTTPServer.maximumGracefulShutdown`.
    @Test func sigtermWithAStalledClientStillExitsPromptly() async throws {
        let dir = try TemporaryDirectory("server-stalled")
        let data = dir.file("data")
        let office = try await Province.issueToken(data: data, ["--role", "office", "--name", "văn phòng"])
        let server = try await ServerProcess.start(data: data, logFile: dir.file("serve.log"))
        let stalled = try server.stalledConnection(
            sending: Array(
                """
                POST /v1/units HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer \(office)\r
                Content-Type: application/json\r
                Content-Length: 100\r
                \r
                {"unitId":
                """.utf8
            )
        )
        try await Task.sleep(for: .milliseconds(300))
        let status = await server.stop(signal: SIGTERM, timeout: .seconds(10))
        #expect(status == 0, "serve did not exit 0 within 10 s of SIGTERM while a client stalled mid-request; its log:\n\(server.logTail())")
        withExtendedLifetime(stalled) {}
    }

    // MARK: - SIGKILL

    /// SIGKILL while eight clients are posting, as a power cut or the OOM killer would: no chance to flush. Three
    /// rounds of load, kill, restart on the same directory: after each kill every 201 so far is in the log and
    /// `verify` passes, and the restarted server continues the same chain (its `/healthz` names the log's last
    /// seq, and its first command takes the next one).
    @Test func sigkillUnderLoadKeepsEveryAcknowledgedCommandAndRestarts() async throws {
        let province = try await Province.start()
        var server = province.server
        var acknowledged: [ServerLoad.Acknowledged] = []
        for round in 1...3 {
            let load = province.load(server, round: round)
            await load.waitFor(acknowledged: 300, timeout: .seconds(30))
            try #require(load.failuresBeforeSignal.isEmpty, "round \(round): \(load.failuresBeforeSignal.prefix(3))\n\(server.logTail())")

            load.signalled()
            let status = await server.stop(signal: SIGKILL, timeout: .seconds(10))
            await load.drain(timeout: .seconds(10))
            #expect(status == nil, "round \(round): serve exited normally instead of being killed")
            acknowledged += load.acknowledgements

            let verified = try await Self.verify(province.data)
            #expect(verified.status == 0, "round \(round): verify after SIGKILL: \(verified.stderr)")
            let lines = try await Self.export(province.data)
            let lost = Self.lost(acknowledged, in: lines)
            #expect(
                lost.isEmpty,
                "round \(round): \(lost.count) of \(acknowledged.count) acknowledged commands are not in the log: \(lost.prefix(3))"
            )

            // The killed server's directory opens again (stale reader slots and a transaction cut short are
            // LMDB's to clean up) and the log goes on from where it stopped.
            server = try await ServerProcess.start(data: province.data, logFile: province.dir.file("serve-\(round).log"))
            let health = try await server.send("GET", "/healthz", token: nil)
            #expect(try JSONParser.parse(health.body)["seq"]?.numberValue == Double(lines.count), "round \(round): \(health.text)")
            let next = try await server.send(
                "POST",
                "/v1/units",
                token: province.office,
                json: JSONValue.object([
                    "unitId": .string("AFTER-\(round)"), "name": .string("Sau lần khởi động lại \(round)"), "kind": .string("other"),
                ])
                .canonicalBytes
            )
            #expect(next.status == 201, "round \(round): \(next.text)")
            #expect(try JSONParser.parse(next.body)["seq"]?.numberValue == Double(lines.count + 1), "round \(round): \(next.text)")
        }
        let stopped = await server.stop(signal: SIGTERM, timeout: .seconds(30))
        #expect(stopped == 0, "\(server.logTail())")
        let verified = try await Self.verify(province.data)
        #expect(verified.status == 0, "verify after the last restart: \(verified.stderr)")
    }

    // MARK: - Two processes

    /// While the server is writing, the CLI — another process on the same LMDB directory — prints the monthly
    /// report, verifies the log and takes a hot backup. Each exits 0 and none disturbs the clients (no request
    /// fails meanwhile); the backup verifies on its own and is a prefix of the final log.
    @Test func cliReportsVerifiesAndBacksUpWhileTheServerWrites() async throws {
        let province = try await Province.start()
        let load = province.load(province.server)
        await load.waitFor(acknowledged: 100, timeout: .seconds(30))
        try #require(load.failuresBeforeSignal.isEmpty, "\(load.failuresBeforeSignal.prefix(3))\n\(province.server.logTail())")

        let backupDirectory = province.dir.file("backup")
        let atStart = load.count
        async let report = Self.cli(["report", "monthly", "--data", province.data])
        async let verify = Self.verify(province.data)
        async let backup = Self.cli(["backup", "--data", province.data, backupDirectory])
        let (reported, verified, backedUp) = try await (report, verify, backup)
        let atEnd = load.count
        await load.finish()

        #expect(reported.status == 0, "report monthly: \(reported.stderr)")
        #expect(verified.status == 0, "verify: \(verified.stderr)")
        #expect(backedUp.status == 0, "backup: \(backedUp.stderr)")
        #expect(load.failuresBeforeSignal.isEmpty, "requests failed while the CLI used the directory: \(load.failuresBeforeSignal.prefix(3))")
        #expect(atEnd > atStart, "the server acknowledged nothing while the CLI ran, so nothing was tested concurrently")

        // The report and verify saw the server's events (they read the live directory, not a stale copy).
        let cutoff = try? JSONParser.parse(reported.stdoutBytes)["cutoff"]?["seq"]?.numberValue
        #expect((cutoff ?? 0) >= Double(atStart), "the report's cutoff \(cutoff ?? -1) is before the \(atStart) commands already acknowledged")
        #expect(verified.stdout.hasPrefix("ok: "), "\(verified.stdout)")

        let status = await province.server.stop(signal: SIGTERM, timeout: .seconds(30))
        #expect(status == 0, "\(province.server.logTail())")
        let final = try await Self.export(province.data)
        #expect(Self.lost(load.acknowledgements, in: final).isEmpty)

        let backupVerified = try await Self.verify(backupDirectory)
        #expect(backupVerified.status == 0, "verify of the backup: \(backupVerified.stderr)")
        let copied = try await Self.export(backupDirectory)
        #expect(!copied.isEmpty)
        #expect(copied.count <= final.count)
        #expect(Array(final.prefix(copied.count)) == copied, "the backup is not a prefix of the final log")
    }
}
