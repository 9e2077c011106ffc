/// Vietnamese personal names drawn from the most common family names, middle names and given names,
/// so that the sample staff reads like a real roster (`Nguyễn Thị Thu Hương`, `Trần Quốc Hùng`).
enum VietnameseNames {
    private static let families = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
        "Đinh", "Đoàn", "Thái",
    ]
    private static let maleMiddles = ["Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Đình"]
    private static let femaleMiddles = ["Thị", "Thị", "Thị Thu", "Thị Minh", "Ngọc", "Thanh", "Thị Hồng", "Thị Kim"]
    private static let maleGivens = [
        "Hùng", "Dũng", "Tuấn", "Thắng", "Long", "Hải", "Sơn", "Quang", "Phong", "Bình", "Trung", "Khánh", "Cường", "Nam", "Đạt", "Hiếu",
        "Lộc", "Vinh", "Tùng", "Hòa",
    ]
    private static let femaleGivens = [
        "Lan", "Hương", "Hà", "Mai", "Thảo", "Linh", "Trang", "Hằng", "Nga", "Phương", "Yến", "Hạnh", "Oanh", "Thủy", "Ngân", "Huyền",
    ]

    static func draw(_ random: inout DemoRandom) -> String {
        let family = random.pick(families)
        if random.chance(0.45) {
            return "\(family) \(random.pick(femaleMiddles)) \(random.pick(femaleGivens))"
        }
        return "\(family) \(random.pick(maleMiddles)) \(random.pick(maleGivens))"
    }
}
