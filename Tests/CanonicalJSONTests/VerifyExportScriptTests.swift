import CanonicalJSON
import Foundation
import Testing

/// `tools/verify-export.py` is the auditor's independent check of an export. These tests build a chain
/// with the Swift encoder (and a test-only SHA-256), so the script passing them also shows that its
/// Python RFC 8785 agrees with ours byte for byte; then they break the chain in every way one edit can.
struct VerifyExportScriptTests {
    /// Envelopes without `prev` and `hash`, covering several streams and the tricky parts of RFC 8785:
    /// non-ASCII and astral keys, escapes, fractions and exponents.
    static let envelopes: [JSONValue] = [
        envelope(
            seq: 1,
            stream: "unit/SO-TNMT",
            version: 1,
            type: "UnitRegistered",
            payload: ["unitId": "SO-TNMT", "name": "Sở Tài nguyên và Môi trường"]
        ),
        envelope(
            seq: 2,
            stream: "task/T-1",
            version: 1,
            type: "TaskAssigned",
            payload: [
                "taskId": "T-1", "title": "Báo cáo \"quý I\"\n\t/ tab", "weight": .number(0.1 + 0.2), "big": .number(1e21), "tiny": .number(1e-7),
            ],
            commandId: "c-2"
        ),
        envelope(
            seq: 3,
            stream: "task/T-1",
            version: 2,
            type: "ProgressReported",
            payload: ["taskId": "T-1", "\u{20AC}": "euro", "\u{FB33}": "dalet", "😀": "emoji", "\u{80}": "control", "ö": "o", "\r": "cr", "1": 1]
        ),
        envelope(
            seq: 4,
            stream: "unit/SO-TNMT",
            version: 2,
            type: "UnitRenamed",
            payload: ["unitId": "SO-TNMT", "name": "Sở TN&MT", "list": [1, -0.5, 333_333_333.333_333_3, .null, true]]
        ),
        envelope(seq: 5, stream: "task/T-2", version: 1, type: "TaskAssigned", payload: ["taskId": "T-2", "nested": ["a": ["b": ["c": "\u{1}"]]]]),
    ]

