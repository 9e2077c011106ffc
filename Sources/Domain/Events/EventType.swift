/// The 19 event types of SPEC §3, spelled as on the wire.
public enum EventType: String, CaseIterable, Hashable, Sendable {
    case unitRegistered = "UnitRegistered"
    case unitRenamed = "UnitRenamed"
    case unitMerged = "UnitMerged"
    case personRegistered = "PersonRegistered"
    case personTransferred = "PersonTransferred"
    case headAppointed = "HeadAppointed"
    case taskAssigned = "TaskAssigned"
    case taskCorrected = "TaskCorrected"
    case deadlineExtended = "DeadlineExtended"
    case taskReassigned = "TaskReassigned"
    case taskWithdrawn = "TaskWithdrawn"
    case progressReported = "ProgressReported"
    case reportDocumentSubmitted = "ReportDocumentSubmitted"
    case resultEntered = "ResultEntered"
    case resultReturned = "ResultReturned"
    case qualityEvaluated = "QualityEvaluated"
    case scoringPolicyPublished = "ScoringPolicyPublished"
    case tokenIssued = "TokenIssued"
    case tokenRevoked = "TokenRevoked"

    /// The payload schema version written today; `DomainEvent.decode` upcasts older versions to it.
    public var currentSchema: Int { 1 }

    /// The roles that may write this type (SPEC §1): `unit` writes progress, report documents and results;
    /// `admin` writes token events (through the CLI); `office` writes every other type; `interior` and
    /// `auditor` write nothing.
    public var writerRole: Role {
        switch self {
        case .progressReported, .reportDocumentSubmitted, .resultEntered: .unit
        case .tokenIssued, .tokenRevoked: .admin
        default: .office
        }
    }
}
