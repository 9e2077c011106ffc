import CanonicalJSON
import Domain
import HTTPTypes
import Hummingbird
import Ledger

/// Reads a command's body: `Content-Type: application/json`, at most 1 MiB, strict JSON (SPEC §3
/// `malformedJson`, `oversizedBody`), through the same parser as import lines.
enum CommandBody {
    static func read(_ request: Request) async throws -> JSONValue {
        guard let contentType = request.headers[.contentType], isJSON(contentType) else {
            throw Problem(
                status: .unsupportedMediaType,
                name: "unsupportedMediaType",
                title: "The body must be application/json",
                detail: "Nội dung lệnh phải là JSON với Content-Type: application/json (nhận được: \(request.headers[.contentType] ?? "không có")).",
                field: "Content-Type",
                headers: [.acceptPost: "application/json"]
            )
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > InputLine.maxBytes {
            throw Problem(InputLine.oversized(length))
        }
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= InputLine.maxBytes else {
                    throw Problem(InputLine.oversized(bytes.count + buffer.readableBytes))
                }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            // The client went away (or the stream broke) half-way through the body: its request, not our failure.
            throw Problem(Refusal(.malformedJson, field: nil, "Nội dung lệnh bị ngắt giữa chừng (\(bytes.count) byte đã nhận); hãy gửi lại."))
        }
        do {
            return try InputLine.parseJSON(bytes)
        } catch {
            throw Problem(error)
        }
    }

    /// `application/json`, with or without parameters (`; charset=utf-8`), in any letter case.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { $0[...].trimmingSpaces.lowercased() }
        return mediaType == "application/json"
    }
}

extension InputLine {
    /// The `oversizedBody` refusal for a body of `count` bytes (or at least that many).
    static func oversized(_ count: Int) -> Refusal {
        Refusal(.oversizedBody, field: nil, "Nội dung dài hơn \(count - 1) byte, vượt quá giới hạn 1 MiB (\(maxBytes) byte).")
    }
}

extension HTTPField.Name {
    static let acceptPost = HTTPField.Name("Accept-Post")!
}
