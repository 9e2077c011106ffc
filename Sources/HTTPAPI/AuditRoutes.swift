import CanonicalJSON
import EventLog
import HTTPTypes
import Hummingbird
import Ledger
import Merkle

/// What auditors (and the Office) read: the raw log as NDJSON, one task's raw events, `verify`, signed
/// checkpoints and the Merkle proofs of RFC 9162 (through the same ledger functions as the CLI, so the documents
/// are byte-identical to `taskledger checkpoint` / `prove`).
///
/// Events are served as NDJSON (`application/x-ndjson`), one canonical envelope a line, exactly the lines
/// `taskledger export` writes, so the same tools check both (`tools/verify-export.py`).
enum AuditRoutes {
    static let defaultLimit = 1000
    static let maxLimit = 10_000

    static func routes(ledger: Ledger) -> [Route] {
        [
            Route(method: .get, path: "/v1/audit/events", access: .audit, query: ["fromSeq", "limit"]) { call in
                try events(call, ledger: ledger)
            },
            Route(method: .get, path: "/v1/audit/tasks/{taskId}/events", access: .audit) { call in
                try taskEvents(call, ledger: ledger)
            },
            Route(method: .get, path: "/v1/audit/verify", access: .audit) { _ in
                try verify(ledger: ledger)
            },
            Route(method: .get, path: "/v1/audit/proof/inclusion", access: .audit, query: ["seq", "treeSize"]) { call in
                try inclusion(call, ledger: ledger)
            },
            Route(method: .get, path: "/v1/audit/proof/consistency", access: .audit, query: ["from", "to"]) { call in
                try consistency(call, ledger: ledger)
            },
            Route(method: .get, path: "/v1/audit/checkpoint", access: .audit, query: ["treeSize"]) { call in
                try checkpoint(call, ledger: ledger)
            },
        ]
    }

    /// Events `fromSeq`… (at most `limit`); a `Link: <…>; rel="next"` header names the next page when there is one.
    static func events(_ call: Call, ledger: Ledger) throws -> Response {
        let from = try call.count("fromSeq") ?? 1
        guard from >= 1 else { throw Problem.badParameter("fromSeq", "fromSeq bắt đầu từ 1.") }
        let limit = try call.integer("limit", in: 1...maxLimit) ?? defaultLimit
        var body: [UInt8] = []
        var count = 0
        let head = try ledger.log.read { reader in
            let head = try reader.head
            try reader.forEachEvent(from: from, to: head.seq) { envelope in
                envelope.json.canonicalBytes(into: &body)
                body.append(0x0A)
                count += 1
                return count < limit
            }
            return head
        }
        var headers: HTTPFields = [.contentType: "application/x-ndjson", .headSeq: String(head.seq)]
        let next = from + UInt64(count)
        if count == limit, next <= head.seq {
            headers[.link] = "</v1/audit/events?fromSeq=\(next)&limit=\(limit)>; rel=\"next\""
        }
        return .bytes(body, status: .ok, headers: headers)
    }

    /// Every event on the stream `task/<taskId>`, in version order.
    static func taskEvents(_ call: Call, ledger: Ledger) throws -> Response {
        let taskId = try call.pathParameter("taskId")
        let body: [UInt8] = try ledger.log.read { reader in
            var body: [UInt8] = []
            for seq in try reader.streamSeqs("task/" + taskId) {
                guard let envelope = try reader.event(seq) else { continue }
                envelope.json.canonicalBytes(into: &body)
                body.append(0x0A)
            }
            return body
        }
        guard !body.isEmpty else { throw Problem.notFound("Không có sự kiện nào trên luồng task/\(taskId).") }
        return .bytes(body, status: .ok, headers: [.contentType: "application/x-ndjson"])
    }

    /// Checks the whole log (hashes, chain, indexes, Merkle tree). A fault is an answer, not a server error:
    /// 200 with `"ok": false` and where the fault is.
    static func verify(ledger: Ledger) throws -> Response {
        do {
            let report = try ledger.log.verify()
            let root = try ledger.merkleRoot(treeSize: report.head.seq)
            var head: [String: JSONValue] = ["seq": .number(Double(report.head.seq)), "hash": .string(report.head.hash.hex)]
            if let at = report.head.recordedAt { head["recordedAt"] = .string(at.description) }
            return .json(
                .object([
                    "ok": .bool(true),
                    "events": .number(Double(report.events)),
                    "head": .object(head),
                    "treeSize": .number(Double(report.head.seq)),
                    "rootHash": root.map { .string($0.hex) } ?? .null,
                ])
            )
        } catch let fault as VerifyFault {
            var o: [String: JSONValue] = ["message": .string(fault.message)]
            if let seq = fault.seq { o["seq"] = .number(Double(seq)) }
            return .json(.object(["ok": .bool(false), "fault": .object(o)]))
        }
    }

    /// The inclusion proof of event `seq` in the tree of `treeSize` events (default: the whole log), in the form
    /// of `events.md` section 9, byte for byte what `taskledger prove` prints.
    static func inclusion(_ call: Call, ledger: Ledger) throws -> Response {
        guard let seq = try call.count("seq") else {
            throw Problem.badParameter("seq", "Thiếu tham số seq (số thứ tự của sự kiện cần chứng minh).")
        }
        let treeSize = try call.count("treeSize")
        let proof = try audited { try ledger.inclusionProof(seq: seq, treeSize: treeSize) }
        return jsonText(proof.jsonText)
    }

    /// The consistency proof between the trees of `from` and `to` events (`to` default: the whole log).
    static func consistency(_ call: Call, ledger: Ledger) throws -> Response {
        guard let from = try call.count("from") else {
            throw Problem.badParameter("from", "Thiếu tham số from (kích thước cây cũ).")
        }
        let to = try call.count("to")
        let proof = try audited { try ledger.consistencyProof(from: from, to: to) }
        return jsonText(proof.jsonText)
    }

    /// A checkpoint of the tree of `treeSize` events (default: the whole log), signed with the ledger's current
    /// key, with the public key that verifies it (`tools/audit.py` reads it).
    static func checkpoint(_ call: Call, ledger: Ledger) throws -> Response {
        let treeSize = try call.count("treeSize")
        let signed = try audited { try ledger.checkpoint(treeSize: treeSize) }
        return jsonText(signed.jsonText)
    }

    /// The ledger's audit documents are one line of JSON already; served as they are, with a final newline.
    static func jsonText(_ text: String) -> Response {
        .bytes(Array(text.utf8) + [0x0A], status: .ok, headers: [.contentType: "application/json"])
    }

    /// Runs an audit read, turning a size the log cannot answer into a 400 naming the parameter.
    static func audited<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AuditRequestError {
            throw Problem.badParameter(error.parameter, "Kích thước cây hoặc seq không hợp lệ: \(error.message).")
        } catch let error as MerkleError {
            throw Problem.badParameter("treeSize", "Không thể lập bằng chứng: \(error.description).")
        }
    }
}

extension HTTPField.Name {
    /// The log's last seq when the answer was read.
    static let headSeq = HTTPField.Name("TaskLedger-Head-Seq")!
    static let link = HTTPField.Name("Link")!
}
