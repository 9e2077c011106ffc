import ProvinceTime

/// `TaskAssigned`: the Committee or its Chairman assigns a task by a source document, to a lead unit.
public struct TaskAssigned: Hashable, Sendable {
    public var taskId: String
    public var issuer: Issuer
    public var sourceDocument: DocumentRef
    public var title: String
    public var details: String?
    public var field: String?
    public var leadUnitId: String
    public var coordinatingUnitIds: [String]
    public var assigneePersonId: String?
    public var deadline: LocalDate

    public init(
        taskId: String,
        issuer: Issuer,
        sourceDocument: DocumentRef,
        title: String,
        details: String? = nil,
        field: String? = nil,
        leadUnitId: String,
        coordinatingUnitIds: [String] = [],
        assigneePersonId: String? = nil,
        deadline: LocalDate
    ) {
        self.taskId = taskId
        self.issuer = issuer
        self.sourceDocument = sourceDocument
        self.title = title
        self.details = details
        self.field = field
        self.leadUnitId = leadUnitId
        self.coordinatingUnitIds = coordinatingUnitIds
        self.assigneePersonId = assigneePersonId
        self.deadline = deadline
    }

    /// `classified` is read first: a task from a classified document is refused before anything else is
    /// judged, since none of it may be stored whatever its other fields say.
    init(reading r: inout some PayloadReader) throws(Refusal) {
        if try r.optionalBool("classified") == true {
            throw Refusal(
                .classifiedTask,
                field: r.fieldPath("classified"),
                "Nhiệm vụ từ văn bản mật không được quản lý trên hệ thống này; không lưu bất kỳ thông tin nào của nhiệm vụ."
            )
        }
        taskId = try r.text("taskId", .id)
        issuer = try r.enumValue("issuer", Issuer.self)
        sourceDocument = try DocumentRef.read("sourceDocument", of: &r, withSigner: true)
        title = try r.text("title", .taskTitle)
        details = try r.optionalText("details", .longText)
        field = try r.optionalText("field", .name)
        leadUnitId = try r.text("leadUnitId", .id)
        coordinatingUnitIds = try r.optionalIdList("coordinatingUnitIds") ?? []
        assigneePersonId = try r.optionalText("assigneePersonId", .id)
        deadline = try r.date("deadline")
        try CoordinatingUnits.check(coordinatingUnitIds, lead: leadUnitId, path: r.fieldPath("coordinatingUnitIds"))
    }
}

/// The coordinating list is a set of other units: no repeats, and not the lead unit itself.
enum CoordinatingUnits {
    /// `path` is an autoclosure: the field is named only when an id is refused, not for every replayed task.
    static func check(_ ids: [String], lead: String, path: @autoclosure () -> String) throws(Refusal) {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() {
            if id == lead {
                throw Refusal(
                    .invalidValue,
                    field: "\(path())[\(index)]",
                    "Đơn vị chủ trì \(id) không được đồng thời là đơn vị phối hợp; hãy bỏ \(id) khỏi danh sách phối hợp."
                )
            }
            if !seen.insert(id).inserted {
                throw Refusal(
                    .invalidValue,
                    field: "\(path())[\(index)]",
                    "Đơn vị phối hợp \(id) bị lặp lại trong danh sách; hãy ghi mỗi đơn vị một lần."
                )
            }
        }
    }
}
