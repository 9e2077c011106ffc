import Domain
import ProvinceTime

/// The binary form of a `LedgerState` inside a snapshot (`docs/snapshots.md`), written by hand: a snapshot of
/// millions of tasks must be written and loaded in about a second, which rules out `JSONEncoder` and friends.
///
/// Deterministic: dictionaries are written in key order and sets sorted, so one state always gives the same
/// bytes (and the same checksum). `decode(encode(s)) == s` for every state; a field added to the state types
/// must be added here too, and `Snapshot.projectionVersion` bumped, or old snapshots would be misread.
public enum StateCodec {
    /// Enum codes inside task rows, written as one byte rather than the raw value (two bytes less per task and
    /// field, on millions of tasks); fixed here, not by case order, so reordering cases changes nothing.
    static func issuerCode(_ issuer: Issuer) -> UInt8 {
        switch issuer {
        case .committee: 0
        case .chairman: 1
        }
    }

    static func issuer(code: UInt8) -> Issuer? {
        switch code {
        case 0: .committee
        case 1: .chairman
        default: nil
        }
    }

    /// 0 for no grade.
    static func gradeCode(_ grade: Grade?) -> UInt8 {
        switch grade {
        case nil: 0
        case .excellent: 1
        case .good: 2
        case .satisfactory: 3
        case .unsatisfactory: 4
        }
    }

    /// `.some(nil)` for code 0 (no grade); `nil` for an unknown code.
    static func grade(code: UInt8) -> Grade?? {
        switch code {
        case 0: .some(nil)
        case 1: .excellent
        case 2: .good
        case 3: .satisfactory
        case 4: .unsatisfactory
        default: nil
        }
    }

