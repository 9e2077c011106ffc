import CanonicalJSON
import Domain

/// Figures that can be summed, so that `rollup=successor` adds a merged unit's counts into its successor's.
protocol SummableFigures {
    init()
    mutating func add(_ other: Self)
}

extension StatusCounts: SummableFigures {}
extension ScoreFigures: SummableFigures {}

/// One unit's row in a report (SPEC §5 "Common to both").
public struct UnitRow<Figures: Hashable & Sendable>: Hashable, Sendable {
    public var unitId: String
    /// The name as of the cutoff.
    public var name: String
    /// The direct successor of a merged unit; `nil` while active (always `nil` with `rollup=successor`).
    public var mergedInto: String?
    /// With `rollup=successor`: the merged units whose figures were added into this row, in code-point order.
    public var mergedUnits: [String]
    public var figures: Figures

    public init(unitId: String, name: String, mergedInto: String?, mergedUnits: [String], figures: Figures) {
        self.unitId = unitId
        self.name = name
        self.mergedInto = mergedInto
        self.mergedUnits = mergedUnits
        self.figures = figures
    }

    /// The members every unit row carries, to which the report adds its figures.
    func jsonMembers(rollup: Rollup) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "unitId": .string(unitId),
            "name": .string(name),
            "mergedInto": mergedInto.map { .string($0) } ?? .null,
        ]
        if rollup == .successor {
            members["mergedUnits"] = .array(mergedUnits.map { .object(["unitId": .string($0)]) })
        }
        return members
    }
}

extension UnitRow where Figures: SummableFigures {
    /// A row for every unit registered as of the cutoff, in code-point order of `unitId`.
    ///
    /// `figuresByUnit` is keyed by the lead unit in the state (already after reassignments and merges). With
    /// `rollup=successor`, a merged unit's figures are added into the active unit at the end of its merge chain,
    /// which lists it; the merged unit has no row.
    static func rows(of state: LedgerState, figuresByUnit: [String: Figures], rollup: Rollup) -> [UnitRow] {
        var rows: [String: UnitRow] = [:]
        rows.reserveCapacity(state.units.count)
        for unit in state.units.values where rollup == .none || unit.isActive {
            rows[unit.id] = UnitRow(
                unitId: unit.id,
                name: unit.name,
                mergedInto: unit.mergedInto,
                mergedUnits: [],
                figures: figuresByUnit[unit.id] ?? Figures()
            )
        }
        if rollup == .successor {
            for unit in state.units.values where !unit.isActive {
                let end = state.endOfMergeChain(unit.id)
                guard rows[end] != nil else { continue }
                rows[end]?.mergedUnits.append(unit.id)
                if let figures = figuresByUnit[unit.id] { rows[end]?.figures.add(figures) }
            }
        }
        var ordered = Array(rows.values)
        ordered.sort { codePointPrecedes($0.unitId, $1.unitId) }
        for index in ordered.indices { ordered[index].mergedUnits.sort(by: codePointPrecedes) }
        return ordered
    }
}
