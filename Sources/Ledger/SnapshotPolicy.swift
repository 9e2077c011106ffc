import Foundation

/// When the ledger writes snapshots by itself, and how many it keeps.
public struct SnapshotPolicy: Hashable, Sendable {
    /// A snapshot every this many events; 0 turns automatic snapshots off.
    public var everyEvents: UInt64
    /// Automatic pruning keeps the newest `keep` snapshots, plus every pinned one.
    public var keep: Int

    public static let defaultEveryEvents: UInt64 = 1_000_000
    public static let defaultKeep = 3

    public init(everyEvents: UInt64 = SnapshotPolicy.defaultEveryEvents, keep: Int = SnapshotPolicy.defaultKeep) {
        self.everyEvents = everyEvents
        self.keep = max(keep, 1)
    }

    /// `TASKLEDGER_SNAPSHOT_EVERY` and `TASKLEDGER_SNAPSHOT_KEEP` when set to a number, else the defaults.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SnapshotPolicy {
        SnapshotPolicy(
            everyEvents: environment["TASKLEDGER_SNAPSHOT_EVERY"].flatMap { UInt64($0) } ?? defaultEveryEvents,
            keep: environment["TASKLEDGER_SNAPSHOT_KEEP"].flatMap { Int($0) } ?? defaultKeep
        )
    }
}
