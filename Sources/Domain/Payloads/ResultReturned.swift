/// `ResultReturned`: the Office returns a complete task; its report document, result and grade are voided.
public struct ResultReturned: Hashable, Sendable {
    public var taskId: String
    public var reason: String

    public init(taskId: String, reason: String) {
        self.taskId = taskId
        self.reason = reason
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        reason = try r.text("reason", .longText)
    }
}
