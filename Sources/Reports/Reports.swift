import Domain

/// The report projections of SPEC §5: pure functions of the state folded up to a cutoff.
///
/// The ledger folds the log up to the cutoff's `seq` and passes the instant it is judged at; nothing here
/// reads a clock or a file, so the same state and cutoff always give the same report, byte for byte.
public enum Reports {
    /// Monthly statistics for the Chairman: counts over tasks assigned in [from, to], overdue and due-soon
    /// lists over every task, and the Office's entry lag.
    ///
    /// `title` gives the title of each listed task as of the cutoff. The state keeps no titles (they are in the
    /// log, `TaskTexts`); the ledger reads them for just the listed tasks, so this function stays free of I/O.
    public static func monthly(
        _ state: LedgerState,
        cutoff: Cutoff,
        _ parameters: MonthlyParameters,
        title: (TaskRow) -> String
    ) throws(ReportError)
        -> MonthlyReport
    {
        try MonthlyReport(state: state, cutoff: cutoff, parameters: parameters, title: title)
    }

    /// Annual scoring for the Department of Home Affairs: per unit, per head tenure and per person.
    public static func annual(
        _ state: LedgerState,
        cutoff: Cutoff,
        _ parameters: AnnualParameters
    ) throws(ReportError)
        -> AnnualReport
    {
        try AnnualReport(state: state, cutoff: cutoff, parameters: parameters)
    }
}