    /// The state's bytes (without the snapshot header or checksum).
    public static func encode(_ state: LedgerState) -> [UInt8] {
        var w = StateWriter(capacity: 64 + state.tasks.count * 48)
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
        // Tasks in row order (assignment order), their interned ids and coordinating lists in table order: these
        // orders are part of the value (`TaskTable`), so equal states still give equal bytes, and decoding sorts nothing.
        w.count(state.tasks.ids.count)
        for id in state.tasks.ids.strings { w.string(id) }
        w.count(state.tasks.coordinatingLists.count)
        for list in state.tasks.coordinatingLists.lists {
            w.count(list.count)
            for unit in list { w.varint(UInt64(unit)) }
        }
        w.count(state.tasks.count)
        for task in state.tasks.rows { w.task(task) }
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
        var ids: [String] = []
        ids.reserveCapacity(n)
        for _ in 0..<n { ids.append(try r.string()) }
        guard let interned = InternedIds(ids) else { throw .malformed(offset: r.offset, "a unit or person id repeats in the id table") }
        n = try r.count()
        var lists: [[UInt32]] = []
        lists.reserveCapacity(n)
        for _ in 0..<n {
            let m = try r.count()
            var list: [UInt32] = []
            list.reserveCapacity(m)
            for _ in 0..<m { list.append(try r.interned()) }
            lists.append(list)
        }
        guard let coordinatingLists = InternedLists(lists) else {
            throw .malformed(offset: r.offset, "the coordinating lists do not start empty, or one repeats")
        }
        n = try r.count()
        var rows = ContiguousArray<TaskRow>()
        rows.reserveCapacity(n)
        for _ in 0..<n { rows.append(try r.task()) }
        guard let tasks = TaskTable(ids: interned, coordinatingLists: coordinatingLists, rows: rows) else {
            throw .malformed(offset: r.offset, "a task id repeats, or a task names an id or a list outside the tables")
        }
        state.tasks = tasks
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

    fileprivate mutating func task(_ t: TaskRow) {
        string(t.id)
        byte(StateCodec.issuerCode(t.issuer))
        signed(Int64(t.sourceDocumentDay))
        varint(UInt64(t.lead))
        varint(UInt64(t.coordinatingList))
        index(t.assignee)
        signed(Int64(t.originalDeadlineDay))
        // Extensions are rare: the deadline as a difference from the original is usually one zero byte.
        signed(Int64(t.deadlineDay) - Int64(t.originalDeadlineDay))
        instant(t.assignedAt)
        varint(t.assignedSeq)
        seqs(t.correctionSeqs, after: t.assignedSeq)
        varint(t.reportSeq)
        if t.reportSeq != 0 {
            signed(Int64(t.reportDocumentDay))
            varint(UInt64(t.reportUnit))
            instant(t.reportRecordedAt)
        }
        varint(t.resultSeq)
        if t.resultSeq != 0 {
            varint(UInt64(t.resultUnit))
            instant(t.resultRecordedAt)
        }
        byte(StateCodec.gradeCode(t.grade))
        optional(t.withdrawnAt) { $0.instant($1) }
        seqs(t.mergeSeqs, after: t.assignedSeq)
    }

    /// An optional interned index: 0 for none, else the index + 1.
    fileprivate mutating func index(_ i: UInt32) { varint(i == InternedIds.none ? 0 : UInt64(i) + 1) }

    /// A run of seqs, each as the signed difference from the one before (the first from `base`): a task's seqs
    /// rise, so each is a byte or two.
    fileprivate mutating func seqs(_ values: [UInt64], after base: UInt64) {
        count(values.count)
        var previous = base
        for seq in values {
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

    fileprivate mutating func task() throws(StateCodecError) -> TaskRow {
        let id = try string()
        let issuerOffset = offset
        guard let issuer = StateCodec.issuer(code: try byte()) else { throw .malformed(offset: issuerOffset, "unknown issuer code") }
        let sourceDocumentDay = try day()
        let lead = try interned()
        let listOffset = offset
        guard let coordinatingList = UInt32(exactly: try varint()) else { throw .malformed(offset: listOffset, "a list index out of range") }
        let assignee = try optionalIndex()
        let originalDeadlineDay = try day()
        let deadlineDay = try day(Int64(originalDeadlineDay) + (try signed()))
        let assignedAt = try instant()
        let assignedSeq = try varint()
        let correctionSeqs = try seqs(after: assignedSeq)
        let reportSeq = try varint()
        var reportDocumentDay: Int32 = 0
        var reportUnit = InternedIds.none
        var reportRecordedAt = Instant(millisecondsSinceEpoch: 0)
        if reportSeq != 0 {
            reportDocumentDay = try day()
            reportUnit = try interned()
            reportRecordedAt = try instant()
        }
        let resultSeq = try varint()
        var resultUnit = InternedIds.none
        var resultRecordedAt = Instant(millisecondsSinceEpoch: 0)
        if resultSeq != 0 {
            resultUnit = try interned()
            resultRecordedAt = try instant()
        }
        let gradeOffset = offset
        guard let grade = StateCodec.grade(code: try byte()) else { throw .malformed(offset: gradeOffset, "unknown grade code") }
        let withdrawn = try optional { r throws(StateCodecError) in try r.signed() }
        return TaskRow(
            id: id,
            issuer: issuer,
            sourceDocumentDay: sourceDocumentDay,
            lead: lead,
            coordinatingList: coordinatingList,
            assignee: assignee,
            originalDeadlineDay: originalDeadlineDay,
            deadlineDay: deadlineDay,
            assignedAt: assignedAt,
            assignedSeq: assignedSeq,
            correctionSeqs: correctionSeqs,
            reportDocumentDay: reportDocumentDay,
            reportUnit: reportUnit,
            reportRecordedAt: reportRecordedAt,
            reportSeq: reportSeq,
            resultUnit: resultUnit,
            resultRecordedAt: resultRecordedAt,
            resultSeq: resultSeq,
            grade: grade,
            withdrawnAtMilliseconds: withdrawn ?? .min,
            mergeSeqs: try seqs(after: assignedSeq)
        )
    }

    /// A day number that must fit a row's 32 bits.
    fileprivate mutating func day(_ value: Int64? = nil) throws(StateCodecError) -> Int32 {
        let start = offset
        let v: Int64
        if let value { v = value } else { v = try signed() }
        guard let d = Int32(exactly: v) else { throw .malformed(offset: start, "a day number out of range") }
        return d
    }

    /// An interned index (a row's table checks it is in range).
    mutating func interned() throws(StateCodecError) -> UInt32 {
        let start = offset
        guard let i = UInt32(exactly: try varint()), i != InternedIds.none else { throw .malformed(offset: start, "an id index out of range") }
        return i
    }

    fileprivate mutating func optionalIndex() throws(StateCodecError) -> UInt32 {
        let start = offset
        let v = try varint()
        if v == 0 { return InternedIds.none }
        guard let i = UInt32(exactly: v - 1), i != InternedIds.none else { throw .malformed(offset: start, "an id index out of range") }
        return i
    }

    fileprivate mutating func seqs(after base: UInt64) throws(StateCodecError) -> [UInt64] {
        let n = try count()
        guard n > 0 else { return [] }
        var out: [UInt64] = []
        out.reserveCapacity(n)
        var previous = base
        for _ in 0..<n {
            previous &+= UInt64(bitPattern: try signed())
            out.append(previous)
        }
        return out
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
