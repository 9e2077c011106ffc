import ProvinceTime

/// Who assigned a task (SPEC §3 `TaskAssigned.issuer`).
public enum Issuer: String, CaseIterable, Hashable, Sendable {
    case committee, chairman
}

/// The quality grade of a complete task (SPEC §3 `QualityEvaluated.grade`); never mixed into the score.
public enum Grade: String, CaseIterable, Hashable, Sendable {
    case excellent, good, satisfactory, unsatisfactory
}

/// A document reference: number (`5425/UBND-KGVX`) and date, and for a source document its signer.
public struct DocumentRef: Hashable, Sendable {
    public var number: String
    public var date: LocalDate
    public var signer: String?

    public init(number: String, date: LocalDate, signer: String? = nil) {
        self.number = number
        self.date = date
        self.signer = signer
    }
}

/// The current `ReportDocumentSubmitted` of a task (the latest one since the last `ResultReturned`): what the
/// rules and reports need. Its texts (document number and signer, summary) stay in the event at `seq`
/// (`TaskTexts`).
public struct SubmittedReport: Hashable, Sendable {
    /// The report document's date: the completion date is the later of it and the result's entry date.
    public var documentDate: LocalDate
    public var unitId: String
    public var recordedAt: Instant
    public var seq: UInt64

    public init(documentDate: LocalDate, unitId: String, recordedAt: Instant, seq: UInt64) {
        self.documentDate = documentDate
        self.unitId = unitId
        self.recordedAt = recordedAt
        self.seq = seq
    }
}

/// The current `ResultEntered` of a task (the latest one since the last `ResultReturned`); its text stays in the
/// event at `seq` (`TaskTexts`).
public struct EnteredResult: Hashable, Sendable {
    public var unitId: String
    public var recordedAt: Instant
    public var seq: UInt64

    public init(unitId: String, recordedAt: Instant, seq: UInt64) {
        self.unitId = unitId
        self.recordedAt = recordedAt
        self.seq = seq
    }
}

/// A task as of the last folded event, as callers see it: a view of its `TaskRow` with the ids spelled out.
/// Its status at a cutoff is derived (`status(judgedOn:)`), never stored, because "open on time" becomes
/// "overdue" by the passing of time alone.
///
/// It holds no free text: title, details, field, the document numbers and signers, the report summary and the
/// result text are read from the log at the seqs kept here (`assignedSeq`, `correctionSeqs`,
/// `reportDocument.seq`, `result.seq`) when a task is shown, so the projection of millions of tasks stays small.
public struct TaskState: Hashable, Sendable {
    public var id: String
    public var issuer: Issuer
    /// The assigning document's date, after `TaskCorrected` (the rules and `entryLag` need it).
    public var sourceDocumentDate: LocalDate
    /// The lead unit now: after reassignments and merges.
    public var leadUnitId: String
    public var coordinatingUnitIds: [String]
    public var assigneePersonId: String?
    /// The deadline as assigned.
    public var originalDeadline: LocalDate
    /// The deadline now: the latest `DeadlineExtended.newDeadline`, else `originalDeadline`.
    public var deadline: LocalDate
    /// `recordedAt` of `TaskAssigned`: its local date is the assignment date.
    public var assignedAt: Instant
    public var assignedSeq: UInt64
    /// `seq` of every `TaskCorrected`, in log order: with `assignedSeq`, where the texts are.
    public var correctionSeqs: [UInt64]
    public var reportDocument: SubmittedReport?
    public var result: EnteredResult?
    /// The latest `QualityEvaluated` grade since the task last became complete.
    public var grade: Grade?
    public var withdrawnAt: Instant?
    /// `seq` of every `UnitMerged` that moved the task: the only events of its history outside its own stream.
    public var mergeSeqs: [UInt64]

    public init(
        id: String,
        issuer: Issuer,
        sourceDocumentDate: LocalDate,
        leadUnitId: String,
        coordinatingUnitIds: [String],
        assigneePersonId: String?,
        deadline: LocalDate,
        assignedAt: Instant,
        assignedSeq: UInt64
    ) {
        self.id = id
        self.issuer = issuer
        self.sourceDocumentDate = sourceDocumentDate
        self.leadUnitId = leadUnitId
        self.coordinatingUnitIds = coordinatingUnitIds
        self.assigneePersonId = assigneePersonId
        self.originalDeadline = deadline
        self.deadline = deadline
        self.assignedAt = assignedAt
        self.assignedSeq = assignedSeq
        self.correctionSeqs = []
        self.mergeSeqs = []
    }

    public var isWithdrawn: Bool { withdrawnAt != nil }

    /// Complete: a report document and a result, neither voided by a later `ResultReturned` (SPEC §4).
    public var isComplete: Bool { reportDocument != nil && result != nil }

    /// The later of the report document's date and the local date the result was entered; `nil` when not complete.
    public var completionDate: LocalDate? {
        guard let report = reportDocument, let result else { return nil }
        return max(report.documentDate, result.recordedAt.localDate)
    }

    /// The status of SPEC §4 judged on `date` (the date of the cutoff).
    public func status(judgedOn date: LocalDate) -> TaskStatus {
        TaskStatus(withdrawn: isWithdrawn, completedOn: completionDate, deadline: deadline, judgedOn: date)
    }
}

/// SPEC §4 statuses, with the Vietnamese labels the reports print.
public enum TaskStatus: String, CaseIterable, Hashable, Sendable {
    case completedOnTime, completedLate, openOnTime, openOverdue, withdrawn

    /// SPEC §4's table, in one place for `TaskState` and `TaskRow`.
    @inlinable
    public init(withdrawn: Bool, completedOn completion: LocalDate?, deadline: LocalDate, judgedOn date: LocalDate) {
        if withdrawn {
            self = .withdrawn
        } else if let completion {
            self = completion <= deadline ? .completedOnTime : .completedLate
        } else {
            self = date <= deadline ? .openOnTime : .openOverdue
        }
    }

    public var vietnameseLabel: String {
        switch self {
        case .completedOnTime: "Hoàn thành đúng hạn"
        case .completedLate: "Hoàn thành quá hạn"
        case .openOnTime: "Đang thực hiện trong hạn"
        case .openOverdue: "Quá hạn chưa hoàn thành"
        case .withdrawn: "Đã thu hồi"
        }
    }
}
