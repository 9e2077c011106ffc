import CanonicalJSON

extension DomainEvent {
    /// Rebuilds the typed event from a stored payload, parsed as a tree (the reference the tape decoder below
    /// is tested against).
    ///
    /// Stored payloads were validated when appended, so the text rules and the id format are skipped (the
    /// stored text is already normalised); types, enums, dates and cross-field rules are still checked, so a
    /// damaged payload becomes a `Refusal`, never a crash. Schema 1 is the only version so far: an upcaster
    /// for an older version goes here, turning its payload into the current shape before it is read.
    public static func decode(type: String, schema: Int, payload: JSONValue) throws(Refusal) -> DomainEvent {
        guard let eventType = EventType(rawValue: type) else { throw Refusal.unknownEventType(type) }
        try checkSchema(schema, of: eventType)
        var reader = try JSONPayloadReader(payload, at: PayloadPath("payload"), checksText: false)
        return try read(eventType, from: &reader)
    }

    /// Replay: the same decoding, read straight from the stored event's `JSONTape` (`type` a string node,
    /// `payload` the payload's node), so no `JSONValue` tree is built. Refuses exactly what the tree decoder
    /// refuses, with the same refusal.
    public static func decode(type: JSONTapeNode, schema: Int, payload: JSONTapeNode) throws(Refusal) -> DomainEvent {
        guard let position = EventType.names.index(of: type) else {
            throw Refusal.unknownEventType(type.stringValue ?? type.typeName)
        }
        let eventType = EventType.allCases[position]
        try checkSchema(schema, of: eventType)
        var reader = try TapePayloadReader(payload, at: PayloadPath("payload"))
        return try read(eventType, from: &reader)
    }

    /// A schema the decoder does not know is refused, never guessed at (`events.md`, section 5).
    private static func checkSchema(_ schema: Int, of type: EventType) throws(Refusal) {
        guard schema == type.currentSchema else {
            throw Refusal(
                .invalidValue,
                field: "schema",
                "Phiên bản lược đồ \(schema) của sự kiện \(type.rawValue) không được hỗ trợ (hiện có: \(type.currentSchema))."
            )
        }
    }

    /// Reads the payload of `type` in the field order documented in `events.md (section 8)`.
    static func read(_ type: EventType, from r: inout some PayloadReader) throws(Refusal) -> DomainEvent {
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

extension EventType {
    /// The raw values in `allCases` order, for finding a stored type by its bytes.
    static let names = JSONStringSet(allCases.map(\.rawValue))
}
