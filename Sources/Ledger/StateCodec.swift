import Domain
import ProvinceTime

/// The binary form of a `LedgerState` inside a snapshot (`docs/snapshots.md`), written by hand: a snapshot of
/// millions of tasks must be written and loaded in about a second, which rules out `JSONEncoder` and friends.
///
/// Deterministic: dictionaries are written in key order and sets sorted, so one state always gives the same
/// bytes (and the same checksum). `decode(encode(s)) == s` for every state; a field added to the state types
/// must be added here too, and `Snapshot.projectionVersion` bumped, or old snapshots would be misread.
public enum StateCodec {
    /// The state's bytes (without the snapshot header or checksum).
    public static func encode(_ state: LedgerState) -> [UInt8] {
        var w = StateWriter(capacity: 64 + state.tasks.count * 256)
        encode(state, into: &w)
        return w.bytes
    }

    /// Appends the state's bytes to `w` (a snapshot record writes its header first, so the state is never copied).
    static func encode(_ state: LedgerState, into w: inout StateWriter) {
        w.varint(state.lastSeq)
        w.optional(state.lastRecordedAt) { $0.instant($1) }
        w.count(state.units.count)
        for key in state.units.keys.sorted() {
            guard let unit = state.units[key] else { continue }
            w.key(key, id: unit.id)
            w.unit(unit)
        }
        w.count(state.people.count)
        for key in state.people.keys.sorted() {
            guard let person = state.people[key] else { continue }
            w.key(key, id: person.id)
            w.string(person.name)
            w.string(person.unitId)
            w.optional(person.title) { $0.string($1) }
        }
        w.count(state.tasks.count)
        for key in state.tasks.keys.sorted() {
            guard let task = state.tasks[key] else { continue }
            w.key(key, id: task.id)
            w.task(task)
        }
        w.count(state.policies.count)
        for policy in state.policies { w.policy(policy) }
        w.count(state.tokens.count)
        for key in state.tokens.keys.sorted() {
            guard let token = state.tokens[key] else { continue }
            w.key(key, id: token.id)
            w.string(token.name)
            w.string(token.role.rawValue)
            w.optional(token.unitId) { $0.string($1) }
            w.bool(token.revoked)
        }
        w.count(state.taskIdsByLeadUnit.count)
        for unitId in state.taskIdsByLeadUnit.keys.sorted() {
            let ids = state.taskIdsByLeadUnit[unitId] ?? []
            w.string(unitId)
            w.count(ids.count)
            for id in ids.sorted() { w.string(id) }
        }
    }

    /// Reads a state written by `encode`; every byte must be used.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(StateCodecError) -> LedgerState {
        var r = StateReader(bytes)
        var state = LedgerState()
        state.lastSeq = try r.varint()
        state.lastRecordedAt = try r.optional { r throws(StateCodecError) in try r.instant() }
        var n = try r.count()
        state.units.reserveCapacity(n)
        for _ in 0..<n {
            let (key, id) = try r.key()
            state.units[key] = try r.unit(id: id)
        }
        n = try r.count()
        state.people.reserveCapacity(n)
        for _ in 0..<n {
            let (key, id) = try r.key()
            let name = try r.string()
            let unitId = try r.string()
            let title = try r.optional { r throws(StateCodecError) in try r.string() }
            state.people[key] = PersonState(id: id, name: name, unitId: unitId, title: title)
        }
        n = try r.count()
        state.tasks.reserveCapacity(n)
        for _ in 0..<n {
            let (key, id) = try r.key()
            state.tasks[key] = try r.task(id: id)
        }
        n = try r.count()
        state.policies.reserveCapacity(n)
        for _ in 0..<n { state.policies.append(try r.policy()) }
        n = try r.count()
        state.tokens.reserveCapacity(n)
        for _ in 0..<n {
            let (key, id) = try r.key()
            let name = try r.string()
            let role = try r.enumeration(Role.self)
            let unitId = try r.optional { r throws(StateCodecError) in try r.string() }
            let revoked = try r.bool()
            state.tokens[key] = TokenState(id: id, name: name, role: role, unitId: unitId, revoked: revoked)
        }
        n = try r.count()
        state.taskIdsByLeadUnit.reserveCapacity(n)
        for _ in 0..<n {
            let unitId = try r.string()
            let m = try r.count()
            var ids = Set<String>(minimumCapacity: m)
            for _ in 0..<m { ids.insert(try r.string()) }
            state.taskIdsByLeadUnit[unitId] = ids
        }
        guard r.isAtEnd else { throw .malformed(offset: r.offset, "bytes left after the state") }
        return state
    }
}

