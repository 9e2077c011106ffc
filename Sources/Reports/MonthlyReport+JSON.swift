import CanonicalJSON
import ProvinceTime

extension MonthlyReport {
    /// The SPEC §5 monthly shape. Deterministic: every array is in a defined order and objects are unordered
    /// maps that the canonical encoder sorts.
    public func json() -> JSONValue {
        var members = membersWithoutLists()
        members["overdue"] = .array(
            overdue.map { task in
                Self.listItem(task.taskId, task.unitId, task.unitName, task.title, task.deadline, ("daysOverdue", task.daysOverdue))
            }
        )
        members["dueSoon"] = .array(
            dueSoon.map { task in
                Self.listItem(task.taskId, task.unitId, task.unitName, task.title, task.deadline, ("daysLeft", task.daysLeft))
            }
        )
        return .object(members)
    }

    /// The RFC 8785 bytes of `json()`, with the `overdue` and `dueSoon` items written straight into the buffer.
    ///
    /// The lists hold thousands of items at a province's scale (10,875 at a million events); building a dictionary
    /// per item and sorting its keys was half of a warm report's time. Their keys are fixed and written here already
    /// in canonical order; every string and number still goes through the canonical encoder, and the other members
    /// through `json()`'s own values. Top-level keys are ASCII, for which UTF-8 byte order is RFC 8785's UTF-16
    /// order. A test holds the two equal.
    public func canonicalJSON() -> [UInt8] {
        var members = membersWithoutLists()
        members["overdue"] = .null
        members["dueSoon"] = .null
        var out: [UInt8] = []
        out.reserveCapacity(4_096 + (overdue.count + dueSoon.count) * 200)
        out.append(UInt8(ascii: "{"))
        for (position, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.string(key).canonicalBytes(into: &out)
            out.append(UInt8(ascii: ":"))
            switch key {
            case "overdue":
                Self.appendList(overdue, to: &out) { ($0.taskId, $0.unitId, $0.unitName, $0.title, $0.deadline, ("daysOverdue", $0.daysOverdue)) }
            case "dueSoon":
                Self.appendList(dueSoon, to: &out) { ($0.taskId, $0.unitId, $0.unitName, $0.title, $0.deadline, ("daysLeft", $0.daysLeft)) }
            default:
                members[key]?.canonicalBytes(into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The members of `json()` but the two lists.
    private func membersWithoutLists() -> [String: JSONValue] {
        [
            "kind": .string("monthly"),
            "from": .string(from.description),
            "to": .string(to.description),
            "cutoff": cutoff.json,
            "merkle": cutoff.merkleJSON,
            "rollup": .string(rollup.rawValue),
            "units": .array(units.map { row in .object(row.jsonMembers(rollup: rollup).merging(row.figures.jsonMembers) { _, new in new }) }),
            "totals": .object(totals.jsonMembers),
            "overdueBuckets": .object([
                "1-30": .number(Double(overdueBuckets.days1To30)),
                "31-90": .number(Double(overdueBuckets.days31To90)),
                "over90": .number(Double(overdueBuckets.over90Days)),
            ]),
            "entryLag": .object([
                "measured": .number(Double(entryLag.measured)),
                "median": entryLag.median.json,
                "max": entryLag.max.map { .number(Double($0)) } ?? .null,
                "over1Day": .number(Double(entryLag.over1Day)),
            ]),
        ]
    }

    /// A list's items in canonical form: `{"<days key>":…,"deadline":…,"taskId":…,"title":…,"unitId":…,"unitName":…}`,
    /// keys in RFC 8785 order (both days keys sort before `deadline`), as `listItem` would encode.
    private static func appendList<Task>(
        _ tasks: [Task],
        to out: inout [UInt8],
        _ fields: (Task) -> (String, String, String?, String, LocalDate, (key: String, value: Int))
    ) {
        out.append(UInt8(ascii: "["))
        for (position, task) in tasks.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let (taskId, unitId, unitName, title, deadline, days) = fields(task)
            out.append(UInt8(ascii: "{"))
            JSONValue.string(days.key).canonicalBytes(into: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.number(Double(days.value)).canonicalBytes(into: &out)
            appendMember("deadline", .string(deadline.description), to: &out)
            appendMember("taskId", .string(taskId), to: &out)
            appendMember("title", .string(title), to: &out)
            appendMember("unitId", .string(unitId), to: &out)
            appendMember("unitName", unitName.map { .string($0) } ?? .null, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `,"key":value`, for a key that needs no escaping.
    private static func appendMember(_ key: String, _ value: JSONValue, to out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\"")])
        out.append(contentsOf: key.utf8)
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        value.canonicalBytes(into: &out)
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
