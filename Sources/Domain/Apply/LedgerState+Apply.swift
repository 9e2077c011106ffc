import ProvinceTime

extension LedgerState {
    /// Folds one appended event in and records it as the last (`lastSeq`, `lastRecordedAt`).
    ///
    /// The event was judged by `decide` (or validated when it was appended, on replay), so this never
    /// refuses; a reference that is missing anyway (a damaged log) leaves the state as it was rather than
    /// crashing. Runs for every event on rebuild: dictionary updates in place, no formatting.
    public mutating func apply(_ event: DomainEvent, seq: UInt64, recordedAt: Instant, actor: Actor) {
        lastSeq = seq
        lastRecordedAt = recordedAt
        switch event {
        case .unitRegistered(let e):
            units[e.unitId] = UnitState(id: e.unitId, name: e.name, kind: e.kind, parentUnitId: e.parentUnitId, registeredAt: recordedAt)

        case .unitRenamed(let e):
            units[e.unitId]?.name = e.name

        case .unitMerged(let e):
            applyMerge(e, seq: seq, recordedAt: recordedAt)

        case .personRegistered(let e):
            people[e.personId] = PersonState(id: e.personId, name: e.name, unitId: e.unitId, title: e.title)

        case .personTransferred(let e):
            people[e.personId]?.unitId = e.unitId
            people[e.personId]?.title = e.title

        case .headAppointed(let e):
            units[e.unitId]?.headAppointments.append(HeadAppointment(unitId: e.unitId, personId: e.personId, from: e.from, seq: seq))

        case .taskAssigned(let e):
            tasks[e.taskId] = TaskState(
                id: e.taskId,
                issuer: e.issuer,
                sourceDocument: e.sourceDocument,
                title: e.title,
                details: e.details,
                field: e.field,
                leadUnitId: e.leadUnitId,
                coordinatingUnitIds: e.coordinatingUnitIds,
                assigneePersonId: e.assigneePersonId,
                deadline: e.deadline,
                assignedAt: recordedAt,
                assignedSeq: seq
            )
            taskIdsByLeadUnit[e.leadUnitId, default: []].insert(e.taskId)

        case .taskCorrected(let e):
            updateTask(e.taskId, seq: seq) { task in
                if let title = e.title { task.title = title }
                if let details = e.details { task.details = details }
                if let field = e.field { task.field = field }
                if let issuer = e.issuer { task.issuer = issuer }
                if let document = e.sourceDocument { task.sourceDocument = document }
            }

        case .deadlineExtended(let e):
            updateTask(e.taskId, seq: seq) { $0.deadline = e.newDeadline }

        case .taskReassigned(let e):
            moveLead(of: e.taskId, to: e.leadUnitId)
            updateTask(e.taskId, seq: seq) { task in
                task.leadUnitId = e.leadUnitId
                if let coordinating = e.coordinatingUnitIds {
                    task.coordinatingUnitIds = coordinating
                } else {
                    // The new lead cannot also coordinate: it leaves the kept list.
                    task.coordinatingUnitIds.removeAll { $0 == e.leadUnitId }
                }
                task.assigneePersonId = e.assigneePersonId
            }

        case .taskWithdrawn(let e):
            updateTask(e.taskId, seq: seq) { $0.withdrawnAt = recordedAt }

        case .progressReported(let e):
            updateTask(e.taskId, seq: seq) { _ in }

        case .reportDocumentSubmitted(let e):
            updateTask(e.taskId, seq: seq) { task in
                task.reportDocument = SubmittedReport(document: e.document, unitId: e.unitId, summary: e.summary, recordedAt: recordedAt, seq: seq)
            }

        case .resultEntered(let e):
            updateTask(e.taskId, seq: seq) { task in
                task.result = EnteredResult(text: e.result, unitId: e.unitId, recordedAt: recordedAt, seq: seq)
            }

        case .resultReturned(let e):
            let successor = tasks[e.taskId].map { endOfMergeChain($0.leadUnitId) }
            if let successor { moveLead(of: e.taskId, to: successor) }
            updateTask(e.taskId, seq: seq) { task in
                task.reportDocument = nil
                task.result = nil
                task.grade = nil
                // A completed task stayed with its merged lead unit; reopened, it passes to the end of the chain.
                if let successor, successor != task.leadUnitId {
                    task.leadUnitId = successor
                    task.assigneePersonId = nil
                    task.coordinatingUnitIds.removeAll { $0 == successor }
                }
            }

        case .qualityEvaluated(let e):
            updateTask(e.taskId, seq: seq) { $0.grade = e.grade }

        case .scoringPolicyPublished(let e):
            policies.append(
                ScoringPolicy(
                    policyId: e.policyId,
                    appliesFromYear: e.appliesFromYear,
                    onTime: e.onTime,
                    late: e.late,
                    overdue: e.overdue,
                    bands: e.bands,
                    seq: seq
                )
            )

        case .tokenIssued(let e):
            tokens[e.tokenId] = TokenState(id: e.tokenId, name: e.name, role: e.role, unitId: e.unitId)

        case .tokenRevoked(let e):
            tokens[e.tokenId]?.revoked = true
        }
    }

    /// Keeps `taskIdsByLeadUnit` in step when a task changes lead; call it before changing `leadUnitId`.
    private mutating func moveLead(of taskId: String, to newLead: String) {
        guard let oldLead = tasks[taskId]?.leadUnitId, oldLead != newLead else { return }
        taskIdsByLeadUnit[oldLead]?.remove(taskId)
        taskIdsByLeadUnit[newLead, default: []].insert(taskId)
    }

    /// Updates the task in place (no copy of its history) and records `seq` in that history.
    /// Optional chaining mutates the dictionary's storage in place, so the history array is never copied.
    private mutating func updateTask(_ id: String, seq: UInt64, _ change: (inout TaskState) -> Void) {
        tasks[id]?.update(seq: seq, change)
    }

    /// Marks the units merged, then moves every task they lead that is neither complete nor withdrawn at
    /// this instant to the successor, as if reassigned (assignee cleared); the merge joins each moved task's
    /// history. Completed tasks stay with the merged unit until a `ResultReturned` reopens them.
    private mutating func applyMerge(_ e: UnitMerged, seq: UInt64, recordedAt: Instant) {
        for id in e.unitIds {
            units[id]?.mergedInto = e.intoUnitId
            units[id]?.mergedAt = recordedAt
        }
        for unitId in e.unitIds {
            for id in taskIdsByLeadUnit[unitId] ?? [] {
                guard let task = tasks[id], !task.isComplete, !task.isWithdrawn else { continue }
                moveLead(of: id, to: e.intoUnitId)
                updateTask(id, seq: seq) { task in
                    task.leadUnitId = e.intoUnitId
                    task.assigneePersonId = nil
                    task.coordinatingUnitIds.removeAll { $0 == e.intoUnitId }
                }
            }
        }
    }
}

extension TaskState {
    fileprivate mutating func update(seq: UInt64, _ change: (inout TaskState) -> Void) {
        change(&self)
        eventSeqs.append(seq)
    }
}
