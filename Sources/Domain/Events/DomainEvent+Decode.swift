import CanonicalJSON

extension DomainEvent {
    /// Replay: rebuilds the typed event from a stored payload.
    ///
    /// Stored payloads were validated when appended, so the text rules and the id format are skipped (the
    /// stored text is already normalised); types, enums, dates and cross-field rules are still checked, so a
    /// damaged payload becomes a `Refusal`, never a crash. Schema 1 is the only version so far: an upcaster
    /// for an older version goes here, turning its payload into the current shape before it is read.
    public static func decode(type: String, schema: Int, payload: JSONValue) throws(Refusal) -> DomainEvent {
        guard let eventType = EventType(rawValue: type) else { throw Refusal.unknownEventType(type) }
        guard schema == eventType.currentSchema else {
            throw Refusal(
                .invalidValue,
                field: "schema",
                "Phiên bản lược đồ \(schema) của sự kiện \(type) không được hỗ trợ (hiện có: \(eventType.currentSchema))."
            )
        }
        var reader = try PayloadReader(payload, path: "payload", checksText: false)
        return try read(eventType, from: &reader)
    }

    /// Reads the payload of `type` in the field order documented in `events.md (section 8)`.
    static func read(_ type: EventType, from r: inout PayloadReader) throws(Refusal) -> DomainEvent {
        switch type {
        case .unitRegistered: .unitRegistered(try UnitRegistered(reading: &r))
        case .unitRenamed: .unitRenamed(try UnitRenamed(reading: &r))
        case .unitMerged: .unitMerged(try UnitMerged(reading: &r))
        case .personRegistered: .personRegistered(try PersonRegistered(reading: &r))
        case .personTransferred: .personTransferred(try PersonTransferred(reading: &r))
        case .headAppointed: .headAppointed(try HeadAppointed(reading: &r))
        case .taskAssigned: .taskAssigned(try TaskAssigned(reading: &r))
        case .taskCorrected: .taskCorrected(try TaskCorrected(reading: &r))
        case .deadlineExtended: .deadlineExtended(try DeadlineExtended(reading: &r))
        case .taskReassigned: .taskReassigned(try TaskReassigned(reading: &r))
        case .taskWithdrawn: .taskWithdrawn(try TaskWithdrawn(reading: &r))
        case .progressReported: .progressReported(try ProgressReported(reading: &r))
        case .reportDocumentSubmitted: .reportDocumentSubmitted(try ReportDocumentSubmitted(reading: &r))
        case .resultEntered: .resultEntered(try ResultEntered(reading: &r))
        case .resultReturned: .resultReturned(try ResultReturned(reading: &r))
        case .qualityEvaluated: .qualityEvaluated(try QualityEvaluated(reading: &r))
        case .scoringPolicyPublished: .scoringPolicyPublished(try ScoringPolicyPublished(reading: &r))
        case .tokenIssued: .tokenIssued(try TokenIssued(reading: &r))
        case .tokenRevoked: .tokenRevoked(try TokenRevoked(reading: &r))
        }
    }
}

extension Refusal {
    static func unknownEventType(_ type: String) -> Refusal {
        Refusal(
            .unknownEventType,
            field: "type",
            "Loại sự kiện \"\(type.prefix(100))\" không có trong danh mục; hãy dùng một trong: "
                + EventType.allCases.map(\.rawValue).joined(separator: ", ") + "."
        )
    }
}
