/// The free text of the sample events: what an office clerk or a unit's staff would actually type.
enum Wording {
    static let leadProgress = [
        "Đã xây dựng dự thảo, đang lấy ý kiến các sở, ngành liên quan",
        "Đang tổng hợp số liệu từ các địa phương",
        "Đã tổ chức họp thống nhất phương án với các đơn vị phối hợp",
        "Đang hoàn thiện hồ sơ trình UBND tỉnh",
        "Đã thành lập tổ công tác, đang kiểm tra thực địa",
        "Đã ban hành văn bản hướng dẫn các địa phương triển khai",
        "Đang chờ ý kiến thẩm định của Sở Tư pháp",
    ]
    static let coordinatorProgress = [
        "Đã gửi ý kiến tham gia bằng văn bản cho đơn vị chủ trì",
        "Đã cung cấp số liệu thuộc lĩnh vực phụ trách",
        "Đã cử cán bộ tham gia tổ công tác liên ngành",
        "Đang rà soát nội dung liên quan theo đề nghị của đơn vị chủ trì",
    ]
    static let results = [
        "Đã hoàn thành nhiệm vụ, báo cáo UBND tỉnh",
        "Đã tham mưu UBND tỉnh ban hành văn bản chỉ đạo",
        "Đã tổ chức triển khai thực hiện, kết quả đạt yêu cầu",
        "Đã giải quyết dứt điểm, thông báo kết quả cho công dân",
        "Đã trình UBND tỉnh phê duyệt",
    ]
    static let summaries = [
        "Báo cáo kết quả thực hiện nhiệm vụ UBND tỉnh giao",
        "Tờ trình kèm dự thảo văn bản",
        "Báo cáo tổng hợp ý kiến các sở, ngành và địa phương",
    ]
    static let returnReasons = [
        "Báo cáo chưa đầy đủ số liệu theo yêu cầu, đề nghị bổ sung",
        "Kết quả chưa đáp ứng yêu cầu chỉ đạo của Chủ tịch UBND tỉnh, đề nghị hoàn thiện",
        "Chưa có ý kiến của các đơn vị phối hợp, đề nghị lấy ý kiến và báo cáo lại",
    ]
    static let withdrawReasons = [
        "Nội dung đã được giải quyết tại văn bản khác của UBND tỉnh",
        "Nhiệm vụ không còn phù hợp do thay đổi chủ trương",
        "Giao trùng nhiệm vụ, thu hồi để thống nhất đầu mối theo dõi",
    ]
    static let extensionReasons = [
        "Đơn vị chủ trì đề nghị gia hạn do cần thêm thời gian lấy ý kiến các cơ quan liên quan",
        "Gia hạn theo đề nghị của đơn vị chủ trì do vướng mắc về hồ sơ, thủ tục",
        "Chờ hướng dẫn của bộ, ngành Trung ương",
    ]
    static let reassignReasons = [
        "Điều chỉnh đơn vị chủ trì cho phù hợp chức năng, nhiệm vụ",
        "Theo ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại cuộc họp giao ban",
    ]
    static let qualityNotes = [
        "Kết quả đạt chất lượng, đúng yêu cầu",
        "Nội dung tham mưu còn chung chung, cần cụ thể hơn",
        "Tham mưu kịp thời, đề xuất giải pháp khả thi",
    ]
}
