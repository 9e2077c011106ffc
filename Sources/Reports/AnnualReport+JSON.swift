import CanonicalJSON
import Domain

extension AnnualReport {
    /// The SPEC §5 annual shape. Deterministic: every array is in a defined order and objects are unordered
    /// maps that the canonical encoder sorts.
    public func json() -> JSONValue {
        .object([
            "kind": .string("annual"),
            "year": .number(Double(year)),
            "cutoff": cutoff.json,
            "merkle": cutoff.merkleJSON,
            "rollup": .string(rollup.rawValue),
            "policy": policy.json,
            "units": .array(
                units.map { row in
                    .object(row.jsonMembers(rollup: rollup).merging(row.figures.jsonMembers(under: policy)) { _, new in new })
                }
            ),
            "heads": .array(
                heads.map { head in
                    var members = head.figures.jsonMembers(under: policy)
                    members["unitId"] = .string(head.unitId)
                    members["personId"] = .string(head.personId)
                    members["personName"] = head.personName.map { .string($0) } ?? .null
                    members["from"] = .string(head.from.description)
                    members["to"] = head.to.map { .string($0.description) } ?? .null
                    return .object(members)
                }
            ),
            "people": .array(
                people.map { person in
                    var members = person.figures.jsonMembers(under: policy)
                    members["personId"] = .string(person.personId)
                    members["name"] = person.name.map { .string($0) } ?? .null
                    members["unitId"] = person.unitId.map { .string($0) } ?? .null
                    return .object(members)
                }
            ),
        ])
    }
}

extension Decimal4 {
    /// The JSON number (`0.85`, `90`): the nearest double to the exact decimal, printed back as that decimal.
    var json: JSONValue { .number(Double(tenThousandths) / 10_000) }
}

extension ScoringPolicy {
    /// `{"policyId","appliesFromYear","weights":{"onTime","late","overdue"},"bands":[{"min","label"}]}`,
    /// bands in published order: enough to recompute every score of the report.
    var json: JSONValue {
        .object([
            "policyId": .string(policyId),
            "appliesFromYear": .number(Double(appliesFromYear)),
            "weights": .object(["onTime": onTime.json, "late": late.json, "overdue": overdue.json]),
            "bands": .array(bands.map { .object(["min": $0.min.json, "label": .string($0.label)]) }),
        ])
    }
}
