import ProvinceTime

extension Rules {
    /// The state rules, judged against `state` as if the event were appended at `recordedAt`.
    ///
    /// Order: for a `unit` actor, its unit must be registered (`unknownUnit`, `actor.unitId`); then the
    /// type's rules in the order of `events.md (section 8)`. In general: the id the event creates or the task
    /// it concerns (`duplicateId`, `unknown*`), `taskWithdrawn`, the other references in field order
    /// (`unknown*`, then the merged-unit rules of that reference), then the type's own rules, dates last.
    /// Throws the first broken rule; returns normally when the event may be appended.
    public static func decide(_ command: ValidatedCommand, actor: Actor, recordedAt: Instant, in state: LedgerState) throws(Refusal) {
        if actor.role == .unit, let unitId = actor.unitId, state.units[unitId] == nil {
            throw Refusal.unknownUnit(unitId, field: "actor.unitId")
        }
        let today = recordedAt.localDate
        switch command.event {
        case .unitRegistered(let e):
            if state.units[e.unitId] != nil { throw Refusal.duplicate("Mã đơn vị", e.unitId, field: "payload.unitId") }
            if let parent = e.parentUnitId { try requireUnit(parent, field: "payload.parentUnitId", in: state) }

        case .unitRenamed(let e):
            try requireUnit(e.unitId, field: "payload.unitId", in: state)

        case .unitMerged(let e):
            for (index, id) in e.unitIds.enumerated() { try requireUnit(id, field: "payload.unitIds[\(index)]", in: state) }
            try requireUnit(e.intoUnitId, field: "payload.intoUnitId", in: state)
            for (index, id) in e.unitIds.enumerated() {
                if let successor = state.units[id]?.mergedInto {
                    throw Refusal(
                        .mergeUnitNotActive,
                        field: "payload.unitIds[\(index)]",
                        "Đơn vị \(id) đã được sáp nhập vào \(successor) trước đó; không thể sáp nhập lần nữa."
                    )
                }
            }
            if let successor = state.units[e.intoUnitId]?.mergedInto {
                throw Refusal(
                    .mergeSuccessorNotActive,
                    field: "payload.intoUnitId",
                    "Đơn vị tiếp nhận \(e.intoUnitId) đã được sáp nhập vào \(successor); hãy sáp nhập vào \(state.endOfMergeChain(e.intoUnitId))."
                )
            }

        case .personRegistered(let e):
            if state.people[e.personId] != nil { throw Refusal.duplicate("Mã cán bộ", e.personId, field: "payload.personId") }
            try requireUnit(e.unitId, field: "payload.unitId", in: state)

        case .personTransferred(let e):
            try requirePerson(e.personId, field: "payload.personId", in: state)
            try requireUnit(e.unitId, field: "payload.unitId", in: state)

        case .headAppointed(let e):
            let unit = try requireUnit(e.unitId, field: "payload.unitId", in: state)
            let person = try requirePerson(e.personId, field: "payload.personId", in: state)
            if let previous = unit.headAppointments.last, e.from <= previous.from {
                throw Refusal(
                    .headAppointmentNotLater,
                    field: "payload.from",
                    "Ngày bắt đầu giữ chức (\(e.from)) phải sau ngày bắt đầu của lần bổ nhiệm trước (\(previous.from))."
                )
            }
            if person.unitId != e.unitId {
                throw Refusal(
                    .headNotInUnit,
                    field: "payload.personId",
                    "Cán bộ \(e.personId) hiện thuộc đơn vị \(person.unitId), không thuộc \(e.unitId); hãy điều chuyển trước khi bổ nhiệm."
                )
            }

        case .taskAssigned(let e):
            if state.tasks.contains(e.taskId) { throw Refusal.duplicate("Mã nhiệm vụ", e.taskId, field: "payload.taskId") }
            try requireUnitTakingTasks(e.leadUnitId, field: "payload.leadUnitId", in: state)
            for (index, id) in e.coordinatingUnitIds.enumerated() {
                try requireUnitTakingTasks(id, field: "payload.coordinatingUnitIds[\(index)]", in: state)
            }
            if let assignee = e.assigneePersonId { try requireAssignee(assignee, lead: e.leadUnitId, in: state) }
            try checkSourceDocument(e.sourceDocument, enteredOn: today, deadline: e.deadline, deadlineField: "payload.deadline")

        case .taskCorrected(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            if let document = e.sourceDocument {
                try checkSourceDocument(
                    document,
                    enteredOn: task.assignedAt.localDate,
                    deadline: task.originalDeadline,
                    deadlineField: "payload.sourceDocument.date"
                )
            }

        case .deadlineExtended(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            if task.isComplete {
                throw Refusal(.extensionOnCompletedTask, field: "payload.taskId", "Nhiệm vụ \(e.taskId) đã hoàn thành; không thể gia hạn.")
            }
            if today > task.deadline {
                throw Refusal(
                    .extensionAfterDeadline,
                    field: "payload.taskId",
                    "Hạn xử lý (\(task.deadline)) đã qua vào ngày \(today); việc gia hạn phải được duyệt chậm nhất trong ngày hết hạn."
                )
            }
            if e.newDeadline <= task.deadline {
                throw Refusal(
                    .extensionNotLater,
                    field: "payload.newDeadline",
                    "Hạn xử lý mới phải sau hạn hiện tại (\(task.deadline))."
                )
            }

        case .taskReassigned(let e):
            try requireOpenTask(e.taskId, in: state)
            try requireUnitTakingTasks(e.leadUnitId, field: "payload.leadUnitId", in: state)
            for (index, id) in (e.coordinatingUnitIds ?? []).enumerated() {
                try requireUnitTakingTasks(id, field: "payload.coordinatingUnitIds[\(index)]", in: state)
            }
            if let assignee = e.assigneePersonId { try requireAssignee(assignee, lead: e.leadUnitId, in: state) }

        case .taskWithdrawn(let e):
            try requireOpenTask(e.taskId, in: state)

        case .progressReported(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            if task.leadUnitId != e.unitId, !task.coordinatingUnitIds.contains(e.unitId) {
                throw Refusal(
                    .notLeadOrCoordinatingUnit,
                    field: "payload.unitId",
                    "Đơn vị \(e.unitId) không chủ trì cũng không phối hợp nhiệm vụ \(e.taskId); không thể báo cáo tiến độ."
                )
            }

        case .reportDocumentSubmitted(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            try requireLead(e.unitId, of: task)
            try requireIncomplete(task)
            if e.document.date > today {
                throw Refusal(
                    .reportDocumentInFuture,
                    field: "payload.document.date",
                    "Ngày văn bản báo cáo (\(e.document.date)) sau ngày hôm nay (\(today)); hãy ghi đúng ngày ban hành."
                )
            }
            if e.document.date < task.sourceDocumentDate {
                throw Refusal(
                    .reportDocumentBeforeSourceDocument,
                    field: "payload.document.date",
                    "Ngày văn bản báo cáo (\(e.document.date)) trước ngày văn bản giao nhiệm vụ (\(task.sourceDocumentDate))."
                )
            }

        case .resultEntered(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            try requireLead(e.unitId, of: task)
            try requireIncomplete(task)

        case .resultReturned(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            if !task.isComplete {
                throw Refusal(
                    .returnOnIncompleteTask,
                    field: "payload.taskId",
                    "Nhiệm vụ \(e.taskId) chưa hoàn thành; chỉ trả lại kết quả của nhiệm vụ đã hoàn thành."
                )
            }

        case .qualityEvaluated(let e):
            let task = try requireOpenTask(e.taskId, in: state)
            if !task.isComplete {
                throw Refusal(
                    .qualityOnIncompleteTask,
                    field: "payload.taskId",
                    "Nhiệm vụ \(e.taskId) chưa hoàn thành; chỉ đánh giá chất lượng nhiệm vụ đã hoàn thành."
                )
            }

        case .scoringPolicyPublished(let e):
            if state.policies.contains(where: { $0.policyId == e.policyId }) || e.policyId == ScoringPolicy.default2026.policyId {
                throw Refusal.duplicate("Mã chính sách chấm điểm", e.policyId, field: "payload.policyId")
            }

        case .tokenIssued(let e):
            if state.tokens[e.tokenId] != nil { throw Refusal.duplicate("Mã truy cập", e.tokenId, field: "payload.tokenId") }
            if let unitId = e.unitId { try requireUnit(unitId, field: "payload.unitId", in: state) }

        case .tokenRevoked(let e):
            guard let token = state.tokens[e.tokenId] else {
                throw Refusal(.invalidValue, field: "payload.tokenId", "Không có mã truy cập \(e.tokenId); hãy kiểm tra lại mã.")
            }
            if token.revoked {
                throw Refusal(.invalidValue, field: "payload.tokenId", "Mã truy cập \(e.tokenId) đã bị thu hồi trước đó.")
            }
        }
    }

    // MARK: - Shared checks

    @discardableResult
    static func requireUnit(_ id: String, field: String, in state: LedgerState) throws(Refusal) -> UnitState {
        guard let unit = state.units[id] else { throw Refusal.unknownUnit(id, field: field) }
        return unit
    }

    @discardableResult
    static func requirePerson(_ id: String, field: String, in state: LedgerState) throws(Refusal) -> PersonState {
        guard let person = state.people[id] else {
            throw Refusal(.unknownPerson, field: field, "Không có cán bộ mã \(id); hãy đăng ký cán bộ trước.")
        }
        return person
    }

    /// The task exists and is not withdrawn (`unknownTask`, then `taskWithdrawn`, both on `payload.taskId`).
    @discardableResult
    static func requireOpenTask(_ id: String, in state: LedgerState) throws(Refusal) -> TaskState {
        guard let task = state.tasks[id] else {
            throw Refusal(.unknownTask, field: "payload.taskId", "Không có nhiệm vụ mã \(id); hãy kiểm tra lại mã nhiệm vụ.")
        }
        if let withdrawnAt = task.withdrawnAt {
            throw Refusal(
                .taskWithdrawn,
                field: "payload.taskId",
                "Nhiệm vụ \(id) đã bị thu hồi ngày \(withdrawnAt.localDate); không thể ghi thêm vào nhiệm vụ này."
            )
        }
        return task
    }

    /// A unit named lead or coordinating of a new or reassigned task: registered and not merged away.
    static func requireUnitTakingTasks(_ id: String, field: String, in state: LedgerState) throws(Refusal) {
        let unit = try requireUnit(id, field: field, in: state)
        if let successor = unit.mergedInto {
            throw Refusal(
                .mergedUnitTakesNoTasks,
                field: field,
                "Đơn vị \(id) đã được sáp nhập vào \(successor) và không nhận nhiệm vụ mới; hãy giao cho \(state.endOfMergeChain(id))."
            )
        }
    }

    static func requireAssignee(_ personId: String, lead: String, in state: LedgerState) throws(Refusal) {
        let person = try requirePerson(personId, field: "payload.assigneePersonId", in: state)
        if person.unitId != lead {
            throw Refusal(
                .assigneeNotInLeadUnit,
                field: "payload.assigneePersonId",
                "Cán bộ \(personId) hiện thuộc đơn vị \(person.unitId), không thuộc đơn vị chủ trì \(lead); hãy chọn cán bộ của đơn vị chủ trì."
            )
        }
    }

    static func requireLead(_ unitId: String, of task: TaskState) throws(Refusal) {
        if task.leadUnitId != unitId {
            throw Refusal(
                .notLeadUnit,
                field: "payload.unitId",
                "Đơn vị \(unitId) không chủ trì nhiệm vụ \(task.id) (đơn vị chủ trì hiện nay: \(task.leadUnitId))."
            )
        }
    }

    static func requireIncomplete(_ task: TaskState) throws(Refusal) {
        if task.isComplete {
            throw Refusal(
                .taskAlreadyComplete,
                field: "payload.taskId",
                "Nhiệm vụ \(task.id) đã hoàn thành; muốn sửa, Văn phòng phải trả lại kết quả (ResultReturned) trước."
            )
        }
    }

    /// The date rules of a source document: not after the date the task was entered, and not after the deadline.
    static func checkSourceDocument(_ document: DocumentRef, enteredOn date: LocalDate, deadline: LocalDate, deadlineField: String) throws(Refusal) {
        if document.date > date {
            throw Refusal(
                .sourceDocumentInFuture,
                field: "payload.sourceDocument.date",
                "Ngày văn bản giao nhiệm vụ (\(document.date)) sau ngày nhập nhiệm vụ (\(date)); hãy ghi đúng ngày ban hành."
            )
        }
        if deadline < document.date {
            throw Refusal(
                .deadlineBeforeSourceDocument,
                field: deadlineField,
                "Hạn xử lý (\(deadline)) trước ngày văn bản giao nhiệm vụ (\(document.date)); hãy kiểm tra lại hai ngày này."
            )
        }
    }
}

extension Refusal {
    static func unknownUnit(_ id: String, field: String) -> Refusal {
        Refusal(.unknownUnit, field: field, "Không có đơn vị mã \(id); hãy đăng ký đơn vị trước hoặc kiểm tra lại mã.")
    }

    static func duplicate(_ what: String, _ id: String, field: String) -> Refusal {
        Refusal(.duplicateId, field: field, "\(what) \(id) đã được dùng; hãy chọn mã khác.")
    }
}
