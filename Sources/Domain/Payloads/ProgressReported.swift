/// `ProgressReported`: a lead or coordinating unit notes its progress; it changes no status.
public struct ProgressReported: Hashable, Sendable {
    public var taskId: String
    public var unitId: String
    public var note: String
    /// 0–100 when given.
    public var percent: Int?

    public init(taskId: String, unitId: String, note: String, percent: Int? = nil) {
        self.taskId = taskId
        self.unitId = unitId
        self.note = note
        self.percent = percent
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        unitId = try r.text("unitId", .id)
        note = try r.text("note", .longText)
        percent = try r.raw("percent").map { (value) throws(Refusal) -> Int in try r.integer(value, field: r.fieldPath("percent"), in: 0...100) }
    }
}
