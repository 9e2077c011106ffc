import ArgumentParser
import CanonicalJSON
import EventLog
import Ledger
import ProvinceTime
import Reports

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every event of one task, readable: local time, seq, what happened, who wrote it.",
        discussion: "Includes the unit merges that moved the task. --json prints the raw envelopes instead."
    )

    @OptionGroup var options: DataOptions
    @OptionGroup var cutoff: CutoffOptions
    @Argument(help: "The task id.") var taskId: String
    @Flag(help: "Print the envelopes as NDJSON.") var json = false

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let found: (events: [Envelope], cutoff: Cutoff)?
        do {
            found = try ledger.history(taskId: taskId, asOf: try cutoff.spec())
        } catch let error as CutoffError {
            throw CLIError(error.message)
        }
        guard let found else { throw CLIError("no task \(taskId) in the ledger at that cutoff") }
        if json {
            for e in found.events { StandardOutput.write(e.exportLine + [0x0A]) }
            return
        }
        print("Nhiệm vụ \(taskId) — lịch sử (đến seq \(found.cutoff.seq))")
        for e in found.events { print(HistoryText.line(e, taskId: taskId)) }
    }
}

/// One readable line per event, with the Vietnamese name of what happened and local (UTC+7) time.
enum HistoryText {
    static let labels: [String: String] = [
        "TaskAssigned": "Giao nhiệm vụ",
        "TaskCorrected": "Đính chính thông tin",
        "DeadlineExtended": "Gia hạn",
        "TaskReassigned": "Giao lại",
        "TaskWithdrawn": "Thu hồi",
        "ProgressReported": "Báo cáo tiến độ",
        "ReportDocumentSubmitted": "Nộp văn bản báo cáo",
        "ResultEntered": "Nhập kết quả",
        "ResultReturned": "Trả lại kết quả",
        "QualityEvaluated": "Đánh giá chất lượng",
        "UnitMerged": "Hợp nhất đơn vị",
    ]

    static func localTime(_ instant: Instant) -> String {
        let shifted = Instant(millisecondsSinceEpoch: instant.millisecondsSinceEpoch + Instant.provinceOffsetSeconds * 1000)
        let text = shifted.description  // YYYY-MM-DDTHH:MM:SS.sssZ of the local wall clock
        let date = text.prefix(10)
        let time = text.dropFirst(11).prefix(5)
        return "\(date) \(time)"
    }

    static func line(_ e: Envelope, taskId: String) -> String {
        let label = labels[e.type] ?? e.type
        let who = e.actor.unitId.map { "\(e.actor.role) \($0)" } ?? e.actor.role
        let p = e.payload
        var detail: [String] = []
        switch e.type {
        case "TaskAssigned":
            detail = [
                p["title"]?.stringValue, "chủ trì \(p["leadUnitId"]?.stringValue ?? "?")", "hạn \(p["deadline"]?.stringValue ?? "?")",
                "văn bản \(p["sourceDocument"]?["number"]?.stringValue ?? "?")",
            ].compactMap { $0 }
        case "DeadlineExtended":
            detail = ["hạn mới \(p["newDeadline"]?.stringValue ?? "?")", p["reason"]?.stringValue].compactMap { $0 }
        case "TaskReassigned":
            detail = ["chủ trì mới \(p["leadUnitId"]?.stringValue ?? "?")", p["reason"]?.stringValue].compactMap { $0 }
        case "ProgressReported":
            detail = [p["unitId"]?.stringValue, p["percent"]?.numberValue.map { "\(Int($0))%" }, p["note"]?.stringValue].compactMap { $0 }
        case "ReportDocumentSubmitted":
            detail = ["văn bản \(p["document"]?["number"]?.stringValue ?? "?") ngày \(p["document"]?["date"]?.stringValue ?? "?")"]
        case "ResultEntered":
            detail = [p["result"]?.stringValue].compactMap { $0 }
        case "QualityEvaluated":
            detail = [p["grade"]?.stringValue, p["note"]?.stringValue].compactMap { $0 }
        case "UnitMerged":
            let merged = p["unitIds"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ", ") ?? "?"
            detail = ["\(merged) → \(p["intoUnitId"]?.stringValue ?? "?"); nhiệm vụ chuyển sang đơn vị kế thừa"]
        default:
            detail = [p["reason"]?.stringValue].compactMap { $0 }
        }
        return "\(localTime(e.recordedAt))  #\(e.seq)  \(label) — \(who)" + (detail.isEmpty ? "" : ": " + detail.joined(separator: "; "))
    }
}
