import CanonicalJSON
import Domain
import EventLog
import Foundation
import ProvinceTime

/// Folding stored events into a `LedgerState`: the one code path shared by the live state, `rebuild`,
/// as-of reports and snapshots, so they cannot disagree.
enum Replay {
    /// Folds events `state.lastSeq + 1 … through` from `reader` into `state`.
    ///
    /// Each event is read from its stored bytes through a `JSONTape` (`LogReader.forEachStoredEvent`), never
    /// as a `JSONValue` tree: the same checks as `LogReader.decode` and `DomainEvent.decode(type:schema:payload:)`,
    /// without their allocations.
    ///
    /// A replay of at least `pipelineThreshold` events, on a machine with more than one core, decodes on a second
    /// thread while this one applies (`ReplayPipeline`), with the same result.
    static func catchUp(_ state: inout LedgerState, through: UInt64, reader: LogReader, pipelineThreshold: UInt64 = 20_000) throws {
        guard state.lastSeq < through else { return }
        if through - state.lastSeq >= pipelineThreshold && ProcessInfo.processInfo.activeProcessorCount > 1 {
            return try ReplayPipeline.catchUp(&state, through: through, reader: reader)
        }
        try reader.forEachStoredEvent(from: state.lastSeq + 1, to: through) { envelope in
            let (event, actor) = try decode(envelope)
            state.apply(event, seq: envelope.seq, recordedAt: envelope.recordedAt, actor: actor)
            return true
        }
    }

    /// The typed event and actor of a stored envelope read from its tape.
    static func decode(_ envelope: EnvelopeFields<JSONTapeNode>) throws -> (event: DomainEvent, actor: Actor) {
        try decode(seq: envelope.seq, actor: envelope.actor) { () throws(Refusal) in
            try DomainEvent.decode(type: envelope.type, schema: envelope.schema, payload: envelope.payload)
        }
    }

    /// The typed event and actor of one stored envelope (`seq` and `actor` as it records them), the event read by
    /// `decodeEvent`. A stored event that the domain cannot read means the log and this program disagree: it is
    /// reported with its seq, never skipped.
    static func decode(
        seq: UInt64,
        actor: EventActor,
        _ decodeEvent: () throws(Refusal) -> DomainEvent
    ) throws -> (event: DomainEvent, actor: Actor) {
        let event: DomainEvent
        do {
            event = try decodeEvent()
        } catch {
            throw LogError.corruptEvent(seq: seq, reason: "the domain cannot read it: \(error)")
        }
        guard let role = Role(rawValue: actor.role) else {
            throw LogError.corruptEvent(seq: seq, reason: "unknown actor role \(actor.role)")
        }
        return (event, Actor(role: role, unitId: actor.unitId, tokenId: actor.tokenId))
    }
}
