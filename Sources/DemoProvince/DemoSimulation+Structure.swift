import CanonicalJSON
import ProvinceTime

/// The province's structure over time: registration, appointments, the 2025 reorganisation, transfers,
/// renames and scoring policies.
extension DemoSimulation {
    private static let policy2024Day = LocalDate(year: 2023, month: 12, day: 20)!
    private static let renameDay2024 = LocalDate(year: 2024, month: 5, day: 6)!
    private static let successorRegistrationDay = LocalDate(year: 2025, month: 2, day: 20)!
    private static let departmentMergeDay = LocalDate(year: 2025, month: 3, day: 1)!
    private static let newCommuneRegistrationDay = LocalDate(year: 2025, month: 6, day: 20)!
    private static let localMergeDay = LocalDate(year: 2025, month: 7, day: 1)!
    private static let policy2026Day = LocalDate(year: 2025, month: 12, day: 22)!

    func playStructure() {
        switch day {
        case Self.firstDay: registerProvince()
        case Self.policy2024Day:
            publishPolicy(id: "QD-2024", year: 2024, late: 0.8)
        case Self.renameDay2024: rename(ProvinceCatalog.renames2024)
        case Self.successorRegistrationDay:
            register(ProvinceCatalog.agricultureAndEnvironment, operationalFrom: Self.departmentMergeDay)
        case Self.departmentMergeDay:
            for merge in ProvinceCatalog.departmentMerges { self.merge(merge) }
            rename(ProvinceCatalog.renamesAtDepartmentMerge)
        case Self.newCommuneRegistrationDay:
            for spec in ProvinceCatalog.newCommunes { register(spec, operationalFrom: Self.localMergeDay) }
        case Self.localMergeDay:
            for merge in ProvinceCatalog.localMerges { self.merge(merge) }
            rename(ProvinceCatalog.renamesAtLocalMerge)
        case Self.policy2026Day:
            publishPolicy(id: "QD-2026", year: 2026, late: 0.75)
        default: break
        }
        if let changes = headChanges[day.dayNumber] {
            for unitId in changes { promoteDeputy(of: unitId) }
        }
        if transferDays.contains(day.dayNumber) { transferSomeone() }
    }

    /// Every unit with its staff, then the heads in office when the history starts.
    private func registerProvince() {
        for spec in ProvinceCatalog.initialUnits { register(spec, operationalFrom: Self.firstDay) }
        for spec in ProvinceCatalog.initialUnits {
            let head = registerPerson(in: spec.id, title: spec.headTitle)
            for title in spec.staffTitles { _ = registerPerson(in: spec.id, title: title) }
            units[spec.id]?.headPersonId = head
        }
        let earliest = LocalDate(year: 2019, month: 1, day: 1)!
        for spec in ProvinceCatalog.initialUnits {
            guard let head = units[spec.id]?.headPersonId else { continue }
            let from = earliest.adding(days: random.int(0...1_700)).workdayOnOrAfter
            appointHead(of: spec.id, person: head, from: from)
        }
    }

    private func register(_ spec: UnitSpec, operationalFrom: LocalDate) {
        var payload: [String: JSONValue] = ["unitId": .string(spec.id), "name": .string(spec.name), "kind": .string(spec.kind)]
        if let parent = spec.parentUnitId { payload["parentUnitId"] = .string(parent) }
        office("UnitRegistered", payload)
        units[spec.id] = UnitRecord(spec: spec, operationalFrom: operationalFrom, leadWeight: Self.leadWeight(spec))
        unitOrder.append(spec.id)
        leadCandidates = nil
    }

    private static func leadWeight(_ spec: UnitSpec) -> Double {
        switch spec.kind {
        case "department": 3
        case "district": 2
        case "commune": spec.parentUnitId == nil ? 2.5 : 0.9
        default: spec.id == "VPUBND" ? 1.5 : 1.1
        }
    }

    private func registerPerson(in unitId: String, title: String) -> String {
        personCount += 1
        let personId = "CB" + zeroPadded(personCount, width: 4)
        office(
            "PersonRegistered",
            [
                "personId": .string(personId), "name": .string(VietnameseNames.draw(&random)), "unitId": .string(unitId),
                "title": .string(title),
            ]
        )
        people[personId] = PersonRecord(unitId: unitId, title: title)
        units[unitId]?.members.append(personId)
        return personId
    }

    private func appointHead(of unitId: String, person: String, from: LocalDate) {
        office("HeadAppointed", ["unitId": .string(unitId), "personId": .string(person), "from": .string(from.description)])
        units[unitId]?.headPersonId = person
    }

