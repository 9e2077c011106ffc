import CanonicalJSON
import EventLog
import Merkle
import ProvinceTime
import Reports

/// One place where a saved report and the report recomputed from the log disagree.
public struct ReportDifference: Hashable, Sendable, CustomStringConvertible {
    /// Where, as a JSON path: `units[3].onTimeRate`, `cutoff.hash`, `totals`.
    public var path: String
    /// The saved report's value as canonical JSON; `nil` when the report lacks the field.
    public var reported: String?
    /// The recomputed value as canonical JSON; `nil` when the recomputed report has no such field.
    public var recomputed: String?

    public var description: String {
        "\(path): the report says \(reported.map(Self.short) ?? "(absent)"), the log gives \(recomputed.map(Self.short) ?? "(absent)")"
    }

    private static func short(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "…"
    }
}

/// The report's tree proven to be a prefix of a signed checkpoint's tree.
public struct ReportPrefixProof: Sendable {
    public let checkpoint: Checkpoint
    /// PROOF(report tree size, D[checkpoint size]), verified with the report's root and the checkpoint's.
    public let proof: ConsistencyProof
}

/// The outcome of ``Ledger/verifyReport(_:checkpoint:)``.
public struct ReportVerification: Sendable {
    /// The request read back from the report: kind, cutoff `seq` and `at`, period or year, rollup.
    public let query: ReportQuery
    /// Each top-level field of the report with the number of values under it that differ (0: it matches), in key order.
    public let fields: [(name: String, differing: Int)]
    /// Every differing value, in document order.
    public let differences: [ReportDifference]
    /// How many leaf values were compared.
    public let valuesCompared: Int
    /// Present when a checkpoint was given (and it held; otherwise the call threw).
    public let prefixProof: ReportPrefixProof?

    /// True when the recomputed report is the saved one, value for value.
    public var matches: Bool { differences.isEmpty }
}

/// A report that cannot be checked (not a JSON report of this ledger, or a checkpoint that does not hold).
public struct ReportVerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Ledger {
    /// Recomputes a saved JSON report (monthly or annual) from the log at the cutoff it names, with the parameters it
    /// carries (`kind`, `cutoff.seq`, `cutoff.at`, `from`/`to` or `year`, `rollup`), and compares them value by value.
    ///
    /// With `checkpoint`, also proves that the report's Merkle tree (`merkle.treeSize`, `merkle.rootHash`) is a prefix
    /// of the checkpoint's: the checkpoint's signature is checked with this ledger's key of its key id, and a
    /// consistency proof from the stored tree is verified against the report's root and the checkpoint's. A failure
    /// there throws ``ReportVerificationError``, as does a report that cannot be read; differing values are returned.
    public func verifyReport(_ bytes: [UInt8], checkpoint: Checkpoint? = nil) throws -> ReportVerification {
        let saved: JSONValue
        do {
            saved = try JSONParser.parse(bytes)
        } catch {
            throw ReportVerificationError(message: "the report is not JSON (\(error)); only JSON reports (--format json) can be verified")
        }
        let query = try Self.query(of: saved)
        let recomputedBytes: [UInt8]
        do {
            recomputedBytes = try report(query).body
        } catch let error as CutoffError {
            throw ReportVerificationError(message: "the report's cutoff cannot be recomputed from this log: \(error.message)")
        } catch let error as ReportError {
            throw ReportVerificationError(message: "the report's parameters are refused: \(error.message)")
        }
        let recomputed = try JSONParser.parse(recomputedBytes)
        var differences: [ReportDifference] = []
        var compared = 0
        var fields: [(name: String, differing: Int)] = []
        let savedObject = saved.objectValue ?? [:]
        let recomputedObject = recomputed.objectValue ?? [:]
        for name in Set(savedObject.keys).union(recomputedObject.keys).sorted() {
            let before = differences.count
            Self.compare(savedObject[name], recomputedObject[name], path: name, into: &differences, compared: &compared)
            fields.append((name, differences.count - before))
        }
        var prefix: ReportPrefixProof? = nil
        if let checkpoint {
            prefix = try proveReportTree(of: saved, isPrefixOf: checkpoint)
        }
        return ReportVerification(query: query, fields: fields, differences: differences, valuesCompared: compared, prefixProof: prefix)
    }

