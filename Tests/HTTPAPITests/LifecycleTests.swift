import CanonicalJSON
import Testing

/// A whole task over HTTP, as the roles of SPEC §1 would drive it.
@Suite struct LifecycleTests {
    @Test func officeAssignsUnitCompletesOfficeGradesReportsAndAuditShowIt() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let tokens = server.tokens

        let progress = try await server.post(
            "/v1/tasks/T-1/progress",
            token: tokens.unit,
            obj(["unitId": str("SXD"), "note": str("Đã họp liên ngành"), "percent": num(50)])
        )
        #expect(progress.status == 201, "\(progress.text)")
        #expect(progress.json?["payload"]?["taskId"]?.stringValue == "T-1")
        #expect(progress.json?["actor"]?["role"]?.stringValue == "unit")
        #expect(progress.json?["actor"]?["tokenId"]?.stringValue != nil)

        // The coordinating unit may report progress too, but may not submit the report document.
        let coordinating = try await server.post(
            "/v1/tasks/T-1/progress",
            token: tokens.otherUnit,
            obj(["unitId": str("STC"), "note": str("Đã góp ý")])
        )
        #expect(coordinating.status == 201)
        let notLead = try await server.post(
            "/v1/tasks/T-1/report-documents",
            token: tokens.otherUnit,
            obj(["unitId": str("STC"), "document": obj(["number": str("1/BC-STC"), "date": str("2025-06-09")])])
        )
        #expect(notLead.status == 422)
        #expect(notLead.rule == "notLeadUnit")

        let document = try await server.post(
            "/v1/tasks/T-1/report-documents",
            token: tokens.unit,
            obj(["unitId": str("SXD"), "document": obj(["number": str("12/BC-SXD"), "date": str("2025-06-09")])])
        )
        #expect(document.status == 201, "\(document.text)")
        let result = try await server.post(
            "/v1/tasks/T-1/results",
            token: tokens.unit,
            obj(["unitId": str("SXD"), "result": str("Đã trình UBND tỉnh")])
        )
        #expect(result.status == 201, "\(result.text)")
        let grade = try await server.post("/v1/tasks/T-1/quality", token: tokens.office, obj(["grade": str("good")]))
        #expect(grade.status == 201, "\(grade.text)")

        let task = try await server.get("/v1/tasks/T-1", token: tokens.unit)
        #expect(task.status == 200)
        #expect(task.json?["task"]?["status"]?.stringValue == "completedOnTime")
        #expect(task.json?["task"]?["grade"]?.stringValue == "good")
        #expect(task.header("ETag") == "\"6\"")

