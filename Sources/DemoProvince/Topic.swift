/// A line of work of the province, with the `field` (lĩnh vực) written on its tasks, the suffix of the
/// Committee's official letters about it (`UBND-KT` for the economy), and the titles its tasks take.
enum Topic: Sendable, CaseIterable {
    case construction, finance, investment, interior, digital, transport, agriculture, environment, health, education, labour, industry,
        culture, justice, science, foreign, economicZone, ethnic, office, security, military, inspection, local

    var field: String {
        switch self {
        case .construction: "Xây dựng - Đô thị"
        case .finance: "Tài chính - Ngân sách"
        case .investment: "Kế hoạch - Đầu tư"
        case .interior: "Tổ chức bộ máy - Cải cách hành chính"
        case .digital: "Chuyển đổi số"
        case .transport: "Giao thông vận tải"
        case .agriculture: "Nông nghiệp - Nông thôn mới"
        case .environment: "Đất đai - Môi trường"
        case .health: "Y tế"
        case .education: "Giáo dục - Đào tạo"
        case .labour: "Lao động - Việc làm - An sinh xã hội"
        case .industry: "Công nghiệp - Thương mại"
        case .culture: "Văn hóa - Thể thao - Du lịch"
        case .justice: "Tư pháp"
        case .science: "Khoa học - Công nghệ"
        case .foreign: "Đối ngoại"
        case .economicZone: "Khu kinh tế - Khu công nghiệp"
        case .ethnic: "Dân tộc - Tôn giáo"
        case .office: "Tổng hợp"
        case .security: "Quốc phòng - An ninh"
        case .military: "Quốc phòng - An ninh"
        case .inspection: "Thanh tra - Tiếp công dân"
        case .local: "Chính quyền địa phương"
        }
    }

    /// The suffix of the Committee's letters on this topic: `1234/UBND-KT`.
    var letterSuffix: String {
        switch self {
        case .construction, .transport: "UBND-XD"
        case .finance, .investment, .industry, .economicZone: "UBND-KT"
        case .agriculture, .environment: "UBND-NL"
        case .health, .education, .labour, .culture, .science, .digital, .ethnic: "UBND-KGVX"
        case .interior, .justice, .security, .military, .inspection, .foreign: "UBND-NC"
        case .office, .local: "UBND-TH"
        }
    }

