import ProvinceTime

/// Offices work Monday to Friday; the plans move most of their days onto working days.
extension LocalDate {
    /// Saturday or Sunday (1970-01-01, day 0, was a Thursday).
    var isWeekend: Bool {
        let weekday = ((dayNumber + 3) % 7 + 7) % 7  // 0 = Monday
        return weekday >= 5
    }

    /// The last working day on or before this one, but never before `floor`.
    func workdayOnOrBefore(floor: LocalDate) -> LocalDate {
        var day = self
        while day.isWeekend, day.adding(days: -1) >= floor { day = day.adding(days: -1) }
        return day
    }

    /// The first working day on or after this one.
    var workdayOnOrAfter: LocalDate {
        var day = self
        while day.isWeekend { day = day.adding(days: 1) }
        return day
    }
}
