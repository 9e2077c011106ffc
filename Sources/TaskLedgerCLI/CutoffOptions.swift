import ArgumentParser
import Ledger
import ProvinceTime

/// `--as-of SEQ|INSTANT`, `--at INSTANT`, `--meeting DATE` (SPEC §6), shared by reports, tasks and history.
struct CutoffOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "A seq (digits) or an RFC 3339 instant with an offset, e.g. 2025-06-30T23:59:59+07:00.")
    var asOf: String?
    @Option(help: "The instant a seq cutoff is judged at (default: that event's recordedAt).")
    var at: String?
    @Option(help: "The monthly meeting date: the cutoff is the end of the day before it (23:59:59.999 local).")
    var meeting: String?

    func validate() throws { _ = try spec() }

    func spec() throws -> CutoffSpec {
        if asOf != nil && meeting != nil {
            throw ValidationError("--as-of and --meeting name two different cutoffs; give one of them")
        }
        var judgedAt: Instant? = nil
        if let at {
            guard let instant = Instant(parsingRFC3339: at) else {
                throw ValidationError("--at must be an RFC 3339 instant with an offset, e.g. 2025-06-30T17:00:00+07:00")
            }
            judgedAt = instant
        }
        if let meeting {
            guard judgedAt == nil else { throw ValidationError("--at applies only to a seq given with --as-of") }
            guard let date = LocalDate(parsing: meeting) else {
                throw ValidationError("--meeting must be a date YYYY-MM-DD, e.g. 2025-07-05")
            }
            return .meeting(date)
        }
        guard let asOf else {
            guard judgedAt == nil else { throw ValidationError("--at applies only to a seq given with --as-of") }
            return .now
        }
        if !asOf.isEmpty, asOf.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let seq = UInt64(asOf) else { throw ValidationError("--as-of seq \(asOf) is too large") }
            return .seq(seq, at: judgedAt)
        }
        guard judgedAt == nil else { throw ValidationError("--at applies only to a seq given with --as-of") }
        if LocalDate(parsing: asOf) != nil {
            throw ValidationError(
                "--as-of \(asOf) is a bare date; give an instant with an offset (e.g. \(asOf)T23:59:59.999+07:00) or use --meeting"
            )
        }
        guard let instant = Instant(parsingRFC3339: asOf) else {
            throw ValidationError("--as-of must be a seq (digits) or an RFC 3339 instant with an offset, e.g. 2025-06-30T23:59:59+07:00")
        }
        return .instant(instant)
    }
}
