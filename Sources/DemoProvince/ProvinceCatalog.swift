/// The units of the sample province (a Hà Tĩnh–like coastal province) before the 2025 reorganisation,
/// and the units the reorganisation creates.
///
/// Codes follow the habit of provincial software: ASCII initials of the Vietnamese name (`SGDDT` for
/// Sở Giáo dục và Đào tạo), and for local government `H-`, `X-`, `TT-` and the place name.
enum ProvinceCatalog {
    private static let departmentStaff = ["Phó Giám đốc", "Phó Giám đốc", "Chánh Văn phòng", "Trưởng phòng", "Trưởng phòng", "Chuyên viên"]
    private static let districtStaff = ["Phó Chủ tịch UBND huyện", "Chánh Văn phòng HĐND và UBND huyện", "Chuyên viên"]
    private static let communeStaff = ["Phó Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê"]
    private static let townStaff = ["Phó Chủ tịch UBND thị trấn", "Công chức Văn phòng - Thống kê"]

    private static func department(_ id: String, _ name: String, _ code: String, _ topic: Topic) -> UnitSpec {
        UnitSpec(
            id: id,
            name: name,
            kind: "department",
            parentUnitId: nil,
            documentCode: code,
            topic: topic,
            headTitle: "Giám đốc",
            staffTitles: departmentStaff
        )
    }

    private static func agency(_ id: String, _ name: String, _ code: String, _ topic: Topic, head: String, deputy: String) -> UnitSpec {
        UnitSpec(
            id: id,
            name: name,
            kind: "agency",
            parentUnitId: nil,
            documentCode: code,
            topic: topic,
            headTitle: head,
            staffTitles: [deputy, deputy, "Trưởng phòng", "Chuyên viên"]
        )
    }

    private static func district(_ id: String, _ name: String) -> UnitSpec {
        UnitSpec(
            id: id,
            name: name,
            kind: "district",
            parentUnitId: nil,
            documentCode: "UBND",
            topic: .local,
            headTitle: "Chủ tịch UBND huyện",
            staffTitles: districtStaff
        )
    }

    private static func commune(_ id: String, _ name: String, in district: String) -> UnitSpec {
        let isTown = name.hasPrefix("Thị trấn")
        return UnitSpec(
            id: id,
            name: name,
            kind: "commune",
            parentUnitId: district,
            documentCode: "UBND",
            topic: .local,
            headTitle: isTown ? "Chủ tịch UBND thị trấn" : "Chủ tịch UBND xã",
            staffTitles: isTown ? townStaff : communeStaff
        )
    }

