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
    /// does not check hashes, `verify` does), then the `extra` entries as they are, and hands `body` a reader.
    static func withStoredEvents<Result>(
        _ texts: [[UInt8]],
        extra: [(key: [UInt8], value: [UInt8])] = [],
        _ body: (LogReader) throws -> Result
    ) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = try EventLog(directory: dir)
        let events = try log.database("events")
        try log.environment.write { txn in
            for (offset, text) in texts.enumerated() {
                try txn.put(events, key: key(UInt64(offset + 1)), value: [UInt8](repeating: 0, count: 32) + text)
            }
            for entry in extra { try txn.put(events, key: entry.key, value: entry.value) }
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

    /// Real stored events with random edits (a byte changed, removed or repeated; seeded, so a failure repeats):
    /// the tape gives exactly what the tree gives, accepted or refused, with the same error.
    @Test func editedDemoEventsDecodeTheSame() throws {
        let originals = try Self.demoEventBytes(seed: 7)
        var random = SeededRandom(seed: 0xDEC0DE)
        let alphabet = Array(#"{}[]":,.-0123456789eE tfnlu\"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBB, 0xC3, 0xE1, 0xED, 0xFF]
        var texts: [[UInt8]] = []
        for _ in 0..<3_000 {
            var bytes = originals.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(bytes[at], at: at)
                }
            }
            texts.append(bytes)
        }
        try Self.withStoredEvents(texts) { reader in
            var accepted = 0
            for seq in 1...UInt64(texts.count) {
                let tree = Self.treeDecode(reader, seq: seq)
                #expect(tree == Self.tapeDecode(reader, seq: seq), "\(String(decoding: texts[Int(seq) - 1], as: UTF8.self))")
                if case .decoded = tree { accepted += 1 }
            }
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

    /// The stored bytes of every event of a demo ledger, in seq order.
    static func demoEventBytes(seed: UInt64) throws -> [[UInt8]] {
        let (ledger, dir) = try demoLedger(seed: seed, scale: 0.08)
        defer {
            ledger.close()
            try? FileManager.default.removeItem(atPath: dir)
        }
        return try ledger.log.read { reader in
            var texts: [[UInt8]] = []
            try reader.forEachRawEvent { _, _, canonical in
                texts.append(Array(canonical))
                return true
            }
            return texts
        }
    }

    /// A replay on two threads (`ReplayPipeline`, here from the first event) folds the same state as one thread.
    @Test func pipelinedReplayFoldsTheSameState() throws {
        let texts = try Self.demoEventBytes(seed: 6)
        try Self.withStoredEvents(texts) { reader in
            let head = UInt64(texts.count)
            var sequential = LedgerState()
            try Replay.catchUp(&sequential, through: head, reader: reader, pipelineThreshold: .max)
            var pipelined = LedgerState()
            try ReplayPipeline.catchUp(&pipelined, through: head / 3, reader: reader)
            try ReplayPipeline.catchUp(&pipelined, through: head, reader: reader)
            #expect(pipelined.lastSeq == head)
            #expect(pipelined == sequential)
        }
    }

    /// A damaged event deep in a long replay, in the first and in a later batch, and a fault of the cursor
    /// itself: on two threads as on one, every event before it is applied, then the same error is thrown.
    @Test(arguments: [1, 700, 2_000])
    func pipelinedReplayStopsWhereSequentialStops(damagedSeq: Int) throws {
        var texts = try Self.demoEventBytes(seed: 6)
        texts[damagedSeq - 1] = Array(texts[damagedSeq - 1].dropLast())
        try Self.withStoredEvents(texts) { reader in
            func outcome(_ replay: (inout LedgerState) throws -> Void) -> (LedgerState, String) {
                var state = LedgerState()
                do {
                    try replay(&state)
                    return (state, "no error")
                } catch {
                    return (state, "\(error)")
                }
            }
            let head = UInt64(texts.count)
            let sequential = outcome { try Replay.catchUp(&$0, through: head, reader: reader, pipelineThreshold: .max) }
            let pipelined = outcome { try ReplayPipeline.catchUp(&$0, through: head, reader: reader) }
            #expect(sequential.1.hasPrefix("event seq \(damagedSeq) is unreadable"))
            #expect(pipelined.1 == sequential.1)
            #expect(pipelined.0.lastSeq == UInt64(damagedSeq - 1))
            #expect(pipelined.0 == sequential.0)
        }
    }

    /// A fault the cursor finds (a key that is not a seq) is reported after the events before it are applied.
    @Test func pipelinedReplayReportsACursorFaultAfterTheEventsBeforeIt() throws {
        let texts = try Self.demoEventBytes(seed: 6)
        // A nine-byte key sorts right after seq 1,500: the cursor refuses it there.
        let stray = (key: Self.key(1_500) + [0], value: [UInt8](repeating: 0, count: 40))
        try Self.withStoredEvents(texts, extra: [stray]) { reader in
            var sequential = LedgerState()
            var pipelined = LedgerState()
            #expect(throws: LogError.self) { try Replay.catchUp(&sequential, through: UInt64(texts.count), reader: reader, pipelineThreshold: .max) }
            #expect(throws: LogError.self) { try ReplayPipeline.catchUp(&pipelined, through: UInt64(texts.count), reader: reader) }
            #expect(sequential.lastSeq == 1_500)
            #expect(pipelined == sequential)
        }
    }

    static func key(_ seq: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: seq >> (8 * (7 - UInt64($0)))) } }
}
