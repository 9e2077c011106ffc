import CanonicalJSON
import Domain
import EventLog
import Foundation
import LMDB
import Logging
import ProvinceTime

/// The ledger: the event log, the state folded from it, and the command handlers every interface calls.
///
/// The live `LedgerState` is kept in memory and updated in the same write transaction as each append (after
/// the commit fails, it is rebuilt from the log, so it never shows an event that is not durable). Before every
/// write transaction and every read it is brought up to the log's head, so events appended by another process
/// (a CLI `token revoke` while the server runs) are seen from the next request on.
public final class Ledger: @unchecked Sendable {
    public let log: EventLog
    public let directory: String
    let clock: @Sendable () -> Instant
    let tokenSecrets: Database
    let logger = Logger(label: "taskledger.ledger")

    private var live = LedgerState()
    /// The live state is loaded on first use, so commands that read only the log (`verify`, `export`, `stats`,
    /// `backup`, proofs) do not fold it at all.
    private var liveLoaded = false
    private var stateLock = pthread_rwlock_t()
    private var committer: GroupCommit<CommandRequest, CommandOutcome>?
    /// Seqs of the snapshots stored inside the current write transaction (`storeSnapshotIfDue`): the
    /// scheduler learns of them only once that transaction has committed.
    private var snapshotsInTransaction: [UInt64] = []
    let snapshotScheduler = SnapshotScheduler(policy: .fromEnvironment())
    let cutoffCache = CutoffCache()
    /// Task titles already read from the log (the state keeps none): the monthly lists and title searches.
    let taskTitles = TitleCache()

    /// Opens (or creates) the ledger in `directory`. The live state (the newest valid snapshot, then the events after
    /// it) is loaded at its first use.
    public init(
        directory: String,
        clock: @escaping @Sendable () -> Instant = { Instant.now() },
        mapSizeBytes: Int = Environment.defaultMapSizeBytes
    ) throws {
        self.directory = directory
        self.clock = clock
        log = try EventLog(directory: directory, mapSizeBytes: mapSizeBytes)
        tokenSecrets = try log.database("tokenSecrets")
        // The checkpoint signing key is created with the ledger, so a backup taken before the first checkpoint
        // already carries it.
        try SigningKeys.createIfMissing(dataDirectory: directory)
        pthread_rwlock_init(&stateLock, nil)
        committer = GroupCommit { [unowned self] batch in try self.process(batch) }
    }

    deinit {
        committer?.shutdown()
        pthread_rwlock_destroy(&stateLock)
    }

    /// Stops taking commands and commits what was submitted; the ledger is unusable for commands afterwards.
    public func close() {
        committer?.shutdown()
        snapshotScheduler.drain()
    }

    // MARK: - Commands

    /// Judges and, when accepted, appends one command; answers once it is durable. Concurrent calls share a commit.
    public func execute(_ request: CommandRequest) async throws -> CommandOutcome {
        guard let committer else { throw GroupCommitError.shuttingDown }
        return try await committer.submit(request)
    }

    /// `execute`, blocking the calling thread (CLI).
    public func executeAndWait(_ request: CommandRequest) throws -> CommandOutcome {
        guard let committer else { throw GroupCommitError.shuttingDown }
        return try committer.submitAndWait(request)
    }

    private func process(_ batch: [CommandRequest]) throws -> [CommandOutcome] {
        try withWriter { writer in
            try batch.map { request in try self.handle(request, writer: writer) }
        }
    }

    /// Runs `body` in one write transaction with the live state locked and brought to the log's head. If the
    /// transaction does not commit, the live state is rebuilt from the log (it may hold events that were not stored).
    ///
    /// With `restoreOnFailure`, a copy of the state is kept and put back instead (an import that is refused
    /// part-way should not cost a replay of the whole log).
    func withWriter<T>(restoreOnFailure: Bool = false, _ body: (LogWriter) throws -> T) throws -> T {
        pthread_rwlock_wrlock(&stateLock)
        defer { pthread_rwlock_unlock(&stateLock) }
        try loadLiveIfNeeded()
        let saved: LedgerState? = restoreOnFailure ? live : nil
        defer { snapshotsInTransaction = [] }
        do {
            let result = try log.write { writer in
                if let saved, live.lastSeq != saved.lastSeq { live = saved }
                // A rerun after the map grew: the snapshots of the aborted attempt were not stored.
                snapshotsInTransaction = []
                try self.syncLive(with: writer.reader)
                return try body(writer)
            }
            for seq in snapshotsInTransaction { snapshotScheduler.noteSnapshot(at: seq) }
            snapshotScheduler.consider(live, log: log, clock: clock)
            return result
        } catch {
            if let saved {
                live = saved
                throw error
            }
            // Loaded again (newest snapshot + tail) at its next use.
            live = LedgerState()
            liveLoaded = false
            throw error
        }
    }

