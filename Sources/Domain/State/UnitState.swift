import ProvinceTime

/// The kinds of unit a task can be assigned to (SPEC §3 `UnitRegistered.kind`).
public enum UnitKind: String, CaseIterable, Hashable, Sendable {
    case department, agency, district, commune, other
}

/// A department, agency, district or commune as of the last folded event.
public struct UnitState: Hashable, Sendable {
    public var id: String
    /// The current name (after `UnitRenamed`).
    public var name: String
    public var kind: UnitKind
    public var parentUnitId: String?
    public var registeredAt: Instant
    /// The direct successor once merged away (`UnitMerged.intoUnitId`); `nil` while active.
    public var mergedInto: String?
    public var mergedAt: Instant?
    /// Head appointments in log order; `from` strictly increases (rule `headAppointmentNotLater`).
    public var headAppointments: [HeadAppointment] = []

    public init(id: String, name: String, kind: UnitKind, parentUnitId: String?, registeredAt: Instant) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentUnitId = parentUnitId
        self.registeredAt = registeredAt
    }

    public var isActive: Bool { mergedInto == nil }
}

/// One `HeadAppointed`: the person heads the unit from `from` until the day before the next appointment's `from`.
public struct HeadAppointment: Hashable, Sendable {
    public var unitId: String
    public var personId: String
    public var from: LocalDate
    public var seq: UInt64

    public init(unitId: String, personId: String, from: LocalDate, seq: UInt64) {
        self.unitId = unitId
        self.personId = personId
        self.from = from
        self.seq = seq
    }
}

extension LedgerState {
    /// The active unit at the end of `unitId`'s merge chain (itself when active).
    public func endOfMergeChain(_ unitId: String) -> String {
        var current = unitId
        var steps = 0
        while let next = units[current]?.mergedInto, steps <= units.count {
            current = next
            steps += 1
        }
        return current
    }
}
