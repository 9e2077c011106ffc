import CLMDB

/// A read-only view of the environment, valid only inside the `Environment.read` or `write` closure that
/// handed it out. Values it returns as `UnsafeRawBufferPointer` point into the memory map: valid until the
/// transaction ends (and, in a write transaction, until the next write), never to be kept.
public struct ReadTransaction {
    let txn: OpaquePointer

    /// The value stored under `key`, or `nil`. The bytes are borrowed from the map; copy what you keep.
    public func get(_ db: Database, key: some ContiguousBytes) throws(LMDBError) -> UnsafeRawBufferPointer? {
        try key.withUnsafeBytesTyped { k throws(LMDBError) in try C.get(txn, db.dbi, k) }
    }

    /// The value stored under `key`, copied.
    public func getBytes(_ db: Database, key: some ContiguousBytes) throws(LMDBError) -> [UInt8]? {
        try get(db, key: key).map { Array($0) }
    }

    /// A cursor over `db`, open only inside `body`.
    public func withCursor<T>(_ db: Database, _ body: (Cursor) throws -> T) throws -> T {
        let cursor = try C.cursorOpen(txn, db.dbi)
        defer { C.cursorClose(cursor) }
        return try body(Cursor(cursor: cursor))
    }

    /// Number of entries in `db`.
    public func count(_ db: Database) throws(LMDBError) -> Int { try C.dbStat(txn, db.dbi).ms_entries }

    /// Pages used by `db` (branch + leaf + overflow) and the page size.
    public func pages(_ db: Database) throws(LMDBError) -> (pages: Int, pageSize: Int) {
        let s = try C.dbStat(txn, db.dbi)
        return (s.ms_branch_pages + s.ms_leaf_pages + s.ms_overflow_pages, Int(s.ms_psize))
    }
}

/// A write transaction: everything a `ReadTransaction` does, and writes. Valid only inside `Environment.write`.
public struct WriteTransaction {
    let txn: OpaquePointer

    /// The same transaction, for reads.
    public var reader: ReadTransaction { ReadTransaction(txn: txn) }

    public func get(_ db: Database, key: some ContiguousBytes) throws(LMDBError) -> UnsafeRawBufferPointer? {
        try reader.get(db, key: key)
    }

    public func getBytes(_ db: Database, key: some ContiguousBytes) throws(LMDBError) -> [UInt8]? {
        try reader.getBytes(db, key: key)
    }

    public func withCursor<T>(_ db: Database, _ body: (Cursor) throws -> T) throws -> T {
        try reader.withCursor(db, body)
    }

    /// How a put treats an existing key.
    public enum PutMode: Sendable {
        /// Replace any existing value.
        case overwrite
        /// Refuse an existing key with `LMDBError.keyExists` (`MDB_NOOVERWRITE`).
        case noOverwrite
        /// The key sorts after every existing key (`MDB_APPEND`): a fast path for sequence keys; LMDB refuses
        /// an out-of-order key with `MDB_KEYEXIST`.
        case append
    }

    public func put(_ db: Database, key: some ContiguousBytes, value: some ContiguousBytes, mode: PutMode = .overwrite) throws(LMDBError) {
        let flags: UInt32 =
            switch mode {
            case .overwrite: 0
            case .noOverwrite: C.flagNoOverwrite
            case .append: C.flagAppend
            }
        try key.withUnsafeBytesTyped { k throws(LMDBError) in
            try value.withUnsafeBytesTyped { v throws(LMDBError) in try C.put(txn, db.dbi, k, v, flags) }
        }
    }

    /// Deletes `key`; `false` when it was not there.
    @discardableResult
    public func delete(_ db: Database, key: some ContiguousBytes) throws(LMDBError) -> Bool {
        try key.withUnsafeBytesTyped { k throws(LMDBError) in try C.del(txn, db.dbi, k) }
    }

    /// Empties `db` (keeps the database).
    public func clear(_ db: Database) throws(LMDBError) { try C.drop(txn, db.dbi) }

    public func count(_ db: Database) throws(LMDBError) -> Int { try reader.count(db) }
}

/// A cursor, valid only inside the `withCursor` closure. Keys and values it returns are borrowed from the map.
public struct Cursor {
    let cursor: OpaquePointer
    public typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    public func first() throws(LMDBError) -> Entry? { try C.cursorGet(cursor, nil, C.opFirst) }
    public func last() throws(LMDBError) -> Entry? { try C.cursorGet(cursor, nil, C.opLast) }
    public func next() throws(LMDBError) -> Entry? { try C.cursorGet(cursor, nil, C.opNext) }
    public func previous() throws(LMDBError) -> Entry? { try C.cursorGet(cursor, nil, C.opPrev) }

    /// Positions at the first key ≥ `key`.
    public func seek(atOrAfter key: some ContiguousBytes) throws(LMDBError) -> Entry? {
        try key.withUnsafeBytesTyped { k throws(LMDBError) in try C.cursorGet(cursor, k, C.opSetRange) }
    }

    /// Positions at exactly `key`.
    public func seek(exactly key: some ContiguousBytes) throws(LMDBError) -> Entry? {
        try key.withUnsafeBytesTyped { k throws(LMDBError) in try C.cursorGet(cursor, k, C.opSetKey) }
    }
}

/// Bytes that can be lent to C without copying.
public protocol ContiguousBytes {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: ContiguousBytes where Element == UInt8 {}
extension ArraySlice: ContiguousBytes where Element == UInt8 {}
extension UnsafeRawBufferPointer: ContiguousBytes {
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try body(self) }
}

extension ContiguousBytes {
    /// `withUnsafeBytes` with a typed throw (the protocol's `rethrows` erases the error type).
    @inline(__always)
    func withUnsafeBytesTyped<R>(_ body: (UnsafeRawBufferPointer) throws(LMDBError) -> R) throws(LMDBError) -> R {
        do {
            return try withUnsafeBytes { try body($0) }
        } catch let e as LMDBError {
            throw e
        } catch {
            fatalError("unreachable: body throws only LMDBError")
        }
    }
}
