import CanonicalJSON
import Domain
import ProvinceTime
import Testing

@Suite("apply: the state after accepted events")
struct ApplyTests {
    @Test func assignmentRecordsTheTask() throws {
        let ledger = try TestLedger(province)
        let task = try #require(ledger.state.tasks["T-1"])
        #expect(task.leadUnitId == "SXD")
        #expect(task.coordinatingUnitIds == ["STC"])
        #expect(task.deadline == date("2025-03-10"))
        #expect(task.originalDeadline == date("2025-03-10"))
        #expect(task.sourceDocumentDate == date("2025-03-01"))
        #expect(ledger.texts(of: "T-1")?.sourceDocument == DocumentRef(number: "5425/UBND-KGVX", date: date("2025-03-01"), signer: "Nguyễn Văn A"))
        #expect(ledger.texts(of: "T-1")?.title == "Rà soát quy hoạch")
        #expect(task.assignedAt == morning)
        #expect(task.assignedSeq == 8)
        #expect(task.correctionSeqs == [] && task.mergeSeqs == [])
        #expect(ledger.state.lastSeq == 8)
        #expect(ledger.state.lastRecordedAt == morning)
    }

    @Test func reassignmentMovesTheLeadAndClearsTheAssignee() throws {
        var ledger = try TestLedger(province + [reassign(to: "SXD", assignee: "P1")])
        #expect(ledger.state.tasks["T-1"]?.assigneePersonId == "P1")
        try ledger.submit(reassign(to: "STC"))
        let task = try #require(ledger.state.tasks["T-1"])
        #expect(task.leadUnitId == "STC")
        #expect(task.assigneePersonId == nil)
        // The new lead leaves the kept coordinating list.
        #expect(task.coordinatingUnitIds == [])
        try ledger.submit(reassign(to: "SNV").with("coordinatingUnitIds", ["SXD", "STC"]))
        #expect(ledger.state.tasks["T-1"]?.coordinatingUnitIds == ["SXD", "STC"])
        #expect(ledger.state.tasks["T-1"]?.assignedSeq == 8)
    }

    @Test func extensionMovesTheDeadlineButNotTheOriginal() throws {
        let ledger = try TestLedger(province + [extend()])
        #expect(ledger.state.tasks["T-1"]?.deadline == date("2025-03-20"))
        #expect(ledger.state.tasks["T-1"]?.originalDeadline == date("2025-03-10"))
    }

    @Test func completionTakesTheLaterOfDocumentAndResultDates() throws {
        // The result is entered at 00:30 local on 11 March: 17:30 UTC on 10 March, but the local day is the 11th.
        let ledger = try TestLedger(province + [submitReport(), enterResult(at: "2025-03-10T17:30:00Z")])
        let task = try #require(ledger.state.tasks["T-1"])
        #expect(task.isComplete)
        #expect(task.completionDate == date("2025-03-11"))
        #expect(task.status(judgedOn: date("2025-03-12")) == .completedLate)
    }

    @Test func resultOnTheDeadlineDayIsOnTime() throws {
        let ledger = try TestLedger(province + [submitReport(), enterResult(at: "2025-03-10T16:59:59.999Z")])
        #expect(ledger.state.tasks["T-1"]?.completionDate == date("2025-03-10"))
        #expect(ledger.state.tasks["T-1"]?.status(judgedOn: date("2025-04-01")) == .completedOnTime)
    }

    @Test func returnVoidsDocumentResultAndGrade() throws {
        let ledger = try TestLedger(completed + [evaluate(), returnResult()])
        let task = try #require(ledger.state.tasks["T-1"])
        #expect(task.reportDocument == nil)
        #expect(task.result == nil)
        #expect(task.grade == nil)
        #expect(!task.isComplete)
    }

    @Test func latestGradeCounts() throws {
        let ledger = try TestLedger(completed + [evaluate(grade: "good"), evaluate(grade: "excellent")])
        #expect(ledger.state.tasks["T-1"]?.grade == .excellent)
    }

    @Test func reassignmentAndWithdrawalKeepDocumentResultAndGrade() throws {
        let ledger = try TestLedger(completed + [evaluate(), reassign(to: "STC"), withdraw()])
        let task = try #require(ledger.state.tasks["T-1"])
        #expect(task.reportDocument != nil)
        #expect(task.result != nil)
        #expect(task.grade == .good)
        #expect(task.isWithdrawn)
        #expect(task.status(judgedOn: date("2025-03-12")) == .withdrawn)
    }

    @Test func mergeMovesOnlyIncompleteTasks() throws {
        let history =
            province + [
                assignTask("T-2"), assignTask("T-3"), assignTask("T-4", lead: "STC", coordinating: ["SXD"]),
                submitReport("T-2"), enterResult("T-2"), withdraw("T-3"),
                reassign("T-1", to: "SXD", assignee: "P1"),
            ]
        var ledger = try TestLedger(history)
        let mergeStep = merge(["SXD"], into: "SNV", at: "2025-03-06T09:00:00+07:00")
        try ledger.submit(mergeStep)
        let seq = ledger.state.lastSeq
        let state = ledger.state
        #expect(state.units["SXD"]?.mergedInto == "SNV")
        #expect(state.units["SXD"]?.mergedAt == instant("2025-03-06T09:00:00+07:00"))
        #expect(state.units["SXD"]?.isActive == false)
        #expect(state.tasks["T-1"]?.leadUnitId == "SNV")
        #expect(state.tasks["T-1"]?.assigneePersonId == nil)
        #expect(state.tasks["T-1"]?.mergeSeqs == [seq], "the merge joins the moved task's history")
        #expect(state.tasks["T-2"]?.leadUnitId == "SXD", "a completed task stays with the merged unit")
        #expect(state.tasks["T-2"]?.mergeSeqs == [])
        #expect(state.tasks["T-3"]?.leadUnitId == "SXD", "a withdrawn task stays")
        #expect(state.tasks["T-4"]?.leadUnitId == "STC", "a task the merged unit only coordinates keeps its lead")
        #expect(state.tasks["T-4"]?.coordinatingUnitIds == ["SXD"])
        #expect(state.tasks["T-4"]?.mergeSeqs == [])
    }

