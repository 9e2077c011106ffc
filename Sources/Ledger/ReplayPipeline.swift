import Domain
import EventLog
import Foundation
import ProvinceTime

/// A long replay on two threads: the calling thread walks the cursor and applies, a worker decodes. Decoding is
/// most of a replay's work and needs nothing but the stored bytes, while `apply` must run in seq order on the
/// one state; with batches handed between them, the two overlap.
///
/// The result is the sequential replay's: events are applied in seq order, and a stored event that cannot be
/// read stops the replay with its `LogError`, after every event before it has been applied (a fault the cursor
/// finds likewise, after the events before it). The worker reads bytes borrowed from the read transaction, so
/// `catchUp` waits for it to stop before it returns, whatever happens.
final class ReplayPipeline: @unchecked Sendable {
    /// Events handed over at a time: enough that the handover costs little per event.
    static let batchSize = 256
    /// Batches submitted and not yet applied, at most: how far decoding may run ahead, and so the memory held.
    static let maxInFlight = 8

    /// One stored event, as the cursor saw it; its bytes stay valid for the whole read transaction.
    private struct StoredBytes: @unchecked Sendable {
        let seq: UInt64
        let canonical: UnsafeRawBufferPointer
    }

    /// What `apply` takes from one event.
    private struct ReadEvent: Sendable {
        let seq: UInt64
        let event: DomainEvent
        let recordedAt: Instant
        let actor: Actor
    }

    /// A decoded batch: the events read in order, then the error that stopped it, if any.
    private struct DecodedBatch: Sendable {
        var events: [ReadEvent] = []
        var failure: (any Error)?
    }

    private let condition = NSCondition()
    private var toDecode: [[StoredBytes]] = []
    private var decoded: [DecodedBatch] = []
    private var inFlight = 0
    private var inputFinished = false
    private var stopped = false
    private var workerFinished = false

    /// Folds events `state.lastSeq + 1 … through` into `state`, as `Replay.catchUp` does.
    static func catchUp(_ state: inout LedgerState, through: UInt64, reader: LogReader) throws {
        let pipeline = ReplayPipeline()
        let worker = Thread { pipeline.decodeBatches() }
        worker.start()
        defer { pipeline.stopAndWaitForWorker() }
        try pipeline.run(&state, through: through, reader: reader)
    }

    // MARK: The calling thread

    private func run(_ state: inout LedgerState, through: UInt64, reader: LogReader) throws {
        var batch: [StoredBytes] = []
        batch.reserveCapacity(Self.batchSize)
        var readFailure: (any Error)?
        var cursorFailure: (any Error)?
        do {
            try reader.forEachRawEvent(from: state.lastSeq + 1, to: through) { seq, _, canonical in
                batch.append(StoredBytes(seq: seq, canonical: canonical))
                guard batch.count == Self.batchSize else { return true }
                submit(batch)
                batch.removeAll(keepingCapacity: true)
                readFailure = applyDecoded(to: &state, waitingWhileFull: true)
                return readFailure == nil
            }
        } catch {
            cursorFailure = error
        }
        if readFailure == nil {
            // The events before a cursor fault are applied before it is reported, as in a sequential replay.
            if !batch.isEmpty { submit(batch) }
            finishInput()
            readFailure = applyDecoded(to: &state, waitingWhileFull: false, untilAllApplied: true)
        }
        if let readFailure { throw readFailure }
        if let cursorFailure { throw cursorFailure }
    }

    private func submit(_ batch: [StoredBytes]) {
        condition.lock()
        toDecode.append(batch)
        inFlight += 1
        condition.broadcast()
        condition.unlock()
    }

    private func finishInput() {
        condition.lock()
        inputFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Applies decoded batches in order: those ready now; while `waitingWhileFull`, also waits for one while
    /// `maxInFlight` batches are out; with `untilAllApplied`, waits for every submitted batch. Stops at, and
    /// answers, the first event that could not be read.
    private func applyDecoded(to state: inout LedgerState, waitingWhileFull: Bool, untilAllApplied: Bool = false) -> (any Error)? {
        while true {
            condition.lock()
            while decoded.isEmpty && ((waitingWhileFull && inFlight >= Self.maxInFlight) || (untilAllApplied && inFlight > 0)) {
                condition.wait()
            }
            guard !decoded.isEmpty else {
                condition.unlock()
                return nil
            }
            let batch = decoded.removeFirst()
            inFlight -= 1
            condition.unlock()
            for read in batch.events { state.apply(read.event, seq: read.seq, recordedAt: read.recordedAt, actor: read.actor) }
            if let failure = batch.failure { return failure }
        }
    }

    private func stopAndWaitForWorker() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !workerFinished { condition.wait() }
        condition.unlock()
    }

    // MARK: The worker

    private func decodeBatches() {
        var stored = StoredEventReader()
        while let batch = nextBatchToDecode() {
            var out = DecodedBatch()
            out.events.reserveCapacity(batch.count)
            for bytes in batch {
                do {
                    out.events.append(
                        try stored.read(seq: bytes.seq, canonical: bytes.canonical) { envelope in
                            let (event, actor) = try Replay.decode(envelope)
                            return ReadEvent(seq: envelope.seq, event: event, recordedAt: envelope.recordedAt, actor: actor)
                        }
                    )
                } catch {
                    out.failure = error
                    break
                }
            }
            condition.lock()
            decoded.append(out)
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        workerFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch to decode, waiting for one; `nil` once the input is finished and decoded, or stopped.
    private func nextBatchToDecode() -> [StoredBytes]? {
        condition.lock()
        defer { condition.unlock() }
        while toDecode.isEmpty && !inputFinished && !stopped { condition.wait() }
        guard !stopped, !toDecode.isEmpty else { return nil }
        return toDecode.removeFirst()
    }
}
