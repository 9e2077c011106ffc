import CanonicalJSON
import Domain
import EventLog
import Foundation
import ProvinceTime
import Testing

@testable import Ledger

/// Replay reads stored events from a `JSONTape` (`Replay.catchUp`); before, it built a `JSONValue` tree
/// (`LogReader.decode` → `Envelope` → `DomainEvent.decode(type:schema:payload:)`). These tests hold the two
/// together on real LMDB: the same event, seq, recordedAt and actor for every stored event, the same error for
/// every damaged one, and the same folded state.
struct ReplayDecoderTests {
    /// What replay takes from one stored event.
    struct Decoded: Equatable {
        var seq: UInt64
        var event: DomainEvent
        var recordedAt: Instant
        var actor: Actor
    }

    /// An event read, or the error that refused it.
    enum Outcome: Equatable {
        case decoded(Decoded)
        case refused(String)
    }

    /// The tree path, as replay took it before the tape (`LogReader.decode`, then the payload read from a
    /// `JSONValue`): the reference.
    static func treeDecode(_ reader: LogReader, seq: UInt64) -> Outcome {
        outcome(seq) {
            guard let envelope = try reader.event(seq) else { return nil }
            let (event, actor) = try Replay.decode(seq: envelope.seq, actor: envelope.actor) { () throws(Refusal) in
                try DomainEvent.decode(type: envelope.type, schema: envelope.schema, payload: envelope.payload)
            }
            return Decoded(seq: envelope.seq, event: event, recordedAt: envelope.recordedAt, actor: actor)
        }
    }

    /// The tape path replay takes now.
    static func tapeDecode(_ reader: LogReader, seq: UInt64) -> Outcome {
        outcome(seq) {
            var decoded: Decoded?
            try reader.forEachStoredEvent(from: seq, to: seq) { envelope in
                let (event, actor) = try Replay.decode(envelope)
                decoded = Decoded(seq: envelope.seq, event: event, recordedAt: envelope.recordedAt, actor: actor)
                return true
            }
            return decoded
        }
    }

    static func outcome(_ seq: UInt64, _ read: () throws -> Decoded?) -> Outcome {
        do {
            return try read().map { .decoded($0) } ?? .refused("no event \(seq)")
        } catch {
            return .refused("\(error)")
        }
    }

    /// Stores each text as the event at seq 1, 2, 3, … of a fresh log, through LMDB itself (a zero hash: replay
    /// does not check hashes, `verify` does), and hands `body` a reader.
    static func withStoredEvents<Result>(_ texts: [[UInt8]], _ body: (LogReader) throws -> Result) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = try EventLog(directory: dir)
        let events = try log.database("events")
        try log.environment.write { txn in
            for (offset, text) in texts.enumerated() {
                let key = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(offset + 1) >> (8 * (7 - UInt64($0)))) }
                try txn.put(events, key: key, value: [UInt8](repeating: 0, count: 32) + text)
            }
        }
        return try log.read(body)
    }

    /// Every event of the demo province (every type, real Vietnamese text) decodes the same both ways, and the
    /// state folded from the tape equals the state folded from trees.
    @Test func demoProvinceDecodesAndFoldsTheSame() throws {
        let (ledger, dir) = try demoLedger(seed: 5, scale: 0.08)
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        try ledger.log.read { reader in
            let head = try reader.head
            #expect(head.seq > 1_000)
            var types = Set<String>()
            var treeState = LedgerState()
            for seq in 1...head.seq {
                let tree = Self.treeDecode(reader, seq: seq)
                #expect(tree == Self.tapeDecode(reader, seq: seq), "seq \(seq)")
                guard case .decoded(let decoded) = tree else { continue }
                types.insert(try #require(try reader.event(seq)).type)
                treeState.apply(decoded.event, seq: decoded.seq, recordedAt: decoded.recordedAt, actor: decoded.actor)
            }
            // Every type but the token events, which the demo does not write (the hostile table has them).
            #expect(types == Set(EventType.allCases.map(\.rawValue)).subtracting(["TokenIssued", "TokenRevoked"]))
            var tapeState = LedgerState()
            try Replay.catchUp(&tapeState, through: head.seq, reader: reader)
            #expect(tapeState.lastSeq == head.seq)
            #expect(tapeState == treeState)
            // Folding in two steps reaches the same state as one.
            var stepped = LedgerState()
            try Replay.catchUp(&stepped, through: head.seq / 2, reader: reader)
            try Replay.catchUp(&stepped, through: head.seq, reader: reader)
            #expect(stepped == treeState)
        }
    }

    /// Hand-written events of every type, each then changed member by member (removed, `null`, of every other
    /// JSON type, escaped, with unknown members), and envelopes changed likewise: the tape gives exactly what
    /// the tree gives, accepted or refused, with the same error.
    @Test func hostileEventsDecodeTheSame() throws {
        let texts = HostileEvents.all()
        #expect(texts.count > 1_000)
        try Self.withStoredEvents(texts) { reader in
            var accepted = 0
            for seq in 1...UInt64(texts.count) {
                let tree = Self.treeDecode(reader, seq: seq)
                let tape = Self.tapeDecode(reader, seq: seq)
                #expect(tree == tape, "\(String(decoding: texts[Int(seq) - 1], as: UTF8.self))")
                if case .decoded = tree { accepted += 1 }
            }
            // Both kinds occur: the table is not all refusals (nor all acceptances).
            #expect(accepted > 100)
            #expect(accepted < texts.count - 100)
        }
    }

    /// Damaged stored bytes: each is refused as a `LogError.corruptEvent` naming its seq (never a trap), with
    /// the tree decoder's error; and `catchUp` stops at it after folding the events before it.
    @Test(arguments: HostileEvents.damaged)
    func damagedBytesAreRefusedWithTheirSeq(damage: HostileEvents.Damage) throws {
        let good = Array(
            HostileEvents.event(seq: 1, type: "UnitRegistered", payload: #"{"kind":"department","name":"Sở Xây dựng","unitId":"SXD"}"#).utf8
        )
        try Self.withStoredEvents([good, damage.bytes]) { reader in
            let tape = Self.tapeDecode(reader, seq: 2)
            #expect(tape == Self.treeDecode(reader, seq: 2))
            guard case .refused(let message) = tape else {
                Issue.record("accepted: \(damage.name)")
                return
            }
            #expect(message.hasPrefix("event seq 2 is unreadable"), "\(damage.name): \(message)")
            var state = LedgerState()
            #expect {
                try Replay.catchUp(&state, through: 2, reader: reader)
            } throws: { error in
                guard case .corruptEvent(let seq, _) = error as? LogError else { return false }
                return seq == 2
            }
            #expect(state.lastSeq == 1)
        }
    }
}
