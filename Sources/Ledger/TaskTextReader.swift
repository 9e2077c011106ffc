import CanonicalJSON
import Domain
import EventLog
import Foundation

/// Reads the texts of tasks (title, details, field, documents, summary, result) from the log, where they are: the
/// state keeps only the seqs of the events that carry them (`TaskState`, `TaskRow`), so that the projection of a
/// province with millions of tasks fits in memory.
///
/// A state as of a cutoff only knows seqs at or before it, and stored events never change, so the texts read here
/// are exactly the texts as of that cutoff. Valid only inside the read transaction of `reader`.
struct TaskTextReader {
    let reader: LogReader
    /// Titles already read, shared by every read of the ledger; `nil` to read every title from the log.
    var titles: TitleCache? = nil

    /// Every text of a task: the assigning event, its corrections in log order, the current report document and
    /// result.
    func texts(of task: TaskState) throws -> TaskTexts {
        try texts(
            assignedSeq: task.assignedSeq,
            correctionSeqs: task.correctionSeqs,
            reportSeq: task.reportDocument?.seq,
            resultSeq: task.result?.seq
        )
    }

    func texts(assignedSeq: UInt64, correctionSeqs: [UInt64], reportSeq: UInt64?, resultSeq: UInt64?) throws -> TaskTexts {
        guard case .taskAssigned(let assigned) = try event(assignedSeq) else { throw unexpected(assignedSeq, "TaskAssigned") }
        var texts = TaskTexts(assigned: assigned)
        for seq in correctionSeqs {
            guard case .taskCorrected(let correction) = try event(seq) else { throw unexpected(seq, "TaskCorrected") }
            texts.correct(correction)
        }
        if let reportSeq {
            guard case .reportDocumentSubmitted(let report) = try event(reportSeq) else {
                throw unexpected(reportSeq, "ReportDocumentSubmitted")
            }
            texts.report(report)
        }
        if let resultSeq {
            guard case .resultEntered(let result) = try event(resultSeq) else { throw unexpected(resultSeq, "ResultEntered") }
            texts.result(result)
        }
        return texts
    }

    /// The title only: the latest correction that sets one, else the assigned title. Most tasks have no correction,
    /// so this is one event read. Titles are taken from the stored bytes directly (`storedTitle`); an event that
    /// does not read as expected that way is decoded in full, which names the fault.
    func title(assignedSeq: UInt64, correctionSeqs: [UInt64]) throws -> String {
        for seq in correctionSeqs.reversed() {
            if let stored = try storedTitle(seq, type: "TaskCorrected") {
                if let title = stored { return title }
                continue
            }
            guard case .taskCorrected(let correction) = try event(seq) else { throw unexpected(seq, "TaskCorrected") }
            if let title = correction.title { return title }
        }
        if let stored = try storedTitle(assignedSeq, type: "TaskAssigned"), let title = stored { return title }
        guard case .taskAssigned(let assigned) = try event(assignedSeq) else { throw unexpected(assignedSeq, "TaskAssigned") }
        return assigned.title
    }

    /// The title of a row, from the cache when it has it. `remember: false` leaves the cache as it was: a title
    /// search that reads every task's title would otherwise push out the titles a monthly report needs.
    func title(of row: TaskRow, remember: Bool = true) throws -> String {
        guard let titles else { return try title(assignedSeq: row.assignedSeq, correctionSeqs: row.correctionSeqs) }
        let key = row.correctionSeqs.last ?? row.assignedSeq
        if let known = titles[key] { return known }
        let title = try title(assignedSeq: row.assignedSeq, correctionSeqs: row.correctionSeqs)
        if remember { titles[key] = title }
        return title
    }

    /// The `title` member of event `seq`'s payload, read from its stored bytes through the replay tape (no
    /// `JSONValue` tree, no payload checks): `.some(title)`, `.some(nil)` when the event is of `type` and its payload
    /// has no title, `nil` when the bytes do not read as expected (the caller then decodes the event in full, which
    /// names the fault).
    ///
    /// A title search reads the title of every task that passes the other filters — 1.7 million at 10M events — and
    /// a full decode (JSON parse, envelope and payload checks) is ≈ 14 µs an event. The member is looked up in the
    /// payload object itself: a payload may carry extra fields (SPEC §3), and one holding an object with its own
    /// `title` comes first in the canonical bytes.
    private func storedTitle(_ seq: UInt64, type: String) throws -> String?? {
        guard let raw = try reader.rawEvent(seq) else { return nil }
        var stored = StoredEventReader()
        do {
            return try stored.read(seq: seq, canonical: raw.canonical) { fields -> String?? in
                guard fields.type.stringValue == type else { return nil }
                guard let title = fields.payload.member("title") else { return .some(nil) }
                return title.stringValue.map { .some($0) }
            }
        } catch {
            return nil
        }
    }

    /// Event `seq`, decoded as the fold decodes it.
    private func event(_ seq: UInt64) throws -> DomainEvent {
        guard let envelope = try reader.event(seq) else { throw LogError.corruptEvent(seq: seq, reason: "missing, but the state refers to it") }
        do {
            return try DomainEvent.decode(type: envelope.type, schema: envelope.schema, payload: envelope.payload)
        } catch {
            throw LogError.corruptEvent(seq: seq, reason: "the domain cannot read it: \(error)")
        }
    }

    private func unexpected(_ seq: UInt64, _ type: String) -> LogError {
        .corruptEvent(seq: seq, reason: "the state expects a \(type) event here")
    }
}

/// Task titles read from the log, so that a warm monthly report (thousands of overdue tasks, each titled) or a title
/// search does not decode the same events again.
///
/// Keyed by the seq of the task's last `TaskCorrected`, else of its `TaskAssigned`: that seq belongs to one task, and
/// the corrections a state knows of are exactly the task's corrections up to it, so one key always has one title, for
/// the live state and for any state as of a cutoff. Stored events never change, so an entry is never stale. Bounded:
/// when full it is emptied and fills again with what is asked next.
final class TitleCache: @unchecked Sendable {
    /// About 30 MB of titles at most (≈ 150 bytes an entry).
    static let capacity = 200_000

    private let lock = NSLock()
    private var titles: [UInt64: String] = [:]

    subscript(key: UInt64) -> String? {
        get { lock.withLock { titles[key] } }
        set {
            lock.withLock {
                if titles.count >= Self.capacity { titles.removeAll(keepingCapacity: true) }
                titles[key] = newValue
            }
        }
    }
}
