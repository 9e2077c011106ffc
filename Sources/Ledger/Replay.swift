import Domain
import EventLog
import ProvinceTime

/// Folding stored events into a `LedgerState`: the one code path shared by the live state, `rebuild`,
/// as-of reports and snapshots, so they cannot disagree.
enum Replay {
    /// Folds one stored event in. A stored event that the domain cannot read means the log and this program
    /// disagree: it is reported with its seq, never skipped.
    static func fold(_ envelope: Envelope, into state: inout LedgerState) throws {
        let event: DomainEvent
        do {
            event = try DomainEvent.decode(type: envelope.type, schema: envelope.schema, payload: envelope.payload)
        } catch {
            throw LogError.corruptEvent(seq: envelope.seq, reason: "the domain cannot read it: \(error)")
        }
        guard let role = Role(rawValue: envelope.actor.role) else {
            throw LogError.corruptEvent(seq: envelope.seq, reason: "unknown actor role \(envelope.actor.role)")
        }
        let actor = Actor(role: role, unitId: envelope.actor.unitId, tokenId: envelope.actor.tokenId)
        state.apply(event, seq: envelope.seq, recordedAt: envelope.recordedAt, actor: actor)
    }

    /// Folds events `state.lastSeq + 1 … through` from `reader` into `state`.
    static func catchUp(_ state: inout LedgerState, through: UInt64, reader: LogReader) throws {
        guard state.lastSeq < through else { return }
        try reader.forEachEvent(from: state.lastSeq + 1, to: through) { envelope in
            try fold(envelope, into: &state)
            return true
        }
    }
}
