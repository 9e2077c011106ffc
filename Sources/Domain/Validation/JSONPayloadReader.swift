import CanonicalJSON

/// The `PayloadReader` over a parsed `JSONValue`: commands and imports, and the tree-building decoder.
///
/// It also builds the payload that will be stored: the object as sent, with every text field it reads
/// replaced by its normalised form and every optional field given as `null` or empty text removed; keys it
/// does not know are kept verbatim (SPEC §3: payloads may carry extra optional fields). With
/// `checksText == false` the normalised payload is not built at all (`json` is then the payload as read).
struct JSONPayloadReader: PayloadReader {
    let location: PayloadPath
    let checksText: Bool
    private let object: [String: JSONValue]
    private(set) var normalised: [String: JSONValue]

    init(_ value: JSONValue, at location: PayloadPath, checksText: Bool) throws(Refusal) {
        guard case .object(let object) = value else { throw Refusal.notAnObject(location.description, got: value) }
        self.location = location
        self.checksText = checksText
        self.object = object
        self.normalised = object
    }

    /// The payload to store.
    var json: JSONValue { .object(normalised) }

    func raw(_ key: JSONName) -> JSONValue? {
        guard let value = object[key.description], !value.isNull else { return nil }
        return value
    }

    func child(_ value: JSONValue, at location: PayloadPath) throws(Refusal) -> JSONPayloadReader {
        try JSONPayloadReader(value, at: location, checksText: checksText)
    }

    mutating func setNormalised(_ key: JSONName, _ value: @autoclosure () -> JSONValue?) {
        if checksText { normalised[key.description] = value() }
    }

    mutating func store(_ child: JSONPayloadReader, as key: JSONName) {
        if checksText { normalised[key.description] = child.json }
    }

    mutating func storeList(_ children: [JSONPayloadReader], as key: JSONName) {
        if checksText { normalised[key.description] = .array(children.map(\.json)) }
    }
}
