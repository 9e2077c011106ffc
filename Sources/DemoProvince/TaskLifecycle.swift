import ProvinceTime

/// The life a sample task will lead, drawn when it is assigned, and the plan of steps that realises it.
///
/// Each plan respects SPEC §3 by construction: an extension happens on or before the current deadline and
/// before completion; a report document is dated between the source document and the day it is entered;
/// grades and returns come only after both the document and the result; nothing follows a withdrawal.
/// Steps only move later (`PlanBuilder.add`), so a plan is ordered even when days are nudged off weekends.
enum TaskLifecycle: CaseIterable, Sendable {
    case completedOnTime, completedOnDeadline, completedLate, overdueOpen, extended, reassigned, returnedAndResubmitted, withdrawn

    /// How often each life occurs, in `allCases` order.
    private static let weights: [Double] = [0.44, 0.08, 0.15, 0.05, 0.10, 0.07, 0.07, 0.04]

    static func draw(_ random: inout DemoRandom) -> TaskLifecycle {
        allCases[random.weightedIndex(weights)]
    }

    /// The steps of a task entered on `entry`, whose source document is dated `source`, due `deadline`
    /// (`deadline` ≥ `entry` + 3 days), with `coordinators` coordinating units; `corrected` adds a correction.
    static func plan(
        entry: LocalDate,
        source: LocalDate,
        deadline: LocalDate,
        coordinators: Int,
        corrected: Bool,
        random: inout DemoRandom
    ) -> [PlannedStep] {
        var plan = PlanBuilder(entry: entry, source: source, coordinators: coordinators)
        plan.add(entry, .assign)
        if corrected {
            plan.add(entry.adding(days: random.int(0...1)).workdayOnOrBefore(floor: plan.last), .correct)
        }
        var deadline = deadline
        switch draw(&random) {
        case .completedOnTime:
            plan.finish(.onTime, deadline: deadline, random: &random)
            plan.maybeEvaluate(random: &random)
        case .completedOnDeadline:
            plan.finish(.onDeadline, deadline: deadline, random: &random)
            plan.maybeEvaluate(random: &random)
        case .completedLate:
            plan.finish(.late, deadline: deadline, random: &random)
            plan.maybeEvaluate(random: &random)
        case .overdueOpen:
            plan.progress(until: deadline.adding(days: random.int(10...90)), random: &random)
            if random.chance(0.3) {
                let day = plan.last.adding(days: random.int(1...10)).workdayOnOrAfter
                plan.add(day, .submitDocument(date: max(source, day.adding(days: -random.int(0...2)))))
            }
        case .extended:
            let day = entry.adding(days: random.int(1...max(1, deadline.days(since: entry)))).workdayOnOrBefore(floor: plan.last)
            deadline = deadline.adding(days: random.int(10...60))
            plan.add(day, .extend(newDeadline: deadline))
            if random.chance(0.2) {
                let again = plan.last.adding(days: random.int(1...deadline.days(since: plan.last))).workdayOnOrBefore(floor: plan.last)
                deadline = deadline.adding(days: random.int(7...30))
                plan.add(again, .extend(newDeadline: deadline))
            }
            plan.finish(random.chance(0.75) ? .onTime : .late, deadline: deadline, random: &random)
            plan.maybeEvaluate(random: &random)
        case .reassigned:
            let half = max(1, deadline.days(since: entry) / 2)
            plan.add(entry.adding(days: random.int(1...half)).workdayOnOrBefore(floor: plan.last), .reassign)
            let roll = random.unit()
            if roll < 0.9 {
                plan.finish(roll < 0.7 ? .onTime : .late, deadline: deadline, random: &random)
                plan.maybeEvaluate(random: &random)
            } else {
                plan.progress(until: deadline.adding(days: 30), random: &random)
            }
        case .returnedAndResubmitted:
            plan.finish(.onTime, deadline: deadline, random: &random)
            if random.chance(0.3) {
                plan.add(plan.last.adding(days: random.int(0...2)).workdayOnOrAfter, .evaluate(grade: "unsatisfactory"))
            }
            plan.add(plan.last.adding(days: random.int(1...7)).workdayOnOrAfter, .returnResult)
            plan.finish(.whenever(plan.last.adding(days: random.int(3...20)).workdayOnOrAfter), deadline: deadline, random: &random)
            plan.maybeEvaluate(random: &random)
        case .withdrawn:
            let day = entry.adding(days: random.int(2...30)).workdayOnOrBefore(floor: plan.last)
            if random.chance(0.4) {
                plan.add(entry.adding(days: random.int(1...max(1, day.days(since: entry)))), .progressLead(percent: 10 * random.int(1...3)))
            }
            plan.add(day, .withdraw)
        }
        return plan.steps
    }
}

