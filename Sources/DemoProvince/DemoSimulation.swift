import CanonicalJSON
import ProvinceTime

/// Plays the province's history day by day and hands out each day's bare events, stamped in order.
///
/// Per day: first the structural events (registrations, merges, appointments, transfers, policies), then
/// the tasks entered that day and the planned steps of open tasks that fall on it, interleaved. The state
/// kept is what consistency needs (units, people, open tasks and their next steps); emitted events are
/// forgotten, so memory stays bounded by the size of the province and its open work, at any scale.
final class DemoSimulation {
    static let firstDay = LocalDate(year: 2023, month: 11, day: 1)!
    static let lastDay = LocalDate(year: 2026, month: 11, day: 20)!

    var random: DemoRandom
    let seed: UInt64
    let scale: Double
    private(set) var day = DemoSimulation.firstDay
    /// Today's events, before they are stamped.
    var drafts: [DraftEvent] = []

    var units: [String: UnitRecord] = [:]
    /// Registration order: dictionaries iterate in a per-process order, so every walk over units uses this.
    var unitOrder: [String] = []
    var people: [String: PersonRecord] = [:]
    var personCount = 0
    var chairman = ""
    var viceChairmen: [String] = []
    /// Active units that may lead new tasks today and their weights; rebuilt after structural changes.
    var leadCandidates: (ids: [String], weights: [Double])?

    var openTasks: [Int: OpenTask] = [:]
    var queue = StepQueue()
    var taskSerial = 0
    var taskCountByYear: [Int: Int] = [:]
    var documentCounters: [String: Int] = [:]
    var commandCount = 0

    /// Days (day numbers) on which a unit's deputy succeeds its head.
    var headChanges: [Int: [String]] = [:]
    /// Days on which a staff member moves to another department.
    var transferDays: Set<Int> = []

    init(seed: UInt64, scale: Double) {
        self.seed = seed
        self.scale = max(0, scale)
        self.random = DemoRandom(seed: seed)
        chairman = VietnameseNames.draw(&random)
        viceChairmen = (0..<3).map { _ in VietnameseNames.draw(&random) }
        let from = LocalDate(year: 2024, month: 2, day: 1)!
        let to = LocalDate(year: 2026, month: 9, day: 30)!
        for unitId in ProvinceCatalog.headChanges {
            let change = from.adding(days: random.int(0...to.days(since: from))).workdayOnOrAfter
            headChanges[change.dayNumber, default: []].append(unitId)
        }
        for _ in 0..<4 {
            transferDays.insert(from.adding(days: random.int(0...to.days(since: from))).workdayOnOrAfter.dayNumber)
        }
    }

    /// The stamped events of the next day that has any, or `nil` once the history is over.
    func nextDay() -> [JSONValue]? {
        while day <= Self.lastDay {
            drafts.removeAll(keepingCapacity: true)
            playStructure()
            if !day.isWeekend { assignNewTasks() }
            while let next = queue.first, next.day <= day.dayNumber {
                _ = queue.pop()
                runStep(next)
            }
            let events = stamp()
            day = day.adding(days: 1)
            if !events.isEmpty { return events }
        }
        return nil
    }

    /// Spreads the day's events over office hours, 07:45 to 17:15 in UTC+7, strictly increasing.
    private func stamp() -> [JSONValue] {
        guard !drafts.isEmpty else { return [] }
        let start = Instant.startOfLocalDay(day).millisecondsSinceEpoch + (7 * 60 + 45) * 60_000
        let span: Int64 = (9 * 60 + 30) * 60_000
        let count = Int64(drafts.count)
        let gap = span / count
        var events: [JSONValue] = []
        events.reserveCapacity(drafts.count)
        for (i, draft) in drafts.enumerated() {
            let jitter = gap > 1 ? Int64(random.int(0...Int(gap - 1))) : 0
            let at = Instant(millisecondsSinceEpoch: start + Int64(i) * span / count + jitter)
            events.append(draft.json(recordedAt: at.description))
        }
        return events
    }

    // MARK: - Helpers shared by the structural and the task parts

    func office(_ type: String, _ payload: [String: JSONValue], commandId: String? = nil) {
        drafts.append(DraftEvent(type: type, unitActor: nil, payload: payload, commandId: commandId))
    }

    func unit(_ unitId: String, _ type: String, _ payload: [String: JSONValue], commandId: String? = nil) {
        drafts.append(DraftEvent(type: type, unitActor: unitId, payload: payload, commandId: commandId))
    }

    /// An idempotency key on a share of the events, as a client retrying over a flaky network would send.
    func maybeCommandId(_ probability: Double) -> String? {
        guard random.chance(probability) else { return nil }
        commandCount += 1
        return "demo-\(seed)-\(commandCount)"
    }

    /// The active unit at the end of a merge chain.
    func current(_ unitId: String) -> String {
        var id = unitId
        while let next = units[id]?.mergedInto { id = next }
        return id
    }

    /// The next number in a numbering series of a year (documents are numbered from 1 each year), skipping
    /// the numbers the series spends on documents outside the demo.
    func nextNumber(_ series: String, year: Int) -> Int {
        let key = "\(series)#\(year)"
        let gapMax = max(0, Int(4 / max(scale, 0.01)))
        let number = documentCounters[key, default: 0] + 1 + random.int(0...gapMax)
        documentCounters[key] = number
        return number
    }
}

/// `n` written with at least `width` digits.
func zeroPadded(_ n: Int, width: Int) -> String {
    let digits = String(n)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
