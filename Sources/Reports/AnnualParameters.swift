/// What an annual scoring report covers (SPEC §5); a `nil` year is the year of the cutoff date.
public struct AnnualParameters: Hashable, Sendable {
    public var year: Int?
    public var rollup: Rollup

    public init(year: Int? = nil, rollup: Rollup = .none) {
        self.year = year
        self.rollup = rollup
    }
}
