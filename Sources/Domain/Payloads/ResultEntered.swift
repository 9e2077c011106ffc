/// `ResultEntered`: the lead unit enters the result in the software; with a report document, the task is complete.
public struct ResultEntered: Hashable, Sendable {
    public var taskId: String
    public var unitId: String
    public var result: String

    public init(taskId: String, unitId: String, result: String) {
        self.taskId = taskId
        self.unitId = unitId
        self.result = result
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        unitId = try r.text("unitId", .id)
        result = try r.text("result", .longText)
    }
}
