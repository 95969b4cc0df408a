@testable import HeartbeatCore
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1704067200.000123", Int64(1_704_067_200_000_123)),
        ("1704067200", Int64(1_704_067_200_000_000)),
        ("1704067200.5", Int64(1_704_067_200_500_000)),
    ])
    func parsesSlackTimestampsExactly(text: String, micros: Int64) {
        #expect(Timestamp(slackTS: text)?.microseconds == micros)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1704067200.0000001", "-5", "1704067200."])
    func rejectsMalformedTimestamps(text: String) {
        if text == "1704067200." {
            // A trailing dot with no fraction is still a whole second.
            #expect(Timestamp(slackTS: text)?.microseconds == 1_704_067_200_000_000)
        } else {
            #expect(Timestamp(slackTS: text) == nil)
        }
    }

    @Test func formatsUTC() {
        let time = Timestamp(microseconds: 1_772_442_000_000_100)
        #expect(time.isoDay == "2026-03-02")
        #expect(time.isoDateTime == "2026-03-02T09:00:00Z")
        #expect(Timestamp(microseconds: -1).dayNumber == -1)
    }
}

@Suite struct CivilDateTests {
    @Test func roundTripsDayNumbers() {
        for day in Int64(-800)...Int64(25_000) where day % 7 == 0 || day < -790 {
            let date = CivilDate(dayNumber: day)
            #expect(date.dayNumber == day)
            #expect(CivilDate(iso: date.description) == date)
        }
        #expect(CivilDate(iso: "1970-01-01")?.dayNumber == 0)
        #expect(CivilDate(iso: "2026-03-02")?.weekday == 0)  // a Monday
        #expect(CivilDate(iso: "2026-03-01")?.weekday == 6)  // a Sunday
    }

    @Test func describesItselfAsPaddedISODays() {
        #expect(CivilDate(year: 2026, month: 3, day: 2)?.description == "2026-03-02")
        #expect(CivilDate(year: 999, month: 12, day: 31)?.description == "0999-12-31")
        #expect(CivilDate(year: 7, month: 1, day: 1)?.description == "0007-01-01")
        #expect(CivilDate(year: 2024, month: 11, day: 30)?.description == "2024-11-30")
        #expect(CivilDate(year: 12345, month: 1, day: 9)?.description == "12345-01-09")
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-01x", "notadate"])
    func rejectsImpossibleDates(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test func acceptsLeapDay() {
        #expect(CivilDate(iso: "2024-02-29") != nil)
    }
}

@Suite struct PeriodTests {
    @Test func defaultPeriodEndsWithTheLastActivityDay() {
        let last = Timestamp(microseconds: 1_773_061_200_000_100)  // 2026-03-09 13:00 UTC
        let period = Period.days(90, endingWith: last)
        #expect(period.lastIncludedDay.description == "2026-03-09")
        #expect(period.dayCount == 90)
        #expect(period.contains(last))
        #expect(!period.contains(Timestamp(microseconds: period.end.microseconds)))
    }
}

@Suite struct QuestionHeuristicTests {
    @Test(arguments: [
        ("How do I quantize a model", true),
        ("anyone using tflite on android", true),
        ("Release notes are out :tada:", false),
        ("is there a way?", true),
        ("see `x?` in the docs", false),
        ("link <https://example.org/?q=1|docs> here", false),
        ("  Why not", true),
        ("thanks all <@U1>", false),
        ("```what()```", false),
    ])
    func recognisesQuestions(text: String, expected: Bool) {
        #expect(QuestionHeuristic.looksLikeQuestion(text) == expected)
    }

    /// The fast path (no code or markup: `memchr` for `?`, then the first word) answers as the
    /// byte-by-byte definition on texts made of the characters that matter, in every position.
    @Test func fastPathAgreesWithTheDefinition() {
        let pieces = [
            "how", "What", "anyone", "anybody", "whose", "isn't", "do", "Does", "x", "hello", "whatever", " ", "  ",
            "\n", "\t", "\r", "?", "!", ".", "<", ">", "<@U1>", "`", "```", "é", "🙂", "1", "-", "HOW", "cannot",
        ]
        var generator = SystemRandomNumberGenerator()
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...6, using: &generator) { text += pieces.randomElement(using: &generator)! }
            var copy = text
            let (fast, reference) = copy.withUTF8 {
                (QuestionHeuristic.looksLikeQuestion(bytes: $0), QuestionHeuristic.looksLikeQuestionScanning(bytes: $0))
            }
            if fast != reference { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
