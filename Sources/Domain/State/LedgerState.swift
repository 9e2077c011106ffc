import ProvinceTime

/// Everything the rules of SPEC §3 and the reports of SPEC §4–5 need, folded from the log.
///
/// This is the one projection of the ledger: `decide` reads it to judge a command, `apply` folds an
/// appended event into it, and the report functions read it as of a cutoff (the state after the
/// cutoff's last event, judged at the cutoff instant). It is a value: copying it is how a report
/// keeps a consistent view while the log grows.
///
/// It keeps no free text of tasks (titles, details, document numbers, results): those are read from the log
/// when a task is shown (`TaskState`, `TaskTexts`), so the state of a province with millions of tasks fits in
/// memory.
public struct LedgerState: Hashable, Sendable {
    public var units: [String: UnitState] = [:]
    public var people: [String: PersonState] = [:]
    public var tasks = TaskTable()
    /// Every `ScoringPolicyPublished`, in log order.
    public var policies: [ScoringPolicy] = []
    public var tokens: [String: TokenState] = [:]
    /// `seq` of the last event folded in; 0 for an empty ledger.
    public var lastSeq: UInt64 = 0
    /// `recordedAt` of the last event folded in.
    public var lastRecordedAt: Instant? = nil

    public init() {}
}