    private func transfer(_ personId: String, to unitId: String, title: String) {
        guard let old = people[personId]?.unitId else { return }
        units[old]?.members.removeAll { $0 == personId }
        units[unitId]?.members.append(personId)
        people[personId] = PersonRecord(unitId: unitId, title: title)
        office("PersonTransferred", ["personId": .string(personId), "unitId": .string(unitId), "title": .string(title)])
    }

    /// Merges the units, moves their staff to the successor, and appoints the successor's new head if it gets one.
    private func merge(_ merge: ProvinceCatalog.Merge) {
        office(
            "UnitMerged",
            [
                "unitIds": .array(merge.unitIds.map { .string($0) }), "intoUnitId": .string(merge.intoUnitId),
                "reason": .string(merge.reason),
            ],
            commandId: maybeCommandId(0.5)
        )
        for unitId in merge.unitIds { units[unitId]?.mergedInto = merge.intoUnitId }
        leadCandidates = nil
        guard let successor = units[merge.intoUnitId]?.spec else { return }
        let newHead = merge.newHeadFrom.flatMap { units[$0]?.headPersonId }
        for unitId in merge.unitIds {
            let formerHead = units[unitId]?.headPersonId
            for personId in units[unitId]?.members ?? [] {
                let old = people[personId]?.title ?? ""
                let title =
                    personId == newHead
                    ? successor.headTitle : personId == formerHead ? Self.deputyTitle(of: successor) : Self.titleAfterMerge(old, into: successor)
                transfer(personId, to: merge.intoUnitId, title: title)
            }
        }
        if let newHead { appointHead(of: merge.intoUnitId, person: newHead, from: day) }
    }

    private static func deputyTitle(of spec: UnitSpec) -> String {
        spec.kind == "commune" ? "Phó Chủ tịch UBND xã" : spec.staffTitles.first ?? "Phó Giám đốc"
    }

    /// Local titles change with the level of government; department titles carry over.
    private static func titleAfterMerge(_ title: String, into spec: UnitSpec) -> String {
        guard spec.kind == "commune" else { return title }
        if title.hasPrefix("Phó Chủ tịch") { return "Phó Chủ tịch UBND xã" }
        if title.hasPrefix("Chủ tịch") { return "Phó Chủ tịch UBND xã" }
        if title.hasPrefix("Chánh Văn phòng") || title.hasPrefix("Công chức") { return "Công chức Văn phòng - Thống kê" }
        return title
    }

    private func rename(_ renames: [(unitId: String, name: String)]) {
        for (unitId, name) in renames {
            office("UnitRenamed", ["unitId": .string(unitId), "name": .string(name)])
        }
    }

    /// A head retires or rotates out; the first deputy (registered right after the head) takes over today.
    private func promoteDeputy(of unitId: String) {
        guard let record = units[unitId], record.isActive, record.members.count > 1 else { return }
        let deputy = record.members[1]
        guard deputy != record.headPersonId, people[deputy]?.unitId == unitId else { return }
        appointHead(of: unitId, person: deputy, from: day)
    }

    /// A department's specialist moves to another active department, keeping the title.
    private func transferSomeone() {
        var candidates: [String] = []
        for unitId in unitOrder {
            guard let record = units[unitId], record.isActive, record.spec.kind == "department" else { continue }
            for personId in record.members where personId != record.headPersonId {
                if let title = people[personId]?.title, title == "Chuyên viên" || title == "Trưởng phòng" { candidates.append(personId) }
            }
        }
        let departments = unitOrder.filter { units[$0]?.isActive == true && units[$0]?.spec.kind == "department" }
        guard !candidates.isEmpty, departments.count > 1 else { return }
        let personId = random.pick(candidates)
        guard let person = people[personId] else { return }
        var target = random.pick(departments)
        if target == person.unitId { target = departments.first { $0 != person.unitId } ?? target }
        transfer(personId, to: target, title: person.title)
    }

    private func publishPolicy(id: String, year: Int, late: Double) {
        let bands: [(Double, String)] = [
            (90, "Hoàn thành xuất sắc nhiệm vụ"), (70, "Hoàn thành tốt nhiệm vụ"), (50, "Hoàn thành nhiệm vụ"), (0, "Không hoàn thành nhiệm vụ"),
        ]
        office(
            "ScoringPolicyPublished",
            [
                "policyId": .string(id), "appliesFromYear": .number(Double(year)),
                "weights": .object(["onTime": .number(1), "late": .number(late), "overdue": .number(0)]),
                "bands": .array(bands.map { .object(["min": .number($0.0), "label": .string($0.1)]) }),
            ]
        )
    }
}
