import CanonicalJSON
import LMDB
import Merkle

/// The outcome of `EventLog.verify`: how many events were checked and the head they lead to.
public struct VerifyReport: Hashable, Sendable {
    public var events: UInt64
    public var head: LogHead
}

/// The first fault `verify` found: the `seq` it is at (when it belongs to one event) and what is wrong.
public struct VerifyFault: Error, Hashable, Sendable, CustomStringConvertible {
    public var seq: UInt64?
    public var message: String
    public init(seq: UInt64?, message: String) {
        self.seq = seq
        self.message = message
    }
    public var description: String { seq.map { "seq \($0): \(message)" } ?? message }
}

extension EventLog {
    /// Checks the whole log from what is on disk: every stored hash is the SHA-256 of the stored canonical bytes,
    /// those bytes are the canonical encoding of a well-formed envelope whose `seq` is its key, `seq` runs 1, 2, 3…
    /// without gaps, each `prev` is the previous `hash`, each stream's versions run 1, 2, 3…, and the indexes
    /// (stream events, stream heads, command ids, the head record) agree with the events. Throws the first fault.
    public func verify(extraCheck: ((Envelope, LogReader) throws -> Void)? = nil) throws -> VerifyReport {
        try read { reader in
            var expected: UInt64 = 1
            var prev = Digest.zero
            var versions: [String: UInt64] = [:]
            var commandCount = 0
            var merklePath: [MerkleHash] = []
            try reader.forEachRawEvent { seq, hash, canonical in
                guard seq == expected else {
                    throw VerifyFault(seq: expected, message: "missing: the next stored event is seq \(seq)")
                }
                guard Digest.sha256(canonical).bytes.elementsEqual(hash) else {
                    throw VerifyFault(seq: seq, message: "the stored hash is not the SHA-256 of the stored event bytes")
                }
                let envelope: Envelope
                do {
                    envelope = try LogReader.decode(seq: seq, hash: hash, canonical: canonical)
                } catch {
                    throw VerifyFault(seq: seq, message: "\(error)")
                }
                guard envelope.seq == seq else {
                    throw VerifyFault(seq: seq, message: "the envelope says seq \(envelope.seq)")
                }
                guard envelope.prev == prev else {
                    throw VerifyFault(seq: seq, message: "prev is not the hash of seq \(seq - 1)")
                }
                guard envelope.canonicalBytesWithoutHash.elementsEqual(canonical) else {
                    throw VerifyFault(seq: seq, message: "the stored bytes are not in canonical form")
                }
                let version = (versions[envelope.stream] ?? 0) + 1
                guard envelope.version == version else {
                    throw VerifyFault(seq: seq, message: "stream \(envelope.stream) has version \(envelope.version), expected \(version)")
                }
                versions[envelope.stream] = version
                guard let indexed = try reader.txn.get(streamEvents, key: Keys.streamEvent(envelope.stream, version)),
                    indexed.count == 8, Keys.readBE64(indexed, at: 0) == seq
                else {
                    throw VerifyFault(seq: seq, message: "the stream index does not point at this event")
                }
                if let commandId = envelope.commandId {
                    guard try reader.seq(forCommandId: commandId) == seq else {
                        throw VerifyFault(seq: seq, message: "the commandId index does not point at this event")
                    }
                    commandCount += 1
                }
                try Self.checkMerkle(seq: seq, hash: envelope.hash, reader: reader, path: &merklePath)
                try extraCheck?(envelope, reader)
                prev = envelope.hash
                expected += 1
                return true
            }
            let last = expected - 1
            let head = try reader.head
            guard head.seq == last, head.hash == prev else {
                throw VerifyFault(seq: nil, message: "the head record (seq \(head.seq)) does not match the last event (seq \(last))")
            }
            guard try reader.txn.count(streamEvents) == Int(last) else {
                throw VerifyFault(seq: nil, message: "the stream index holds entries for events that do not exist")
            }
            guard try reader.txn.count(streamHeads) == versions.count else {
                throw VerifyFault(seq: nil, message: "the stream heads name streams that have no events")
            }
            for (stream, version) in versions where try reader.streamVersion(stream) != version {
                throw VerifyFault(seq: nil, message: "the head of stream \(stream) is not its last version \(version)")
            }
            guard try reader.txn.count(merkle) == Self.merkleNodeCount(treeSize: last) else {
                throw VerifyFault(seq: nil, message: "the Merkle tree holds nodes for events that do not exist")
            }
            guard try reader.txn.count(commands) == commandCount else {
                throw VerifyFault(seq: nil, message: "the commandId index holds entries for events that do not exist")
            }
            return VerifyReport(events: last, head: head)
        }
    }

    /// Recomputes the perfect subtrees that event `seq` completes from the event hashes themselves (keeping the
    /// left siblings on a stack) and compares each with the stored node: a rewritten tree is caught at the event.
    static func checkMerkle(seq: UInt64, hash: Digest, reader: LogReader, path: inout [MerkleHash]) throws {
        var node = MerkleTree.leafHash(hash.bytes)
        var level = 0
        var index = seq - 1
        while true {
            guard let stored = try reader.storedMerkleNode(level: level, index: index), stored == node.bytes else {
                throw VerifyFault(seq: seq, message: "Merkle node (level \(level), index \(index)) does not match the events")
            }
            guard index & 1 == 1, let left = path.popLast() else { break }
            node = MerkleTree.nodeHash(left, node)
            level += 1
            index >>= 1
        }
        path.append(node)
    }

    /// How many perfect-subtree nodes a tree of `n` leaves has: n at level 0, n/2 at level 1, …
    static func merkleNodeCount(treeSize n: UInt64) -> Int {
        var total: UInt64 = 0
        var size = n
        while size > 0 {
            total += size
            size >>= 1
        }
        return Int(total)
    }
}
