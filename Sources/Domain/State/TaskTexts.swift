/// The free texts of a task, which the projection does not keep (`TaskState`): assembled from the events at the
/// seqs the state records, read from the log by the ledger only when a task is shown.
///
/// The events are immutable and the state as of a cutoff only knows seqs at or before it, so texts assembled this
/// way are exactly the texts as of that cutoff, as the in-memory fields were.
public struct TaskTexts: Hashable, Sendable {
    /// The assigning document (number, date, signer), after corrections.
    public var sourceDocument: DocumentRef
    public var title: String
    public var details: String?
    public var field: String?
    /// The current report document (its number, date, signer) and summary; `nil` when none.
    public var reportDocument: DocumentRef?
    public var reportSummary: String?
    /// The current result text; `nil` when none.
    public var result: String?

    /// The texts as assigned.
    public init(assigned e: TaskAssigned) {
        sourceDocument = e.sourceDocument
        title = e.title
        details = e.details
        field = e.field
    }

    /// Applies a `TaskCorrected`: each text it carries replaces the current one, as `apply` did.
    public mutating func correct(_ e: TaskCorrected) {
        if let title = e.title { self.title = title }
        if let details = e.details { self.details = details }
        if let field = e.field { self.field = field }
        if let document = e.sourceDocument { sourceDocument = document }
    }

    /// The texts of the current report document.
    public mutating func report(_ e: ReportDocumentSubmitted) {
        reportDocument = e.document
        reportSummary = e.summary
    }

    /// The text of the current result.
    public mutating func result(_ e: ResultEntered) { result = e.result }
}
