import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open LMDB environment: one directory holding `data.mdb` and `lock.mdb`, shared by every process that opens it.
///
/// Transactions are scoped: `read { txn in … }` and `write { txn in … }` — the transaction exists only inside the
/// closure, a write transaction commits when the closure returns and aborts when it throws.
///
/// LMDB's notes that shape this type (`lmdb.h`):
/// - "A transaction and its cursors must only be used by a single thread" — the closures are synchronous, so a
///   transaction never crosses a suspension point. The environment is opened with `MDB_NOTLS`, so read transactions
///   are not tied to a thread's slot and can be used from a thread pool.
/// - "mdb_env_set_mapsize … may be called if no transactions are active in this process" — a process-wide lock is
///   held shared by every transaction and exclusively while the map grows.
/// - `MDB_MAP_FULL` — the map grows (doubling) and the write closure runs again; `MDB_MAP_RESIZED` (another process
///   grew it) — this process adopts the new size and retries.
public final class Environment: @unchecked Sendable {
    let env: OpaquePointer
    public let path: String
    private var lock = pthread_rwlock_t()
    /// Serialises this process's writers, so a writer waits here rather than on LMDB's inter-process mutex
    /// while holding the resize lock shared.
    private var writerMutex = pthread_mutex_t()
    private var databases: [String: Database] = [:]
    private var databasesMutex = pthread_mutex_t()
    /// The map reserved at open: 64 GiB of address space, not of disk or memory (LMDB's file grows only as pages
    /// are written, and only touched pages are resident). A map this size never fills for a province's ledger
    /// (ten million events take about 9 GB), so the grow-and-rerun of `write` stays a rare fallback: rerunning a
    /// transaction of a million imported events costs as much as running it.
    public static let defaultMapSizeBytes = 64 << 30
    /// The largest map `write` grows to (doubling each time it fills).
    public static let maxMapSizeBytes = 1 << 42

    /// Opens (creating if needed) the environment in directory `path`, which must exist, reserving
    /// `mapSizeBytes` of address space (or the file's size, if larger).
    public init(
        path: String,
        maxDatabases: UInt32 = 16,
        readOnly: Bool = false,
        mapSizeBytes: Int = defaultMapSizeBytes
    )
        throws(LMDBError)
    {
        self.path = path
        env = try C.envCreate()
        pthread_rwlock_init(&lock, nil)
        pthread_mutex_init(&writerMutex, nil)
        pthread_mutex_init(&databasesMutex, nil)
        do {
            try C.envSetMaxDBs(env, maxDatabases)
            try C.envSetMaxReaders(env, 512)
            try C.envSetMapSize(env, mapSizeBytes)
            let flags = C.flagNoTLS | (readOnly ? C.flagReadOnly : 0)
            try C.envOpen(env, path, flags, 0o600)
            // Clear reader slots left by processes that were killed (a SIGKILL leaves its slot behind).
            _ = try C.readerCheck(env)
        } catch {
            C.envClose(env)
            throw error
        }
    }

    deinit {
        C.envClose(env)
        pthread_rwlock_destroy(&lock)
        pthread_mutex_destroy(&writerMutex)
        pthread_mutex_destroy(&databasesMutex)
    }

    /// Opens (and in a writable environment creates) the named database. Handles are cached: LMDB wants each
    /// name opened once per environment.
    public func database(_ name: String) throws -> Database {
        pthread_mutex_lock(&databasesMutex)
        defer { pthread_mutex_unlock(&databasesMutex) }
        if let db = databases[name] { return db }
        let db: Database = try withTransaction(readOnly: false) { txn in
            Database(name: name, dbi: try C.dbiOpen(txn, name, create: true))
        }
        databases[name] = db
        return db
    }

    /// Runs `body` in a read-only transaction: a consistent snapshot of the environment, unaffected by writers.
    public func read<T>(_ body: (ReadTransaction) throws -> T) throws -> T {
        try withTransaction(readOnly: true) { txn in try body(ReadTransaction(txn: txn)) }
    }

    /// Runs `body` in a write transaction and commits it; aborts it when `body` throws, and rethrows.
    ///
    /// When the map is full, the transaction is aborted, the map grows and `body` runs again: `body` must have no
    /// effects outside the transaction, or undo them when it is re-run.
    public func write<T>(_ body: (WriteTransaction) throws -> T) throws -> T {
        pthread_mutex_lock(&writerMutex)
        defer { pthread_mutex_unlock(&writerMutex) }
        while true {
            do {
                return try withTransaction(readOnly: false) { txn in
                    let result = try body(WriteTransaction(txn: txn))
                    return result
                }
            } catch let error as LMDBError where error == .mapFull {
                try grow()
            }
        }
    }

    /// Flushes the data buffers to disk (`mdb_env_sync`).
    public func sync() throws(LMDBError) { try C.envSync(env, force: true) }

    /// Copies the environment to directory `path` (`mdb_env_copy2`), consistently, while others keep writing.
    /// With `compact`, free pages are omitted and pages renumbered.
    public func copy(to path: String, compact: Bool = true) throws(LMDBError) {
        pthread_rwlock_rdlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        try C.envCopy(env, to: path, compact: compact)
    }

    /// Size of the map and how much of it holds data.
    public func info() throws(LMDBError) -> (mapSizeBytes: Int, usedBytes: Int) {
        let info = try C.envInfo(env)
        let stat = try C.envStat(env)
        return (info.me_mapsize, (info.me_last_pgno + 1) * Int(stat.ms_psize))
    }

    // MARK: - Internals

    private func withTransaction<T, E: Error>(readOnly: Bool, _ body: (OpaquePointer) throws(E) -> T) throws -> T {
        while true {
            pthread_rwlock_rdlock(&lock)
            let txn: OpaquePointer
            do {
                txn = try C.txnBegin(env, readOnly: readOnly)
            } catch  where error == .mapResized {
                pthread_rwlock_unlock(&lock)
                try adoptMapSize()
                continue
            } catch {
                pthread_rwlock_unlock(&lock)
                throw error
            }
            defer { pthread_rwlock_unlock(&lock) }
            let result: T
            do {
                result = try body(txn)
            } catch {
                C.txnAbort(txn)
                throw error
            }
            if readOnly {
                C.txnAbort(txn)
            } else {
                try C.txnCommit(txn)
            }
            return result
        }
    }

    private func adoptMapSize() throws(LMDBError) {
        pthread_rwlock_wrlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        try C.envSetMapSize(env, 0)
    }

    private func grow() throws(LMDBError) {
        pthread_rwlock_wrlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        let current = try C.envInfo(env).me_mapsize
        guard current < Self.maxMapSizeBytes else { throw LMDBError.mapFull }
        try C.envSetMapSize(env, min(current * 2, Self.maxMapSizeBytes))
    }
}

/// A named database inside an environment (`MDB_dbi`).
public struct Database: Hashable, Sendable {
    public let name: String
    let dbi: MDB_dbi
}
