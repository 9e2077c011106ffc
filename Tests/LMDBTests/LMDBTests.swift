import Foundation
import LMDB
import Testing

/// Each test gets its own environment in a fresh temporary directory: real LMDB, no mocks.
func temporaryEnvironment() throws -> (Environment, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lmdb-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return (try Environment(path: dir), dir)
}

func be64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }

struct Rollback: Error {}

@Suite struct LMDBTests {
    @Test func putGetAndCount() throws {
        let (env, dir) = try temporaryEnvironment()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("t")
        try env.write { txn in
            try txn.put(db, key: Array("a".utf8), value: Array("1".utf8))
            try txn.put(db, key: Array("b".utf8), value: Array("2".utf8))
        }
        let value = try env.read { txn in try txn.getBytes(db, key: Array("b".utf8)) }
        #expect(value == Array("2".utf8))
        #expect(try env.read { txn in try txn.count(db) } == 2)
        #expect(try env.read { txn in try txn.getBytes(db, key: Array("zz".utf8)) } == nil)
    }

    @Test func aWriteThatThrowsLeavesNothing() throws {
        let (env, dir) = try temporaryEnvironment()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("t")
        #expect(throws: Rollback.self) {
            try env.write { txn in
                try txn.put(db, key: Array("a".utf8), value: Array("1".utf8))
                throw Rollback()
            }
        }
        #expect(try env.read { txn in try txn.count(db) } == 0)
    }

    @Test func noOverwriteAndAppendRefuseWithTheirCodes() throws {
        let (env, dir) = try temporaryEnvironment()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("t")
        try env.write { txn in try txn.put(db, key: be64(5), value: [1], mode: .append) }
        #expect(throws: LMDBError.keyExists) {
            try env.write { txn in try txn.put(db, key: be64(5), value: [2], mode: .noOverwrite) }
        }
        #expect(throws: LMDBError.keyExists) {
            try env.write { txn in try txn.put(db, key: be64(4), value: [2], mode: .append) }
        }
        #expect(LMDBError.keyExists.description.contains("MDB_KEYEXIST"))
    }

    /// A map of 1 MiB; writing far more than that must grow it instead of failing with MDB_MAP_FULL.
    @Test func theMapGrowsWhenFull() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lmdb-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let env = try Environment(path: dir, mapSizeBytes: 1 << 20)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("big")
        let value = [UInt8](repeating: 7, count: 64 * 1024)
        for batch in 0..<20 {
            try env.write { txn in
                for i in 0..<100 { try txn.put(db, key: be64(UInt64(batch * 100 + i)), value: value, mode: .append) }
            }
        }
        #expect(try env.read { txn in try txn.count(db) } == 2000)
        #expect(try env.info().mapSizeBytes > 1 << 20)
    }

    @Test func cursorsWalkInKeyOrderAndSeek() throws {
        let (env, dir) = try temporaryEnvironment()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("t")
        try env.write { txn in
            for i: UInt64 in [3, 1, 2, 10] { try txn.put(db, key: be64(i), value: be64(i * 100)) }
        }
        let keys: [UInt64] = try env.read { txn in
            try txn.withCursor(db) { cursor in
                var out: [UInt64] = []
                var entry = try cursor.first()
                while let e = entry {
                    out.append(e.key.loadUnaligned(as: UInt64.self).bigEndian)
                    entry = try cursor.next()
                }
                return out
            }
        }
        #expect(keys == [1, 2, 3, 10])
        let atOrAfter4 = try env.read { txn in try txn.withCursor(db) { try $0.seek(atOrAfter: be64(4)).map { Array($0.key) } } }
        #expect(atOrAfter4 == be64(10))
        let last = try env.read { txn in try txn.withCursor(db) { try $0.last().map { Array($0.key) } } }
        #expect(last == be64(10))
    }

    @Test func aReaderSeesASnapshot() throws {
        let (env, dir) = try temporaryEnvironment()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("t")
        try env.write { txn in try txn.put(db, key: [1], value: [1]) }
        let seenInside = try env.read { txn in
            // A write from another thread commits while this read transaction is open; the reader does not see it.
            let t = Thread { _ = try? env.write { w in try w.put(db, key: [2], value: [2]) } }
            t.start()
            while !t.isFinished { usleep(1000) }
            return try txn.count(db)
        }
        #expect(seenInside == 1)
        #expect(try env.read { try $0.count(db) } == 2)
    }

    @Test func aCompactCopyOpensOnItsOwn() throws {
        let (env, dir) = try temporaryEnvironment()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try env.database("t")
        try env.write { txn in for i: UInt64 in 0..<1000 { try txn.put(db, key: be64(i), value: be64(i)) } }
        let dest = dir + "-copy"
        try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dest) }
        try env.copy(to: dest)
        let copy = try Environment(path: dest)
        let cdb = try copy.database("t")
        #expect(try copy.read { try $0.count(cdb) } == 1000)
    }
}
