import ProvinceTime

/// One thing that happens to a task on a given day. Units are not fixed in the plan: the lead is resolved
/// when the step runs, because a merge in between may have passed the task to a successor.
enum TaskStep: Sendable {
    case assign
    /// Fixes what the Office mistyped at entry (`OpenTask.correction`).
    case correct
    case progressLead(percent: Int)
    /// Progress from the coordinating unit in this slot of the current list (skipped when the list is empty).
    case progressCoordinator(slot: Int, percent: Int)
    case extend(newDeadline: LocalDate)
    case reassign
    case submitDocument(date: LocalDate)
    case enterResult
    case returnResult
    case evaluate(grade: String)
    case withdraw
}

/// A step and the local day it happens on.
struct PlannedStep: Sendable {
    var day: LocalDate
    var step: TaskStep
}
