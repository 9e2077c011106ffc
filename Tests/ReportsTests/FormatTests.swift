import CanonicalJSON
import Domain
import ProvinceTime
import Reports
import Testing

/// JSON, CSV and HTML checked against SPEC §5 field by field and type by type.
@Suite struct FormatTests {
    static let hash = String(repeating: "0f", count: 32)
    static let root = String(repeating: "9c", count: 32)
    static let cut = Cutoff(seq: 1234, hash: hash, at: instant("2026-03-10T16:59:59.999Z"), treeSize: 1234, treeRoot: root)

    /// Two units, one task of each status, an overdue old task, a due-soon task; names that need escaping.
    static func builder(reversed: Bool = false) -> StateBuilder {
        var b = StateBuilder()
        var units = [("SXD", "Sở Xây dựng"), ("SYT", "Sở Y tế, \"Bệnh viện\" <b>")]
        if reversed { units.reverse() }
        for (id, name) in units { b.unit(id, name) }
        b.person("P1", "Nguyễn Văn An", unit: "SXD")
        b.head("SXD", "P1", from: "2025-06-01")
        b.publish("p85", fromYear: 2026, onTime: 10_000, late: 8_500, overdue: 0, bands: [(90, "Xuất sắc"), (50, "Đạt"), (0, "Không đạt")])
        var tasks: [(String, String, String, String)] = [
            ("T1", "SXD", "2026-01-05", "2026-02-01"),
            ("T2", "SXD", "2026-01-06", "2026-02-01"),
            ("T3", "SYT", "2026-01-07", "2026-02-01"),
            ("T4", "SYT", "2026-02-08", "2026-03-12"),
            ("T5", "SYT", "2024-02-08", "2024-03-12"),
        ]
        if reversed { tasks.reverse() }
        for (id, unit, assigned, deadline) in tasks {
            b.task(id, unit: unit, assigned: assigned, source: day(assigned).adding(days: -2).description, deadline: deadline, assignee: "P1")
        }
        b.complete("T1", document: "2026-01-20", entered: "2026-01-20", grade: .excellent)
        b.complete("T2", document: "2026-02-03", entered: "2026-02-03")
        return b
    }

    /// The monthly report's fast canonical writer gives exactly the RFC 8785 bytes of its `json()`: titles and names
    /// that need escaping, a lead unit with no name, empty lists, both rollups.
    @Test(arguments: [Rollup.none, .successor])
    func monthlyCanonicalBytesAreThoseOfItsJSON(rollup: Rollup) throws {
        var b = Self.builder()
        b.task("T6", unit: "GONE", assigned: "2026-01-09", deadline: "2026-03-11")
        b.task("T7", unit: "SXD", assigned: "2026-01-09", deadline: "2026-01-11")
        let titles = ["T3": "Tiêu đề \"trích dẫn\" \\ và\ttab\nxuống dòng \u{1} <b>&", "T6": "", "T7": "😀 Hạn"]
        let state = b.state
        for cutoff in [Self.cut, cutoff("2023-01-01")] {
            let report = try Reports.monthly(state, cutoff: cutoff, MonthlyParameters(rollup: rollup)) { titles[$0.id] ?? "Nhiệm vụ \($0.id)" }
            #expect(report.canonicalJSON() == report.json().canonicalBytes, "cutoff \(cutoff.at)")
        }
        let listed = try Reports.monthly(state, cutoff: Self.cut, MonthlyParameters(rollup: rollup)) { titles[$0.id] ?? "x" }
        #expect(listed.dueSoon.contains { $0.unitName == nil } && listed.overdue.count > 1, "the fixture lists what it means to")
    }

    @Test func monthlyJSONHasTheSpecShapeAndTypes() throws {
        let json = try Reports.monthly(Self.builder().state, cutoff: Self.cut, MonthlyParameters()).json()
        #expect(json["kind"] == .string("monthly"))
        #expect(json["from"] == .string("2026-01-01"))
        #expect(json["to"] == .string("2026-03-10"))
        #expect(json["cutoff"] == .object(["seq": .number(1234), "hash": .string(Self.hash), "at": .string("2026-03-10T16:59:59.999Z")]))
        #expect(json["merkle"] == .object(["treeSize": .number(1234), "rootHash": .string(Self.root)]))
        let units = try #require(json["units"]?.arrayValue)
        #expect(units.count == 2)
        let sxd = units[0]
        #expect(sxd["unitId"] == .string("SXD"))
        #expect(sxd["name"] == .string("Sở Xây dựng"))
        #expect(sxd["assigned"] == .number(2))
        #expect(sxd["completedOnTime"] == .number(1))
        #expect(sxd["completedLate"] == .number(1))
        #expect(sxd["openOnTime"] == .number(0))
        #expect(sxd["openOverdue"] == .number(0))
        #expect(sxd["onTimeRate"] == .number(50))
        #expect(units[1]["onTimeRate"] == .number(0))
        let totals = try #require(json["totals"])
        #expect(totals["assigned"] == .number(4))
        #expect(totals["completedOnTime"] == .number(1))
        #expect(totals["openOnTime"] == .number(1))
        #expect(totals["openOverdue"] == .number(1))
        #expect(totals["onTimeRate"] == .number(25))
        let overdue = try #require(json["overdue"]?.arrayValue)
        #expect(overdue.map { $0["taskId"] } == [.string("T3"), .string("T5")])
        #expect(overdue[0]["unitId"] == .string("SYT"))
        #expect(overdue[0]["deadline"] == .string("2026-02-01"))
        #expect(overdue[0]["daysOverdue"] == .number(37))
        #expect(json["overdueBuckets"] == .object(["1-30": .number(0), "31-90": .number(1), "over90": .number(1)]))
        let dueSoon = try #require(json["dueSoon"]?.arrayValue)
        #expect(dueSoon.count == 1)
        #expect(dueSoon[0]["taskId"] == .string("T4"))
        #expect(dueSoon[0]["unitId"] == .string("SYT"))
        #expect(dueSoon[0]["deadline"] == .string("2026-03-12"))
        let lag = try #require(json["entryLag"])
        #expect(lag["median"] == .number(2))
        #expect(lag["max"] == .number(2))
        #expect(lag["over1Day"] == .number(4))
    }

