import ProvinceTime

/// What the generator remembers of a task until its last planned step: enough to write its events
/// consistently (its current lead, coordinators, deadline and source document), nothing more.
final class OpenTask {
    /// What the Office mistyped when entering the task, fixed by the `.correct` step.
    enum Correction {
        /// The title was entered without its last words.
        case truncatedTitle(entered: String)
        /// Two digits of the document number were swapped.
        case documentNumber(entered: String)
        /// The document was entered one day late (still not after the entry date).
        case documentDate(entered: LocalDate)
    }

    /// Given when the task is entered, so that ids follow the order of entry (`NV-2025-00042`).
    var id = ""
    let issuer: String
    let topic: Topic
    let title: String
    let sourceNumber: String
    let sourceDate: LocalDate
    let signer: String
    let originalDeadline: LocalDate
    let details: String?
    let correction: Correction?
    /// The lead as last named (at assignment or reassignment); the current lead is the end of its merge chain.
    var leadUnitId: String
    var coordinatingUnitIds: [String]
    var assigneePersonId: String?
    let steps: [PlannedStep]
    var nextStep = 0
    /// The number of the latest report document, quoted in the result text.
    var reportNumber: String?

    init(
        issuer: String,
        topic: Topic,
        title: String,
        sourceNumber: String,
        sourceDate: LocalDate,
        signer: String,
        deadline: LocalDate,
        details: String?,
        correction: Correction?,
        leadUnitId: String,
        coordinatingUnitIds: [String],
        assigneePersonId: String?,
        steps: [PlannedStep]
    ) {
        self.issuer = issuer
        self.topic = topic
        self.title = title
        self.sourceNumber = sourceNumber
        self.sourceDate = sourceDate
        self.signer = signer
        self.originalDeadline = deadline
        self.details = details
        self.correction = correction
        self.leadUnitId = leadUnitId
        self.coordinatingUnitIds = coordinatingUnitIds
        self.assigneePersonId = assigneePersonId
        self.steps = steps
    }
}