// MARK: - The state's parts

extension StateWriter {
    /// A dictionary key and the id inside its value: equal in every state `apply` builds, so the id is written
    /// once (flag 0); a hand-built state where they differ keeps both (flag 1).
    fileprivate mutating func key(_ key: String, id: String) {
        string(key)
        if key == id {
            byte(0)
        } else {
            byte(1)
            string(id)
        }
    }

    fileprivate mutating func instant(_ t: Instant) { signed(t.millisecondsSinceEpoch) }

    fileprivate mutating func date(_ d: LocalDate) { signed(Int64(d.dayNumber)) }

    fileprivate mutating func document(_ d: DocumentRef) {
        string(d.number)
        date(d.date)
        optional(d.signer) { $0.string($1) }
    }

    fileprivate mutating func unit(_ u: UnitState) {
        string(u.name)
        string(u.kind.rawValue)
        optional(u.parentUnitId) { $0.string($1) }
        instant(u.registeredAt)
        optional(u.mergedInto) { $0.string($1) }
        optional(u.mergedAt) { $0.instant($1) }
        count(u.headAppointments.count)
        for a in u.headAppointments {
            string(a.unitId)
            string(a.personId)
            date(a.from)
            varint(a.seq)
        }
    }

    fileprivate mutating func task(_ t: TaskState) {
        string(t.issuer.rawValue)
        document(t.sourceDocument)
        string(t.title)
        optional(t.details) { $0.string($1) }
        optional(t.field) { $0.string($1) }
        string(t.leadUnitId)
        count(t.coordinatingUnitIds.count)
        for id in t.coordinatingUnitIds { string(id) }
        optional(t.assigneePersonId) { $0.string($1) }
        date(t.originalDeadline)
        date(t.deadline)
        instant(t.assignedAt)
        varint(t.assignedSeq)
        optional(t.reportDocument) { w, report in
            w.document(report.document)
            w.string(report.unitId)
            w.optional(report.summary) { $0.string($1) }
            w.instant(report.recordedAt)
            w.varint(report.seq)
        }
        optional(t.result) { w, result in
            w.string(result.text)
            w.string(result.unitId)
            w.instant(result.recordedAt)
            w.varint(result.seq)
        }
        optional(t.grade) { $0.string($1.rawValue) }
        optional(t.withdrawnAt) { $0.instant($1) }
        // A task's history is a rising run of seqs: deltas keep each to a byte or two.
        count(t.eventSeqs.count)
        var previous: UInt64 = 0
        for seq in t.eventSeqs {
            signed(Int64(bitPattern: seq &- previous))
            previous = seq
        }
    }

    fileprivate mutating func policy(_ p: ScoringPolicy) {
        string(p.policyId)
        signed(Int64(p.appliesFromYear))
        signed(p.onTime.tenThousandths)
        signed(p.late.tenThousandths)
        signed(p.overdue.tenThousandths)
        count(p.bands.count)
        for band in p.bands {
            signed(band.min.tenThousandths)
            string(band.label)
        }
        varint(p.seq)
    }
}

extension StateReader {
    fileprivate mutating func key() throws(StateCodecError) -> (key: String, id: String) {
        let key = try string()
        switch try byte() {
        case 0: return (key, key)
        case 1: return (key, try string())
        default: throw .malformed(offset: offset - 1, "a key flag is neither 0 nor 1")
        }
    }

    fileprivate mutating func instant() throws(StateCodecError) -> Instant { Instant(millisecondsSinceEpoch: try signed()) }

    fileprivate mutating func date() throws(StateCodecError) -> LocalDate { LocalDate(dayNumber: try int()) }

    fileprivate mutating func enumeration<E: RawRepresentable>(_ type: E.Type) throws(StateCodecError) -> E where E.RawValue == String {
        let raw = try string()
        guard let value = E(rawValue: raw) else { throw .malformed(offset: offset, "unknown \(E.self) \(raw)") }
        return value
    }