/// Accumulates the steps of one plan, never letting a step fall before the previous one.
private struct PlanBuilder {
    /// When the task is completed relative to its deadline.
    enum Finish {
        case onTime, onDeadline, late
        /// On the given day, wherever that falls (a resubmission after a return).
        case whenever(LocalDate)
    }

    let entry: LocalDate
    let source: LocalDate
    let coordinators: Int
    var steps: [PlannedStep] = []
    var last: LocalDate

    init(entry: LocalDate, source: LocalDate, coordinators: Int) {
        self.entry = entry
        self.source = source
        self.coordinators = coordinators
        self.last = entry
    }

    mutating func add(_ day: LocalDate, _ step: TaskStep) {
        let day = max(day, last)
        steps.append(PlannedStep(day: day, step: step))
        last = day
    }

    /// Progress reports from the lead (one to three, rising) and from some coordinators, up to `until`.
    mutating func progress(until: LocalDate, random: inout DemoRandom) {
        let span = max(0, until.days(since: last))
        var reports: [PlannedStep] = []
        var percents = (0..<random.int(1...3)).map { _ in 5 * random.int(2...18) }
        percents.sort()
        for percent in percents {
            reports.append(PlannedStep(day: last.adding(days: random.int(0...span)), step: .progressLead(percent: percent)))
        }
        for slot in 0..<coordinators where random.chance(0.5) {
            reports.append(
                PlannedStep(day: last.adding(days: random.int(0...span)), step: .progressCoordinator(slot: slot, percent: 5 * random.int(4...20)))
            )
        }
        // Lead reports keep their rising order among themselves; a stable sort by day preserves it.
        let ordered = reports.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
        for (_, report) in ordered {
            add(report.day.workdayOnOrBefore(floor: last), report.step)
        }
    }

    /// Progress, then the report document and the result in either order, so that the completion date
    /// (the later of the document's date and the day the result is entered) lands where `finish` says.
    mutating func finish(_ finish: Finish, deadline: LocalDate, random: inout DemoRandom) {
        let day: LocalDate
        switch finish {
        case .onTime: day = last.adding(days: random.int(1...max(1, deadline.days(since: last)))).workdayOnOrBefore(floor: last)
        case .onDeadline: day = max(deadline, last)
        case .late: day = deadline.adding(days: random.int(1...45)).workdayOnOrAfter
        case .whenever(let date): day = date
        }
        if random.chance(0.85) {
            progress(until: day, random: &random)
        }
        let finalDay = max(day, last)
        let earlier = finalDay.adding(days: -random.int(0...3)).workdayOnOrBefore(floor: last)
        if random.chance(0.5) {
            // The document first, dated up to two days before it is entered; the result closes the task.
            add(earlier, .submitDocument(date: max(source, max(earlier, last).adding(days: -random.int(0...2)))))
            add(finalDay, .enterResult)
        } else {
            // The result first; the document, entered last, carries the completion date.
            add(earlier, .enterResult)
            var date = finalDay
            switch finish {
            case .onDeadline: break
            case .late: date = max(deadline.adding(days: 1), finalDay.adding(days: -random.int(0...1)))
            case .onTime, .whenever: date = finalDay.adding(days: -random.int(0...1))
            }
            add(finalDay, .submitDocument(date: max(source, date)))
        }
    }

    /// About half the completed tasks are graded by the Office some days later.
    mutating func maybeEvaluate(random: inout DemoRandom) {
        guard random.chance(0.55) else { return }
        let grade = ["excellent", "good", "satisfactory", "unsatisfactory"][random.weightedIndex([0.25, 0.45, 0.22, 0.08])]
        add(last.adding(days: random.int(1...20)).workdayOnOrAfter, .evaluate(grade: grade))
    }
}