    @Test func nullsWhereNothingIsDefined() throws {
        var b = StateBuilder()
        b.unit("U")
        let cutoff = Cutoff(seq: 0, hash: String(repeating: "0", count: 64), at: instant("2026-03-10T09:00:00+07:00"))
        let monthly = try Reports.monthly(b.state, cutoff: cutoff, MonthlyParameters()).json()
        #expect(monthly["units"]?.arrayValue?.first?["onTimeRate"] == .null)
        #expect(monthly["totals"]?["onTimeRate"] == .null)
        #expect(monthly["entryLag"]?["median"] == .null)
        #expect(monthly["entryLag"]?["max"] == .null)
        #expect(monthly["entryLag"]?["over1Day"] == .number(0))
        #expect(monthly["merkle"] == .null)
        let annual = try Reports.annual(b.state, cutoff: cutoff, AnnualParameters()).json()
        #expect(annual["units"]?.arrayValue?.first?["score"] == .null)
        #expect(annual["units"]?.arrayValue?.first?["band"] == .null)
    }

    @Test func annualJSONHasTheSpecShapeAndTypes() throws {
        let json = try Reports.annual(Self.builder().state, cutoff: Self.cut, AnnualParameters()).json()
        #expect(json["kind"] == .string("annual"))
        #expect(json["year"] == .number(2026))
        #expect(json["cutoff"]?["seq"] == .number(1234))
        let policy = try #require(json["policy"])
        #expect(policy["policyId"] == .string("p85"))
        #expect(policy["weights"] == .object(["onTime": .number(1), "late": .number(0.85), "overdue": .number(0)]))
        #expect(
            policy["bands"]
                == .array([
                    .object(["min": .number(90), "label": .string("Xuất sắc")]),
                    .object(["min": .number(50), "label": .string("Đạt")]),
                    .object(["min": .number(0), "label": .string("Không đạt")]),
                ])
        )
        let units = try #require(json["units"]?.arrayValue)
        let sxd = units[0]
        #expect(sxd["unitId"] == .string("SXD"))
        #expect(sxd["name"] == .string("Sở Xây dựng"))
        #expect(sxd["due"] == .number(2))
        #expect(sxd["completedOnTime"] == .number(1))
        #expect(sxd["completedLate"] == .number(1))
        #expect(sxd["openOverdue"] == .number(0))
        #expect(sxd["score"] == .number(92.5))
        #expect(sxd["band"] == .string("Xuất sắc"))
        #expect(
            sxd["quality"]
                == .object([
                    "evaluated": .number(1), "excellent": .number(1), "good": .number(0), "satisfactory": .number(0), "unsatisfactory": .number(0),
                ])
        )
        #expect(units[1]["due"] == .number(1))
        #expect(units[1]["score"] == .number(0))
        let heads = try #require(json["heads"]?.arrayValue)
        #expect(heads.count == 1)
        #expect(heads[0]["unitId"] == .string("SXD"))
        #expect(heads[0]["personId"] == .string("P1"))
        #expect(heads[0]["from"] == .string("2025-06-01"))
        #expect(heads[0]["to"] == .null)
        #expect(heads[0]["due"] == .number(2))
        #expect(heads[0]["score"] == .number(92.5))
        let people = try #require(json["people"]?.arrayValue)
        #expect(people.count == 1)
        #expect(people[0]["personId"] == .string("P1"))
        #expect(people[0]["unitId"] == .string("SXD"))
        #expect(people[0]["due"] == .number(3))
        // (1 + 0.85) / 3 = 61.666… → 61.67
        #expect(people[0]["score"] == .number(61.67))
        #expect(people[0]["quality"]?["evaluated"] == .number(1))
    }

    /// The same state, built in another order, gives byte-identical canonical JSON, CSV and HTML.
    @Test func outputIsDeterministic() throws {
        let a = Self.builder().state
        let b = Self.builder(reversed: true).state
        let monthlyA = try Reports.monthly(a, cutoff: Self.cut, MonthlyParameters())
        let monthlyB = try Reports.monthly(b, cutoff: Self.cut, MonthlyParameters())
        #expect(monthlyA.json().canonicalString == monthlyB.json().canonicalString)
        #expect(monthlyA.html() == monthlyB.html())
        for table in MonthlyReport.tables { #expect(try monthlyA.csv(table: table) == monthlyB.csv(table: table)) }
        let annualA = try Reports.annual(a, cutoff: Self.cut, AnnualParameters(rollup: .successor))
        let annualB = try Reports.annual(b, cutoff: Self.cut, AnnualParameters(rollup: .successor))
        #expect(annualA.json().canonicalString == annualB.json().canonicalString)
        #expect(annualA.html() == annualB.html())
        for table in AnnualReport.tables { #expect(try annualA.csv(table: table) == annualB.csv(table: table)) }
        #expect(monthlyA.json().canonicalString.contains("\"onTimeRate\":25"))
    }

    @Test func csvHasBOMCRLFVietnameseHeadersAndQuoting() throws {
        let report = try Reports.monthly(Self.builder().state, cutoff: Self.cut, MonthlyParameters())
        let csv = try report.csv(table: .units)
        #expect(csv.unicodeScalars.first == "\u{FEFF}")
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        #expect(
            lines.first == "Mã đơn vị,Tên đơn vị,Sáp nhập vào,Các đơn vị đã sáp nhập,Số nhiệm vụ được giao,Hoàn thành đúng hạn,"
                + "Hoàn thành quá hạn,Đang thực hiện trong hạn,Quá hạn chưa hoàn thành,Tỷ lệ hoàn thành đúng hạn (%)"
        )
        #expect(lines[1] == "SXD,Sở Xây dựng,,,2,1,1,0,0,50")
        #expect(lines[2] == "SYT,\"Sở Y tế, \"\"Bệnh viện\"\" <b>\",,,2,0,0,1,1,0")
        #expect(lines[3] == "Tổng cộng,,,,4,1,1,1,1,25")
        #expect(lines.last == "")  // every line, the last too, ends with CRLF
        #expect(!csv.utf8.contains(10) || csv.utf8.split(separator: 10).dropLast().allSatisfy { $0.last == 13 })

        let overdue = try report.csv(table: .overdue)
        #expect(overdue.dropFirst().hasPrefix("Mã nhiệm vụ,Mã đơn vị chủ trì,"))
        #expect(overdue.contains("\r\nT3,SYT,"))
        #expect(try report.csv(table: .dueSoon).contains(",2026-03-12,2\r\n"))
    }

    @Test func csvOfATableTheReportDoesNotHaveIsRefused() throws {
        let monthly = try Reports.monthly(Self.builder().state, cutoff: Self.cut, MonthlyParameters())
        #expect(throws: ReportError.self) { try monthly.csv(table: .heads) }
        #expect(throws: ReportError.self) { try monthly.csv(table: .people) }
        let annual = try Reports.annual(Self.builder().state, cutoff: Self.cut, AnnualParameters())
        #expect(throws: ReportError.self) { try annual.csv(table: .overdue) }
        do {
            _ = try annual.csv(table: .dueSoon)
        } catch {
            #expect(error.parameter == "table")
            #expect(error.message.contains("units, heads, people"))
        }
        let heads = try annual.csv(table: .heads)
        #expect(heads.contains("\r\nSXD,Sở Xây dựng,P1,Nguyễn Văn An,2025-06-01,,2,1,1,0,92.5,Xuất sắc,1,1,0,0,0\r\n"))
        let people = try annual.csv(table: .people)
        #expect(people.contains("\r\nP1,Nguyễn Văn An,SXD,Sở Xây dựng,3,1,1,1,61.67,Đạt,1,1,0,0,0\r\n"))
    }

    @Test(arguments: [false, true])
    func htmlIsOneSelfContainedPrintablePage(annual: Bool) throws {
        let state = Self.builder().state
        let html =
            annual
            ? try Reports.annual(state, cutoff: Self.cut, AnnualParameters()).html()
            : try Reports.monthly(state, cutoff: Self.cut, MonthlyParameters()).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("<svg"))
        #expect(!html.lowercased().contains("http"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("url("))
        // User text is escaped: the unit name's "<b>" never becomes markup.
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;b&gt;"))
        let footer = try #require(html.range(of: "<footer>")).upperBound
        let tail = html[footer...]
        #expect(tail.contains(Self.hash))
        #expect(tail.contains("1234"))
        #expect(tail.contains("2026-03-10T16:59:59.999Z"))
        #expect(tail.contains(Self.root))
        if annual {
            #expect(html.contains("Điểm"))
            #expect(html.contains("Xếp loại"))
            #expect(tail.contains("p85"))
        } else {
            #expect(html.contains("Báo cáo thống kê kết quả thực hiện nhiệm vụ"))
            #expect(html.contains("Hoàn thành đúng hạn"))
            #expect(html.contains("Quá hạn chưa hoàn thành"))
        }
    }
}