    @Test func returnedTaskOfAMergedUnitMovesToTheEndOfTheChain() throws {
        let history =
            completed + [
                merge(["SXD"], into: "STC", at: "2025-03-06T09:00:00+07:00"),
                merge(["STC"], into: "SNV", at: "2025-03-06T10:00:00+07:00"),
            ]
        var ledger = try TestLedger(history)
        #expect(ledger.state.tasks["T-1"]?.leadUnitId == "SXD")
        try ledger.submit(returnResult(at: "2025-03-07T09:00:00+07:00"))
        #expect(ledger.state.tasks["T-1"]?.leadUnitId == "SNV")
        #expect(ledger.state.tasks["T-1"]?.assigneePersonId == nil)
        // The successor now leads it: it may report again; the merged unit may not.
        #expect(ledger.outcome(submitReport(by: "SXD", date: "2025-03-07", at: "2025-03-07T10:00:00+07:00"))?.rule == .notLeadUnit)
        #expect(ledger.outcome(submitReport(by: "SNV", date: "2025-03-07", at: "2025-03-07T10:00:00+07:00")) == nil)
    }

    @Test func headsAndTransfers() throws {
        let ledger = try TestLedger(
            province + [appointHead("SXD", "P1", from: "2025-01-01"), transfer("P2", to: "SXD"), appointHead("SXD", "P2", from: "2025-06-01")]
        )
        let heads = try #require(ledger.state.units["SXD"]?.headAppointments)
        #expect(heads.map(\.personId) == ["P1", "P2"])
        #expect(heads.map(\.from) == [date("2025-01-01"), date("2025-06-01")])
        #expect(ledger.state.people["P2"]?.unitId == "SXD")
        #expect(ledger.state.people["P2"]?.title == "Phó Giám đốc")
    }

    @Test func transferKeepsExistingAssignments() throws {
        let ledger = try TestLedger(province + [reassign(to: "SXD", assignee: "P1"), transfer("P1", to: "STC")])
        #expect(ledger.state.tasks["T-1"]?.assigneePersonId == "P1")
    }

    @Test func policiesAreStoredExactly() throws {
        let ledger = try TestLedger(province + [publishPolicy()])
        let policy = try #require(ledger.state.policies.last)
        #expect(policy.policyId == "P-2027")
        #expect(policy.appliesFromYear == 2027)
        #expect(policy.onTime == Decimal4(tenThousandths: 10_000))
        #expect(policy.late == Decimal4(tenThousandths: 8_500))
        #expect(policy.overdue == Decimal4(tenThousandths: 0))
        #expect(policy.bands.map(\.label) == ["Xuất sắc", "Đạt", "Chưa đạt"])
        #expect(policy.bands.first?.min == Decimal4(tenThousandths: 900_000))
        #expect(policy.seq == ledger.state.lastSeq)
        #expect(ledger.state.policy(forYear: 2027).policyId == "P-2027")
        #expect(ledger.state.policy(forYear: 2026).policyId == "default-2026")
    }

    @Test func tokens() throws {
        var ledger = try TestLedger(province + [issueToken()])
        #expect(ledger.state.tokens["TK1"] == TokenState(id: "TK1", name: "Máy trạm Sở Xây dựng", role: .unit, unitId: "SXD"))
        try ledger.submit(revokeToken())
        #expect(ledger.state.tokens["TK1"]?.revoked == true)
    }

    @Test func correctionReplacesOnlyTheGivenFields() throws {
        let ledger = try TestLedger(
            province + [
                correct("T-1", ["title": "  Rà soát quy hoạch chung  ", "sourceDocument": ["number": "5426/UBND-KGVX", "date": "2025-02-28"]])
            ]
        )
        let task = try #require(ledger.state.tasks["T-1"])
        let texts = try #require(ledger.texts(of: "T-1"))
        #expect(task.correctionSeqs == [9])
        #expect(texts.title == "Rà soát quy hoạch chung")
        #expect(texts.sourceDocument == DocumentRef(number: "5426/UBND-KGVX", date: date("2025-02-28")), "the whole document is replaced")
        #expect(task.sourceDocumentDate == date("2025-02-28"), "the rules read the corrected date")
        #expect(task.issuer == .committee)
        #expect(task.deadline == date("2025-03-10"))
    }

    @Test func renameAndProgressOnlyTouchWhatTheyName() throws {
        var ledger = try TestLedger(province + [step("UnitRenamed", ["unitId": "SXD", "name": "Sở Xây dựng"])])
        #expect(ledger.state.units["SXD"]?.name == "Sở Xây dựng")
        let before = ledger.state.tasks
        try ledger.submit(reportProgress())
        // Progress is part of the task's history (its stream in the log), which the state does not copy.
        #expect(ledger.state.tasks == before)
    }
}
