import CanonicalJSON

/// The `PayloadReader` over a node of a `JSONTape`: replay of stored events.
///
/// Stored text is already normalised and the stored payload is what was stored, so nothing is built: each
/// field is read from the tape when the parser asks for it, and `setNormalised` and `store` do nothing.
struct TapePayloadReader: PayloadReader {
    let location: PayloadPath
    private let object: JSONTapeNode

    init(_ value: JSONTapeNode, at location: PayloadPath) throws(Refusal) {
        guard value.kind == .object else { throw Refusal.notAnObject(location.description, got: value) }
        self.location = location
        self.object = value
    }

    var checksText: Bool { false }

    func raw(_ key: JSONName) -> JSONTapeNode? {
        guard let value = object.member(key), value.kind != .null else { return nil }
        return value
    }

    func child(_ value: JSONTapeNode, at location: PayloadPath) throws(Refusal) -> TapePayloadReader {
        try TapePayloadReader(value, at: location)
    }

    func setNormalised(_ key: JSONName, _ value: @autoclosure () -> JSONValue?) {}
    func store(_ child: TapePayloadReader, as key: JSONName) {}
    func storeList(_ children: [TapePayloadReader], as key: JSONName) {}
}
