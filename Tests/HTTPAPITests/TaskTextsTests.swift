import CanonicalJSON
import Testing

/// `GET /v1/tasks/{id}` shows texts the state does not keep (they are read from the log): after a correction, a
/// returned result and a resubmission, and as of each earlier seq, it shows the texts of that point.
@Suite struct TaskTextsOverHTTPTests {
    @Test func aTaskShowsItsTextsAsOfEachSeq() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let tokens = server.tokens
        let before = try server.headSeq

        func post(_ path: String, _ token: String, _ body: JSONValue) async throws -> Int {
            let reply = try await server.post("/v1/tasks/T-1/" + path, token: token, body)
            try #require(reply.status == 201, "\(path): \(reply.text)")
            return Int(try #require(reply.json?["seq"]?.numberValue))
        }
        let corrected = try await post(
            "corrections",
            tokens.office,
            obj(["reason": str("Sửa tên"), "title": str("Rà soát quy hoạch vùng tỉnh đến 2030")])
        )
        let document = obj(["number": str("12/BC-SXD"), "date": str("2025-06-09")])
        _ = try await post("report-documents", tokens.unit, obj(["unitId": str("SXD"), "document": document, "summary": str("Lần 1")]))
        let completed = try await post("results", tokens.unit, obj(["unitId": str("SXD"), "result": str("Kết quả lần 1")]))
        let returned = try await post("returns", tokens.office, obj(["reason": str("Chưa đạt")]))
        let second = obj(["number": str("15/BC-SXD"), "date": str("2025-06-10")])
        _ = try await post("report-documents", tokens.unit, obj(["unitId": str("SXD"), "document": second]))
        let resubmitted = try await post("results", tokens.unit, obj(["unitId": str("SXD"), "result": str("Kết quả lần 2")]))

        let old = "Rà soát quy hoạch xây dựng vùng tỉnh"
        let new = "Rà soát quy hoạch vùng tỉnh đến 2030"
        let expected: [(seq: Int, title: String, document: String?, summary: String?, result: String?)] = [
            (Int(before), old, nil, nil, nil),
            (corrected, new, nil, nil, nil),
            (completed, new, "12/BC-SXD", "Lần 1", "Kết quả lần 1"),
            (returned, new, nil, nil, nil),
            (resubmitted, new, "15/BC-SXD", nil, "Kết quả lần 2"),
        ]
        for row in expected {
            let reply = try await server.get("/v1/tasks/T-1?asOf=\(row.seq)", token: tokens.interior)
            #expect(reply.status == 200)
            let task = reply.json?["task"]
            #expect(task?["title"]?.stringValue == row.title, "seq \(row.seq)")
            #expect(task?["sourceDocument"]?["number"]?.stringValue == "5425/UBND-KGVX", "seq \(row.seq)")
            #expect(task?["reportDocument"]?["document"]?["number"]?.stringValue == row.document, "seq \(row.seq)")
            #expect(task?["reportDocument"]?["summary"]?.stringValue == row.summary, "seq \(row.seq)")
            #expect(task?["result"]?["result"]?.stringValue == row.result, "seq \(row.seq)")
        }
        let now = try await server.get("/v1/tasks/T-1", token: tokens.unit)
        #expect(now.json?["task"]?["title"]?.stringValue == new)
        #expect(now.json?["task"]?["result"]?["result"]?.stringValue == "Kết quả lần 2")
    }
}
