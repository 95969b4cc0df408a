import Foundation
@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatTestSupport
import Testing

/// Period 2026-02-01…02-07; the previous one is 01-25…01-31.
/// Now (5 posts): "CoreML conversion fails?" (alice, #general, unanswered question); "coreml
/// conversion works now" (bob, #general); "tflite delegate crash?" (carol, #help, a question);
/// alice's reply to it "tflite delegate fixed"; "coreml conversion again" (bob, #general).
/// Before (4 posts): "tflite delegate", "gradle build", "gradle build again", "gradle build fails".
@Suite struct TopicsTests {
    static func report() -> TopicsReport {
        var builder = SnapshotBuilder()
        let general = builder.channel("general")
        let help = builder.channel("help")
        let alice = builder.member("alice")
        let bob = builder.member("bob")
        let carol = builder.member("carol")
        let t = SnapshotBuilder.time
        builder.post(bob, in: general, at: t("2026-01-26", 9, 0), "tflite delegate")
        builder.post(bob, in: general, at: t("2026-01-27", 9, 0), "gradle build")
        builder.post(bob, in: general, at: t("2026-01-28", 9, 0), "gradle build again")
        builder.post(bob, in: general, at: t("2026-01-29", 9, 0), "gradle build fails")
        builder.post(alice, in: general, at: t("2026-02-02", 9, 0), "CoreML conversion fails?")
        builder.post(bob, in: general, at: t("2026-02-02", 10, 0), "coreml conversion works now")
        let crash = builder.post(carol, in: help, at: t("2026-02-03", 9, 0), "tflite delegate crash?")
        builder.post(alice, in: help, at: t("2026-02-03", 10, 0), "tflite delegate fixed", replyTo: crash)
        builder.post(bob, in: general, at: t("2026-02-04", 9, 0), "coreml conversion again")
        let context = ReportContext(
            snapshot: builder.build(),
            period: Period(from: CivilDate(iso: "2026-02-01")!, until: CivilDate(iso: "2026-02-08")!),
            request: ReportRequest(top: 10), config: HeartbeatConfig())
        return Topics.report(context: context)
    }

    @Test func rankedByTFIDF() {
        let report = Self.report()
        #expect(report.posts == 5)
        #expect(report.previousPosts == 4)
        #expect(report.previousPeriod == "2026-01-25 to 2026-01-31")
        // In 3 of 5 posts: idf = ln(6/4) + 1, three occurrences; in 2 of 5: idf = ln(6/3) + 1, two.
        // Terms in a single post are not ranked. Ties are alphabetical.
        #expect(report.topTerms.map(\.term) == [
            "conversion", "coreml", "coreml conversion", "delegate", "tflite", "tflite delegate",
        ])
        #expect(abs(report.topTerms[0].score - 3 * (log(1.5) + 1)) < 1e-12)
        #expect(abs(report.topTerms[5].score - 2 * (log(2.0) + 1)) < 1e-12)
        #expect(report.topTerms[2].isPhrase)
        #expect(report.topTerms[2].occurrences == 3)
    }

    @Test func risingAndFallingAgainstThePreviousPeriod() {
        let report = Self.report()
        // coreml terms: 3 of 5 posts now, none before → +60 points. gradle terms: 3 of 4 before,
        // none now → −75 points. "tflite delegate" is in only 2 posts now and 1 before: not judged.
        #expect(report.rising.map(\.term) == ["conversion", "coreml", "coreml conversion"])
        #expect(report.rising.allSatisfy { abs($0.changePoints - 60) < 1e-9 })
        #expect(report.falling.map(\.term) == ["build", "gradle", "gradle build"])
        #expect(report.falling.allSatisfy { abs($0.changePoints + 75) < 1e-9 })
    }

    @Test func perChannelAndQuestionsByTopic() {
        let report = Self.report()
        #expect(report.channels == [
            ChannelTopics(channel: "general", terms: ["conversion", "coreml", "coreml conversion"]),
            ChannelTopics(channel: "help", terms: ["delegate", "tflite", "tflite delegate"]),
        ])
        // alice's question files under "conversion" (first of its tied best terms), unanswered;
        // carol's under "delegate", answered by alice.
        #expect(report.questionsByTopic == [
            QuestionTopic(topic: "conversion", questions: 1, unanswered: 1),
            QuestionTopic(topic: "delegate", questions: 1, unanswered: 0),
        ])
    }
}