    /// Registered on the first day of the history.
    static let initialUnits: [UnitSpec] = [
        department("SXD", "Sở Xây dựng", "SXD", .construction),
        department("STC", "Sở Tài chính", "STC", .finance),
        department("SKHDT", "Sở Kế hoạch và Đầu tư", "SKHĐT", .investment),
        department("SNV", "Sở Nội vụ", "SNV", .interior),
        department("STTTT", "Sở Thông tin và Truyền thông", "STTTT", .digital),
        department("SGTVT", "Sở Giao thông vận tải", "SGTVT", .transport),
        department("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", .agriculture),
        department("STNMT", "Sở Tài nguyên và Môi trường", "STNMT", .environment),
        department("SYT", "Sở Y tế", "SYT", .health),
        department("SGDDT", "Sở Giáo dục và Đào tạo", "SGDĐT", .education),
        department("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", .labour),
        department("SCT", "Sở Công Thương", "SCT", .industry),
        department("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", .culture),
        department("STP", "Sở Tư pháp", "STP", .justice),
        department("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN", .science),
        department("SNGV", "Sở Ngoại vụ", "SNgV", .foreign),
        agency("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", "KKT", .economicZone, head: "Trưởng ban", deputy: "Phó Trưởng ban"),
        agency("BDT", "Ban Dân tộc", "BDT", .ethnic, head: "Trưởng ban", deputy: "Phó Trưởng ban"),
        agency("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "VP", .office, head: "Chánh Văn phòng", deputy: "Phó Chánh Văn phòng"),
        agency("CAT", "Công an tỉnh", "CAT", .security, head: "Giám đốc Công an tỉnh", deputy: "Phó Giám đốc Công an tỉnh"),
        agency("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "BCH", .military, head: "Chỉ huy trưởng", deputy: "Phó Chỉ huy trưởng"),
        agency("TTRA", "Thanh tra tỉnh", "TTr", .inspection, head: "Chánh Thanh tra", deputy: "Phó Chánh Thanh tra"),
        agency("DPTTH", "Đài Phát thanh và Truyền hình tỉnh", "ĐPTTH", .culture, head: "Giám đốc", deputy: "Phó Giám đốc"),
        agency("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "TTPVHCC", .digital, head: "Giám đốc", deputy: "Phó Giám đốc"),
        district("H-CAMXUYEN", "UBND huyện Cẩm Xuyên"),
        commune("TT-CAMXUYEN", "Thị trấn Cẩm Xuyên", in: "H-CAMXUYEN"),
        commune("X-CAMBINH", "Xã Cẩm Bình", in: "H-CAMXUYEN"),
        commune("X-CAMVINH", "Xã Cẩm Vịnh", in: "H-CAMXUYEN"),
        commune("X-CAMTHANH", "Xã Cẩm Thành", in: "H-CAMXUYEN"),
        commune("X-CAMQUANG", "Xã Cẩm Quang", in: "H-CAMXUYEN"),
        district("H-THACHHA", "UBND huyện Thạch Hà"),
        commune("TT-THACHHA", "Thị trấn Thạch Hà", in: "H-THACHHA"),
        commune("X-THACHTRUNG", "Xã Thạch Trung", in: "H-THACHHA"),
        commune("X-THACHDAI", "Xã Thạch Đài", in: "H-THACHHA"),
        commune("X-THACHLAC", "Xã Thạch Lạc", in: "H-THACHHA"),
        commune("X-THACHKENH", "Xã Thạch Kênh", in: "H-THACHHA"),
        district("H-HUONGSON", "UBND huyện Hương Sơn"),
        commune("TT-PHOCHAU", "Thị trấn Phố Châu", in: "H-HUONGSON"),
        commune("X-SONTAY", "Xã Sơn Tây", in: "H-HUONGSON"),
        commune("X-SONKIM1", "Xã Sơn Kim 1", in: "H-HUONGSON"),
        commune("X-SONHAM", "Xã Sơn Hàm", in: "H-HUONGSON"),
        commune("X-SONGIANG", "Xã Sơn Giang", in: "H-HUONGSON"),
        district("H-NGHIXUAN", "UBND huyện Nghi Xuân"),
        commune("TT-XUANAN", "Thị trấn Xuân An", in: "H-NGHIXUAN"),
        commune("TT-TIENDIEN", "Thị trấn Tiên Điền", in: "H-NGHIXUAN"),
        commune("X-XUANTHANH", "Xã Xuân Thành", in: "H-NGHIXUAN"),
        commune("X-XUANHOI", "Xã Xuân Hội", in: "H-NGHIXUAN"),
        commune("X-XUANYEN", "Xã Xuân Yên", in: "H-NGHIXUAN"),
    ]

    /// The department that absorbs the agriculture and environment departments, registered ahead of the merge.
    static let agricultureAndEnvironment = UnitSpec(
        id: "SNNMT",
        name: "Sở Nông nghiệp và Môi trường",
        kind: "department",
        parentUnitId: nil,
        documentCode: "SNNMT",
        topic: .agriculture,
        headTitle: "Giám đốc",
        staffTitles: []
    )

    /// The communes the two-level local government creates (no district above them), registered ahead of 1 July 2025.
    static let newCommunes: [UnitSpec] = [
        ("X-CAMXUYEN", "Xã Cẩm Xuyên"), ("X-THACHHA", "Xã Thạch Hà"), ("X-HUONGSON", "Xã Hương Sơn"), ("X-NGHIXUAN", "Xã Nghi Xuân"),
    ].map { id, name in
        UnitSpec(
            id: id,
            name: name,
            kind: "commune",
            parentUnitId: nil,
            documentCode: "UBND",
            topic: .local,
            headTitle: "Chủ tịch UBND xã",
            staffTitles: []
        )
    }

    /// One `UnitMerged`; the staff of the merged units move to the successor, and when the successor gets a new
    /// head it is the former head of `newHeadFrom`.
    struct Merge: Sendable {
        var unitIds: [String]
        var intoUnitId: String
        var reason: String
        /// The merged unit whose head becomes head of the successor; `nil` when the successor keeps its head.
        var newHeadFrom: String?
    }

    /// 1 March 2025: the departments merged under the streamlining of the provincial apparatus.
    static let departmentMerges: [Merge] = [
        Merge(
            unitIds: ["SKHDT"],
            intoUnitId: "STC",
            reason: "Hợp nhất Sở Kế hoạch và Đầu tư vào Sở Tài chính theo Nghị quyết của HĐND tỉnh",
            newHeadFrom: "SKHDT"
        ),
        Merge(
            unitIds: ["STTTT"],
            intoUnitId: "SKHCN",
            reason: "Hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ",
            newHeadFrom: "STTTT"
        ),
        Merge(
            unitIds: ["STNMT", "SNNPTNT"],
            intoUnitId: "SNNMT",
            reason: "Hợp nhất Sở Tài nguyên và Môi trường và Sở Nông nghiệp và Phát triển nông thôn thành Sở Nông nghiệp và Môi trường",
            newHeadFrom: "STNMT"
        ),
        Merge(
            unitIds: ["SLDTBXH"],
            intoUnitId: "SNV",
            reason: "Hợp nhất Sở Lao động - Thương binh và Xã hội vào Sở Nội vụ",
            newHeadFrom: nil
        ),
        Merge(unitIds: ["SGTVT"], intoUnitId: "SXD", reason: "Hợp nhất Sở Giao thông vận tải vào Sở Xây dựng", newHeadFrom: nil),
        Merge(
            unitIds: ["SNGV"],
            intoUnitId: "VPUBND",
            reason: "Chuyển chức năng đối ngoại của Sở Ngoại vụ về Văn phòng UBND tỉnh",
            newHeadFrom: nil
        ),
    ]

    /// 1 July 2025: communes rearranged and the district level abolished (each district into its new central commune).
    static let localMerges: [Merge] = [
        Merge(
            unitIds: ["TT-CAMXUYEN", "X-CAMTHANH", "X-CAMQUANG"],
            intoUnitId: "X-CAMXUYEN",
            reason: "Sắp xếp đơn vị hành chính cấp xã",
            newHeadFrom: nil
        ),
        Merge(unitIds: ["X-CAMVINH"], intoUnitId: "X-CAMBINH", reason: "Sắp xếp đơn vị hành chính cấp xã", newHeadFrom: nil),
        Merge(unitIds: ["H-CAMXUYEN"], intoUnitId: "X-CAMXUYEN", reason: "Không tổ chức cấp huyện", newHeadFrom: "H-CAMXUYEN"),
        Merge(
            unitIds: ["TT-THACHHA", "X-THACHDAI", "X-THACHKENH"],
            intoUnitId: "X-THACHHA",
            reason: "Sắp xếp đơn vị hành chính cấp xã",
            newHeadFrom: nil
        ),
        Merge(unitIds: ["X-THACHTRUNG"], intoUnitId: "X-THACHLAC", reason: "Sắp xếp đơn vị hành chính cấp xã", newHeadFrom: nil),
        Merge(unitIds: ["H-THACHHA"], intoUnitId: "X-THACHHA", reason: "Không tổ chức cấp huyện", newHeadFrom: "H-THACHHA"),
        Merge(
            unitIds: ["TT-PHOCHAU", "X-SONGIANG", "X-SONHAM"],
            intoUnitId: "X-HUONGSON",
            reason: "Sắp xếp đơn vị hành chính cấp xã",
            newHeadFrom: nil
        ),
        Merge(unitIds: ["X-SONTAY"], intoUnitId: "X-SONKIM1", reason: "Sắp xếp đơn vị hành chính cấp xã", newHeadFrom: nil),
        Merge(unitIds: ["H-HUONGSON"], intoUnitId: "X-HUONGSON", reason: "Không tổ chức cấp huyện", newHeadFrom: "H-HUONGSON"),
        Merge(
            unitIds: ["TT-XUANAN", "X-XUANYEN"],
            intoUnitId: "X-NGHIXUAN",
            reason: "Sắp xếp đơn vị hành chính cấp xã",
            newHeadFrom: nil
        ),
        Merge(unitIds: ["X-XUANTHANH", "X-XUANHOI"], intoUnitId: "TT-TIENDIEN", reason: "Sắp xếp đơn vị hành chính cấp xã", newHeadFrom: nil),
        Merge(unitIds: ["H-NGHIXUAN"], intoUnitId: "X-NGHIXUAN", reason: "Không tổ chức cấp huyện", newHeadFrom: "H-NGHIXUAN"),
    ]

    /// `UnitRenamed` on 6 May 2024, at the department merge and at the local merge (unit and new name).
    static let renames2024: [(unitId: String, name: String)] = [
        ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh Hà Tĩnh")
    ]
    static let renamesAtDepartmentMerge: [(unitId: String, name: String)] = [
        ("BDT", "Sở Dân tộc và Tôn giáo")
    ]
    static let renamesAtLocalMerge: [(unitId: String, name: String)] = [
        ("X-SONKIM1", "Xã Sơn Kim"), ("TT-TIENDIEN", "Xã Tiên Điền"),
    ]

    /// Units whose head changes during the history outside the reorganisation (retirement, rotation).
    static let headChanges: [String] = ["SYT", "SGDDT", "SCT", "STP", "CAT", "SVHTTDL", "X-CAMBINH"]
}
