import Testing
@testable import PartnerBot

extension AnnouncementsInput {
    @Suite("DurationText")
    struct DurationTexts {
        /// (text, seconds it means, its canonical spelling)
        static let valid: [(String, Int64, String)] = [
            ("90m", 5_400, "1h30m"),
            ("72h", 259_200, "3d"),
            ("3d", 259_200, "3d"),
            ("1w", 604_800, "1w"),
            ("1d12h", 129_600, "1d12h"),
            ("1w2d3h4m", 788_640, "1w2d3h4m"),
            ("36h", 129_600, "1d12h"),
            ("2h0m", 7_200, "2h"),
            (" 2H ", 7_200, "2h"),
            ("1W", 604_800, "1w"),
            ("15m", 900, "15m"),
            ("520w", 314_496_000, "520w"),
        ]

        @Test(arguments: valid)
        func parses(text: String, seconds: Int64, canonical: String) throws {
            let duration = try #require(DurationText.parse(text))
            #expect(duration == .seconds(seconds))
            #expect(DurationText.format(duration) == canonical)
            #expect(DurationText.parse(canonical) == duration)
        }

        @Test(arguments: [
            "", "   ", "soon", "72", "h", "0h", "0m0h", "12h1d", "1h1h", "1.5h", "1h 30m", "-1h", "+1h", "1s", "1y",
            "72 h", "1d12", "521w", "9999999999h", "٣h", "1h30", "h30m",
        ])
        func refuses(text: String) {
            #expect(DurationText.parse(text) == nil)
        }

        @Test(arguments: [
            (Duration.zero, "0m"),
            (.seconds(90), "1m30s"),
            (.seconds(59), "59s"),
            (.milliseconds(60_500), "1m"),
            (.seconds(-5_400), "-1h30m"),
            (.seconds(1_209_600 + 3_600), "2w1h"),
        ])
        func formats(duration: Duration, expected: String) {
            #expect(DurationText.format(duration) == expected)
        }
    }
}
