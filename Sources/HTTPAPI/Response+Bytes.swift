import CanonicalJSON
import HTTPTypes
import Hummingbird

extension Response {
    /// A response whose body is `bytes`, with `Content-Length` set (no chunked encoding for small bodies).
    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON response: the value in RFC 8785 canonical form (stable key order, so equal answers are equal bytes)
    /// and a final newline.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        var bytes = value.canonicalBytes
        bytes.append(0x0A)
        return .bytes(bytes, status: status, headers: headers)
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let requestId = HTTPField.Name("X-Request-Id")!
}
