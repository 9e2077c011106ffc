import CanonicalJSON
import Foundation
import TestSupport

/// Several clients posting commands to a running server as fast as it answers, keeping every acknowledgement.
///
/// A 201 is the server's promise that the event is durable: its body is the appended envelope, byte for byte
/// the line `taskledger export` prints for that seq. The tests compare the two after stopping the server in
/// different ways, so every promise made is checked, not a sample.
///
/// Each worker alternates between registering a new unit (a new stream per command) and, when a unit token is
/// given, reporting progress on one shared task (every worker on the same stream, so versions contend).
final class ServerLoad: @unchecked Sendable {
    /// A command the server acknowledged: the seq it named and the envelope it returned.
    struct Acknowledged: Sendable {
        var seq: UInt64
        var envelope: [UInt8]
    }

    /// How a request ended when it did not get a 201.
    struct Failure: Sendable, CustomStringConvertible {
        var worker: Int
        var afterSignal: Bool
        var status: Int?
        var detail: String
        var description: String {
            "worker \(worker)\(afterSignal ? " (after the signal)" : ""): \(status.map { "HTTP \($0)" } ?? "no answer") \(detail)"
        }
    }

    private enum Phase { case running, signalled, stopped }

    private let lock = NSLock()
    private var phase = Phase.running
    private var acknowledged: [Acknowledged] = []
    private var failures: [Failure] = []
    private var workers: [Task<Void, Never>] = []

    /// Starts `workers` clients against `server`. `office` registers units; `unit` (a token of unit `unitId`,
    /// which leads or coordinates `task`) reports progress. New units are named `prefix-worker-index`.
    init(server: ServerProcess, workers count: Int, office: String, unit: String?, unitId: String, task: String, prefix: String) {
        for worker in 0..<count {
            workers.append(
                Task.detached { [self] in
                    var index = 0
                    while self.shouldContinue() {
                        let (path, token, body) = Self.command(
                            worker: worker,
                            index: index,
                            prefix: prefix,
                            office: office,
                            unit: unit,
                            unitId: unitId,
                            task: task
                        )
                        index += 1
                        do {
                            let reply = try await server.send("POST", path, token: token, json: body)
                            if reply.status == 201 {
                                guard let seq = try? JSONParser.parse(reply.body)["seq"]?.numberValue else {
                                    self.recordFailure(worker: worker, status: 201, detail: "no seq in \(reply.text)")
                                    return
                                }
                                // The server ends the body with a newline; the envelope is what precedes it.
                                let envelope = reply.body.last == 0x0A ? Array(reply.body.dropLast()) : reply.body
                                self.record(Acknowledged(seq: UInt64(seq), envelope: envelope))
                            } else {
                                self.recordFailure(worker: worker, status: reply.status, detail: reply.text)
                                return
                            }
                        } catch {
                            self.recordFailure(worker: worker, status: nil, detail: "\(error)")
                            return
                        }
                    }
                }
            )
        }
    }

    /// The body of the `index`-th command of `worker`: a new unit, or progress on the shared task.
    private static func command(
        worker: Int,
        index: Int,
        prefix: String,
        office: String,
        unit: String?,
        unitId: String,
        task: String
    ) -> (
        String, String, [UInt8]
    ) {
        if let unit, index % 2 == 1 {
            let body = JSONValue.object(["unitId": .string(unitId), "note": .string("Tiến độ \(worker)-\(index)")])
            return ("/v1/tasks/\(task)/progress", unit, body.canonicalBytes)
        }
        let body = JSONValue.object([
            "unitId": .string("\(prefix)-\(worker)-\(index)"),
            "name": .string("Xã thử tải \(worker)-\(index)"),
            "kind": .string("commune"),
        ])
        return ("/v1/units", office, body.canonicalBytes)
    }

    private func shouldContinue() -> Bool { lock.withLock { phase != .stopped } }

    private func record(_ ack: Acknowledged) { lock.withLock { acknowledged.append(ack) } }

    /// A failure counts as after the signal when it is seen after `signalled()`: a request may start before the
    /// signal and fail because of it, but a failure seen before the signal was sent cannot be its effect.
    private func recordFailure(worker: Int, status: Int?, detail: String) {
        lock.withLock {
            failures.append(Failure(worker: worker, afterSignal: phase != .running, status: status, detail: detail))
        }
    }

    /// Marks the moment the server is signalled: from now on a refused or broken request ends its worker quietly
    /// (it is expected), while the requests already in flight still count if they are acknowledged.
    func signalled() { lock.withLock { phase = .signalled } }

    /// Stops issuing requests and waits for the ones in flight to end.
    func finish() async {
        lock.withLock { phase = .stopped }
        for worker in workers { await worker.value }
    }

    /// Waits for every worker to end by itself (after a signal, each ends at its first refused request), at most
    /// `timeout`; then stops the rest.
    func drain(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && lock.withLock({ failures.count }) < workers.count {
            try? await Task.sleep(for: .milliseconds(20))
        }
        await finish()
    }

    var acknowledgements: [Acknowledged] { lock.withLock { acknowledged } }
    var count: Int { lock.withLock { acknowledged.count } }
    /// Requests that failed before the signal: with a healthy server under load there are none.
    var failuresBeforeSignal: [Failure] { lock.withLock { failures.filter { !$0.afterSignal } } }
    var failuresAfterSignal: [Failure] { lock.withLock { failures.filter(\.afterSignal) } }

    /// Waits until at least `count` commands are acknowledged (or a worker failed, or `timeout` passed).
    func waitFor(acknowledged target: Int, timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (acks, failed) = lock.withLock { (acknowledged.count, failures.count) }
            if acks >= target || failed > 0 { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