    /// The checkpoint is the ledger's, and the report's tree is a prefix of the checkpoint's.
    private func proveReportTree(of saved: JSONValue, isPrefixOf checkpoint: Checkpoint) throws -> ReportPrefixProof {
        guard let merkle = saved["merkle"]?.objectValue, let sizeValue = merkle["treeSize"]?.numberValue,
            let size = UInt64(exactly: sizeValue), let rootText = merkle["rootHash"]?.stringValue, let root = MerkleHash(hex: rootText)
        else {
            throw ReportVerificationError(
                message: "the report carries no Merkle tree (merkle.treeSize, merkle.rootHash), so it cannot be bound to a checkpoint"
            )
        }
        guard let key = try SigningKeys.existing(dataDirectory: directory).publicKey(keyId: checkpoint.keyId) else {
            throw ReportVerificationError(message: "the checkpoint names signing key \(checkpoint.keyId), which this ledger does not hold")
        }
        guard checkpoint.verify(with: key) else {
            throw ReportVerificationError(message: "the checkpoint's signature does not hold: one of its fields was changed after signing")
        }
        guard size <= checkpoint.treeSize else {
            throw ReportVerificationError(
                message:
                    "the report's tree (size \(size)) is larger than the checkpoint's (size \(checkpoint.treeSize)); give a checkpoint signed after the report"
            )
        }
        let head = try log.head()
        guard checkpoint.treeSize <= head.seq else {
            throw ReportVerificationError(
                message: "the checkpoint covers \(checkpoint.treeSize) events but the log has only \(head.seq): the log was truncated"
            )
        }
        let proof = try consistencyProof(from: size, to: checkpoint.treeSize)
        guard proof.verify(oldRoot: root, newRoot: checkpoint.rootHash) else {
            throw ReportVerificationError(
                message:
                    "the consistency proof from the report's tree (size \(size)) to the checkpoint's (size \(checkpoint.treeSize)) does not verify: the report's tree is not a prefix of the signed one"
            )
        }
        return ReportPrefixProof(checkpoint: checkpoint, proof: proof)
    }

    /// The query that produced `report`, read from the fields every JSON report carries.
    static func query(of report: JSONValue) throws -> ReportQuery {
        func fail(_ message: String) -> ReportVerificationError { ReportVerificationError(message: "cannot read the report: \(message)") }
        guard report.objectValue != nil else { throw fail("it is a JSON \(report.typeName), not a report object") }
        guard let kindText = report["kind"]?.stringValue, let kind = ReportQuery.Kind(rawValue: kindText) else {
            throw fail("\"kind\" must be \"monthly\" or \"annual\"")
        }
        guard let cutoff = report["cutoff"]?.objectValue else { throw fail("\"cutoff\" {seq, hash, at} is missing") }
        guard let seqValue = cutoff["seq"]?.numberValue, let seq = UInt64(exactly: seqValue), seq >= 1 else {
            throw fail("\"cutoff.seq\" must be a positive integer")
        }
        guard let atText = cutoff["at"]?.stringValue, let at = Instant(parsingRFC3339: atText) else {
            throw fail("\"cutoff.at\" must be an instant such as 2025-06-30T16:59:59.999Z")
        }
        var rollup = Rollup.none
        if let rollupValue = report["rollup"] {
            guard let text = rollupValue.stringValue, let value = Rollup(rawValue: text) else {
                throw fail("\"rollup\" must be \"none\" or \"successor\"")
            }
            rollup = value
        }
        var query = ReportQuery(kind: kind, cutoff: .seq(seq, at: at), rollup: rollup, format: .json)
        switch kind {
        case .monthly:
            guard let fromText = report["from"]?.stringValue, let from = LocalDate(parsing: fromText) else {
                throw fail("\"from\" must be a date YYYY-MM-DD")
            }
            guard let toText = report["to"]?.stringValue, let to = LocalDate(parsing: toText) else {
                throw fail("\"to\" must be a date YYYY-MM-DD")
            }
            query.from = from
            query.to = to
        case .annual:
            guard let yearValue = report["year"]?.numberValue, let year = Int(exactly: yearValue) else {
                throw fail("\"year\" must be an integer")
            }
            query.year = year
        }
        return query
    }

    /// Walks both values side by side, recording each leaf that differs (and each field present on one side only).
    static func compare(_ saved: JSONValue?, _ recomputed: JSONValue?, path: String, into differences: inout [ReportDifference], compared: inout Int)
    {
        switch (saved, recomputed) {
        case (.object(let a)?, .object(let b)?):
            for key in Set(a.keys).union(b.keys).sorted() {
                compare(a[key], b[key], path: path + "." + key, into: &differences, compared: &compared)
            }
        case (.array(let a)?, .array(let b)?):
            for index in 0..<max(a.count, b.count) {
                compare(
                    index < a.count ? a[index] : nil,
                    index < b.count ? b[index] : nil,
                    path: "\(path)[\(index)]",
                    into: &differences,
                    compared: &compared
                )
            }
        default:
            compared += 1
            if saved != recomputed {
                differences.append(ReportDifference(path: path, reported: saved?.canonicalString, recomputed: recomputed?.canonicalString))
            }
        }
    }
}
