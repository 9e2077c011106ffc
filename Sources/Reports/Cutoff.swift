import ProvinceTime

/// The point in the log a report is judged at (SPEC §4): events 1…`seq`, judged at the instant `at`.
///
/// Every report prints it, so that asking again with the same `seq` and `at` reproduces the report byte for
/// byte, and the Merkle tree at that `seq` (when the log has one) lets an auditor prove it from the log.
public struct Cutoff: Hashable, Sendable {
    /// The last event included.
    public var seq: UInt64
    /// The `hash` of event `seq` (64 zeros for an empty log, by the caller's convention).
    public var hash: String
    /// The instant the statuses are judged at; its local date is "the date of the cutoff".
    public var at: Instant
    /// The Merkle tree size at `seq`, when known.
    public var treeSize: UInt64?
    /// The Merkle root (hex) at `seq`, when known.
    public var treeRoot: String?

    public init(seq: UInt64, hash: String, at: Instant, treeSize: UInt64? = nil, treeRoot: String? = nil) {
        self.seq = seq
        self.hash = hash
        self.at = at
        self.treeSize = treeSize
        self.treeRoot = treeRoot
    }

    /// "The date of the cutoff": every status, age and default period is judged on it.
    public var date: LocalDate { at.localDate }
}
