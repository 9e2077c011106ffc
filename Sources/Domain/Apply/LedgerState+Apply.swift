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
            let lead = tasks.intern(e.leadUnitId)
            let coordinating = tasks.internList(e.coordinatingUnitIds.map { tasks.intern($0) })
            let assignee = tasks.intern(e.assigneePersonId)
            let deadline = TaskTable.day(e.deadline)
            tasks.append(
                TaskRow(
                    id: e.taskId,
                    issuer: e.issuer,
                    sourceDocumentDay: TaskTable.day(e.sourceDocument.date),
                    lead: lead,
                    coordinatingList: coordinating,
                    assignee: assignee,
                    originalDeadlineDay: deadline,
                    deadlineDay: deadline,
                    assignedAt: recordedAt,
                    assignedSeq: seq
                )
            )

        case .taskCorrected(let e):
            // The texts stay in this event: the row keeps its seq, and what the rules and reports read.
            tasks.update(e.taskId) { task in
                if let issuer = e.issuer { task.issuer = issuer }
                if let document = e.sourceDocument { task.sourceDocumentDay = TaskTable.day(document.date) }
                task.correctionSeqs.append(seq)
            }

        case .deadlineExtended(let e):
            tasks.update(e.taskId) { $0.deadlineDay = TaskTable.day(e.newDeadline) }

        case .taskReassigned(let e):
            guard let current = tasks.row(e.taskId) else { break }
            let lead = tasks.intern(e.leadUnitId)
            let coordinating: [UInt32]
            if let given = e.coordinatingUnitIds {
                coordinating = given.map { tasks.intern($0) }
            } else {
                // The new lead cannot also coordinate: it leaves the kept list.
                coordinating = tasks.coordinating(of: current).filter { $0 != lead }
            }
            let list = tasks.internList(coordinating)
            let assignee = tasks.intern(e.assigneePersonId)
            tasks.update(e.taskId) { task in
                task.lead = lead
                task.coordinatingList = list
                task.assignee = assignee
            }

        case .taskWithdrawn(let e):
            tasks.update(e.taskId) { $0.withdrawnAtMilliseconds = recordedAt.millisecondsSinceEpoch }

        case .progressReported:
            // Part of the task's history (its stream), which the state does not copy.
            break

        case .reportDocumentSubmitted(let e):
            let unit = tasks.intern(e.unitId)
            tasks.update(e.taskId) { task in
                task.reportSeq = seq
                task.reportDocumentDay = TaskTable.day(e.document.date)
                task.reportUnit = unit
                task.reportRecordedAt = recordedAt
            }

        case .resultEntered(let e):
            let unit = tasks.intern(e.unitId)
            tasks.update(e.taskId) { task in
                task.resultSeq = seq
                task.resultUnit = unit
                task.resultRecordedAt = recordedAt
            }

        case .resultReturned(let e):
            guard let current = tasks.row(e.taskId) else { break }
            let successorId = endOfMergeChain(tasks.ids[current.lead])
            let successor = tasks.intern(successorId)
            let list = tasks.internList(tasks.coordinating(of: current).filter { $0 != successor })
            tasks.update(e.taskId) { task in
                task.clearCompletion()
                // A completed task stayed with its merged lead unit; reopened, it passes to the end of the chain.
                if successor != task.lead {
                    task.lead = successor
                    task.assignee = InternedIds.none
                    task.coordinatingList = list
                }
            }

        case .qualityEvaluated(let e):
            tasks.update(e.taskId) { $0.grade = e.grade }

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

    /// Marks the units merged, then moves every task they lead that is neither complete nor withdrawn at
    /// this instant to the successor, as if reassigned (assignee cleared); the merge joins each moved task's
    /// history. Completed tasks stay with the merged unit until a `ResultReturned` reopens them.
    ///
    /// One pass over the rows finds the tasks: merges are a handful of events in a province's life (18 in a
    /// million demo events), and a pass over compact rows costs less than keeping a per-unit index in step with
    /// every reassignment.
    private mutating func applyMerge(_ e: UnitMerged, seq: UInt64, recordedAt: Instant) {
        for id in e.unitIds {
            units[id]?.mergedInto = e.intoUnitId
            units[id]?.mergedAt = recordedAt
        }
        // A unit no task ever named has no index, and no task to move.
        let merged = Set(e.unitIds.compactMap { tasks.ids.index(of: $0) })
        guard !merged.isEmpty else { return }
        let into = tasks.intern(e.intoUnitId)
        for index in tasks.rows.indices {
            let task = tasks.rows[index]
            guard merged.contains(task.lead), !task.isComplete, !task.isWithdrawn else { continue }
            let list = tasks.internList(tasks.coordinating(of: task).filter { $0 != into })
            tasks.update(at: index) { task in
                task.lead = into
                task.assignee = InternedIds.none
                task.coordinatingList = list
                task.mergeSeqs.append(seq)
            }
        }
    }
}
