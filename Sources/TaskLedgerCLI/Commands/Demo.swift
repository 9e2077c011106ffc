import ArgumentParser
import DemoProvince
import Foundation
import Ledger

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Seed a realistic sample province into an empty ledger (through the bare-event import, every rule applied).",
        discussion: "Deterministic for a seed. --scale multiplies the number of tasks. --out FILE writes the NDJSON instead of importing it."
    )

    @OptionGroup var options: DataOptions
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: "Multiplies the number of tasks (1 ≈ tens of thousands of events).") var scale: Double = 1
    @Option(help: "Write the bare events to this NDJSON file instead of importing them.") var out: String?

    func validate() throws {
        guard scale > 0, scale <= 10_000 else { throw ValidationError("--scale must be above 0 and at most 10000") }
    }

    func run() throws {
        let province = DemoProvince(seed: seed, scale: scale)
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil), let handle = FileHandle(forWritingAtPath: out) else {
                throw CLIError("cannot create \(out)")
            }
            var buffer: [UInt8] = []
            for line in province.lines() {
                buffer += Array(line.utf8)
                buffer.append(0x0A)
                if buffer.count > 1 << 20 {
                    handle.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(Data(buffer))
            try handle.close()
            return
        }
        let ledger = try options.openLedger()
        defer { ledger.close() }
        guard try ledger.log.head().seq == 0 else {
            throw CLIError("the ledger in \(options.directory) is not empty; the demo province is seeded only into an empty ledger")
        }
        let lines = province.lines().lazy.enumerated().map { NDJSONLine(number: $0.offset + 1, bytes: Array($0.element.utf8)) }
        do {
            let summary = try ledger.importLines(lines)
            print(
                "demo province seeded (seed \(seed), scale \(scale)): \(summary.appended) events; last seq \(summary.head.seq), hash \(summary.head.hash)"
            )
        } catch let failure as ImportFailure {
            StandardError.print("the demo generator wrote an event the rules refuse: \(failure)")
            throw ExitCode(1)
        }
    }
}
