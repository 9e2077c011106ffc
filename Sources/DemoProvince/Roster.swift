import ProvinceTime

/// A unit as the generator tracks it: whether it can take tasks, who belongs to it, who heads it.
struct UnitRecord {
    var spec: UnitSpec
    /// Before this day it exists on paper only (a successor registered ahead of its merge) and takes no tasks.
    var operationalFrom: LocalDate
    var mergedInto: String?
    /// Members in registration or transfer order.
    var members: [String] = []
    var headPersonId: String?
    /// Weight of the unit when a lead is drawn.
    var leadWeight: Double

    var isActive: Bool { mergedInto == nil }
}

/// A person as the generator tracks them.
struct PersonRecord {
    var unitId: String
    var title: String
}
