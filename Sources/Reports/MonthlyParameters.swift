import ProvinceTime

/// What a monthly statistics report covers (SPEC §5); `nil` dates take SPEC's defaults.
public struct MonthlyParameters: Hashable, Sendable {
    /// First assignment date counted; default 1 January of the cutoff date's year.
    public var from: LocalDate?
    /// Last assignment date counted; default the cutoff date.
    public var to: LocalDate?
    public var rollup: Rollup

    public init(from: LocalDate? = nil, to: LocalDate? = nil, rollup: Rollup = .none) {
        self.from = from
        self.to = to
        self.rollup = rollup
    }
}
