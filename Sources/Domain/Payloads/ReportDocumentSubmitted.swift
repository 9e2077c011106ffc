/// `ReportDocumentSubmitted`: the lead unit's report document; with a result, the task is complete.
public struct ReportDocumentSubmitted: Hashable, Sendable {
    public var taskId: String
    public var unitId: String
    public var document: DocumentRef
    public var summary: String?

    public init(taskId: String, unitId: String, document: DocumentRef, summary: String? = nil) {
        self.taskId = taskId
        self.unitId = unitId
        self.document = document
        self.summary = summary
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        unitId = try r.text("unitId", .id)
        document = try DocumentRef.read("document", of: &r, withSigner: false)
        summary = try r.optionalText("summary", .longText)
    }
}
