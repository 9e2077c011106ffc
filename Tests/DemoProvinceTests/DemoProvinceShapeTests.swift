import CanonicalJSON
import DemoProvince
import Foundation
import ProvinceTime
import Testing

/// The demo's output as the bare-event import reads it: well-formed lines, in order, deterministic.
@Suite struct DemoProvinceShapeTests {
    static let catalogueWithoutTokens: Set<String> = [
        "UnitRegistered", "UnitRenamed", "UnitMerged", "PersonRegistered", "PersonTransferred", "HeadAppointed", "TaskAssigned",
        "TaskCorrected", "DeadlineExtended", "TaskReassigned", "TaskWithdrawn", "ProgressReported", "ReportDocumentSubmitted",
        "ResultEntered", "ResultReturned", "QualityEvaluated", "ScoringPolicyPublished",
    ]

    @Test func sameSeedGivesTheSameLines() {
        let first = Array(DemoProvince(seed: 7, scale: 0.2).lines())
        let second = Array(DemoProvince(seed: 7, scale: 0.2).lines())
        #expect(first.count > 1_000)
        #expect(first == second)
    }

    @Test func differentSeedsGiveDifferentProvinces() {
        let a = Array(DemoProvince(seed: 1, scale: 0.2).lines())
        let b = Array(DemoProvince(seed: 2, scale: 0.2).lines())
        #expect(a != b)
    }

    @Test func everyLineIsABareEventInOrder() throws {
        let first = Instant.startOfLocalDay(LocalDate(year: 2023, month: 11, day: 1)!)
        let last = Instant.endOfLocalDay(LocalDate(year: 2026, month: 11, day: 20)!)
        var previous = first
        var types: [String: Int] = [:]
        var commandIds: Set<String> = []
        for (index, line) in DemoProvince(seed: 1).lines().enumerated() {
            let lineNumber = index + 1
            #expect(!line.contains("\n"), "line \(lineNumber)")
            let event = try JSONParser.parse(line)
            #expect(event.canonicalString == line, "line \(lineNumber) is not canonical")
            let keys = Set(event.objectValue?.keys ?? [:].keys)
            #expect(keys.isSubset(of: ["type", "recordedAt", "actor", "payload", "commandId"]), "line \(lineNumber): \(keys)")
            #expect(event["payload"]?.objectValue != nil, "line \(lineNumber)")

            let type = try #require(event["type"]?.stringValue, "line \(lineNumber)")
            types[type, default: 0] += 1

            let stamp = try #require(event["recordedAt"]?.stringValue, "line \(lineNumber)")
            let at = try #require(Instant(parsingRFC3339: stamp), "line \(lineNumber): \(stamp)")
            #expect(at.description == stamp, "line \(lineNumber): recordedAt not in the stored UTC form")
            #expect(at >= previous, "line \(lineNumber): recordedAt goes backwards")
            #expect(at <= last, "line \(lineNumber): after the end of the history")
            let localMinutes = (at.millisecondsSinceEpoch / 60_000 + 7 * 60) % (24 * 60)
            #expect((7 * 60)...(18 * 60) ~= localMinutes, "line \(lineNumber): \(stamp) is outside office hours in UTC+7")
            previous = at

            let actor = try #require(event["actor"]?.objectValue, "line \(lineNumber)")
            switch actor["role"]?.stringValue {
            case "office": #expect(actor.count == 1, "line \(lineNumber)")
            case "unit":
                #expect(actor.count == 2, "line \(lineNumber)")
                #expect(actor["unitId"]?.stringValue == event["payload"]?["unitId"]?.stringValue, "line \(lineNumber)")
            default: Issue.record("line \(lineNumber): actor \(actor)")
            }
            if let commandId = event["commandId"] {
                let text = try #require(commandId.stringValue)
                #expect(commandIds.insert(text).inserted, "line \(lineNumber): commandId \(text) reused")
            }
        }
        #expect(Set(types.keys) == Self.catalogueWithoutTokens)
        #expect((20_000...45_000).contains(types.values.reduce(0, +)))
        #expect((3_000...8_000).contains(types["TaskAssigned"] ?? 0))
        #expect(!commandIds.isEmpty)
    }

    /// Text is stored NFC-normalised and without control characters: the demo writes it that way already, so
    /// an import stores exactly the bytes of the file.
    @Test func textIsNFCWithoutControlCharacters() {
        func check(_ value: JSONValue, _ line: Int) {
            switch value {
            case .string(let text):
                #expect(text == text.precomposedStringWithCanonicalMapping, "line \(line): \(text)")
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "line \(line)")
                #expect(text == text.trimmingCharacters(in: .whitespaces) && !text.isEmpty, "line \(line): \(text)")
            case .array(let items): for item in items { check(item, line) }
            case .object(let members): for member in members.values { check(member, line) }
            default: break
            }
        }
        for (index, event) in DemoProvince(seed: 3, scale: 0.3).events().enumerated() { check(event, index + 1) }
    }

    @Test func idsUseOnlyTheIdCharacters() {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".unicodeScalars)
        for event in DemoProvince(seed: 4, scale: 0.2).events() {
            guard let payload = event["payload"]?.objectValue else { continue }
            for key in ["unitId", "personId", "taskId", "leadUnitId", "intoUnitId", "parentUnitId", "assigneePersonId", "policyId"] {
                if let id = payload[key]?.stringValue {
                    #expect(id.unicodeScalars.allSatisfy(allowed.contains) && id.count <= 64, "\(key) \(id)")
                }
            }
        }
    }

    /// Scale 0 is the province without tasks: the structure alone.
    @Test func scaleZeroHasNoTasks() {
        let types = Set(DemoProvince(seed: 1, scale: 0).events().compactMap { $0["type"]?.stringValue })
        #expect(types.contains("UnitMerged"))
        #expect(!types.contains("TaskAssigned"))
    }

    /// At scale 5 the generator streams about 180,000 lines without keeping them.
    @Test func largeScaleStreams() {
        var count = 0
        var bytes = 0
        for line in DemoProvince(seed: 9, scale: 5).lines() {
            count += 1
            bytes += line.utf8.count
        }
        #expect(count > 150_000)
        #expect(bytes > count * 100)
    }
}
