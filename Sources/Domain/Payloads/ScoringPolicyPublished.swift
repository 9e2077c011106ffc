import CanonicalJSON

/// `ScoringPolicyPublished`: the weights and bands of the annual score from `appliesFromYear` on.
public struct ScoringPolicyPublished: Hashable, Sendable {
    public var policyId: String
    public var appliesFromYear: Int
    public var onTime: Decimal4
    public var late: Decimal4
    public var overdue: Decimal4
    /// As published; at least one, no two with the same `min`.
    public var bands: [ScoreBand]

    public init(policyId: String, appliesFromYear: Int, onTime: Decimal4, late: Decimal4, overdue: Decimal4, bands: [ScoreBand]) {
        self.policyId = policyId
        self.appliesFromYear = appliesFromYear
        self.onTime = onTime
        self.late = late
        self.overdue = overdue
        self.bands = bands
    }

    /// Weights are numbers in 0…1 with at most four decimals; band minimums are scores (0…100, at most four
    /// decimals). A number of the wrong JSON type is `wrongType`; a number outside those limits is `invalidPolicy`.
    init<Reader: PayloadReader>(reading r: inout Reader) throws(Refusal) {
        policyId = try r.text("policyId", .id)
        appliesFromYear = try r.integer(try r.required("appliesFromYear"), field: r.fieldPath("appliesFromYear"), in: 1...9999)
        let weights = try r.nested("weights")
        onTime = try Self.weight("onTime", of: weights)
        late = try Self.weight("late", of: weights)
        overdue = try Self.weight("overdue", of: weights)
        r.store(weights, as: "weights")
        let bandsField = r.fieldPath("bands")
        let bandsValue = try r.required("bands")
        guard let items = bandsValue.elements else { throw Refusal.wrongType(bandsField, expected: "mảng", got: bandsValue) }
        guard !items.isEmpty else {
            throw Refusal(.invalidPolicy, field: bandsField, "Chính sách chấm điểm phải có ít nhất một mức xếp loại (payload.bands).")
        }
        var bands: [ScoreBand] = []
        var bandReaders: [Reader] = []
        var seenMins = Set<Decimal4>()
        for (index, item) in items.enumerated() {
            var band = try r.child(item, at: PayloadPath("\(bandsField)[\(index)]"))
            let min = try Self.decimal("min", of: band, in: 0...100, what: "Điểm tối thiểu của mức xếp loại")
            let label = try band.text("label", .name)
            if !seenMins.insert(min).inserted {
                throw Refusal(
                    .invalidPolicy,
                    field: band.fieldPath("min"),
                    "Hai mức xếp loại có cùng điểm tối thiểu \(min); mỗi mức phải có điểm tối thiểu khác nhau."
                )
            }
            bands.append(ScoreBand(min: min, label: label))
            if r.checksText { bandReaders.append(band) }
        }
        self.bands = bands
        r.storeList(bandReaders, as: "bands")
    }

    private static func weight(_ key: JSONName, of reader: some PayloadReader) throws(Refusal) -> Decimal4 {
        try decimal(key, of: reader, in: 0...1, what: "Trọng số")
    }

    private static func decimal(
        _ key: JSONName,
        of reader: some PayloadReader,
        in range: ClosedRange<Int64>,
        what: String
    ) throws(Refusal) -> Decimal4 {
        let field = reader.fieldPath(key)
        let value = try reader.required(key)
        guard let number = value.numberValue else { throw Refusal.wrongType(field, expected: "số", got: value) }
        guard let decimal = Decimal4(exactly: number), decimal.tenThousandths >= range.lowerBound * 10_000,
            decimal.tenThousandths <= range.upperBound * 10_000
        else {
            throw Refusal(
                .invalidPolicy,
                field: field,
                "\(what) \(field) phải từ \(range.lowerBound) đến \(range.upperBound), tối đa 4 chữ số thập phân; giá trị \(number) không hợp lệ."
            )
        }
        return decimal
    }
}