    /// Inside `withWriter`: stores a snapshot of the live state at the writer's head in the writer's own
    /// transaction, when the automatic policy says one is due, so it commits or vanishes with the events it
    /// follows. A bulk import of millions of events is one transaction: without this it would leave a single
    /// snapshot at its end, and an as-of report inside it would fold from event 1. The state is encoded here,
    /// synchronously, rather than on the background queue: handing it over would make the next append copy it.
    /// Returns the seq of the snapshot stored, if one was.
    @discardableResult
    func storeSnapshotIfDue(writer: LogWriter) throws -> UInt64? {
        let policy = snapshotScheduler.currentPolicy
        let head = writer.head
        let last = max(snapshotScheduler.lastSnapshotSeq, snapshotsInTransaction.last ?? 0)
        guard policy.everyEvents > 0, head.seq > 0, head.seq >= last + policy.everyEvents else { return nil }
        precondition(live.lastSeq == head.seq, "the live state is folded with every append of the transaction")
        let store = try SnapshotStore(log: log)
        let record = SnapshotRecord(seq: head.seq, bytes: Snapshot.record(of: live, hash: head.hash, createdAt: clock()))
        try store.put(record, pinned: false, txn: writer.txn)
        _ = try store.prune(keep: policy.keep, txn: writer.txn)
        snapshotsInTransaction.append(head.seq)
        logger.info("snapshot stored at seq \(head.seq) inside the import: \(record.bytes.count) bytes")
        return head.seq
    }

    /// The live state when this process has already loaded it, without loading or refreshing it; `nil` otherwise.
    /// Copying it is free (copy-on-write), so a caller may hold it beside the ledger's own.
    func loadedLiveState() -> LedgerState? {
        pthread_rwlock_rdlock(&stateLock)
        defer { pthread_rwlock_unlock(&stateLock) }
        return liveLoaded ? live : nil
    }

    /// Loads the live state from the newest valid snapshot and the events after it, the first time it is needed.
    /// The caller holds the write lock and no LMDB transaction (the snapshot is read in a transaction of its own).
    private func loadLiveIfNeeded() throws {
        guard !liveLoaded else { return }
        live = try stateFromSnapshots(through: nil)
        liveLoaded = true
        snapshotScheduler.consider(live, log: log, clock: clock)
    }

    /// Brings the live state to the head of the log as `reader` sees it. Caller holds the write lock.
    private func syncLive(with reader: LogReader) throws {
        let head = try reader.head
        if live.lastSeq > head.seq {
            // An earlier attempt of this transaction (before the map grew) folded events that were not stored.
            live = LedgerState()
        }
        try Replay.catchUp(&live, through: head.seq, reader: reader)
    }

    /// The handler every interface shares: the checks of SPEC §3 in their documented order, then the append.
    /// Returns a refusal as a value; throws only when storage fails.
    func handle(_ request: CommandRequest, writer: LogWriter) throws -> CommandOutcome {
        let head = writer.head
        let now = clock()
        let recordedAt: Instant
        if let given = request.recordedAt {
            if let last = head.recordedAt, given < last {
                return .refused(
                    Refusal(
                        .recordedAtOrder,
                        field: "recordedAt",
                        "recordedAt \(given) sớm hơn sự kiện trước (\(last)); thời điểm ghi nhận phải không giảm."
                    )
                )
            }
            recordedAt = given
        } else {
            recordedAt = max(now, head.recordedAt ?? now)
        }
        let command = Command(type: request.type, actor: request.actor, payload: request.payload, recordedAt: recordedAt)
        let validated: ValidatedCommand
        do {
            validated = try Rules.validate(command)
        } catch {
            return .refused(error)
        }
        if let commandId = request.commandId, let seq = try writer.reader.seq(forCommandId: commandId) {
            guard let first = try writer.reader.event(seq) else {
                throw LogError.corruptEvent(seq: seq, reason: "the commandId index points past the log")
            }
            if first.type == validated.type.rawValue && first.payload == validated.payload {
                return .repeated(first)
            }
            return .refused(
                Refusal(
                    .commandIdReused,
                    field: "commandId",
                    "Mã lệnh \(commandId) đã được dùng cho sự kiện #\(seq) với nội dung khác; hãy dùng mã lệnh mới."
                )
            )
        }
        if let expected = request.expectedVersion {
            let current = try writer.reader.streamVersion(validated.stream)
            guard expected == current else {
                return .refused(
                    Refusal(
                        .conflict,
                        field: "If-Match",
                        "Phiên bản \(expected) đã cũ: \(validated.stream) hiện ở phiên bản \(current); hãy tải lại rồi thử lại."
                    )
                )
            }
        }
        do {
            try Rules.decide(validated, actor: request.actor, recordedAt: recordedAt, in: live)
        } catch {
            return .refused(error)
        }
        let envelope = try writer.append(
            EventDraft(
                type: validated.type.rawValue,
                stream: validated.stream,
                schema: validated.schema,
                actor: EventActor(request.actor),
                commandId: request.commandId,
                payload: validated.payload
            ),
            recordedAt: recordedAt
        )
        live.apply(validated.event, seq: envelope.seq, recordedAt: recordedAt, actor: request.actor)
        return .appended(envelope)
    }

