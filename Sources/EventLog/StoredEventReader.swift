import CanonicalJSON

/// Reads the envelope of stored events through one reused `JSONTape`, without building a `JSONValue` tree:
/// how replay reads the log. Refuses exactly what `LogReader.decode` refuses, with the same
/// `LogError.corruptEvent` naming the seq.
///
/// It holds no transaction: the bytes it is given (borrowed from the map) must stay valid while `read` runs, so
/// a replay can decode on another thread than the one that walks the cursor.
public struct StoredEventReader {
    private var tape = JSONTape()

    public init() {}

    /// Calls `body` with the checked envelope of event `seq`, whose stored bytes (without the hash) are `canonical`.
    public mutating func read<Result>(
        seq: UInt64,
        canonical: UnsafeRawBufferPointer,
        _ body: (EnvelopeFields<JSONTapeNode>) throws -> Result
    ) throws -> Result {
        do throws(JSONParseError) {
            try tape.parse(canonical)
        } catch {
            throw LogError.notJSON(seq: seq, error)
        }
        return try tape.withRoot { (root) throws -> Result in
            let fields: EnvelopeFields<JSONTapeNode>
            do throws(EnvelopeError) {
                fields = try EnvelopeFields(reading: root, readsHash: false)
            } catch {
                throw LogError.malformedEnvelope(seq: seq, error)
            }
            return try body(fields)
        }
    }
}
