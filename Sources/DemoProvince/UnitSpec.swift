/// One unit of the sample province as it is first registered, with what the generator needs to make it
/// look real: the code on its documents, the work it is given, and the titles of its staff.
struct UnitSpec: Sendable {
    var id: String
    var name: String
    /// The wire value of `UnitRegistered.kind`.
    var kind: String
    var parentUnitId: String?
    /// The code after the document type on its reports (`45/BC-SGDĐT`); communes and districts sign as `UBND`.
    var documentCode: String
    /// What tasks it leads.
    var topic: Topic
    /// The head's title (`Giám đốc`, `Chủ tịch UBND xã`); the head is the first person registered.
    var headTitle: String
    /// The other staff registered with the unit, deputy first.
    var staffTitles: [String]
}