    static func envelope(
        seq: Int,
        stream: String,
        version: Int,
        type: String,
        payload: [String: JSONValue],
        commandId: String? = nil
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "seq": .number(Double(seq)), "stream": .string(stream), "version": .number(Double(version)), "type": .string(type),
            "schema": 1, "recordedAt": .string("2025-03-0\(seq)T08:30:00.000Z"), "actor": ["role": "unit", "unitId": "SO-TNMT", "tokenId": "tok-1"],
            "payload": .object(payload),
        ]
        if let commandId { members["commandId"] = .string(commandId) }
        return .object(members)
    }

    /// Links the envelopes into a chain (starting after `prev`) and returns them complete.
    static func chain(_ envelopes: [JSONValue], prev: String = String(repeating: "0", count: 64)) -> [JSONValue] {
        var prev = prev
        return envelopes.map { envelope in
            guard case .object(var members) = envelope else { return envelope }
            members["prev"] = .string(prev)
            let hash = TestSHA256.hex(JSONValue.object(members).canonicalBytes)
            members["hash"] = .string(hash)
            prev = hash
            return .object(members)
        }
    }

    static func lines(_ envelopes: [JSONValue]) -> [[UInt8]] {
        envelopes.map { $0.canonicalBytes + [0x0A] }
    }

    @Test func sha256MatchesStandardVectors() {
        #expect(TestSHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(TestSHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            TestSHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        #expect(TestSHA256.hex([UInt8](repeating: 0x61, count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func acceptsAnIntactChain() throws {
        let chained = Self.chain(Self.envelopes)
        let result = try runScript(lines: Self.lines(chained))
        let lastHash = chained.last?["hash"]?.stringValue ?? ""
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ok: 5 events, last seq 5, last hash \(lastHash)\n")
        #expect(result.stderr.isEmpty)

        let quiet = try runScript(lines: Self.lines(chained), arguments: ["--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)

        let empty = try runScript(lines: [])
        #expect(empty.status == 0)
    }

    @Test func acceptsAPartialExportGivenTheHashBefore() throws {
        let chained = Self.chain(Self.envelopes)
        let prev = chained[1]["hash"]?.stringValue ?? ""
        let tail = Self.lines(Array(chained[2...]))
        let result = try runScript(lines: tail, arguments: ["--from-seq", "3", "--prev", prev])
        #expect(result.status == 0, "\(result.stderr)")
        let wrongPrev = try runScript(lines: tail, arguments: ["--from-seq", "3", "--prev", String(repeating: "1", count: 64)])
        #expect(wrongPrev.status == 1)
        #expect(wrongPrev.stderr.hasPrefix("line 1 (seq 3): prev"))
        let wrongStart = try runScript(lines: tail, arguments: ["--from-seq", "4", "--prev", prev])
        #expect(wrongStart.status == 1)
    }

    /// Every member of an envelope, edited alone (and the line re-encoded canonically, as a forger
    /// would), breaks the chain. Line 2 has every member, `commandId` included.
    @Test func editingAnySingleFieldFails() throws {
        let chained = Self.chain(Self.envelopes)
        for position in [1] {
            guard case .object(let members) = chained[position] else { continue }
            for key in members.keys.sorted() {
                var edited = members
                edited[key] = Self.altered(members[key] ?? .null)
                var lines = Self.lines(chained)
                lines[position] = JSONValue.object(edited).canonicalBytes + [0x0A]
                let result = try runScript(lines: lines)
                #expect(result.status == 1, "editing \(key) of line \(position + 1) went unnoticed")
                #expect(result.stderr.hasPrefix("line \(position + 1) (seq "), "\(result.stderr)")
            }
        }
    }

    static func altered(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: .bool(false)
        case .bool(let flag): .bool(!flag)
        case .number(let number): .number(number + 1)
        case .string(let text):
            // Keep the hex fields hex, so that the fault found is the chain, not the shape.
            text.count == 64 ? .string(String(text.dropLast()) + (text.hasSuffix("0") ? "1" : "0")) : .string(text + "x")
        case .array(let elements): .array(elements + [.null])
        case .object(let members): .object(members.merging(["extra": .null]) { current, _ in current })
        }
    }

    /// Faults that keep every hash right, or that are not about hashes at all.
    @Test(
        arguments: [
            ("a seq gap", 2, "seq should be 2"),
            ("a version gap", 3, "version of stream task/T-1 should be 2"),
            ("a stream starting at version 2", 4, "stream task/T-9 should start at version 1"),
            ("whitespace in a line", 1, "canonical form"),
            ("members out of order", 1, "canonical form"),
            ("an escaped non-ASCII character", 1, "canonical form"),
            ("a duplicate key", 1, "duplicate member \"seq\""),
            ("a missing newline at the end", 5, "newline"),
            ("lines swapped", 2, "seq should be 2"),
            ("a line removed", 2, "seq should be 2"),
            ("NaN in a payload", 1, "NaN is not a JSON number"),
            ("invalid UTF-8", 1, "not valid UTF-8"),
        ] as [(String, Int, String)]
    )
    func refusesBrokenExports(fault: String, line: Int, message: String) throws {
        var envelopes = Self.envelopes
        var lines: [[UInt8]]
        func replace(_ bytes: inout [[UInt8]], _ index: Int, _ transform: (String) -> String) {
            let text = String(decoding: bytes[index].dropLast(), as: UTF8.self)
            bytes[index] = Array(transform(text).utf8) + [0x0A]
        }
        switch fault {
        case "a seq gap":
            envelopes[1] = Self.envelope(seq: 3, stream: "task/T-1", version: 1, type: "TaskAssigned", payload: [:])
            lines = Self.lines(Self.chain(envelopes))
        case "a version gap":
            envelopes[2] = Self.envelope(seq: 3, stream: "task/T-1", version: 3, type: "ProgressReported", payload: [:])
            lines = Self.lines(Self.chain(envelopes))
        case "a stream starting at version 2":
            envelopes[3] = Self.envelope(seq: 4, stream: "task/T-9", version: 2, type: "ProgressReported", payload: [:])
            lines = Self.lines(Self.chain(envelopes))
        default:
            lines = Self.lines(Self.chain(envelopes))
        }
        switch fault {
        case "whitespace in a line": replace(&lines, 0, { $0.replacingOccurrences(of: "\"seq\":1", with: "\"seq\": 1") })
        case "members out of order": replace(&lines, 0, { "{\"version\":1," + $0.dropFirst().replacingOccurrences(of: ",\"version\":1", with: "") })
        case "an escaped non-ASCII character": replace(&lines, 0, { $0.replacingOccurrences(of: "ở", with: "\\u1edf") })
        case "a duplicate key": replace(&lines, 0, { $0.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":1,\"seq\":1") })
        case "a missing newline at the end": lines[4].removeLast()
        case "lines swapped": lines.swapAt(1, 2)
        case "a line removed": lines.remove(at: 1)
        case "NaN in a payload":
            replace(&lines, 0, { $0.replacingOccurrences(of: "\"unitId\":\"SO-TNMT\"}", with: "\"unitId\":\"SO-TNMT\",\"x\":NaN}") })
        case "invalid UTF-8": lines[0].insert(contentsOf: [0xC0, 0xAF], at: 10)
        default: break
        }
        let result = try runScript(lines: lines)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("line \(line) (seq "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    // MARK: Running the script

    struct ScriptResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The script beside the sources: Tests/CanonicalJSONTests/<this file> → tools/verify-export.py.
    static let scriptURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/verify-export.py")

    func runScript(lines: [[UInt8]], arguments: [String] = []) throws -> ScriptResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("verify-export-\(UUID().uuidString).ndjson")
        try Data(lines.joined()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scriptURL.path, file.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ScriptResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}
