import CanonicalJSON
import Domain
import ProvinceTime
import Testing

/// One row of the rule table: a history, one command, and what the domain must answer.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var history: [Step]
    var command: Step
    /// `nil` when the command must be accepted.
    var rule: RuleID?
    var field: String?

    var testDescription: String { name }

    static func refused(_ name: String, _ history: [Step], _ command: Step, _ rule: RuleID, _ field: String?) -> RuleCase {
        RuleCase(name: name, history: history, command: command, rule: rule, field: field)
    }

    static func accepted(_ name: String, _ history: [Step], _ command: Step) -> RuleCase {
        RuleCase(name: name, history: history, command: command, rule: nil, field: nil)
    }
}

let ruleTable: [RuleCase] = [
    // Envelope-level checks the domain owns.
    .refused("unknown type", province, step("TaskDeleted", ["taskId": "T-1"]), .unknownEventType, "type"),
    .refused("interior writes nothing", province, withdraw().by(Actor(role: .interior)), .roleNotAllowed, "actor.role"),
    .refused("auditor writes nothing", province, withdraw().by(Actor(role: .auditor)), .roleNotAllowed, "actor.role"),
    .refused("office cannot enter a result", province, enterResult().by(office), .roleNotAllowed, "actor.role"),
    .refused("unit cannot assign", province, assignTask("T-2").by(unit("SXD")), .roleNotAllowed, "actor.role"),
    .refused("office cannot issue tokens", province, issueToken().by(office), .roleNotAllowed, "actor.role"),
    .refused("admin cannot assign", province, assignTask("T-2").by(admin), .roleNotAllowed, "actor.role"),
    .refused("unit actor without unitId", province, reportProgress().by(Actor(role: .unit)), .missingField, "actor.unitId"),
    .refused("office actor with a unitId", province, withdraw().by(Actor(role: .office, unitId: "SXD")), .invalidValue, "actor.unitId"),
    .refused("unit actor of an unknown unit", province, reportProgress(by: "SYT"), .unknownUnit, "actor.unitId"),

    // Payload shape.
    .refused("payload not an object", province, step("TaskWithdrawn", ["T-1"]), .wrongType, "payload"),
    .refused("id of the wrong type", province, withdraw().with("taskId", 1), .wrongType, "payload.taskId"),
    .refused("missing required field", province, withdraw().without("reason"), .missingField, "payload.reason"),
    .refused("null required field", province, withdraw().with("reason", .null), .missingField, "payload.reason"),
    .refused("nested missing field", province, assignTask("T-2").without("sourceDocument.number"), .missingField, "payload.sourceDocument.number"),
    .refused("nested wrong type", province, assignTask("T-2").with("sourceDocument", "5425"), .wrongType, "payload.sourceDocument"),
    .refused("unknown enum", province, registerUnit("SYT", kind: "ministry"), .invalidValue, "payload.kind"),
    .refused("impossible date", province, assignTask("T-2", deadline: "2025-02-30"), .invalidValue, "payload.deadline"),
    .refused("date of the wrong type", province, assignTask("T-2").with("deadline", 20_250_310), .wrongType, "payload.deadline"),
    .refused("date with a time", province, assignTask("T-2", deadline: "2025-03-10T00:00:00Z"), .invalidValue, "payload.deadline"),
    .refused("percent over 100", province, reportProgress().with("percent", 101), .invalidValue, "payload.percent"),
    .refused("percent with a fraction", province, reportProgress().with("percent", 12.5), .invalidValue, "payload.percent"),
    .refused("percent as text", province, reportProgress().with("percent", "50"), .wrongType, "payload.percent"),
    .refused("id with a slash", province, assignTask("T/2"), .invalidValue, "payload.taskId"),
    .refused("id with a space", [], registerUnit("S XD"), .invalidValue, "payload.unitId"),
    .refused(
        "coordinating list element wrong type",
        province,
        assignTask("T-2").with("coordinatingUnitIds", ["STC", 3]),
        .wrongType,
        "payload.coordinatingUnitIds[1]"
    ),
    .refused(
        "coordinating repeats",
        province,
        assignTask("T-2", coordinating: ["STC", "SNV", "STC"]),
        .invalidValue,
        "payload.coordinatingUnitIds[2]"
    ),
    .refused("lead also coordinating", province, assignTask("T-2", coordinating: ["SXD"]), .invalidValue, "payload.coordinatingUnitIds[0]"),
    .refused("classified flag of the wrong type", province, assignTask("T-2").with("classified", "yes"), .wrongType, "payload.classified"),

    // Text rules.
    .refused("empty title", province, assignTask("T-2").with("title", "   "), .textEmpty, "payload.title"),
    .refused("newline inside a reason", province, withdraw().with("reason", "dòng 1\ndòng 2"), .textControlCharacters, "payload.reason"),
    .refused("tab at the end is not trimmed away", province, withdraw().with("reason", "lý do\t"), .textControlCharacters, "payload.reason"),
    .refused("DEL character", province, withdraw().with("reason", "a\u{7F}b"), .textControlCharacters, "payload.reason"),
    .refused("C1 control character", province, withdraw().with("reason", "a\u{85}b"), .textControlCharacters, "payload.reason"),
    .refused("line separator", province, withdraw().with("reason", "a\u{2028}b"), .textControlCharacters, "payload.reason"),
    .refused("id over 64", [], registerUnit(String(repeating: "A", count: 65)), .textTooLong, "payload.unitId"),
    .refused(
        "document number over 100",
        province,
        assignTask("T-2").with("sourceDocument.number", .string(String(repeating: "9", count: 101))),
        .textTooLong,
        "payload.sourceDocument.number"
    ),
    .refused("name over 300", [], registerUnit("SYT").with("name", .string(String(repeating: "ệ", count: 301))), .textTooLong, "payload.name"),
    .refused(
        "task title over 1000",
        province,
        assignTask("T-2").with("title", .string(String(repeating: "a", count: 1001))),
        .textTooLong,
        "payload.title"
    ),
    .refused(
        "long text over 10000",
        province,
        withdraw().with("reason", .string(String(repeating: "x", count: 10_001))),
        .textTooLong,
        "payload.reason"
    ),
    .accepted("long text of exactly 10000", province, withdraw().with("reason", .string(String(repeating: "x", count: 10_000)))),
    .accepted(
        "decomposed Vietnamese counts after NFC",
        [],
        registerUnit("SYT").with("name", .string(String(repeating: "e\u{0323}\u{0302}", count: 300)))
    ),

    // Registrations and references.
    .refused("duplicate unit", province, registerUnit("SXD"), .duplicateId, "payload.unitId"),
    .refused("duplicate person", province, registerPerson("P1", in: "STC"), .duplicateId, "payload.personId"),
    .refused("duplicate task", province, assignTask("T-1"), .duplicateId, "payload.taskId"),
    .refused("duplicate policy", province + [publishPolicy()], publishPolicy(), .duplicateId, "payload.policyId"),
    .refused("policy id of the built-in policy", province, publishPolicy("default-2026"), .duplicateId, "payload.policyId"),
    .refused("duplicate token", province + [issueToken()], issueToken(), .duplicateId, "payload.tokenId"),
    .refused("unknown parent unit", province, registerUnit("SYT").with("parentUnitId", "UBND"), .unknownUnit, "payload.parentUnitId"),
    .refused("person in an unknown unit", province, registerPerson("P9", in: "SYT"), .unknownUnit, "payload.unitId"),
    .refused("unknown lead unit", province, assignTask("T-2", lead: "SYT"), .unknownUnit, "payload.leadUnitId"),
    .refused(
        "unknown coordinating unit",
        province,
        assignTask("T-2", coordinating: ["STC", "SYT"]),
        .unknownUnit,
        "payload.coordinatingUnitIds[1]"
    ),
    .refused("unknown assignee", province, assignTask("T-2").with("assigneePersonId", "P9"), .unknownPerson, "payload.assigneePersonId"),
    .refused("transfer of an unknown person", province, transfer("P9", to: "STC"), .unknownPerson, "payload.personId"),
    .refused("unknown task", province, withdraw("T-9"), .unknownTask, "payload.taskId"),
    .refused("rename unknown unit", province, step("UnitRenamed", ["unitId": "SYT", "name": "Sở Y tế"]), .unknownUnit, "payload.unitId"),
    .refused("token for an unknown unit", province, issueToken(unitId: "SYT"), .unknownUnit, "payload.unitId"),
    .refused("unit token without a unit", province, issueToken(unitId: nil), .missingField, "payload.unitId"),
    .refused("admin token", province, issueToken(role: "admin", unitId: nil), .invalidValue, "payload.role"),
    .accepted("auditor token", province, issueToken(role: "auditor", unitId: nil)),
    .refused("office token with a unit", province, issueToken(role: "office"), .invalidValue, "payload.unitId"),
    .refused("revoke an unknown token", province, revokeToken("TK9"), .invalidValue, "payload.tokenId"),
    .refused("revoke twice", province + [issueToken(), revokeToken()], revokeToken(), .invalidValue, "payload.tokenId"),

    // TaskAssigned.
    .refused("classified", province, assignTask("T-2").with("classified", true), .classifiedTask, "payload.classified"),
    .refused(
        "classified comes before other faults",
        province,
        assignTask("T-2").with("classified", true).without("title"),
        .classifiedTask,
        "payload.classified"
    ),
    .accepted("classified false", province, assignTask("T-2").with("classified", false)),
    .refused(
        "source document in the future",
        province,
        assignTask("T-2").with("sourceDocument.date", "2025-03-03"),
        .sourceDocumentInFuture,
        "payload.sourceDocument.date"
    ),
    .accepted("source document dated today", province, assignTask("T-2").with("sourceDocument.date", "2025-03-02")),
    .refused(
        "deadline before source document",
        province,
        assignTask("T-2", deadline: "2025-02-28"),
        .deadlineBeforeSourceDocument,
        "payload.deadline"
    ),
    .refused(
        "merged lead unit",
        province + [merge(["D1"], into: "SXD")],
        assignTask("T-2", lead: "D1", coordinating: []),
        .mergedUnitTakesNoTasks,
        "payload.leadUnitId"
    ),
    .refused(
        "merged coordinating unit",
        province + [merge(["D1"], into: "SXD")],
        assignTask("T-2", coordinating: ["STC", "D1"]),
        .mergedUnitTakesNoTasks,
        "payload.coordinatingUnitIds[1]"
    ),
    .refused(
        "assignee of another unit",
        province,
        assignTask("T-2").with("assigneePersonId", "P2"),
        .assigneeNotInLeadUnit,
        "payload.assigneePersonId"
    ),
    .accepted("assignee of the lead unit", province, assignTask("T-2").with("assigneePersonId", "P1")),
    .accepted("extra optional fields are kept", province, assignTask("T-2").with("priority", "high")),

    // TaskReassigned.
    .refused(
        "reassign to a merged unit",
        province + [merge(["D1"], into: "SNV")],
        reassign(to: "D1"),
        .mergedUnitTakesNoTasks,
        "payload.leadUnitId"
    ),
    .refused(
        "reassign with an assignee of another unit",
        province,
        reassign(to: "STC", assignee: "P1"),
        .assigneeNotInLeadUnit,
        "payload.assigneePersonId"
    ),
    .refused("reassign a withdrawn task", province + [withdraw()], reassign(to: "STC"), .taskWithdrawn, "payload.taskId"),
    .accepted("reassign with an assignee of the new lead", province, reassign(to: "STC", assignee: "P2")),

    // HeadAppointed.
    .refused(
        "head from not later",
        province + [appointHead("SXD", "P1", from: "2025-01-01")],
        appointHead("SXD", "P3", from: "2025-01-01"),
        .headAppointmentNotLater,
        "payload.from"
    ),
    .refused(
        "head from earlier",
        province + [appointHead("SXD", "P1", from: "2025-01-01")],
        appointHead("SXD", "P3", from: "2024-12-31"),
        .headAppointmentNotLater,
        "payload.from"
    ),
    .refused("head not in unit", province, appointHead("SXD", "P2", from: "2025-01-01"), .headNotInUnit, "payload.personId"),
    .accepted("head after transfer into the unit", province + [transfer("P2", to: "SXD")], appointHead("SXD", "P2", from: "2025-01-01")),

    // UnitMerged.
    .refused("merge repeats a unit", province, merge(["D1", "SNV", "D1"], into: "SXD"), .mergeUnitsNotDistinct, "payload.unitIds[2]"),
    .refused("merge into itself", province, merge(["D1", "SXD"], into: "SXD"), .mergeIntoItself, "payload.unitIds[1]"),
    .refused(
        "merge an already merged unit",
        province + [merge(["D1"], into: "SXD")],
        merge(["SNV", "D1"], into: "STC", at: "2025-03-04T09:00:00+07:00"),
        .mergeUnitNotActive,
        "payload.unitIds[1]"
    ),
    .refused(
        "merge into a merged unit",
        province + [merge(["D1"], into: "SXD")],
        merge(["SNV"], into: "D1", at: "2025-03-04T09:00:00+07:00"),
        .mergeSuccessorNotActive,
        "payload.intoUnitId"
    ),
    .refused("merge an unknown unit", province, merge(["SYT"], into: "SXD"), .unknownUnit, "payload.unitIds[0]"),
    .refused("merge into an unknown unit", province, merge(["D1"], into: "SYT"), .unknownUnit, "payload.intoUnitId"),
    .refused("merge nothing", province, merge([], into: "SXD"), .invalidValue, "payload.unitIds"),
    .accepted("merged unit may be renamed", province + [merge(["D1"], into: "SXD")], step("UnitRenamed", ["unitId": "D1", "name": "Huyện cũ"])),

    // DeadlineExtended (order: complete, after deadline, not later).
    .refused("extension on a completed task", completed, extend(), .extensionOnCompletedTask, "payload.taskId"),
    .refused("extension after the deadline", province, extend(at: "2025-03-11T08:00:00+07:00"), .extensionAfterDeadline, "payload.taskId"),
    .accepted("extension on the deadline day", province, extend(at: "2025-03-10T23:59:59.999+07:00")),
    .refused(
        "extension the day after, by one millisecond",
        province,
        extend(at: "2025-03-10T17:00:00Z"),
        .extensionAfterDeadline,
        "payload.taskId"
    ),
    .refused("extension not later", province, extend(to: "2025-03-10"), .extensionNotLater, "payload.newDeadline"),
    .refused("extension earlier", province, extend(to: "2025-03-09"), .extensionNotLater, "payload.newDeadline"),
    .refused(
        "extension after deadline wins over not later",
        province,
        extend(to: "2025-03-01", at: "2025-03-12T09:00:00+07:00"),
        .extensionAfterDeadline,
        "payload.taskId"
    ),
    .refused(
        "second extension judged against the extended deadline",
        province + [extend()],
        extend(to: "2025-03-15"),
        .extensionNotLater,
        "payload.newDeadline"
    ),

    // Reports and results.
    .refused("report by a coordinating unit", province, submitReport(by: "STC"), .notLeadUnit, "payload.unitId"),
    .refused("result by a coordinating unit", province, enterResult(by: "STC"), .notLeadUnit, "payload.unitId"),
    .refused("report by the former lead", province + [reassign(to: "STC")], submitReport(by: "SXD"), .notLeadUnit, "payload.unitId"),
    .refused("progress by an unrelated unit", province, reportProgress(by: "SNV"), .notLeadOrCoordinatingUnit, "payload.unitId"),
    .accepted("progress by the lead", province, reportProgress(by: "SXD")),
    .accepted("progress by a coordinating unit", province, reportProgress(by: "STC")),
    .accepted("progress by a merged coordinating unit", province + [merge(["STC"], into: "SNV")], reportProgress(by: "STC")),
    .refused("payload unit not the writer's", province, reportProgress().by(unit("SXD")), .unitIdNotOwn, "payload.unitId"),
    .refused("report document in the future", province, submitReport(date: "2025-03-06"), .reportDocumentInFuture, "payload.document.date"),
    .refused(
        "report before source document",
        province,
        submitReport(date: "2025-02-28"),
        .reportDocumentBeforeSourceDocument,
        "payload.document.date"
    ),
    .refused("report on a complete task", completed, submitReport(at: "2025-03-06T09:00:00+07:00"), .taskAlreadyComplete, "payload.taskId"),
    .refused("result on a complete task", completed, enterResult(at: "2025-03-06T09:00:00+07:00"), .taskAlreadyComplete, "payload.taskId"),
    .accepted(
        "a later report replaces an earlier one before completion",
        province + [submitReport()],
        submitReport(date: "2025-03-06", at: "2025-03-06T09:00:00+07:00")
    ),
    .accepted("report again after a return", completed + [returnResult()], submitReport(date: "2025-03-06", at: "2025-03-06T10:00:00+07:00")),
    .refused("report on a withdrawn task", province + [withdraw()], submitReport(), .taskWithdrawn, "payload.taskId"),
    .refused("progress on a withdrawn task", province + [withdraw()], reportProgress(), .taskWithdrawn, "payload.taskId"),
    .refused("second withdrawal", province + [withdraw()], withdraw(), .taskWithdrawn, "payload.taskId"),

    // Return and quality.
    .refused("return an incomplete task", province + [submitReport()], returnResult(), .returnOnIncompleteTask, "payload.taskId"),
    .refused("quality on an incomplete task", province, evaluate(), .qualityOnIncompleteTask, "payload.taskId"),
    .refused("quality after a return", completed + [returnResult()], evaluate(), .qualityOnIncompleteTask, "payload.taskId"),
    .refused("unknown grade", completed, evaluate(grade: "perfect"), .invalidValue, "payload.grade"),
    .accepted("quality on a complete task", completed, evaluate()),

    // TaskCorrected.
    .refused("correction without a corrected field", province, correct("T-1", [:]), .missingField, "payload"),
    .refused("correction with only empty text", province, correct("T-1", ["title": "  "]), .missingField, "payload"),
    .refused("correction without a reason", province, correct("T-1", ["title": "Mới"]).without("reason"), .missingField, "payload.reason"),
    .refused(
        "corrected source document after the entry date",
        province + [extend()],
        correct("T-1", ["sourceDocument": ["number": "1/UBND", "date": "2025-03-03"]]),
        .sourceDocumentInFuture,
        "payload.sourceDocument.date"
    ),
    .refused(
        "corrected source document after the deadline as assigned",
        province + [assignTask("T-2", deadline: "2025-02-15").with("sourceDocument.date", "2025-02-01")],
        correct("T-2", ["sourceDocument": ["number": "1/UBND", "date": "2025-02-16"]]),
        .deadlineBeforeSourceDocument,
        "payload.sourceDocument.date"
    ),
    .accepted(
        "corrected source document on the deadline as assigned",
        province + [assignTask("T-2", deadline: "2025-02-15").with("sourceDocument.date", "2025-02-01")],
        correct("T-2", ["sourceDocument": ["number": "1/UBND", "date": "2025-02-15"]])
    ),
    .accepted(
        "corrected source document on the entry date",
        province,
        correct("T-1", ["sourceDocument": ["number": "1/UBND", "date": "2025-03-02"]])
    ),
    .refused("correct a withdrawn task", province + [withdraw()], correct("T-1", ["title": "Mới"]), .taskWithdrawn, "payload.taskId"),
    .refused("correct with an unknown issuer", province, correct("T-1", ["issuer": "ministry"]), .invalidValue, "payload.issuer"),

    // ScoringPolicyPublished.
    .refused(
        "weight over 1",
        province,
        publishPolicy(weights: ["onTime": 1.5, "late": 0.75, "overdue": 0]),
        .invalidPolicy,
        "payload.weights.onTime"
    ),
    .refused("negative weight", province, publishPolicy(weights: ["onTime": 1, "late": -0.1, "overdue": 0]), .invalidPolicy, "payload.weights.late"),
    .refused(
        "weight with five decimals",
        province,
        publishPolicy(weights: ["onTime": 1, "late": 0.75, "overdue": 0.00001]),
        .invalidPolicy,
        "payload.weights.overdue"
    ),
    .accepted("weight with four decimals", province, publishPolicy(weights: ["onTime": 1, "late": 0.8575, "overdue": 0.0001])),
    .refused("weight as text", province, publishPolicy(weights: ["onTime": "1", "late": 0.75, "overdue": 0]), .wrongType, "payload.weights.onTime"),
    .refused("missing weight", province, publishPolicy(weights: ["onTime": 1, "late": 0.75]), .missingField, "payload.weights.overdue"),
    .refused("no band", province, publishPolicy(bands: []), .invalidPolicy, "payload.bands"),
    .refused(
        "two bands with the same min",
        province,
        publishPolicy(bands: [["min": 90, "label": "A"], ["min": 50, "label": "B"], ["min": 90.0, "label": "C"]]),
        .invalidPolicy,
        "payload.bands[2].min"
    ),
    .refused("band without a label", province, publishPolicy(bands: [["min": 90]]), .missingField, "payload.bands[0].label"),
    .refused("band min over 100", province, publishPolicy(bands: [["min": 100.5, "label": "A"]]), .invalidPolicy, "payload.bands[0].min"),
    .refused("year with a fraction", province, publishPolicy().with("appliesFromYear", 2027.5), .invalidValue, "payload.appliesFromYear"),
    .refused("year as text", province, publishPolicy().with("appliesFromYear", "2027"), .wrongType, "payload.appliesFromYear"),
]

