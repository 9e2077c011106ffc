import CLMDB

/// Every call into the C library, in one place, each turning a non-zero return code into an `LMDBError`.
///
/// The rest of the module calls these instead of `mdb_*` directly, so the error handling is uniform and
/// there is one file to read when the C contract matters (the pattern of swift-system's `Syscalls.swift`).
enum C {
    @inline(__always)
    static func check(_ rc: Int32) throws(LMDBError) {
        if rc != 0 { throw LMDBError(code: rc) }
    }

    static func envCreate() throws(LMDBError) -> OpaquePointer {
        var env: OpaquePointer?
        try check(mdb_env_create(&env))
        return env!
    }

    static func envSetMaxDBs(_ env: OpaquePointer, _ n: UInt32) throws(LMDBError) { try check(mdb_env_set_maxdbs(env, n)) }
    static func envSetMaxReaders(_ env: OpaquePointer, _ n: UInt32) throws(LMDBError) { try check(mdb_env_set_maxreaders(env, n)) }
    static func envSetMapSize(_ env: OpaquePointer, _ size: Int) throws(LMDBError) { try check(mdb_env_set_mapsize(env, size)) }
    static func envOpen(_ env: OpaquePointer, _ path: String, _ flags: UInt32, _ mode: mdb_mode_t) throws(LMDBError) {
        try check(mdb_env_open(env, path, flags, mode))
    }
    static func envClose(_ env: OpaquePointer) { mdb_env_close(env) }
    static func envSync(_ env: OpaquePointer, force: Bool) throws(LMDBError) { try check(mdb_env_sync(env, force ? 1 : 0)) }
    static func envCopy(_ env: OpaquePointer, to path: String, compact: Bool) throws(LMDBError) {
        try check(mdb_env_copy2(env, path, compact ? UInt32(MDB_CP_COMPACT) : 0))
    }
    static func envInfo(_ env: OpaquePointer) throws(LMDBError) -> MDB_envinfo {
        var info = MDB_envinfo()
        try check(mdb_env_info(env, &info))
        return info
    }
    static func envStat(_ env: OpaquePointer) throws(LMDBError) -> MDB_stat {
        var stat = MDB_stat()
        try check(mdb_env_stat(env, &stat))
        return stat
    }
    static func readerCheck(_ env: OpaquePointer) throws(LMDBError) -> Int32 {
        var dead: Int32 = 0
        try check(mdb_reader_check(env, &dead))
        return dead
    }

    static func txnBegin(_ env: OpaquePointer, readOnly: Bool) throws(LMDBError) -> OpaquePointer {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn))
        return txn!
    }
    static func txnCommit(_ txn: OpaquePointer) throws(LMDBError) { try check(mdb_txn_commit(txn)) }
    static func txnAbort(_ txn: OpaquePointer) { mdb_txn_abort(txn) }

    static func dbiOpen(_ txn: OpaquePointer, _ name: String, create: Bool) throws(LMDBError) -> MDB_dbi {
        var dbi: MDB_dbi = 0
        try check(mdb_dbi_open(txn, name, create ? UInt32(MDB_CREATE) : 0, &dbi))
        return dbi
    }
    static func dbStat(_ txn: OpaquePointer, _ dbi: MDB_dbi) throws(LMDBError) -> MDB_stat {
        var stat = MDB_stat()
        try check(mdb_stat(txn, dbi, &stat))
        return stat
    }
    static func drop(_ txn: OpaquePointer, _ dbi: MDB_dbi) throws(LMDBError) { try check(mdb_drop(txn, dbi, 0)) }

    /// `mdb_get`; `nil` for `MDB_NOTFOUND`. The bytes stay valid until the transaction ends or the next write.
    static func get(_ txn: OpaquePointer, _ dbi: MDB_dbi, _ key: UnsafeRawBufferPointer) throws(LMDBError) -> UnsafeRawBufferPointer? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(txn, dbi, &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc)
        return UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
    }
    static func put(
        _ txn: OpaquePointer,
        _ dbi: MDB_dbi,
        _ key: UnsafeRawBufferPointer,
        _ value: UnsafeRawBufferPointer,
        _ flags: UInt32
    )
        throws(LMDBError)
    {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_put(txn, dbi, &k, &v, flags))
    }
    /// `mdb_del`; `false` for `MDB_NOTFOUND`.
    static func del(_ txn: OpaquePointer, _ dbi: MDB_dbi, _ key: UnsafeRawBufferPointer) throws(LMDBError) -> Bool {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        let rc = mdb_del(txn, dbi, &k, nil)
        if rc == MDB_NOTFOUND { return false }
        try check(rc)
        return true
    }

    static func cursorOpen(_ txn: OpaquePointer, _ dbi: MDB_dbi) throws(LMDBError) -> OpaquePointer {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, dbi, &cursor))
        return cursor!
    }
    static func cursorClose(_ cursor: OpaquePointer) { mdb_cursor_close(cursor) }
    /// `mdb_cursor_get`; `nil` for `MDB_NOTFOUND`.
    static func cursorGet(
        _ cursor: OpaquePointer,
        _ key: UnsafeRawBufferPointer?,
        _ op: MDB_cursor_op
    ) throws(LMDBError)
        -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)?
    {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: key?.baseAddress))
        var v = MDB_val()
        let rc = mdb_cursor_get(cursor, &k, &v, op)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc)
        return (UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size), UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    static let keyExist = MDB_KEYEXIST
    static let flagAppend = UInt32(MDB_APPEND)
    static let flagNoOverwrite = UInt32(MDB_NOOVERWRITE)
    static let flagNoTLS = UInt32(MDB_NOTLS)
    static let flagNoReadahead = UInt32(MDB_NORDAHEAD)
    static let flagReadOnly = UInt32(MDB_RDONLY)
    static let opFirst = MDB_FIRST
    static let opLast = MDB_LAST
    static let opNext = MDB_NEXT
    static let opPrev = MDB_PREV
    static let opSetRange = MDB_SET_RANGE
    static let opSetKey = MDB_SET_KEY
}
