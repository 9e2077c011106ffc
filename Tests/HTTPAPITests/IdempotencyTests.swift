import CanonicalJSON
import Testing

/// `Idempotency-Key` and `If-Match` (SPEC §3 `commandIdReused`, `conflict`).
@Suite struct IdempotencyTests {
    @Test func aRetryReturnsTheFirstAnswerAndAppendsNothing() async throws {
        let server = try await TestServer.start(seeded: false)
        defer { Task { await server.stop() } }
        let key = ["Idempotency-Key": "dang-ky-sxd-1"]
        let first = try await server.post("/v1/units", token: server.tokens.office, Fixtures.sxd, headers: key)
        #expect(first.status == 201)
        #expect(first.json?["commandId"]?.stringValue == "dang-ky-sxd-1")
        let head = try server.headSeq
        let retry = try await server.post("/v1/units", token: server.tokens.office, Fixtures.sxd, headers: key)
        #expect(retry.status == 201)
        #expect(retry.body == first.body)
        #expect(try server.headSeq == head)

        let other = try await server.post("/v1/units", token: server.tokens.office, Fixtures.stc, headers: key)
        #expect(other.status == 409)
        #expect(other.rule == "commandIdReused")
        #expect(try server.headSeq == head)
    }

    @Test func aStaleIfMatchIsRefusedWith412() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let task = try await server.get("/v1/tasks/T-1", token: server.tokens.office)
        let etag = try #require(task.header("ETag"))
        #expect(etag == "\"1\"")
        let correction = obj(["reason": str("Gõ nhầm tiêu đề"), "title": str("Rà soát quy hoạch xây dựng vùng tỉnh đến 2030")])
        let fresh = try await server.post("/v1/tasks/T-1/corrections", token: server.tokens.office, correction, headers: ["If-Match": etag])
        #expect(fresh.status == 201, "\(fresh.text)")
        #expect(fresh.header("ETag") == "\"2\"")
        let head = try server.headSeq
        let stale = try await server.post("/v1/tasks/T-1/corrections", token: server.tokens.office, correction, headers: ["If-Match": etag])
        #expect(stale.status == 412)
        #expect(stale.rule == "conflict")
        #expect(try server.headSeq == head)
        let bare = try await server.post("/v1/tasks/T-1/corrections", token: server.tokens.office, correction, headers: ["If-Match": "2"])
        #expect(bare.status == 201)
    }
}
