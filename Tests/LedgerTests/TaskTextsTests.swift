import CanonicalJSON
import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

/// The state keeps no texts; the ledger reads them from the log when a task is shown. These tests hold the shown
/// texts to what the state used to keep in memory, computed here independently by folding the stored payloads with
/// the old rules (assignment sets them, a correction replaces what it carries, a report and a result set theirs, a
/// return voids both), at every seq of each history.
@Suite struct TaskTextsTests {
    struct Scenario: CustomStringConvertible, Sendable {
        var name: String
        var steps: [CommandRequest]
        var description: String { name }
    }

    static let correctTitle = request("TaskCorrected", #"{"taskId":"T-1","reason":"Sai chính tả","title":"Báo cáo tiến độ quý I"}"#)
    static let correctOthers = request(
        "TaskCorrected",
        #"{"taskId":"T-1","reason":"Bổ sung","details":"Chi tiết mới","field":"Xây dựng","sourceDocument":{"number":"5426/UBND-KGVX","date":"2025-02-28","signer":"Chủ tịch"}}"#
    )
    static let sxd = Actor(role: .unit, unitId: "SXD")

    static func report(_ number: String, summary: String?) -> CommandRequest {
        let summaryMember = summary.map { #","summary":"\#($0)""# } ?? ""
        return request(
            "ReportDocumentSubmitted",
            #"{"taskId":"T-1","unitId":"SXD","document":{"number":"\#(number)","date":"2025-03-02"}\#(summaryMember)}"#,
            actor: sxd
        )
    }
    static func result(_ text: String) -> CommandRequest {
        request("ResultEntered", #"{"taskId":"T-1","unitId":"SXD","result":"\#(text)"}"#, actor: sxd)
    }
    static let returnResult = request("ResultReturned", #"{"taskId":"T-1","reason":"Chưa đạt yêu cầu"}"#)
    static let withdraw = request("TaskWithdrawn", #"{"taskId":"T-1","reason":"Không còn cần thiết"}"#)
    static let progress = request("ProgressReported", #"{"taskId":"T-1","unitId":"SXD","note":"Đang làm","percent":50}"#, actor: sxd)

    static let scenarios: [Scenario] = [
        Scenario(name: "as assigned", steps: [progress]),
        Scenario(name: "title corrected", steps: [correctTitle]),
        Scenario(name: "other texts corrected, then the title", steps: [correctOthers, progress, correctTitle]),
        Scenario(name: "completed", steps: [report("45/BC-SXD", summary: "Đã xong phần 1"), result("Hoàn thành đúng yêu cầu")]),
        Scenario(name: "result returned", steps: [report("45/BC-SXD", summary: "Đã xong"), result("Hoàn thành"), returnResult]),
        Scenario(
            name: "resubmitted after a return",
            steps: [
                report("45/BC-SXD", summary: "Lần 1"), result("Kết quả lần 1"), returnResult,
                report("52/BC-SXD", summary: nil), result("Kết quả lần 2"),
            ]
        ),
        Scenario(name: "corrected after completion", steps: [report("45/BC-SXD", summary: nil), result("Xong"), correctTitle]),
        Scenario(name: "withdrawn after a correction", steps: [correctOthers, withdraw]),
        // SPEC §3 lets a payload carry extra fields; one holding an object with its own `title` member sorts before
        // the payload's `title` in the stored bytes and must not be taken for it.
        Scenario(
            name: "an extra field with a title of its own",
            steps: [
                request("TaskCorrected", #"{"taskId":"T-1","reason":"Bổ sung phụ lục","details":"Kèm phụ lục","annex":{"title":"Phụ lục số 1"}}"#),
                request("TaskCorrected", #"{"taskId":"T-1","reason":"Sửa","annex":{"title":"Phụ lục số 2"},"title":"Báo cáo quý I đã sửa"}"#),
            ]
        ),
        Scenario(
            name: "a title with quotes, a backslash and a slash",
            steps: [request("TaskCorrected", #"{"taskId":"T-1","reason":"Sửa","title":"Báo cáo \"khẩn\" \\ số 2/3 quý I"}"#)]
        ),
    ]

    @Test(arguments: scenarios)
    func shownTextsAreTheTextsAsOfEverySeq(_ scenario: Scenario) throws {
        let (ledger, dir) = try Self.seededLedger(then: scenario.steps)
        defer { Self.remove(ledger, dir) }
        let head = try ledger.log.head().seq
        for seq in UInt64(3)...head {
            let expected = try Self.expectedTexts(of: "T-1", through: seq, in: ledger)
            let shown = try #require(try ledger.task("T-1", asOf: .seq(seq, at: nil)))
            #expect(Self.texts(shownIn: shown.json) == expected, "\(scenario), task as of seq \(seq)")
            let page = try ledger.tasks(TaskFilter(), asOf: .seq(seq, at: nil))
            #expect(page.tasks.map { Self.texts(shownIn: $0) } == [expected], "\(scenario), list as of seq \(seq)")
            // The text filter reads the title as of the cutoff too: the corrected words match only once corrected.
            let title = try #require(expected["title"]?.stringValue)
            let found = try ledger.tasks(TaskFilter(text: "QUÝ I"), asOf: .seq(seq, at: nil))
            #expect(
                found.tasks.map { $0["taskId"]?.stringValue } == (title.contains("quý I") ? ["T-1"] : []),
                "\(scenario), search as of seq \(seq)"
            )
            let whole = try ledger.tasks(TaskFilter(text: title), asOf: .seq(seq, at: nil))
            #expect(whole.tasks.map { $0["taskId"]?.stringValue } == ["T-1"], "\(scenario), search for the whole title, seq \(seq)")
            let history = try #require(try ledger.history(taskId: "T-1", asOf: .seq(seq, at: nil)))
            #expect(history.events.map(\.seq) == Array(3...seq), "\(scenario), history as of seq \(seq)")
        }
        let now = try #require(try ledger.task("T-1"))
        #expect(Self.texts(shownIn: now.json) == (try Self.expectedTexts(of: "T-1", through: head, in: ledger)), "\(scenario), now")
    }

    /// The title search reads titles straight from the stored bytes; over a demo province (corrections included) it
    /// finds every task by the title its view shows, which is decoded in full.
    @Test func everyDemoTaskIsFoundByItsShownTitle() throws {
        let (ledger, dir) = try demoLedger(seed: 5)
        defer { Self.remove(ledger, dir) }
        let all = try ledger.tasks(TaskFilter())
        #expect(all.tasks.count > 100)
        for task in all.tasks {
            let id = try #require(task["taskId"]?.stringValue)
            let title = try #require(task["title"]?.stringValue)
            let found = try ledger.tasks(TaskFilter(text: title)).tasks.compactMap { $0["taskId"]?.stringValue }
            #expect(found.contains(id), "\(id): \(title)")
        }
    }

    @Test func aMergeJoinsTheHistoryOfTheTasksItMoves() throws {
        let (ledger, dir) = try Self.seededLedger(then: [
            request("UnitRegistered", #"{"unitId":"SNV","name":"Sở Nội vụ","kind":"department"}"#),
            Self.correctTitle,
            request("UnitMerged", #"{"unitIds":["SXD"],"intoUnitId":"SNV","reason":"Sắp xếp"}"#),
            request("ProgressReported", #"{"taskId":"T-1","unitId":"SNV","note":"Tiếp tục"}"#, actor: Actor(role: .unit, unitId: "SNV")),
        ])
        defer { Self.remove(ledger, dir) }
        #expect(try ledger.history(taskId: "T-1", asOf: .seq(5, at: nil))?.events.map(\.seq) == [3, 5])
        #expect(try ledger.history(taskId: "T-1", asOf: .seq(6, at: nil))?.events.map(\.seq) == [3, 5, 6])
        #expect(try ledger.history(taskId: "T-1")?.events.map(\.seq) == [3, 5, 6, 7])
        #expect(try ledger.task("T-1")?.json["leadUnitId"]?.stringValue == "SNV")
    }

    /// The monthly lists carry each task's title as of the cutoff: read from the log at the seqs the state as of that
    /// cutoff knows, never a later correction.
    @Test func monthlyTitlesAreAsOfTheCutoff() throws {
        // T-1 (seq 3) is due 2025-03-20; the rest is recorded on 2025-03-24.
        let (ledger, dir) = try Self.seededLedger(
            at: "2025-03-24T09:00:00+07:00",
            then: [
                request(
                    "TaskAssigned",
                    #"{"taskId":"T-2","issuer":"committee","sourceDocument":{"number":"7/UBND","date":"2025-03-24"},"title":"Kiểm tra công trình","leadUnitId":"SXD","deadline":"2025-03-26"}"#
                ),
                Self.correctTitle,
                request("TaskCorrected", #"{"taskId":"T-2","reason":"Sửa","title":"Kiểm tra công trình trọng điểm"}"#),
                request("TaskCorrected", #"{"taskId":"T-1","reason":"Sửa lần 2","details":"Không đổi tên"}"#),
            ]
        )
        defer { Self.remove(ledger, dir) }
        let at = Instant(parsingRFC3339: "2025-03-24T12:00:00+07:00")!
        let expected: [(seq: UInt64, overdue: String, dueSoon: String)] = [
            (4, "Báo cáo tiến độ", "Kiểm tra công trình"),
            (5, "Báo cáo tiến độ quý I", "Kiểm tra công trình"),
            (6, "Báo cáo tiến độ quý I", "Kiểm tra công trình trọng điểm"),
            (7, "Báo cáo tiến độ quý I", "Kiểm tra công trình trọng điểm"),
        ]
        for row in expected {
            // Twice: the second is answered from the title cache, which must give the same titles.
            for _ in 0..<2 {
                let rendered = try ledger.report(ReportQuery(kind: .monthly, cutoff: .seq(row.seq, at: at)))
                let json = try JSONParser.parse(rendered.body)
                #expect(json["overdue"]?.arrayValue?.map { $0["title"]?.stringValue } == [row.overdue], "seq \(row.seq)")
                #expect(json["dueSoon"]?.arrayValue?.map { $0["title"]?.stringValue } == [row.dueSoon], "seq \(row.seq)")
            }
        }
    }

    // MARK: - The ledger and the reference

    /// A fresh ledger seeded on 2025-03-02 (unit SXD, person P1, task T-1 at seq 3), then `steps` appended at `at`
    /// (else the same instant); a refused step fails the test.
    static func seededLedger(at: String? = nil, then steps: [CommandRequest]) throws -> (Ledger, String) {
        let clock = TestClock("2025-03-02T09:00:00+07:00")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        try seed(ledger)
        if let at { clock.set(at) }
        for step in steps {
            let outcome = try ledger.executeAndWait(step)
            guard case .appended = outcome else {
                remove(ledger, dir)
                throw Refusal(.invalidValue, field: nil, "\(step.type) refused: \(outcome)")
            }
        }
        return (ledger, dir)
    }

    static func remove(_ ledger: Ledger, _ dir: String) {
        ledger.close()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The texts the task shows, as JSON members by path.
    static func texts(shownIn task: JSONValue) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for key in ["title", "details", "field", "sourceDocument"] { out[key] = task[key] }
        out["reportDocument.document"] = task["reportDocument"]?["document"]
        out["reportDocument.summary"] = task["reportDocument"]?["summary"]
        out["result.result"] = task["result"]?["result"]
        return out
    }

    /// The texts of `taskId` after events 1…`seq`, folded from the stored payloads as the in-memory state did.
    static func expectedTexts(of taskId: String, through seq: UInt64, in ledger: Ledger) throws -> [String: JSONValue] {
        var texts: [String: JSONValue] = [:]
        try ledger.log.read { reader in
            try reader.forEachEvent(to: seq) { e in
                let p = e.payload
                guard p["taskId"]?.stringValue == taskId else { return true }
                switch e.type {
                case "TaskAssigned":
                    for key in ["title", "details", "field", "sourceDocument"] { texts[key] = p[key] }
                case "TaskCorrected":
                    for key in ["title", "details", "field", "sourceDocument"] where p[key] != nil { texts[key] = p[key] }
                case "ReportDocumentSubmitted":
                    texts["reportDocument.document"] = p["document"]
                    texts["reportDocument.summary"] = p["summary"]
                case "ResultEntered":
                    texts["result.result"] = p["result"]
                case "ResultReturned":
                    texts["reportDocument.document"] = nil
                    texts["reportDocument.summary"] = nil
                    texts["result.result"] = nil
                default:
                    break
                }
                return true
            }
        }
        return texts
    }
}
