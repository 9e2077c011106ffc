import CanonicalJSON

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
                    .object([
                        "taskId": .string(task.taskId),
                        "unitId": .string(task.unitId),
                        "unitName": task.unitName.map { .string($0) } ?? .null,
                        "title": .string(task.title),
                        "deadline": .string(task.deadline.description),
                        "daysOverdue": .number(Double(task.daysOverdue)),
                    ])
                }
            ),
            "overdueBuckets": .object([
                "1-30": .number(Double(overdueBuckets.days1To30)),
                "31-90": .number(Double(overdueBuckets.days31To90)),
                "over90": .number(Double(overdueBuckets.over90Days)),
            ]),
            "dueSoon": .array(
                dueSoon.map { task in
                    .object([
                        "taskId": .string(task.taskId),
                        "unitId": .string(task.unitId),
                        "unitName": task.unitName.map { .string($0) } ?? .null,
                        "title": .string(task.title),
                        "deadline": .string(task.deadline.description),
                        "daysLeft": .number(Double(task.daysLeft)),
                    ])
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
}