    /// Title templates; `TaskTitle` appends the reporting period they name.
    var titles: [TaskTitle] {
        switch self {
        case .construction:
            [
                TaskTitle("Báo cáo tình hình quản lý trật tự xây dựng trên địa bàn tỉnh", .quarter),
                TaskTitle("Thẩm định, trình phê duyệt điều chỉnh quy hoạch chung đô thị Cẩm Xuyên", .none),
                TaskTitle("Rà soát, đề xuất giá vật liệu xây dựng công bố", .quarter),
                TaskTitle("Kiểm tra chất lượng công trình trụ sở làm việc các xã sau sắp xếp", .none),
                TaskTitle("Tham mưu kế hoạch phát triển nhà ở xã hội", .year),
                TaskTitle("Báo cáo kết quả thực hiện Chương trình phát triển đô thị", .half),
            ]
        case .finance:
            [
                TaskTitle("Báo cáo tình hình thu, chi ngân sách nhà nước", .month),
                TaskTitle("Báo cáo tình hình giải ngân vốn đầu tư công", .quarter),
                TaskTitle("Tham mưu phương án phân bổ dự toán ngân sách địa phương", .year),
                TaskTitle("Thẩm định quyết toán vốn đầu tư dự án hoàn thành Đường ven biển Xuân Hội - Thạch Khê", .none),
                TaskTitle("Rà soát, đề xuất xử lý tài sản công dôi dư sau sắp xếp", .none),
                TaskTitle("Báo cáo kết quả thực hành tiết kiệm, chống lãng phí", .year),
            ]
        case .investment:
            [
                TaskTitle("Báo cáo tình hình thực hiện kế hoạch đầu tư công trung hạn", .half),
                TaskTitle("Tổng hợp, đề xuất danh mục dự án kêu gọi đầu tư", .year),
                TaskTitle("Thẩm định chủ trương đầu tư dự án Khu du lịch sinh thái Sơn Kim", .none),
                TaskTitle("Báo cáo chỉ số năng lực cạnh tranh cấp tỉnh (PCI) và giải pháp cải thiện", .year),
                TaskTitle("Rà soát các dự án chậm tiến độ, đề xuất thu hồi chủ trương đầu tư", .quarter),
            ]
        case .interior:
            [
                TaskTitle("Báo cáo kết quả thực hiện công tác cải cách hành chính", .quarter),
                TaskTitle("Tham mưu đề án sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh", .none),
                TaskTitle("Thẩm định đề án vị trí việc làm của các đơn vị sự nghiệp công lập", .none),
                TaskTitle("Tổng hợp kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức", .year),
                TaskTitle("Hướng dẫn giải quyết chế độ, chính sách đối với người nghỉ việc do sắp xếp tổ chức bộ máy", .none),
                TaskTitle("Báo cáo công tác thi đua, khen thưởng", .half),
            ]
        case .digital:
            [
                TaskTitle("Báo cáo tiến độ triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư", .month),
                TaskTitle("Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", .none),
                TaskTitle("Báo cáo tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến", .quarter),
                TaskTitle("Tham mưu kế hoạch chuyển đổi số tỉnh", .year),
                TaskTitle("Rà soát, bảo đảm an toàn thông tin các hệ thống dùng chung của tỉnh", .none),
            ]
        case .transport:
            [
                TaskTitle("Khắc phục hư hỏng mặt đường Quốc lộ 8C đoạn qua xã Sơn Kim 1", .none),
                TaskTitle("Báo cáo tình hình trật tự, an toàn giao thông", .quarter),
                TaskTitle("Đẩy nhanh tiến độ dự án đường tránh Quốc lộ 1 qua thị trấn Thạch Hà", .none),
                TaskTitle("Rà soát, xử lý các điểm đen tai nạn giao thông trên các tuyến quốc lộ, tỉnh lộ", .none),
            ]
        case .agriculture:
            [
                TaskTitle("Triển khai các biện pháp phòng, chống dịch tả lợn châu Phi", .none),
                TaskTitle("Báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới", .half),
                TaskTitle("Kiểm tra, khắc phục sự cố đê biển Cẩm Nhượng sau bão", .none),
                TaskTitle("Chỉ đạo sản xuất vụ Hè Thu, phòng chống hạn hán, xâm nhập mặn", .year),
                TaskTitle("Báo cáo công tác chống khai thác hải sản bất hợp pháp (IUU)", .month),
                TaskTitle("Xây dựng phương án phòng, chống thiên tai và tìm kiếm cứu nạn", .year),
            ]
        case .environment:
            [
                TaskTitle("Giải quyết kiến nghị của công dân về bồi thường, hỗ trợ giải phóng mặt bằng dự án Khu công nghiệp Gia Lách", .none),
                TaskTitle("Báo cáo kết quả cấp giấy chứng nhận quyền sử dụng đất lần đầu", .quarter),
                TaskTitle("Xây dựng bảng giá đất áp dụng trên địa bàn tỉnh", .year),
                TaskTitle("Kiểm tra, xử lý ô nhiễm môi trường tại cụm công nghiệp Thạch Đài", .none),
                TaskTitle("Rà soát, thu hồi các mỏ khoáng sản hết hạn giấy phép", .none),
            ]
        case .health:
            [
                TaskTitle("Báo cáo tình hình cung ứng thuốc, vật tư y tế tại các cơ sở khám, chữa bệnh", .quarter),
                TaskTitle("Triển khai chiến dịch tiêm chủng vắc xin sởi cho trẻ em", .none),
                TaskTitle("Kiểm tra an toàn thực phẩm dịp Tết Nguyên đán", .year),
                TaskTitle("Đề xuất phương án sắp xếp các trạm y tế xã sau sắp xếp đơn vị hành chính", .none),
                TaskTitle("Báo cáo tình hình dịch sốt xuất huyết và các biện pháp phòng chống", .month),
            ]
        case .education:
            [
                TaskTitle("Chuẩn bị các điều kiện tổ chức Kỳ thi tốt nghiệp trung học phổ thông", .year),
                TaskTitle("Rà soát, bổ sung biên chế giáo viên còn thiếu", .year),
                TaskTitle("Báo cáo kết quả thực hiện Chương trình giáo dục phổ thông 2018", .half),
                TaskTitle("Kiểm tra việc thu, chi đầu năm học tại các cơ sở giáo dục", .none),
                TaskTitle("Xây dựng kế hoạch kiên cố hóa trường, lớp học", .none),
            ]
        case .labour:
            [
                TaskTitle("Chi trả trợ cấp cho người có công dịp Tết Nguyên đán", .year),
                TaskTitle("Báo cáo kết quả giải quyết việc làm, xuất khẩu lao động", .quarter),
                TaskTitle("Rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều", .year),
                TaskTitle("Hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo", .none),
            ]
        case .industry:
            [
                TaskTitle("Báo cáo tình hình sản xuất công nghiệp và thương mại", .month),
                TaskTitle("Bảo đảm cung ứng điện mùa khô", .year),
                TaskTitle("Kiểm tra, chống buôn lậu, gian lận thương mại và hàng giả", .quarter),
                TaskTitle("Đề xuất thành lập cụm công nghiệp Cẩm Quang", .none),
            ]
        case .culture:
            [
                TaskTitle("Tổ chức các hoạt động kỷ niệm Ngày giải phóng miền Nam, thống nhất đất nước", .year),
                TaskTitle("Báo cáo kết quả thu hút khách du lịch", .quarter),
                TaskTitle("Trùng tu, tôn tạo Khu lưu niệm Đại thi hào Nguyễn Du", .none),
                TaskTitle("Tổ chức Đại hội Thể dục thể thao tỉnh", .year),
            ]
        case .justice:
            [
                TaskTitle("Thẩm định dự thảo quyết định quy phạm pháp luật của UBND tỉnh", .none),
                TaskTitle("Báo cáo công tác theo dõi thi hành pháp luật", .year),
                TaskTitle("Rà soát, hệ thống hóa văn bản quy phạm pháp luật sau sắp xếp đơn vị hành chính", .none),
                TaskTitle("Báo cáo kết quả phổ biến, giáo dục pháp luật", .half),
            ]
        case .science:
            [
                TaskTitle("Tổ chức xét chọn nhiệm vụ khoa học và công nghệ cấp tỉnh", .year),
                TaskTitle("Báo cáo tình hình triển khai Nghị quyết 57-NQ/TW về phát triển khoa học, công nghệ, đổi mới sáng tạo", .quarter),
                TaskTitle("Kiểm tra đo lường, chất lượng xăng dầu tại các cửa hàng", .none),
            ]
        case .foreign:
            [
                TaskTitle("Chuẩn bị nội dung làm việc với Đoàn công tác tỉnh Bolikhamxay (Lào)", .none),
                TaskTitle("Báo cáo tình hình quản lý các dự án có nguồn vốn ODA và vốn vay ưu đãi", .half),
            ]
        case .economicZone:
            [
                TaskTitle("Báo cáo tình hình thu hút đầu tư vào Khu kinh tế Vũng Áng", .quarter),
                TaskTitle("Tháo gỡ vướng mắc giải phóng mặt bằng Khu công nghiệp Phú Vinh", .none),
                TaskTitle("Rà soát các dự án chậm triển khai trong khu kinh tế", .none),
            ]
        case .ethnic:
            [
                TaskTitle("Báo cáo kết quả thực hiện chính sách đối với đồng bào dân tộc thiểu số", .year),
                TaskTitle("Tổ chức thăm, tặng quà người có uy tín trong đồng bào dân tộc thiểu số", .year),
            ]
        case .office:
            [
                TaskTitle("Tổng hợp báo cáo tình hình kinh tế - xã hội", .month),
                TaskTitle("Chuẩn bị nội dung phiên họp thường kỳ UBND tỉnh", .month),
                TaskTitle("Theo dõi, đôn đốc thực hiện nhiệm vụ UBND tỉnh giao", .quarter),
                TaskTitle("Chuẩn bị nội dung Hội nghị tiếp xúc cử tri", .none),
            ]
        case .security:
            [
                TaskTitle("Bảo đảm an ninh, trật tự dịp Tết Nguyên đán", .year),
                TaskTitle("Báo cáo kết quả triển khai Đề án 06 tại Công an cấp xã", .quarter),
                TaskTitle("Kiểm tra công tác phòng cháy, chữa cháy tại các cơ sở kinh doanh karaoke", .none),
            ]
        case .military:
            [
                TaskTitle("Tổ chức giao nhận quân", .year),
                TaskTitle("Chuẩn bị diễn tập khu vực phòng thủ", .year),
                TaskTitle("Xây dựng kế hoạch phòng, chống thiên tai, tìm kiếm cứu nạn của lực lượng vũ trang", .none),
            ]
        case .inspection:
            [
                TaskTitle("Giải quyết đơn khiếu nại của công dân về bồi thường giải phóng mặt bằng", .none),
                TaskTitle("Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo", .quarter),
                TaskTitle("Thanh tra việc quản lý, sử dụng đất tại các xã ven biển", .none),
                TaskTitle("Báo cáo kết quả phòng, chống tham nhũng, tiêu cực", .half),
            ]
        case .local:
            [
                TaskTitle("Báo cáo kết quả thu ngân sách trên địa bàn", .quarter),
                TaskTitle("Giải quyết dứt điểm kiến nghị của cử tri về nước sinh hoạt", .none),
                TaskTitle("Xử lý vi phạm trật tự xây dựng, lấn chiếm đất công", .none),
                TaskTitle("Hoàn thành bồi thường, giải phóng mặt bằng dự án đường ven biển", .none),
                TaskTitle("Báo cáo công tác phòng, chống thiên tai, tìm kiếm cứu nạn", .year),
                TaskTitle("Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo", .year),
                TaskTitle("Báo cáo tiến độ xây dựng nông thôn mới nâng cao", .half),
            ]
        }
    }
}
