/// The primitives of the snapshot state encoding (`docs/snapshots.md`): LEB128 varints, zigzag for signed
/// values, strings as a varint byte count and their UTF-8, optionals as a presence byte.
///
/// Varints keep the common small numbers (counts, day numbers, seq deltas) to one to three bytes, so a
/// province of millions of tasks stays a few hundred bytes a task, written and read without Foundation.
struct StateWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ v: UInt8) { bytes.append(v) }

    /// Overwrites bytes already written (a header filled in once the body's length and checksum are known).
    mutating func overwrite(at offset: Int, with values: some Collection<UInt8>) {
        bytes.replaceSubrange(offset..<(offset + values.count), with: values)
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func count(_ n: Int) { varint(UInt64(n)) }

    /// Signed values: zigzag, so that small negative numbers stay short too.
    mutating func signed(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout StateWriter, T) -> Void) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        write(&self, value)
    }
}

/// Reads what `StateWriter` wrote, from borrowed bytes (the snapshot as LMDB maps it: no copy). Every read is
/// bounds-checked: a truncated or altered snapshot becomes a `StateCodecError`, never a crash or a wrong state.
struct StateReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(StateCodecError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool() throws(StateCodecError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .malformed(offset: offset - 1, "a boolean byte is neither 0 nor 1")
        }
    }

    mutating func varint() throws(StateCodecError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64, shift < 63 || b <= 1 else { throw .malformed(offset: offset - 1, "a varint longer than 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A count of items that follow; each takes at least one byte, so a count past the end is refused before any allocation.
    mutating func count() throws(StateCodecError) -> Int {
        let n = try varint()
        guard n <= UInt64(bytes.count - offset) else { throw .malformed(offset: offset, "a count of \(n) exceeds the bytes left") }
        return Int(n)
    }

    mutating func signed() throws(StateCodecError) -> Int64 {
        let z = try varint()
        return Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
    }

    mutating func int() throws(StateCodecError) -> Int {
        let v = try signed()
        guard let i = Int(exactly: v) else { throw .malformed(offset: offset, "an integer out of range") }
        return i
    }

    mutating func string() throws(StateCodecError) -> String {
        let n = try count()
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
        offset += n
        // `String(decoding:)` takes the contiguous fast path (`String(validating:)` goes through generic code at a
        // third of the speed); it repairs invalid UTF-8, which changes the byte count, so a repair is caught here.
        // The checksum has already vouched for the bytes: this guards against a codec bug, not a damaged disk.
        let s = String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        guard s.utf8.count == n else { throw .malformed(offset: offset - n, "a string is not valid UTF-8") }
        return s
    }

    mutating func optional<T>(_ read: (inout StateReader) throws(StateCodecError) -> T) throws(StateCodecError) -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw .malformed(offset: offset - 1, "a presence byte is neither 0 nor 1")
        }
    }
}

/// Why stored snapshot bytes could not be read back; the snapshot is then ignored, and the state folded from the log.
public enum StateCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    case truncated(offset: Int)
    case malformed(offset: Int, String)

    public var description: String {
        switch self {
        case .truncated(let offset): "the snapshot state ends early, at byte \(offset)"
        case .malformed(let offset, let reason): "the snapshot state is malformed at byte \(offset): \(reason)"
        }
    }
}
