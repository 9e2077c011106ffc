import Foundation
import Metrics

/// Gathers concurrent appends into one write transaction and one fsync (group commit).
///
/// Callers submit requests; one dedicated writer thread takes everything waiting (up to `maxBatch`) and hands the
/// batch to `process`, which appends it inside a single `EventLog.write` and commits; only then is each caller
/// answered — so a
/// caller learns its `seq` only after its event is durable. `process` answers each request on its own (a refused
/// command is an answer, and the rest of the batch still commits); if the transaction itself fails (disk full,
/// I/O error) every caller of that batch gets the error and nothing of the batch is stored.
///
/// LMDB write transactions belong to one thread: a dedicated thread, not a task on the cooperative pool, keeps
/// that true and keeps a blocking fsync off the pool.
public final class GroupCommit<Request: Sendable, Response: Sendable>: @unchecked Sendable {
    /// Appends a whole batch in one write transaction and returns one answer per request, in order.
    public typealias Process = @Sendable ([Request]) throws -> [Response]

    private let process: Process
    private let maxBatch: Int
    private let condition = NSCondition()
    private var pending: [(Request, @Sendable (Result<Response, any Error>) -> Void)] = []
    private var stopping = false
    private var stopped = false
    private var thread: Thread?

    private let batchSize = Recorder(label: "taskledger_group_commit_batch_size")
    private let commitTimer = Metrics.Timer(label: "taskledger_group_commit_duration")

    public init(maxBatch: Int = 4096, process: @escaping Process) {
        self.maxBatch = maxBatch
        self.process = process
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "taskledger-group-commit"
        self.thread = thread
        thread.start()
    }

    /// Submits one request and waits (asynchronously) for its answer, given once its batch is durable.
    public func submit(_ request: Request) async throws -> Response {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
            enqueue(request) { continuation.resume(with: $0) }
        }
    }

    /// Submits one request and blocks the calling thread until its answer (for the CLI and tests).
    public func submitAndWait(_ request: Request) throws -> Response {
        let done = NSCondition()
        nonisolated(unsafe) var outcome: Result<Response, any Error>?
        enqueue(request) { result in
            done.lock()
            outcome = result
            done.signal()
            done.unlock()
        }
        done.lock()
        while outcome == nil { done.wait() }
        done.unlock()
        return try outcome!.get()
    }

    /// Stops taking requests, commits everything already submitted, and waits for the writer thread to finish.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func enqueue(_ request: Request, _ reply: @escaping @Sendable (Result<Response, any Error>) -> Void) {
        condition.lock()
        if stopping {
            condition.unlock()
            reply(.failure(GroupCommitError.shuttingDown))
            return
        }
        pending.append((request, reply))
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let take = min(pending.count, maxBatch)
            let batch = Array(pending.prefix(take))
            pending.removeFirst(take)
            condition.unlock()

            let started = DispatchTime.now().uptimeNanoseconds
            let outcome: Result<[Response], any Error> = Result {
                try process(batch.map(\.0))
            }
            commitTimer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started))
            batchSize.record(batch.count)
            switch outcome {
            case .success(let responses):
                precondition(responses.count == batch.count, "process must answer every request of the batch")
                for (item, response) in zip(batch, responses) { item.1(.success(response)) }
            case .failure(let error):
                for item in batch { item.1(.failure(error)) }
            }
        }
    }
}

public enum GroupCommitError: Error, Sendable, CustomStringConvertible {
    case shuttingDown
    public var description: String { "the ledger is shutting down and takes no new commands" }
}
