import EventLog
import Foundation

/// `taskledger stats`: the size and end of the log.
public struct LedgerStats: Hashable, Sendable {
    public var events: UInt64
    public var streamsByKind: [String: Int]
    public var head: LogHead
    /// Size of `data.mdb` on disk, and the part of the map holding data.
    public var fileBytes: Int
    public var usedBytes: Int
    public var mapBytes: Int
}

extension Ledger {
    public func stats() throws -> LedgerStats {
        let (head, streams) = try log.read { reader in (try reader.head, try reader.streamCounts()) }
        let info = try log.environment.info()
        let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/data.mdb")
        let fileBytes = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        return LedgerStats(
            events: head.seq,
            streamsByKind: streams,
            head: head,
            fileBytes: fileBytes,
            usedBytes: info.usedBytes,
            mapBytes: info.mapSizeBytes
        )
    }
}
