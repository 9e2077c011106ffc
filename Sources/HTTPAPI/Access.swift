import Domain

/// Who may call a route: the read and write rights of SPEC §1, checked before anything else is read.
///
/// The domain checks the write rights again (`roleNotAllowed`, `unitIdNotOwn`, `notLeadUnit`…), so a mistake
/// here could only refuse too much, never let a unit write for another unit's task.
enum Access: Hashable, Sendable {
    /// No token: liveness and metrics, for probes and scrapers.
    case anyone
    /// Task lists, one task, its history: every reading role; a `unit` sees only the tasks its unit leads or
    /// coordinates (the route applies that filter).
    case readTasks
    /// Monthly and annual reports, every unit's rows: a unit must be able to see and contest its own figures.
    case readReports
    /// The raw log, proofs and verify: the Office and auditors.
    case audit
    /// A command: the role that writes the event type (`EventType.writerRole`).
    case write(EventType)

    /// The roles allowed; empty for `anyone` (no token needed at all).
    var roles: Set<Role> {
        switch self {
        case .anyone: []
        case .readTasks, .readReports: [.office, .unit, .interior, .auditor]
        case .audit: [.office, .auditor]
        case .write(let type): [type.writerRole]
        }
    }

    var needsToken: Bool { self != .anyone }

    /// What the role may not do, for the 403 detail.
    func refusal(for role: Role) -> Problem {
        let allowed = roles.map(\.rawValue).sorted().joined(separator: ", ")
        let what: String
        switch self {
        case .anyone: what = "truy cập tuyến này"
        case .readTasks: what = "xem nhiệm vụ"
        case .readReports: what = "xem báo cáo"
        case .audit: what = "đọc sổ cái gốc, bằng chứng và kiểm tra toàn vẹn"
        case .write(let type): what = "ghi sự kiện \(type.rawValue)"
        }
        return Problem(
            status: .forbidden,
            name: RuleID.roleNotAllowed.rawValue,
            title: Problem.title(of: .roleNotAllowed),
            detail: "Vai trò \(role.rawValue) không được phép \(what); chỉ vai trò: \(allowed).",
            rule: .roleNotAllowed,
            field: "actor.role"
        )
    }
}
