import ProvinceTime

/// `DeadlineExtended`: the deadline moves to `newDeadline`, approved by `approvalDocument`.
public struct DeadlineExtended: Hashable, Sendable {
    public var taskId: String
    public var newDeadline: LocalDate
    public var reason: String
    public var approvalDocument: DocumentRef

    public init(taskId: String, newDeadline: LocalDate, reason: String, approvalDocument: DocumentRef) {
        self.taskId = taskId
        self.newDeadline = newDeadline
        self.reason = reason
        self.approvalDocument = approvalDocument
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        newDeadline = try r.date("newDeadline")
        reason = try r.text("reason", .longText)
        approvalDocument = try DocumentRef.read("approvalDocument", of: &r, withSigner: false)
    }
}
