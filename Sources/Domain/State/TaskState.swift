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

/// The current `ReportDocumentSubmitted` of a task (the latest one since the last `ResultReturned`).
public struct SubmittedReport: Hashable, Sendable {
    public var document: DocumentRef
    public var unitId: String
    public var summary: String?
    public var recordedAt: Instant
    public var seq: UInt64

    public init(document: DocumentRef, unitId: String, summary: String?, recordedAt: Instant, seq: UInt64) {
        self.document = document
        self.unitId = unitId
        self.summary = summary
        self.recordedAt = recordedAt
        self.seq = seq
    }
}

/// The current `ResultEntered` of a task (the latest one since the last `ResultReturned`).
public struct EnteredResult: Hashable, Sendable {
    public var text: String
    public var unitId: String
    public var recordedAt: Instant
    public var seq: UInt64

    public init(text: String, unitId: String, recordedAt: Instant, seq: UInt64) {
        self.text = text
        self.unitId = unitId
        self.recordedAt = recordedAt
        self.seq = seq
    }
}

/// A task as of the last folded event. Its status at a cutoff is derived (`status(judgedOn:)`), never stored,
/// because "open on time" becomes "overdue" by the passing of time alone.
public struct TaskState: Hashable, Sendable {
    public var id: String
    public var issuer: Issuer
    /// The assigning document, after `TaskCorrected`.
    public var sourceDocument: DocumentRef
    public var title: String
    public var details: String?
    public var field: String?
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
    public var reportDocument: SubmittedReport?
    public var result: EnteredResult?
    /// The latest `QualityEvaluated` grade since the task last became complete.
    public var grade: Grade?
    public var withdrawnAt: Instant?
    /// `seq` of every event that concerns this task, including `UnitMerged` events that moved it: its history.
    public var eventSeqs: [UInt64]

    public init(
        id: String,
        issuer: Issuer,
        sourceDocument: DocumentRef,
        title: String,
        details: String?,
        field: String?,
        leadUnitId: String,
        coordinatingUnitIds: [String],
        assigneePersonId: String?,
        deadline: LocalDate,
        assignedAt: Instant,
        assignedSeq: UInt64
    ) {
        self.id = id
        self.issuer = issuer
        self.sourceDocument = sourceDocument
        self.title = title
        self.details = details
        self.field = field
        self.leadUnitId = leadUnitId
        self.coordinatingUnitIds = coordinatingUnitIds
        self.assigneePersonId = assigneePersonId
        self.originalDeadline = deadline
        self.deadline = deadline
        self.assignedAt = assignedAt
        self.assignedSeq = assignedSeq
        self.eventSeqs = [assignedSeq]
    }

    public var isWithdrawn: Bool { withdrawnAt != nil }

    /// Complete: a report document and a result, neither voided by a later `ResultReturned` (SPEC §4).
    public var isComplete: Bool { reportDocument != nil && result != nil }

    /// The later of the report document's date and the local date the result was entered; `nil` when not complete.
    public var completionDate: LocalDate? {
        guard let report = reportDocument, let result else { return nil }
        return max(report.document.date, result.recordedAt.localDate)
    }

    /// The status of SPEC §4 judged on `date` (the date of the cutoff).
    public func status(judgedOn date: LocalDate) -> TaskStatus {
        if isWithdrawn { return .withdrawn }
        if let done = completionDate { return done <= deadline ? .completedOnTime : .completedLate }
        return date <= deadline ? .openOnTime : .openOverdue
    }
}

/// SPEC §4 statuses, with the Vietnamese labels the reports print.
public enum TaskStatus: String, CaseIterable, Hashable, Sendable {
    case completedOnTime, completedLate, openOnTime, openOverdue, withdrawn

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
