import CanonicalJSON

extension Envelope {
    /// The RFC 8785 bytes of the envelope without `hash`, written member by member in their canonical order.
    ///
    /// Equal, byte for byte, to `jsonWithoutHash.canonicalBytes` (a test holds them together): the envelope's
    /// member names are fixed ASCII, so their order is known and need not be sorted for every event, and no
    /// dictionary is built for it on the append, replay and verify paths. The payload is encoded generically.
    public var canonicalBytesWithoutHash: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        appendCanonicalWithoutHash(to: &out)
        return out
    }

    /// Appends the canonical bytes of the envelope without `hash` to `out`.
    public func appendCanonicalWithoutHash(to out: inout [UInt8]) {
        // Members in UTF-16 (here: byte) order: actor, commandId, payload, prev, recordedAt, schema, seq, stream,
        // type, version; and within actor: role, tokenId, unitId.
        out.append(contentsOf: #"{"actor":{"role":"#.utf8)
        JSONValue.string(actor.role).canonicalBytes(into: &out)
        if let tokenId = actor.tokenId {
            out.append(contentsOf: #","tokenId":"#.utf8)
            JSONValue.string(tokenId).canonicalBytes(into: &out)
        }
        if let unitId = actor.unitId {
            out.append(contentsOf: #","unitId":"#.utf8)
            JSONValue.string(unitId).canonicalBytes(into: &out)
        }
        out.append(UInt8(ascii: "}"))
        if let commandId {
            out.append(contentsOf: #","commandId":"#.utf8)
            JSONValue.string(commandId).canonicalBytes(into: &out)
        }
        out.append(contentsOf: #","payload":"#.utf8)
        payload.canonicalBytes(into: &out)
        out.append(contentsOf: #","prev":""#.utf8)
        out.append(contentsOf: prev.hex.utf8)
        out.append(contentsOf: #"","recordedAt":""#.utf8)
        out.append(contentsOf: recordedAt.description.utf8)
        out.append(contentsOf: #"","schema":"#.utf8)
        Self.appendInteger(Int64(schema), to: &out)
        out.append(contentsOf: #","seq":"#.utf8)
        Self.appendInteger(Int64(seq), to: &out)
        out.append(contentsOf: #","stream":"#.utf8)
        JSONValue.string(stream).canonicalBytes(into: &out)
        out.append(contentsOf: #","type":"#.utf8)
        JSONValue.string(type).canonicalBytes(into: &out)
        out.append(contentsOf: #","version":"#.utf8)
        Self.appendInteger(Int64(version), to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// An integer as RFC 8785 writes it (ECMAScript's form for integers below 2^53: plain digits).
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        precondition(value.magnitude <= 9_007_199_254_740_991, "envelope integers stay below 2^53")
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        var v = value.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        out.append(contentsOf: digits.reversed())
    }
}
