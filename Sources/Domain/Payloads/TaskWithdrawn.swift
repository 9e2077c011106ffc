/// `TaskWithdrawn`: the task is withdrawn and counted nowhere; nothing more may be written to it.
public struct TaskWithdrawn: Hashable, Sendable {
    public var taskId: String
    public var reason: String
    public var document: DocumentRef?

    public init(taskId: String, reason: String, document: DocumentRef? = nil) {
        self.taskId = taskId
        self.reason = reason
        self.document = document
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        reason = try r.text("reason", .longText)
        document = try DocumentRef.readOptional("document", of: &r, withSigner: false)
    }
}
