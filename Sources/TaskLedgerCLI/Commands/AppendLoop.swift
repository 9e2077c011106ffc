import ArgumentParser
import CanonicalJSON
import Domain
import Foundation
import Ledger

/// Appends real commands (`UnitRegistered`, each through every rule) from many threads through group commit,
/// printing `ack SEQ UNIT` as each is acknowledged: the workload of the crash-safety test and the append benchmark.
struct AppendLoop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append-loop",
        abstract: "Testing and benchmarking: append N commands from C concurrent callers; print each acknowledgement.",
        shouldDisplay: false
    )

    @OptionGroup var options: DataOptions
    @Option(help: "How many commands in all.") var count: Int = 1000
    @Option(help: "How many concurrent callers.") var concurrency: Int = 1
    @Option(help: "A prefix for the unit ids, unique per run.") var prefix: String = "LOOP"
    @Flag(help: "Print only the summary.") var quiet = false

    func run() throws {
        let ledger = try options.openLedger()
        defer { ledger.close() }
        let out = FileHandle.standardOutput
        let lock = NSLock()
        nonisolated(unsafe) var latencies: [UInt64] = []
        nonisolated(unsafe) var failures = 0
        let perCaller = (count + concurrency - 1) / max(concurrency, 1)
        let started = DispatchTime.now().uptimeNanoseconds
        // One thread per caller (not concurrentPerform, which runs only as many at once as there are cores):
        // group commit is measured by how many callers wait on a commit together.
        let group = DispatchGroup()
        for caller in 0..<concurrency {
            group.enter()
            Thread {
                defer { group.leave() }
                var mine: [UInt64] = []
                for k in 0..<perCaller {
                    let n = caller * perCaller + k
                    if n >= count { break }
                    let unitId = "\(prefix)-\(n)"
                    let request = CommandRequest(
                        type: "UnitRegistered",
                        actor: Actor(role: .office),
                        payload: .object(["unitId": .string(unitId), "name": .string("Đơn vị thử \(n)"), "kind": .string("other")])
                    )
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let outcome = try? ledger.executeAndWait(request)
                    mine.append(DispatchTime.now().uptimeNanoseconds - t0)
                    if case .appended(let e) = outcome {
                        if !quiet {
                            lock.lock()
                            out.write(Data("ack \(e.seq) \(unitId)\n".utf8))
                            lock.unlock()
                        }
                    } else {
                        lock.lock()
                        failures += 1
                        lock.unlock()
                    }
                }
                lock.lock()
                latencies += mine
                lock.unlock()
            }.start()
        }
        group.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1e6
        }
        let summary = String(
            format: "RESULT appends=%d failures=%d seconds=%.3f appends_per_s=%.0f p50_ms=%.3f p99_ms=%.3f concurrency=%d",
            latencies.count - failures,
            failures,
            elapsed,
            Double(latencies.count - failures) / elapsed,
            percentile(0.5),
            percentile(0.99),
            concurrency
        )
        StandardError.print(summary)
        if failures > 0 { throw ExitCode(1) }
    }
}
