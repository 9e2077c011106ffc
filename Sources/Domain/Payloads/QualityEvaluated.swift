/// `QualityEvaluated`: a grade for a complete task; the latest counts, and it is never mixed into the score.
public struct QualityEvaluated: Hashable, Sendable {
    public var taskId: String
    public var grade: Grade
    public var note: String?

    public init(taskId: String, grade: Grade, note: String? = nil) {
        self.taskId = taskId
        self.grade = grade
        self.note = note
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        grade = try r.enumValue("grade", Grade.self)
        note = try r.optionalText("note", .longText)
    }
}