        let history = try await server.get("/v1/tasks/T-1/history", token: tokens.interior)
        #expect(
            history.json?["events"]?.arrayValue?.map { $0["type"]?.stringValue ?? "" } == [
                "TaskAssigned", "ProgressReported", "ProgressReported", "ReportDocumentSubmitted", "ResultEntered", "QualityEvaluated",
            ]
        )

        let monthly = try await server.get("/v1/reports/monthly", token: tokens.interior)
        #expect(monthly.status == 200, "\(monthly.text)")
        let sxdMonthly = monthly.json?["units"]?.arrayValue?.first { $0["unitId"]?.stringValue == "SXD" }
        #expect(sxdMonthly?["assigned"]?.numberValue == 1)
        #expect(sxdMonthly?["completedOnTime"]?.numberValue == 1)

        let annual = try await server.get("/v1/reports/annual?year=2025&asOf=2025-12-31T23:59:59%2B07:00", token: tokens.unit)
        #expect(annual.status == 200, "\(annual.text)")
        let sxdAnnual = annual.json?["units"]?.arrayValue?.first { $0["unitId"]?.stringValue == "SXD" }
        #expect(sxdAnnual?["due"]?.numberValue == 1)
        #expect(sxdAnnual?["score"]?.numberValue == 100)
        #expect(sxdAnnual?["quality"]?["good"]?.numberValue == 1)

        let csv = try await server.get("/v1/reports/monthly?format=csv&table=units", token: tokens.office)
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))

        let head = try server.headSeq
        let events = try await server.get("/v1/audit/events", token: tokens.auditor)
        #expect(events.status == 200)
        #expect(events.header("Content-Type") == "application/x-ndjson")
        let lines = events.text.split(separator: "\n")
        #expect(UInt64(lines.count) == head)
        #expect(lines.last.flatMap { try? JSONParser.parse(Array($0.utf8)) }?["type"]?.stringValue == "QualityEvaluated")

        let page = try await server.get("/v1/audit/events?fromSeq=2&limit=3", token: tokens.office)
        #expect(page.text.split(separator: "\n").count == 3)
        #expect(page.header("Link") == "</v1/audit/events?fromSeq=5&limit=3>; rel=\"next\"")

        let raw = try await server.get("/v1/audit/tasks/T-1/events", token: tokens.auditor)
        #expect(raw.text.split(separator: "\n").count == 6)

        let verify = try await server.get("/v1/audit/verify", token: tokens.auditor)
        #expect(verify.status == 200)
        #expect(verify.json?["ok"]?.boolValue == true)
        #expect(verify.json?["events"]?.numberValue == Double(head))

        let inclusion = try await server.get("/v1/audit/proof/inclusion?seq=3", token: tokens.auditor)
        #expect(inclusion.status == 200, "\(inclusion.text)")
        #expect(inclusion.json?["seq"]?.numberValue == 3)
        #expect(inclusion.json?["treeSize"]?.numberValue == Double(head))
        #expect(inclusion.json?["proof"]?.arrayValue?.isEmpty == false)
        let consistency = try await server.get("/v1/audit/proof/consistency?from=2&to=\(head)", token: tokens.auditor)
        #expect(consistency.status == 200, "\(consistency.text)")
        #expect(consistency.json?["newTreeSize"]?.numberValue == Double(head))
        let checkpoint = try await server.get("/v1/audit/checkpoint", token: tokens.office)
        #expect(checkpoint.status == 200, "\(checkpoint.text)")
        #expect(checkpoint.json?["treeSize"]?.numberValue == Double(head))
        #expect(checkpoint.json?["rootHash"]?.stringValue == verify.json?["rootHash"]?.stringValue)
        #expect(checkpoint.json?["signature"]?.stringValue?.isEmpty == false)

        let health = try await server.get("/healthz", token: nil)
        #expect(health.json?["seq"]?.numberValue == Double(head))
        let metrics = try await server.get("/metrics", token: nil)
        #expect(metrics.text.contains("http_requests_total{"))
        #expect(metrics.text.contains("route=\"/v1/tasks/{taskId}/progress\""))
        #expect(events.header("X-Request-Id")?.isEmpty == false)
    }

    @Test func listsFilterPageAndHideOtherUnitsTasks() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        for id in ["T-2", "T-3"] {
            #expect(try await server.post("/v1/tasks", token: server.tokens.office, Fixtures.task(id)).status == 201)
        }
        #expect(try await server.post("/v1/tasks", token: server.tokens.office, Fixtures.task("T-9", lead: "STC")).status == 422)
        let onlyStc = Fixtures.task("T-9", lead: "STC")
        guard case .object(var body) = onlyStc else { return }
        body["coordinatingUnitIds"] = .array([])
        body["assigneePersonId"] = nil
        #expect(try await server.post("/v1/tasks", token: server.tokens.office, .object(body)).status == 201)

        let first = try await server.get("/v1/tasks?limit=2", token: server.tokens.office)
        #expect(first.json?["tasks"]?.arrayValue?.map { $0["taskId"]?.stringValue ?? "" } == ["T-1", "T-2"])
        let cursor = try #require(first.json?["nextCursor"]?.stringValue)
        let second = try await server.get("/v1/tasks?limit=2&cursor=\(cursor)", token: server.tokens.office)
        #expect(second.json?["tasks"]?.arrayValue?.map { $0["taskId"]?.stringValue ?? "" } == ["T-3", "T-9"])
        #expect(second.json?["nextCursor"]?.isNull == true)

        let sxd = try await server.get("/v1/tasks", token: server.tokens.unit)
        #expect(sxd.json?["tasks"]?.arrayValue?.count == 3)
        #expect(try await server.get("/v1/tasks/T-9", token: server.tokens.unit).status == 404)
        #expect(try await server.get("/v1/tasks/T-9/history", token: server.tokens.unit).status == 404)
        #expect(try await server.get("/v1/tasks/T-9", token: server.tokens.otherUnit).status == 200)

        let byUnit = try await server.get("/v1/tasks?unit=STC", token: server.tokens.interior)
        #expect(byUnit.json?["tasks"]?.arrayValue?.map { $0["taskId"]?.stringValue ?? "" } == ["T-9"])
        let byText = try await server.get(
            "/v1/tasks?q=QUY%20HO%E1%BA%A0CH&status=openOnTime&deadlineFrom=2025-06-30&deadlineTo=2025-06-30",
            token: server.tokens.auditor
        )
        #expect(byText.json?["tasks"]?.arrayValue?.count == 4)
        let asOfStart = try await server.get("/v1/tasks?asOf=8", token: server.tokens.auditor)
        #expect(asOfStart.json?["tasks"]?.arrayValue?.count == 0)
        #expect(asOfStart.json?["cutoff"]?["seq"]?.numberValue == 8)
    }
}