    fileprivate mutating func document() throws(StateCodecError) -> DocumentRef {
        let number = try string()
        let date = try date()
        let signer = try optional { r throws(StateCodecError) in try r.string() }
        return DocumentRef(number: number, date: date, signer: signer)
    }

    fileprivate mutating func unit(id: String) throws(StateCodecError) -> UnitState {
        let name = try string()
        let kind = try enumeration(UnitKind.self)
        let parent = try optional { r throws(StateCodecError) in try r.string() }
        var unit = UnitState(id: id, name: name, kind: kind, parentUnitId: parent, registeredAt: try instant())
        unit.mergedInto = try optional { r throws(StateCodecError) in try r.string() }
        unit.mergedAt = try optional { r throws(StateCodecError) in try r.instant() }
        let n = try count()
        unit.headAppointments.reserveCapacity(n)
        for _ in 0..<n {
            let unitId = try string()
            let personId = try string()
            let from = try date()
            unit.headAppointments.append(HeadAppointment(unitId: unitId, personId: personId, from: from, seq: try varint()))
        }
        return unit
    }

    fileprivate mutating func task(id: String) throws(StateCodecError) -> TaskState {
        let issuer = try enumeration(Issuer.self)
        let source = try document()
        let title = try string()
        let details = try optional { r throws(StateCodecError) in try r.string() }
        let field = try optional { r throws(StateCodecError) in try r.string() }
        let lead = try string()
        let n = try count()
        var coordinating: [String] = []
        coordinating.reserveCapacity(n)
        for _ in 0..<n { coordinating.append(try string()) }
        let assignee = try optional { r throws(StateCodecError) in try r.string() }
        let originalDeadline = try date()
        let deadline = try date()
        let assignedAt = try instant()
        let assignedSeq = try varint()
        var task = TaskState(
            id: id,
            issuer: issuer,
            sourceDocument: source,
            title: title,
            details: details,
            field: field,
            leadUnitId: lead,
            coordinatingUnitIds: coordinating,
            assigneePersonId: assignee,
            deadline: originalDeadline,
            assignedAt: assignedAt,
            assignedSeq: assignedSeq
        )
        task.deadline = deadline
        task.reportDocument = try optional { r throws(StateCodecError) in
            let document = try r.document()
            let unitId = try r.string()
            let summary = try r.optional { r throws(StateCodecError) in try r.string() }
            let recordedAt = try r.instant()
            return SubmittedReport(document: document, unitId: unitId, summary: summary, recordedAt: recordedAt, seq: try r.varint())
        }
        task.result = try optional { r throws(StateCodecError) in
            let text = try r.string()
            let unitId = try r.string()
            let recordedAt = try r.instant()
            return EnteredResult(text: text, unitId: unitId, recordedAt: recordedAt, seq: try r.varint())
        }
        task.grade = try optional { r throws(StateCodecError) in try r.enumeration(Grade.self) }
        task.withdrawnAt = try optional { r throws(StateCodecError) in try r.instant() }
        let m = try count()
        var seqs: [UInt64] = []
        seqs.reserveCapacity(m)
        var previous: UInt64 = 0
        for _ in 0..<m {
            previous &+= UInt64(bitPattern: try signed())
            seqs.append(previous)
        }
        task.eventSeqs = seqs
        return task
    }

    fileprivate mutating func policy() throws(StateCodecError) -> ScoringPolicy {
        let policyId = try string()
        let year = try int()
        let onTime = Decimal4(tenThousandths: try signed())
        let late = Decimal4(tenThousandths: try signed())
        let overdue = Decimal4(tenThousandths: try signed())
        let n = try count()
        var bands: [ScoreBand] = []
        bands.reserveCapacity(n)
        for _ in 0..<n {
            let min = Decimal4(tenThousandths: try signed())
            bands.append(ScoreBand(min: min, label: try string()))
        }
        return ScoringPolicy(
            policyId: policyId,
            appliesFromYear: year,
            onTime: onTime,
            late: late,
            overdue: overdue,
            bands: bands,
            seq: try varint()
        )
    }
}
