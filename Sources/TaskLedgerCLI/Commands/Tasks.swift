import ArgumentParser
import Domain
import Ledger

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One line a task: id, lead unit, deadline, status, title.",
        discussion: "Columns are tab-separated: taskId, leadUnitId, deadline, status, completion date (or -), title."
    )

    @OptionGroup var options: DataOptions
    @OptionGroup var cutoff: CutoffOptions
    @Option(help: "Only tasks this unit leads.") var unit: String?
    @Option(help: "completedOnTime, completedLate, openOnTime, openOverdue or withdrawn.") var status: String?

    func validate() throws {
        if let status, TaskStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let page: TaskPage
        do {
            page = try ledger.tasks(TaskFilter(leadUnitId: unit, status: status.flatMap(TaskStatus.init(rawValue:))), asOf: try cutoff.spec())
        } catch let error as CutoffError {
            throw CLIError(error.message)
        }
        var out = ""
        for task in page.tasks {
            let fields = ["taskId", "leadUnitId", "deadline", "status", "completionDate", "title"].map { task[$0]?.stringValue ?? "-" }
            out += fields.joined(separator: "\t") + "\n"
        }
        StandardOutput.write(Array(out.utf8))
        StandardError.print("\(page.tasks.count) tasks as of seq \(page.cutoff.seq), judged at \(page.cutoff.at)")
    }
}