    /// The full-envelope path of import: the chain checks of the log, then every rule, as for a new command.
    func handle(envelope: Envelope, writer: LogWriter) throws -> CommandOutcome {
        do {
            try writer.checkContinuation(envelope)
        } catch {
            guard case .chainMismatch(_, let field, let reason) = error else { throw error }
            let rule: RuleID = field == "recordedAt" ? .recordedAtOrder : .invalidValue
            return .refused(Refusal(rule, field: field, "Sự kiện không nối tiếp sổ cái: \(reason)."))
        }
        let actor: Actor
        do {
            actor = try InputLine.actor(envelope.actor)
        } catch {
            return .refused(error)
        }
        let command = Command(type: envelope.type, actor: actor, payload: envelope.payload, recordedAt: envelope.recordedAt)
        let validated: ValidatedCommand
        do {
            validated = try Rules.validate(command)
            if let commandId = envelope.commandId { _ = try Rules.normaliseCommandId(commandId) }
        } catch {
            return .refused(error)
        }
        guard validated.payload == envelope.payload else {
            return .refused(
                Refusal(.invalidValue, field: "payload", "payload không ở dạng chuẩn hóa mà sổ cái ghi (văn bản đã cắt khoảng trắng, NFC).")
            )
        }
        guard validated.stream == envelope.stream, validated.schema == envelope.schema else {
            return .refused(
                Refusal(.invalidValue, field: "stream", "stream/schema của sự kiện phải là \(validated.stream) / \(validated.schema).")
            )
        }
        if let commandId = envelope.commandId, try writer.reader.seq(forCommandId: commandId) != nil {
            return .refused(Refusal(.commandIdReused, field: "commandId", "Mã lệnh \(commandId) đã được dùng trong sổ cái."))
        }
        do {
            try Rules.decide(validated, actor: actor, recordedAt: envelope.recordedAt, in: live)
        } catch {
            return .refused(error)
        }
        let stored = try writer.appendVerbatim(envelope)
        live.apply(validated.event, seq: stored.seq, recordedAt: stored.recordedAt, actor: actor)
        return .appended(stored)
    }

    // MARK: - Reads

    /// Runs `body` on the live state, brought up to the log's head first (events from other processes included).
    public func withState<T>(_ body: (LedgerState) throws -> T) throws -> T {
        try refresh()
        pthread_rwlock_rdlock(&stateLock)
        defer { pthread_rwlock_unlock(&stateLock) }
        return try body(live)
    }

    /// The last seq folded into the live state, without catching up first: the log's head minus this is the
    /// projection lag (events appended by another process and not yet folded in).
    public var liveSeq: UInt64 {
        pthread_rwlock_rdlock(&stateLock)
        defer { pthread_rwlock_unlock(&stateLock) }
        return live.lastSeq
    }

    /// Folds in events appended by another process since the live state was last brought up to date.
    public func refresh() throws {
        let head = try log.head()
        pthread_rwlock_rdlock(&stateLock)
        let current = liveLoaded && live.lastSeq >= head.seq
        pthread_rwlock_unlock(&stateLock)
        guard !current else { return }
        pthread_rwlock_wrlock(&stateLock)
        defer { pthread_rwlock_unlock(&stateLock) }
        try loadLiveIfNeeded()
        try log.read { reader in try syncLive(with: reader) }
    }

    /// The state as of `seq` (SPEC §4 cutoffs): the nearest valid snapshot at or before it, then the events up to `seq`.
    public func state(throughSeq seq: UInt64) throws -> LedgerState {
        try stateFromSnapshots(through: seq)
    }
}
