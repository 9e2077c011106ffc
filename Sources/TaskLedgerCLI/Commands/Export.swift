import ArgumentParser
import EventLog
import Foundation
import Ledger

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the log as NDJSON: one canonical envelope a line, in seq order."
    )

    @OptionGroup var options: DataOptions
    @Option(help: "First seq to write.") var fromSeq: UInt64 = 1
    @Option(help: "Last seq to write.") var toSeq: UInt64?
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() throws {
        let ledger = try options.openExistingLedger()
        defer { ledger.close() }
        let handle: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil) else { throw CLIError("cannot create \(out)") }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        } else {
            handle = .standardOutput
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        try ledger.log.read { reader in
            try reader.forEachEvent(from: fromSeq, to: toSeq ?? .max) { envelope in
                buffer += envelope.exportLine
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    handle.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
                return true
            }
        }
        handle.write(Data(buffer))
        if out != nil { try handle.close() }
    }
}
