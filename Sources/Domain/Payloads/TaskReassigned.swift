/// `TaskReassigned`: a new lead unit; `coordinatingUnitIds` replaces the list when given; the assignee is
/// cleared unless a new one is named.
public struct TaskReassigned: Hashable, Sendable {
    public var taskId: String
    public var leadUnitId: String
    public var coordinatingUnitIds: [String]?
    public var assigneePersonId: String?
    public var reason: String

    public init(taskId: String, leadUnitId: String, coordinatingUnitIds: [String]? = nil, assigneePersonId: String? = nil, reason: String) {
        self.taskId = taskId
        self.leadUnitId = leadUnitId
        self.coordinatingUnitIds = coordinatingUnitIds
        self.assigneePersonId = assigneePersonId
        self.reason = reason
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        taskId = try r.text("taskId", .id)
        leadUnitId = try r.text("leadUnitId", .id)
        coordinatingUnitIds = try r.optionalIdList("coordinatingUnitIds")
        assigneePersonId = try r.optionalText("assigneePersonId", .id)
        reason = try r.text("reason", .longText)
        if let ids = coordinatingUnitIds {
            try CoordinatingUnits.check(ids, lead: leadUnitId, path: r.fieldPath("coordinatingUnitIds"))
        }
    }
}
