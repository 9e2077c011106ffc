import CLMDB

/// An error returned by LMDB, with Swift names for the codes TaskLedger handles.
///
/// Modelled on swift-system's `Errno`: a struct over the C code, so new codes need no new cases,
/// and each static member names the C constant it stands for.
public struct LMDBError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C return code (an `MDB_*` constant, or an `errno` value such as `ENOENT`).
    public let code: Int32

    public init(code: Int32) { self.code = code }

    /// The key/data pair already exists. The corresponding C error is `MDB_KEYEXIST`.
    public static let keyExists = LMDBError(code: MDB_KEYEXIST)
    /// The key/data pair was not found. The corresponding C error is `MDB_NOTFOUND`.
    public static let notFound = LMDBError(code: MDB_NOTFOUND)
    /// The environment's map size is used up. The corresponding C error is `MDB_MAP_FULL`.
    /// `Environment.write` handles it by growing the map and running the transaction again.
    public static let mapFull = LMDBError(code: MDB_MAP_FULL)
    /// Another process grew the map beyond this process's view. The corresponding C error is `MDB_MAP_RESIZED`.
    public static let mapResized = LMDBError(code: MDB_MAP_RESIZED)
    /// The reader lock table is full. The corresponding C error is `MDB_READERS_FULL`.
    public static let readersFull = LMDBError(code: MDB_READERS_FULL)
    /// The transaction has too many dirty pages. The corresponding C error is `MDB_TXN_FULL`.
    public static let transactionFull = LMDBError(code: MDB_TXN_FULL)
    /// Too many named databases are open. The corresponding C error is `MDB_DBS_FULL`.
    public static let databasesFull = LMDBError(code: MDB_DBS_FULL)
    /// A page has an unexpected type: the file is corrupted. The corresponding C error is `MDB_CORRUPTED`.
    public static let corrupted = LMDBError(code: MDB_CORRUPTED)
    /// The environment version does not match the library's. The corresponding C error is `MDB_VERSION_MISMATCH`.
    public static let versionMismatch = LMDBError(code: MDB_VERSION_MISMATCH)
    /// The file is not an LMDB file. The corresponding C error is `MDB_INVALID`.
    public static let invalid = LMDBError(code: MDB_INVALID)
    /// A value is too large, or a key is empty or longer than `mdb_env_get_maxkeysize`. The corresponding C error is `MDB_BAD_VALSIZE`.
    public static let badValueSize = LMDBError(code: MDB_BAD_VALSIZE)

    /// `mdb_strerror`'s text for the code.
    public var description: String {
        String(cString: mdb_strerror(code)) + " (LMDB code \(code))"
    }
}
