import CanonicalJSON

extension DocumentRef {
    /// Reads `{number, date}` (and `signer`? for a source document) in that order.
    init(reading reader: inout some PayloadReader, withSigner: Bool) throws(Refusal) {
        let number = try reader.text("number", .documentNumber)
        let date = try reader.date("date")
        let signer = withSigner ? try reader.optionalText("signer", .name) : nil
        self.init(number: number, date: date, signer: signer)
    }

    /// Reads the document object at `key` of `parent` and stores its normalised form back.
    static func read(_ key: JSONName, of parent: inout some PayloadReader, withSigner: Bool) throws(Refusal) -> DocumentRef {
        var child = try parent.nested(key)
        let document = try DocumentRef(reading: &child, withSigner: withSigner)
        parent.store(child, as: key)
        return document
    }

    static func readOptional(_ key: JSONName, of parent: inout some PayloadReader, withSigner: Bool) throws(Refusal) -> DocumentRef? {
        guard var child = try parent.optionalNested(key) else {
            parent.setNormalised(key, nil)
            return nil
        }
        let document = try DocumentRef(reading: &child, withSigner: withSigner)
        parent.store(child, as: key)
        return document
    }
}
