import ProvinceTime

/// The end of the log: its last `seq`, that event's `hash` and `recordedAt`. `seq` 0 is the empty log.
public struct LogHead: Hashable, Sendable {
    public var seq: UInt64
    public var hash: Digest
    public var recordedAt: Instant?

    public static let empty = LogHead(seq: 0, hash: .zero, recordedAt: nil)

    public init(seq: UInt64, hash: Digest, recordedAt: Instant?) {
        self.seq = seq
        self.hash = hash
        self.recordedAt = recordedAt
    }

    /// 8-byte big-endian seq, 32-byte hash, 8-byte big-endian milliseconds (`Int64.min` when none).
    var encoded: [UInt8] {
        var out = Keys.be64(seq)
        out += hash.bytes
        out += Keys.be64(UInt64(bitPattern: recordedAt?.millisecondsSinceEpoch ?? Int64.min))
        return out
    }

    init?(decoding bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 48, let hash = Digest(bytes: bytes[8..<40]) else { return nil }
        seq = Keys.readBE64(bytes, at: 0)
        self.hash = hash
        let ms = Int64(bitPattern: Keys.readBE64(bytes, at: 40))
        recordedAt = ms == Int64.min ? nil : Instant(millisecondsSinceEpoch: ms)
    }
}

/// Key encodings of the log's databases (see `events.md` "Storage").
enum Keys {
    static func be64(_ v: UInt64) -> [UInt8] {
        withUnsafeBytes(of: v.bigEndian) { Array($0) }
    }

    static func readBE64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// `stream` UTF-8, a 0x00 separator (stream names hold no NUL), the version big-endian: a stream's events sort together, in order.
    static func streamEvent(_ stream: String, _ version: UInt64) -> [UInt8] {
        Array(stream.utf8) + [0] + be64(version)
    }

    static let head: [UInt8] = Array("head".utf8)
    static let formatVersion: [UInt8] = Array("format".utf8)
}
