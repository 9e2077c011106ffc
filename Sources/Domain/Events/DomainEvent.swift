/// An event of SPEC §3 with its typed payload.
public enum DomainEvent: Hashable, Sendable {
    case unitRegistered(UnitRegistered)
    case unitRenamed(UnitRenamed)
    case unitMerged(UnitMerged)
    case personRegistered(PersonRegistered)
    case personTransferred(PersonTransferred)
    case headAppointed(HeadAppointed)
    case taskAssigned(TaskAssigned)
    case taskCorrected(TaskCorrected)
    case deadlineExtended(DeadlineExtended)
    case taskReassigned(TaskReassigned)
    case taskWithdrawn(TaskWithdrawn)
    case progressReported(ProgressReported)
    case reportDocumentSubmitted(ReportDocumentSubmitted)
    case resultEntered(ResultEntered)
    case resultReturned(ResultReturned)
    case qualityEvaluated(QualityEvaluated)
    case scoringPolicyPublished(ScoringPolicyPublished)
    case tokenIssued(TokenIssued)
    case tokenRevoked(TokenRevoked)

    public var type: EventType {
        switch self {
        case .unitRegistered: .unitRegistered
        case .unitRenamed: .unitRenamed
        case .unitMerged: .unitMerged
        case .personRegistered: .personRegistered
        case .personTransferred: .personTransferred
        case .headAppointed: .headAppointed
        case .taskAssigned: .taskAssigned
        case .taskCorrected: .taskCorrected
        case .deadlineExtended: .deadlineExtended
        case .taskReassigned: .taskReassigned
        case .taskWithdrawn: .taskWithdrawn
        case .progressReported: .progressReported
        case .reportDocumentSubmitted: .reportDocumentSubmitted
        case .resultEntered: .resultEntered
        case .resultReturned: .resultReturned
        case .qualityEvaluated: .qualityEvaluated
        case .scoringPolicyPublished: .scoringPolicyPublished
        case .tokenIssued: .tokenIssued
        case .tokenRevoked: .tokenRevoked
        }
    }

    /// The stream the event goes on (SPEC §3): the thing it changes. `UnitMerged` goes on the successor's
    /// stream; a merge moves tasks without writing on their streams.
    public var stream: String {
        switch self {
        case .unitRegistered(let e): "unit/\(e.unitId)"
        case .unitRenamed(let e): "unit/\(e.unitId)"
        case .unitMerged(let e): "unit/\(e.intoUnitId)"
        case .personRegistered(let e): "person/\(e.personId)"
        case .personTransferred(let e): "person/\(e.personId)"
        case .headAppointed(let e): "unit/\(e.unitId)"
        case .taskAssigned(let e): "task/\(e.taskId)"
        case .taskCorrected(let e): "task/\(e.taskId)"
        case .deadlineExtended(let e): "task/\(e.taskId)"
        case .taskReassigned(let e): "task/\(e.taskId)"
        case .taskWithdrawn(let e): "task/\(e.taskId)"
        case .progressReported(let e): "task/\(e.taskId)"
        case .reportDocumentSubmitted(let e): "task/\(e.taskId)"
        case .resultEntered(let e): "task/\(e.taskId)"
        case .resultReturned(let e): "task/\(e.taskId)"
        case .qualityEvaluated(let e): "task/\(e.taskId)"
        case .scoringPolicyPublished(let e): "policy/\(e.policyId)"
        case .tokenIssued(let e): "token/\(e.tokenId)"
        case .tokenRevoked(let e): "token/\(e.tokenId)"
        }
    }
}
