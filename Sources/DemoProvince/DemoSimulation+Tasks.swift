import CanonicalJSON
import ProvinceTime

/// The tasks: entered by the Office on working days, then played step by step from their plans.
extension DemoSimulation {
    /// Tasks entered per working day at scale 1 (about 6,000 tasks over the three years).
    static let tasksPerWorkday = 7.5

    func assignNewTasks() {
        let mean = Self.tasksPerWorkday * scale
        let count = Int(mean * (0.5 + random.unit()) + random.unit())
        for _ in 0..<count { createTask() }
    }

    // MARK: - A new task and its plan

    private func createTask() {
        guard let lead = drawLead() else { return }
        taskSerial += 1
        let spec = units[lead]?.spec ?? ProvinceCatalog.initialUnits[0]
        let topic = spec.topic
        let title = random.pick(topic.titles).title(on: day)

        let lag = [0, 1, 2, 3, random.int(4...10)][random.weightedIndex([0.38, 0.3, 0.12, 0.08, 0.12])]
        let source = day.adding(days: -lag).workdayOnOrBefore(floor: day.adding(days: -lag - 3))
        let deadline = max(source.adding(days: random.pick([7, 10, 10, 14, 15, 15, 20, 30, 30, 30, 45, 60, 90])), day.adding(days: 3))
        let issuer = random.chance(0.3) ? "chairman" : "committee"
        let signer = issuer == "chairman" || random.chance(0.15) ? chairman : random.pick(viceChairmen)
        let sourceNumber = drawSourceNumber(topic: topic, year: source.year)

        let coordinators = drawCoordinators(lead: lead)
        let assignee = random.chance(0.5) ? drawMember(of: lead) : nil
        let correction = random.chance(0.06) ? drawCorrection(title: title, number: sourceNumber, source: source) : nil
        let details: String? =
            random.chance(0.3)
            ? "Giao \(spec.name) chủ trì\(coordinators.isEmpty ? "" : ", phối hợp với các đơn vị liên quan") tổ chức thực hiện, "
                + "báo cáo kết quả về UBND tỉnh (qua Văn phòng UBND tỉnh) trước ngày \(zeroPadded(deadline.day, width: 2))/"
                + "\(zeroPadded(deadline.month, width: 2))/\(deadline.year)." : nil
        let steps = TaskLifecycle.plan(
            entry: day,
            source: source,
            deadline: deadline,
            coordinators: coordinators.count,
            corrected: correction != nil,
            random: &random
        )
        let task = OpenTask(
            issuer: issuer,
            topic: topic,
            title: title,
            sourceNumber: sourceNumber,
            sourceDate: source,
            signer: signer,
            deadline: deadline,
            details: details,
            correction: correction,
            leadUnitId: lead,
            coordinatingUnitIds: coordinators,
            assigneePersonId: assignee,
            steps: steps
        )
        openTasks[taskSerial] = task
        queue.push(StepQueue.Entry(day: day.dayNumber, key: random.next() >> 2, task: taskSerial))
    }

    private func drawLead() -> String? {
        if leadCandidates == nil {
            var ids: [String] = []
            var weights: [Double] = []
            for unitId in unitOrder {
                guard let record = units[unitId], record.isActive, record.operationalFrom <= day else { continue }
                ids.append(unitId)
                weights.append(record.leadWeight)
            }
            leadCandidates = (ids, weights)
        }
        guard let candidates = leadCandidates, !candidates.ids.isEmpty else { return nil }
        return candidates.ids[random.weightedIndex(candidates.weights)]
    }

    /// Departments and agencies asked to help; a commune's own district is often one of them.
    private func drawCoordinators(lead: String) -> [String] {
        let count = random.weightedIndex([0.45, 0.3, 0.18, 0.07])
        guard count > 0, let candidates = leadCandidates else { return [] }
        var chosen: [String] = []
        if let parent = units[lead]?.spec.parentUnitId, units[parent]?.isActive == true, random.chance(0.4) {
            chosen.append(parent)
        }
        var attempts = 0
        while chosen.count < count, attempts < 20 {
            attempts += 1
            let id = candidates.ids[random.weightedIndex(candidates.weights)]
            guard let kind = units[id]?.spec.kind, kind == "department" || kind == "agency", id != lead, !chosen.contains(id) else { continue }
            chosen.append(id)
        }
        return chosen
    }

