import ArgumentParser
import Ledger

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Events, streams by kind, data size, last seq and hash.")

    @OptionGroup var options: DataOptions

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let s = try ledger.stats()
        print("events:      \(s.events)")
        let streams = s.streamsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("streams:     \(s.streamsByKind.values.reduce(0, +)) (\(streams))")
        print("data file:   \(s.fileBytes) bytes (\(s.usedBytes) in use, map \(s.mapBytes))")
        if s.events > 0 { print("bytes/event: \(s.usedBytes / Int(s.events))") }
        print("last seq:    \(s.head.seq)")
        print("last hash:   \(s.head.hash)")
        if let at = s.head.recordedAt { print("last at:     \(at)") }
    }
}
