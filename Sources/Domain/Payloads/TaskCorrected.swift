/// `TaskCorrected`: corrects what was mistyped at assignment. The deadline changes only by extension, the
/// lead only by reassignment; a corrected source document replaces the whole document.
public struct TaskCorrected: Hashable, Sendable {
    public var taskId: String
    public var reason: String
    public var title: String?
    public var details: String?
    public var field: String?
    public var issuer: Issuer?
    public var sourceDocument: DocumentRef?

    public init(
        taskId: String,
        reason: String,
        title: String? = nil,
        details: String? = nil,
        field: String? = nil,
        issuer: Issuer? = nil,
        sourceDocument: DocumentRef? = nil
    ) {
        self.taskId = taskId
        self.reason = reason
        self.title = title
        self.details = details
        self.field = field
        self.issuer = issuer
        self.sourceDocument = sourceDocument
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        reason = try r.text("reason", .longText)
        title = try r.optionalText("title", .taskTitle)
        details = try r.optionalText("details", .longText)
        field = try r.optionalText("field", .name)
        issuer = try r.raw("issuer").map { (value) throws(Refusal) -> Issuer in try r.enumValue(value, field: r.fieldPath("issuer")) }
        sourceDocument = try DocumentRef.readOptional("sourceDocument", of: &r, withSigner: true)
        if title == nil, details == nil, field == nil, issuer == nil, sourceDocument == nil {
            throw Refusal(
                .missingField,
                field: r.path,
                "Cần ít nhất một trường được đính chính: title, details, field, issuer hoặc sourceDocument."
            )
        }
    }
}