    /// A member of the unit other than its head, or `nil` when there is none.
    private func drawMember(of unitId: String) -> String? {
        guard let record = units[unitId] else { return nil }
        let staff = record.members.filter { $0 != record.headPersonId }
        return staff.isEmpty ? nil : random.pick(staff)
    }

    /// `1234/UBND-KT` for a letter, `56/QĐ-UBND` for a decision, `78/TB-UBND` for meeting conclusions…
    private func drawSourceNumber(topic: Topic, year: Int) -> String {
        switch random.weightedIndex([0.55, 0.15, 0.12, 0.13, 0.05]) {
        case 0: "\(nextNumber("UBND", year: year))/\(topic.letterSuffix)"
        case 1: "\(nextNumber("TB", year: year))/TB-UBND"
        case 2: "\(nextNumber("QĐ", year: year))/QĐ-UBND"
        case 3: "\(nextNumber("KH", year: year))/KH-UBND"
        default: "\(nextNumber("CT", year: year))/CT-UBND"
        }
    }

    private func drawCorrection(title: String, number: String, source: LocalDate) -> OpenTask.Correction {
        if source < day, random.chance(0.3) {
            return .documentDate(entered: source.adding(days: 1))
        }
        let words = title.split(separator: " ")
        if words.count > 5, random.chance(0.5) {
            return .truncatedTitle(entered: words.dropLast(2).joined(separator: " "))
        }
        var digits = Array(number)
        if digits.count > 3, digits[0] != digits[1], digits[1].isNumber {
            digits.swapAt(0, 1)
            return .documentNumber(entered: String(digits))
        }
        return .truncatedTitle(entered: words.dropLast().joined(separator: " "))
    }

    // MARK: - Playing a step

    func runStep(_ entry: StepQueue.Entry) {
        guard let task = openTasks[entry.task] else { return }
        let planned = task.steps[task.nextStep]
        task.nextStep += 1
        play(planned.step, of: task)
        if task.nextStep < task.steps.count {
            let next = task.steps[task.nextStep]
            let key = next.day == planned.day ? entry.key + 1 + (random.next() >> 40) : random.next() >> 2
            queue.push(StepQueue.Entry(day: next.day.dayNumber, key: key, task: entry.task))
        } else {
            openTasks[entry.task] = nil
        }
    }

    private func play(_ step: TaskStep, of task: OpenTask) {
        var taskId: JSONValue { .string(task.id) }
        switch step {
        case .assign:
            let ordinal = taskCountByYear[day.year, default: 0] + 1
            taskCountByYear[day.year] = ordinal
            task.id = "NV-\(day.year)-" + zeroPadded(ordinal, width: 5)
            office("TaskAssigned", assignment(of: task), commandId: maybeCommandId(0.2))
        case .correct:
            var payload: [String: JSONValue] = ["taskId": taskId]
            switch task.correction {
            case .truncatedTitle:
                payload["title"] = .string(task.title)
                payload["reason"] = .string("Sửa lỗi nhập thiếu trích yếu nhiệm vụ")
            case .documentNumber:
                payload["sourceDocument"] = sourceDocument(of: task, number: task.sourceNumber, date: task.sourceDate)
                payload["reason"] = .string("Sửa số hiệu văn bản giao nhiệm vụ nhập nhầm")
            case .documentDate, nil:
                payload["sourceDocument"] = sourceDocument(of: task, number: task.sourceNumber, date: task.sourceDate)
                payload["reason"] = .string("Sửa ngày ban hành văn bản giao nhiệm vụ nhập nhầm")
            }
            office("TaskCorrected", payload)
        case .progressLead(let percent):
            let lead = current(task.leadUnitId)
            unit(
                lead,
                "ProgressReported",
                [
                    "taskId": taskId, "unitId": .string(lead), "note": .string(random.pick(Wording.leadProgress)),
                    "percent": .number(Double(percent)),
                ],
                commandId: maybeCommandId(0.1)
            )
        case .progressCoordinator(let slot, let percent):
            guard !task.coordinatingUnitIds.isEmpty else { return }
            let coordinator = task.coordinatingUnitIds[slot % task.coordinatingUnitIds.count]
            unit(
                coordinator,
                "ProgressReported",
                [
                    "taskId": taskId, "unitId": .string(coordinator), "note": .string(random.pick(Wording.coordinatorProgress)),
                    "percent": .number(Double(percent)),
                ]
            )
        case .extend(let newDeadline):
            let number = "\(nextNumber("UBND", year: day.year))/\(task.topic.letterSuffix)"
            office(
                "DeadlineExtended",
                [
                    "taskId": taskId, "newDeadline": .string(newDeadline.description), "reason": .string(random.pick(Wording.extensionReasons)),
                    "approvalDocument": .document(number, day),
                ],
                commandId: maybeCommandId(0.2)
            )
        case .reassign:
            reassign(task)
        case .submitDocument(let date):
            let lead = current(task.leadUnitId)
            let code = units[lead]?.spec.documentCode ?? "UBND"
            let number = "\(nextNumber("BC-\(lead)", year: date.year))/BC-\(code)"
            task.reportNumber = number
            var payload: [String: JSONValue] = ["taskId": taskId, "unitId": .string(lead), "document": .document(number, date)]
            if random.chance(0.5) { payload["summary"] = .string(random.pick(Wording.summaries)) }
            unit(lead, "ReportDocumentSubmitted", payload, commandId: maybeCommandId(0.1))
        case .enterResult:
            let lead = current(task.leadUnitId)
            let text = random.pick(Wording.results) + (task.reportNumber.map { " (Báo cáo số \($0))" } ?? "")
            unit(lead, "ResultEntered", ["taskId": taskId, "unitId": .string(lead), "result": .string(text)], commandId: maybeCommandId(0.1))
        case .returnResult:
            task.reportNumber = nil
            office("ResultReturned", ["taskId": taskId, "reason": .string(random.pick(Wording.returnReasons))])
        case .evaluate(let grade):
            var payload: [String: JSONValue] = ["taskId": taskId, "grade": .string(grade)]
            if random.chance(0.4) { payload["note"] = .string(random.pick(Wording.qualityNotes)) }
            office("QualityEvaluated", payload)
        case .withdraw:
            var payload: [String: JSONValue] = ["taskId": taskId, "reason": .string(random.pick(Wording.withdrawReasons))]
            if random.chance(0.5) {
                payload["document"] = .document("\(nextNumber("UBND", year: day.year))/UBND-TH", day)
            }
            office("TaskWithdrawn", payload, commandId: maybeCommandId(0.2))
        }
    }

