import CanonicalJSON
import Domain
import Hummingbird
import Ledger

/// One POST route per command of SPEC §3, on the resource it changes. The body is the event's payload; an id
/// in the path is put into the payload (a body naming another id is refused). The actor comes from the token,
/// never from the body.
enum CommandRoutes {
    /// A command route: the path, the event type, and the path parameter that is a payload field.
    struct Spec: Sendable {
        var path: String
        var type: EventType
        var pathField: String?
    }

    static let specs: [Spec] = [
        Spec(path: "/v1/units", type: .unitRegistered),
        Spec(path: "/v1/units/merge", type: .unitMerged),
        Spec(path: "/v1/units/{unitId}/rename", type: .unitRenamed, pathField: "unitId"),
        Spec(path: "/v1/units/{unitId}/heads", type: .headAppointed, pathField: "unitId"),
        Spec(path: "/v1/people", type: .personRegistered),
        Spec(path: "/v1/people/{personId}/transfer", type: .personTransferred, pathField: "personId"),
        Spec(path: "/v1/tasks", type: .taskAssigned),
        Spec(path: "/v1/tasks/{taskId}/corrections", type: .taskCorrected, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/extensions", type: .deadlineExtended, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/reassignment", type: .taskReassigned, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/withdrawal", type: .taskWithdrawn, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/progress", type: .progressReported, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/report-documents", type: .reportDocumentSubmitted, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/results", type: .resultEntered, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/returns", type: .resultReturned, pathField: "taskId"),
        Spec(path: "/v1/tasks/{taskId}/quality", type: .qualityEvaluated, pathField: "taskId"),
        Spec(path: "/v1/scoring-policies", type: .scoringPolicyPublished),
    ]

    static func routes(ledger: Ledger) -> [Route] {
        specs.map { spec in
            Route(method: .post, path: spec.path, access: .write(spec.type)) { call in
                try await execute(spec, call: call, ledger: ledger)
            }
        }
    }

    static func execute(_ spec: Spec, call: Call, ledger: Ledger) async throws -> Response {
        let actor = try call.caller
        let commandId = try idempotencyKey(call.request)
        let expectedVersion = try ifMatch(call.request)
        var payload = try await CommandBody.read(call.request)
        if let field = spec.pathField {
            payload = try merge(pathId: try call.pathParameter(field), into: payload, field: field)
        }
        let outcome = try await ledger.execute(
            CommandRequest(type: spec.type.rawValue, actor: actor, payload: payload, commandId: commandId, expectedVersion: expectedVersion)
        )
        switch outcome {
        case .appended(let envelope), .repeated(let envelope):
            call.context.logger.info(
                "appended",
                metadata: ["seq": "\(envelope.seq)", "type": "\(envelope.type)", "repeat": "\(outcome != .appended(envelope))"]
            )
            return .json(envelope.json, status: .created, headers: [.eTag: "\"\(envelope.version)\""])
        case .refused(let refusal):
            throw Problem(refusal)
        }
    }

    /// Puts the path's id into the payload; a body that names a different id is refused (`invalidValue`).
    /// A body that is not an object is left as it is: the domain refuses it with `wrongType`.
    static func merge(pathId: String, into payload: JSONValue, field: String) throws -> JSONValue {
        guard case .object(var o) = payload else { return payload }
        if let given = o[field], !given.isNull {
            if case .string(let text) = given, text != pathId {
                throw Problem(
                    Refusal(
                        .invalidValue,
                        field: "payload.\(field)",
                        "payload.\(field) = \(text) khác với mã trên đường dẫn (\(pathId)); hãy bỏ trường này hoặc sửa cho khớp."
                    )
                )
            }
            return payload
        }
        o[field] = .string(pathId)
        return .object(o)
    }

    /// `Idempotency-Key` → `commandId`, with the text rules of `commandId` (at most 128 characters).
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let raw = request.headers[.idempotencyKey] else { return nil }
        do {
            return try Rules.normaliseCommandId(raw, field: "Idempotency-Key")
        } catch {
            throw Problem(error)
        }
    }

    /// `If-Match: "<version>"` (the ETag as served) or bare digits → the expected stream version.
    static func ifMatch(_ request: Request) throws -> UInt64? {
        guard let raw = request.headers[.ifMatch] else { return nil }
        var text = raw[...].trimmingSpaces[...]
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = text.dropFirst().dropLast() }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let version = UInt64(text) else {
            throw Problem.badParameter(
                "If-Match",
                "If-Match phải là phiên bản luồng như ETag đã trả về, ví dụ If-Match: \"3\" (nhận được: \(raw))."
            )
        }
        return version
    }
}
