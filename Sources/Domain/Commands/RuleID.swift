/// The rule ids of SPEC §3: every refusal names one, exactly as spelled there.
///
/// A struct over a string rather than an enum, so a rule can be added without breaking a `switch`
/// in a client (the pattern of Hummingbird's `PersistError`).
public struct RuleID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let malformedJson = RuleID(rawValue: "malformedJson")
    public static let oversizedBody = RuleID(rawValue: "oversizedBody")
    public static let wrongType = RuleID(rawValue: "wrongType")
    public static let missingField = RuleID(rawValue: "missingField")
    public static let unknownField = RuleID(rawValue: "unknownField")
    public static let invalidValue = RuleID(rawValue: "invalidValue")
    public static let unknownEventType = RuleID(rawValue: "unknownEventType")
    public static let textEmpty = RuleID(rawValue: "textEmpty")
    public static let textControlCharacters = RuleID(rawValue: "textControlCharacters")
    public static let textTooLong = RuleID(rawValue: "textTooLong")
    public static let recordedAtOrder = RuleID(rawValue: "recordedAtOrder")
    public static let duplicateId = RuleID(rawValue: "duplicateId")
    public static let unknownUnit = RuleID(rawValue: "unknownUnit")
    public static let unknownPerson = RuleID(rawValue: "unknownPerson")
    public static let unknownTask = RuleID(rawValue: "unknownTask")
    public static let mergedUnitTakesNoTasks = RuleID(rawValue: "mergedUnitTakesNoTasks")
    public static let classifiedTask = RuleID(rawValue: "classifiedTask")
    public static let sourceDocumentInFuture = RuleID(rawValue: "sourceDocumentInFuture")
    public static let deadlineBeforeSourceDocument = RuleID(rawValue: "deadlineBeforeSourceDocument")
    public static let roleNotAllowed = RuleID(rawValue: "roleNotAllowed")
    public static let notLeadUnit = RuleID(rawValue: "notLeadUnit")
    public static let notLeadOrCoordinatingUnit = RuleID(rawValue: "notLeadOrCoordinatingUnit")
    public static let unitIdNotOwn = RuleID(rawValue: "unitIdNotOwn")
    public static let assigneeNotInLeadUnit = RuleID(rawValue: "assigneeNotInLeadUnit")
    public static let taskWithdrawn = RuleID(rawValue: "taskWithdrawn")
    public static let headAppointmentNotLater = RuleID(rawValue: "headAppointmentNotLater")
    public static let headNotInUnit = RuleID(rawValue: "headNotInUnit")
    public static let mergeUnitsNotDistinct = RuleID(rawValue: "mergeUnitsNotDistinct")
    public static let mergeUnitNotActive = RuleID(rawValue: "mergeUnitNotActive")
    public static let mergeIntoItself = RuleID(rawValue: "mergeIntoItself")
    public static let mergeSuccessorNotActive = RuleID(rawValue: "mergeSuccessorNotActive")
    public static let extensionNotLater = RuleID(rawValue: "extensionNotLater")
    public static let extensionAfterDeadline = RuleID(rawValue: "extensionAfterDeadline")
    public static let extensionOnCompletedTask = RuleID(rawValue: "extensionOnCompletedTask")
    public static let reportDocumentInFuture = RuleID(rawValue: "reportDocumentInFuture")
    public static let reportDocumentBeforeSourceDocument = RuleID(rawValue: "reportDocumentBeforeSourceDocument")
    public static let taskAlreadyComplete = RuleID(rawValue: "taskAlreadyComplete")
    public static let qualityOnIncompleteTask = RuleID(rawValue: "qualityOnIncompleteTask")
    public static let returnOnIncompleteTask = RuleID(rawValue: "returnOnIncompleteTask")
    public static let invalidPolicy = RuleID(rawValue: "invalidPolicy")
    public static let commandIdReused = RuleID(rawValue: "commandIdReused")
    public static let conflict = RuleID(rawValue: "conflict")

    /// Every rule id of SPEC §3, in the SPEC's order.
    public static let all: [RuleID] = [
        .malformedJson, .oversizedBody, .wrongType, .missingField, .unknownField, .invalidValue, .unknownEventType,
        .textEmpty, .textControlCharacters, .textTooLong, .recordedAtOrder, .duplicateId, .unknownUnit, .unknownPerson,
        .unknownTask, .mergedUnitTakesNoTasks, .classifiedTask, .sourceDocumentInFuture, .deadlineBeforeSourceDocument,
        .roleNotAllowed, .notLeadUnit, .notLeadOrCoordinatingUnit, .unitIdNotOwn, .assigneeNotInLeadUnit, .taskWithdrawn,
        .headAppointmentNotLater, .headNotInUnit, .mergeUnitsNotDistinct, .mergeUnitNotActive, .mergeIntoItself,
        .mergeSuccessorNotActive, .extensionNotLater, .extensionAfterDeadline, .extensionOnCompletedTask,
        .reportDocumentInFuture, .reportDocumentBeforeSourceDocument, .taskAlreadyComplete, .qualityOnIncompleteTask,
        .returnOnIncompleteTask, .invalidPolicy, .commandIdReused, .conflict,
    ]
}