    /// The `TaskAssigned` payload, with the Office's typing slip when the task will be corrected.
    private func assignment(of task: OpenTask) -> [String: JSONValue] {
        var title = task.title
        var number = task.sourceNumber
        var date = task.sourceDate
        switch task.correction {
        case .truncatedTitle(let entered): title = entered
        case .documentNumber(let entered): number = entered
        case .documentDate(let entered): date = entered
        case nil: break
        }
        var payload: [String: JSONValue] = [
            "taskId": .string(task.id), "issuer": .string(task.issuer), "sourceDocument": sourceDocument(of: task, number: number, date: date),
            "title": .string(title), "field": .string(task.topic.field), "leadUnitId": .string(task.leadUnitId),
            "deadline": .string(task.originalDeadline.description),
        ]
        if !task.coordinatingUnitIds.isEmpty { payload["coordinatingUnitIds"] = .array(task.coordinatingUnitIds.map { .string($0) }) }
        if let assignee = task.assigneePersonId { payload["assigneePersonId"] = .string(assignee) }
        if let details = task.details { payload["details"] = .string(details) }
        return payload
    }

    private func sourceDocument(of task: OpenTask, number: String, date: LocalDate) -> JSONValue {
        .object(["number": .string(number), "date": .string(date.description), "signer": .string(task.signer)])
    }

    /// Moves the task to another active unit; the coordinating list is restated without merged units, and the
    /// assignee is a member of the new lead or none.
    private func reassign(_ task: OpenTask) {
        let from = current(task.leadUnitId)
        var target: String?
        for _ in 0..<10 {
            if let candidate = drawLead(), candidate != from {
                target = candidate
                break
            }
        }
        guard let lead = target else { return }
        let coordinators = task.coordinatingUnitIds.filter { $0 != lead && units[$0]?.isActive == true }
        var payload: [String: JSONValue] = [
            "taskId": .string(task.id), "leadUnitId": .string(lead), "coordinatingUnitIds": .array(coordinators.map { .string($0) }),
            "reason": .string(random.pick(Wording.reassignReasons)),
        ]
        let assignee = random.chance(0.5) ? drawMember(of: lead) : nil
        if let assignee { payload["assigneePersonId"] = .string(assignee) }
        office("TaskReassigned", payload, commandId: maybeCommandId(0.2))
        task.leadUnitId = lead
        task.coordinatingUnitIds = coordinators
        task.assigneePersonId = assignee
    }
}
