import CanonicalJSON
import ProvinceTime

extension MonthlyReport {
    /// The SPEC §5 monthly shape. Deterministic: every array is in a defined order and objects are unordered
    /// maps that the canonical encoder sorts.
    public func json() -> JSONValue {
        .object([
            "kind": .string("monthly"),
            "from": .string(from.description),
            "to": .string(to.description),
            "cutoff": cutoff.json,
            "merkle": cutoff.merkleJSON,
            "rollup": .string(rollup.rawValue),
            "units": .array(units.map { row in .object(row.jsonMembers(rollup: rollup).merging(row.figures.jsonMembers) { _, new in new }) }),
            "totals": .object(totals.jsonMembers),
            "overdue": .array(
                overdue.map { task in
                    Self.listItem(task.taskId, task.unitId, task.unitName, task.title, task.deadline, ("daysOverdue", task.daysOverdue))
                }
            ),
            "overdueBuckets": .object([
                "1-30": .number(Double(overdueBuckets.days1To30)),
                "31-90": .number(Double(overdueBuckets.days31To90)),
                "over90": .number(Double(overdueBuckets.over90Days)),
            ]),
            "dueSoon": .array(
                dueSoon.map { task in
                    Self.listItem(task.taskId, task.unitId, task.unitName, task.title, task.deadline, ("daysLeft", task.daysLeft))
                }
            ),
            "entryLag": .object([
                "measured": .number(Double(entryLag.measured)),
                "median": entryLag.median.json,
                "max": entryLag.max.map { .number(Double($0)) } ?? .null,
                "over1Day": .number(Double(entryLag.over1Day)),
            ]),
        ])
    }

    /// One item of the `overdue` or `dueSoon` list: the task, its lead unit, its deadline, and the list's own count
    /// of days (`daysOverdue` or `daysLeft`).
    static func listItem(
        _ taskId: String,
        _ unitId: String,
        _ unitName: String?,
        _ title: String,
        _ deadline: LocalDate,
        _ days: (key: String, value: Int)
    ) -> JSONValue {
        .object([
            "taskId": .string(taskId),
            "unitId": .string(unitId),
            "unitName": unitName.map { .string($0) } ?? .null,
            "title": .string(title),
            "deadline": .string(deadline.description),
            days.key: .number(Double(days.value)),
        ])
    }
}
