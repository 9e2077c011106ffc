import EventLog
import Foundation

/// What `backup` wrote.
public struct BackupReport: Hashable, Sendable {
    public var destination: String
    public var verified: VerifyReport
    /// Files copied besides the LMDB environment (signing keys and anything else the data directory holds).
    public var otherFiles: [String]
}

/// A refused backup or restore: what to do is in the message.
public struct BackupError: Error, CustomStringConvertible {
    public var description: String
}

extension Ledger {
    /// Writes a consistent, compacted copy of the ledger to `destination` while others may keep writing
    /// (`mdb_env_copy2` with `MDB_CP_COMPACT` reads one snapshot), then copies every other file of the data
    /// directory, then opens the copy on its own and verifies it. Restore is `--data DESTINATION`.
    public func backup(to destination: String) throws -> BackupReport {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination) {
            guard (try fm.contentsOfDirectory(atPath: destination)).isEmpty else {
                throw BackupError(description: "the backup destination \(destination) is not empty; choose a new directory")
            }
        } else {
            try fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
        }
        try log.environment.copy(to: destination, compact: true)
        var others: [String] = []
        for name in try fm.contentsOfDirectory(atPath: directory).sorted() where !["data.mdb", "lock.mdb"].contains(name) {
            try fm.copyItem(atPath: directory + "/" + name, toPath: destination + "/" + name)
            others.append(name)
        }
        let copy = try EventLog(directory: destination)
        let verified = try copy.verify()
        return BackupReport(destination: destination, verified: verified, otherFiles: others)
    }
}
