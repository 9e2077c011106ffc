/// How merged units appear in a report (SPEC §5 "Common to both").
///
/// Since the 2025 reorganisation many units were merged away; `successor` folds their figures into the
/// active unit at the end of their merge chain, so a report reads against today's organisation.
public enum Rollup: String, CaseIterable, Hashable, Sendable {
    /// Every registered unit has its own row; merged units carry `mergedInto`.
    case none
    /// Merged units have no row; their counts are added into the end of their merge chain.
    case successor
}
