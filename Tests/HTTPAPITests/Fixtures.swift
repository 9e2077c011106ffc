import CanonicalJSON
import Testing

/// The province every test starts from, built over HTTP by the Office: two units (SXD leads, STC coordinates),
/// a person in each, a head for SXD, and task T-1 assigned to SXD.
enum Fixtures {
    static let sxd = obj(["unitId": str("SXD"), "name": str("Sở Xây dựng"), "kind": str("department")])
    static let stc = obj(["unitId": str("STC"), "name": str("Sở Tài chính"), "kind": str("department")])
    static let personA = obj(["personId": str("P1"), "name": str("Nguyễn Văn An"), "unitId": str("SXD"), "title": str("Giám đốc")])
    static let personB = obj(["personId": str("P2"), "name": str("Trần Thị Bình"), "unitId": str("STC")])

    static func task(_ id: String, lead: String = "SXD", deadline: String = "2025-06-30") -> JSONValue {
        obj([
            "taskId": str(id),
            "issuer": str("committee"),
            "sourceDocument": obj(["number": str("5425/UBND-KGVX"), "date": str("2025-06-02")]),
            "title": str("Rà soát quy hoạch xây dựng vùng tỉnh"),
            "leadUnitId": str(lead),
            "coordinatingUnitIds": .array([str("STC")]),
            "assigneePersonId": str("P1"),
            "deadline": str(deadline),
        ])
    }

    static func seed(_ server: TestServer) async throws {
        let office = server.tokens.office
        for (path, body) in [
            ("/v1/units", sxd), ("/v1/units", stc), ("/v1/people", personA), ("/v1/people", personB),
            ("/v1/units/SXD/heads", obj(["personId": str("P1"), "from": str("2025-01-01")])), ("/v1/tasks", task("T-1")),
        ] {
            let reply = try await server.post(path, token: office, body)
            try #require(reply.status == 201, "\(path): \(reply.status) \(reply.text)")
        }
    }
}