@Suite("Rules: one row per rule")
struct RuleTableTests {
    @Test(arguments: ruleTable)
    func rule(_ row: RuleCase) throws {
        var ledger = try TestLedger(row.history)
        let before = ledger.state
        let refusal = ledger.outcome(row.command)
        if let rule = row.rule {
            let got = try #require(refusal, "expected \(rule.rawValue) but the command was accepted")
            #expect(got.rule == rule, "\(got)")
            #expect(got.field == row.field, "\(got)")
            #expect(!got.message.isEmpty)
            #expect(ledger.state == before, "a refusal must leave the state unchanged")
        } else {
            #expect(refusal == nil, "expected acceptance, got \(refusal?.description ?? "")")
            #expect(ledger.state.lastSeq == before.lastSeq + 1)
        }
    }

    /// Every rule id the domain owns (all but the ledger's envelope rules) has at least one row.
    @Test func everyDomainRuleHasARow() {
        let ledgerRules: Set<RuleID> = [.malformedJson, .oversizedBody, .unknownField, .recordedAtOrder, .commandIdReused, .conflict]
        let covered = Set(ruleTable.compactMap(\.rule))
        let missing = RuleID.all.filter { !ledgerRules.contains($0) && !covered.contains($0) }
        #expect(missing.isEmpty, "rules without a row: \(missing)")
    }
}
