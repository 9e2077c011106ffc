import Foundation

/// The small JSON reading and writing that checkpoint and proof documents need.
///
/// Writing is by hand so that field order and spacing are fixed (the documents are compared and archived);
/// reading goes through `JSONDecoder`, with its errors turned into messages that name the field to fix.
enum JSONText {
    /// A JSON string literal for `text`: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A JSON array of the hashes in lowercase hex.
    static func hashArray(_ hashes: [MerkleHash]) -> String {
        "[" + hashes.map { quoted($0.hex) }.joined(separator: ",") + "]"
    }

    /// Decodes `text` as `Wire`, describing a failure in terms of the document `what` and the field at fault.
    static func decode<Wire: Decodable>(_ wire: Wire.Type, from text: String, what: String) throws(MerkleError) -> Wire {
        do {
            return try JSONDecoder().decode(Wire.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw .invalidJSON("\(what): \(describe(error))")
        } catch {
            throw .invalidJSON("\(what): \(error)")
        }
    }

    /// A size or index read as a signed integer (so that -1 gets a clear message rather than a parse error).
    static func count(_ value: Int64, field: String, what: String) throws(MerkleError) -> UInt64 {
        guard value >= 0 else { throw .invalidJSON("\(what): \(field) must be a non-negative integer, not \(value)") }
        return UInt64(value)
    }

    /// Parses a list of hex hashes, naming the position of the first bad one.
    static func hashes(_ hexes: [String], field: String, what: String) throws(MerkleError) -> [MerkleHash] {
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(hexes.count)
        for (position, hex) in hexes.enumerated() {
            guard let hash = MerkleHash(hex: hex) else {
                throw .invalidJSON("\(what): \(field)[\(position)] must be 64 hex digits (a SHA-256 hash)")
            }
            hashes.append(hash)
        }
        return hashes
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the document" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "the field \"\(path(context.codingPath + [key]))\" is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(expectation(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(expectation(type)), not null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "not well-formed JSON (\(context.debugDescription))" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is Int64.Type: "a non-negative integer"
        case is String.Type: "a string"
        case is [String].Type: "an array of strings"
        default: "a JSON object"
        }
    }
}
