import CanonicalJSON
import Domain
import EventLog
import Foundation
import Ledger
import ProvinceTime
import Testing

func lines(_ texts: [String]) -> [NDJSONLine] {
    texts.enumerated().map { NDJSONLine(number: $0.offset + 1, bytes: Array($0.element.utf8)) }
}

func exportLines(_ ledger: Ledger) throws -> [String] {
    try ledger.log.read { r in
        var out: [String] = []
        try r.forEachEvent {
            out.append(String(decoding: $0.exportLine, as: UTF8.self))
            return true
        }
        return out
    }
}

let bareHistory = [
    #"{"type":"UnitRegistered","recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"office"},"payload":{"unitId":"SXD","name":"Sở Xây dựng","kind":"department"}}"#,
    #"{"type":"PersonRegistered","recordedAt":"2025-03-01T08:05:00+07:00","actor":{"role":"office"},"payload":{"personId":"P1","name":"Trần Thị Bình","unitId":"SXD"},"commandId":"p1"}"#,
    #"{"type":"TaskAssigned","recordedAt":"2025-03-01T09:00:00+07:00","actor":{"role":"office"},"payload":{"taskId":"T-1","issuer":"committee","sourceDocument":{"number":"12/UBND-KT","date":"2025-03-01"},"title":"Rà soát hồ sơ","leadUnitId":"SXD","assigneePersonId":"P1","deadline":"2025-03-10"}}"#,
    #"{"type":"ReportDocumentSubmitted","recordedAt":"2025-03-05T10:00:00+07:00","actor":{"role":"unit","unitId":"SXD"},"payload":{"taskId":"T-1","unitId":"SXD","document":{"number":"45/BC-SXD","date":"2025-03-05"}}}"#,
    #"{"type":"ResultEntered","recordedAt":"2025-03-06T00:30:00+07:00","actor":{"role":"unit","unitId":"SXD"},"payload":{"taskId":"T-1","unitId":"SXD","result":"Đã rà soát 120 hồ sơ"}}"#,
]

@Suite struct ImportTests {
    @Test func bareImportThenExportReimportsByteForByte() throws {
        let clock = TestClock("2026-01-01T00:00:00Z")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try ledger.importLines(lines(bareHistory))
        #expect(summary.appended == 5)
        let task = try ledger.withState { $0.tasks["T-1"] }
        #expect(task?.completionDate?.description == "2025-03-06")
        let exported = try exportLines(ledger)

        let (copy, copyDir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: copyDir) }
        _ = try copy.importLines(lines(exported))
        #expect(try exportLines(copy) == exported)
        #expect(try copy.withState { $0 } == (try ledger.withState { $0 }))
    }

    @Test func aRepeatedCommandIdIsSkippedSilently() throws {
        let clock = TestClock("2026-01-01T00:00:00Z")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ledger.importLines(lines(Array(bareHistory.prefix(2))))
        let again = try ledger.importLines(lines([bareHistory[1].replacingOccurrences(of: "08:05", with: "08:06")]))
        #expect(again.appended == 0)
        #expect(again.repeated == 1)
    }

    /// All or nothing: one bad line near the end refuses the whole file, names the line and rule, stores nothing.
    @Test func oneBadLineRefusesTheWholeImport() throws {
        let clock = TestClock("2026-01-01T00:00:00Z")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ledger.importLines(lines([bareHistory[0]]))
        let before = try ledger.log.head()
        let stateBefore = try ledger.withState { $0 }
        var file = Array(bareHistory.dropFirst())
        file.append(
            #"{"type":"ResultEntered","recordedAt":"2025-03-07T00:30:00+07:00","actor":{"role":"unit","unitId":"SXD"},"payload":{"taskId":"T-1","unitId":"SXD","result":"lại"}}"#
        )
        #expect {
            _ = try ledger.importLines(lines(file))
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.line == 5 && failure.refusal.rule == .taskAlreadyComplete
                && failure.description.hasPrefix("line 5: taskAlreadyComplete (")
        }
        #expect(try ledger.log.head() == before)
        #expect(try ledger.withState { $0 } == stateBefore)
    }

    @Test(arguments: [
        ("{", RuleID.malformedJson, nil as String?),
        (#"{"type":"UnitRegistered","type":"UnitRegistered"}"#, .malformedJson, nil),
        ("[1]", .wrongType, nil),
        (
            #"{"type":"UnitRegistered","recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"office"},"payload":{},"extra":1}"#, .unknownField,
            "extra"
        ),
        (#"{"type":"UnitRegistered","recordedAt":"2025-03-01","actor":{"role":"office"},"payload":{}}"#, .invalidValue, "recordedAt"),
        (#"{"type":"UnitRegistered","recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"boss"},"payload":{}}"#, .invalidValue, "actor.role"),
        (
            #"{"type":"UnitRegistered","recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"office","x":1},"payload":{}}"#, .unknownField,
            "actor.x"
        ),
        (#"{"type":"UnitRegistered","recordedAt":"2025-03-01T08:00:00+07:00","payload":{}}"#, .missingField, "actor"),
        (#"{"type":5,"recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"office"},"payload":{}}"#, .wrongType, "type"),
        (#"{"type":"Nope","recordedAt":"2025-03-01T08:00:00+07:00","actor":{"role":"office"},"payload":{}}"#, .unknownEventType, "type"),
        (
            #"{"type":"UnitRenamed","recordedAt":"2024-01-01T08:00:00+07:00","actor":{"role":"office"},"payload":{"unitId":"SXD","name":"X"}}"#,
            .recordedAtOrder, "recordedAt"
        ),
        (
            #"{"type":"UnitRenamed","recordedAt":"2025-04-01T08:00:00+07:00","actor":{"role":"office"},"payload":{"unitId":"SXD","name":"X"},"commandId":"\u0001"}"#,
            .textControlCharacters, "commandId"
        ),
    ])
    func envelopeRefusals(line: String, rule: RuleID, field: String?) throws {
        let clock = TestClock("2026-01-01T00:00:00Z")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ledger.importLines(lines([bareHistory[0]]))
        let before = try ledger.log.head()
        #expect {
            _ = try ledger.importLines(lines([line]))
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.line == 1 && failure.refusal.rule == rule && (field == nil || failure.refusal.field == field)
        }
        #expect(try ledger.log.head() == before)
    }

    /// An export with one altered byte is refused at that line, and nothing is stored.
    @Test func anAlteredExportIsRefusedAtItsLine() throws {
        let clock = TestClock("2026-01-01T00:00:00Z")
        let (ledger, dir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ledger.importLines(lines(bareHistory))
        var exported = try exportLines(ledger)
        exported[3] = exported[3].replacingOccurrences(of: "45/BC-SXD", with: "46/BC-SXD")
        let (copy, copyDir) = try temporaryLedger(clock: clock)
        defer { try? FileManager.default.removeItem(atPath: copyDir) }
        #expect {
            _ = try copy.importLines(lines(exported))
        } throws: { error in
            (error as? ImportFailure)?.line == 4 && (error as? ImportFailure)?.refusal.field == "hash"
        }
        #expect(try copy.log.head().seq == 0)
    }
}
