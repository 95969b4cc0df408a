import Foundation
@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// Segments on the tiny fixture (titles: bob "Android dev", carol "iOS engineer", alice "DevRel
/// lead").
@Suite struct SegmentsTests {
    static let mobile = SegmentRule(name: "mobile", titles: ["ios", "android"])
    static let tflite = SegmentRule(name: "tflite", terms: ["TFLite"])

    static func store(_ kind: TestStoreKind) async throws -> any StoreBackend {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        return store
    }

    static func config() -> HeartbeatConfig {
        var config = HeartbeatConfig()
        config.segments = [mobile, tflite, SegmentRule(name: "help-posters", titles: ["devrel"], channels: ["help"], match: .all)]
        return config
    }

    @Test(arguments: TestStores.kinds) func membershipByTitleTermsAndChannels(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let config = Self.config()
        let membership = try await Segments.membership(of: config.segments, store: store, config: config)
        let snapshot = try await store.snapshot(ActivityQuery())
        func members(_ rule: Int) -> [String] {
            snapshot.members.filter { membership[$0.id]?[rule] == true }.map(\.handle).sorted()
        }
        #expect(members(0) == ["bob", "carol"])
        #expect(members(1) == ["carol"])  // "anyone using tflite on android"
        #expect(members(2) == ["alice"])  // DevRel lead and posted in #help (all rules)
    }

    @Test(arguments: TestStores.kinds) func segmentsReportSideBySide(_ kind: TestStoreKind) async throws {
        var request = EngagementTests.march
        request.segment = nil
        let report = try await Segments.report(store: try await Self.store(kind), request: request, config: Self.config())
        #expect(report.segments.map(\.segment) == ["everyone", "mobile", "tflite", "help-posters"])
        let everyone = report.segments[0]
        #expect(everyone.activePosters == 4)
        #expect(everyone.messages == 6)
        let mobile = report.segments[1]
        // bob and carol only: bob's 3 messages and carol's 1; bob's reply to alice and carol's 3
        // replies; reactions by bob and carol on their own messages: carol's and bob's +1.
        #expect(mobile.members == 2)
        #expect(mobile.activePosters == 2)
        #expect(mobile.messages == 4)
        #expect(mobile.replies == 4)
        #expect(mobile.reactions == 2)
        // Roots: release notes, carol's tflite question, "thanks all", bob's profile question
        // (answered by carol in 3600 s).
        #expect(mobile.threadsStarted == 4)
        #expect(mobile.responseRate == 0.25)
        #expect(mobile.firstResponseMedianSeconds == 3600)
        #expect(mobile.questions == 2)
        #expect(mobile.unansweredQuestions == 1)
    }

    @Test(arguments: TestStores.kinds) func everyReportTakesASegment(_ kind: TestStoreKind) async throws {
        var request = EngagementTests.march
        request.segment = "mobile"
        let store = try await Self.store(kind)
        let engagement = try await Engagement.report(store: store, request: request, config: Self.config())
        #expect(engagement.scope.segment == "mobile")
        #expect(engagement.activity.activePosters == 2)
        let influence = try await Influence.report(store: store, request: request, config: Self.config())
        #expect(influence.mostValuable.map(\.name).sorted() == ["Bob Builder", "carol"])
        request.segment = "nope"
        await #expect {
            _ = try await Organic.report(store: store, request: request, config: Self.config())
        } throws: { error in
            "\(error)" == "unknown segment 'nope'; declared in heartbeat.toml: mobile, tflite, help-posters"
        }
    }
}

/// The segments report loads the whole history once and narrows it to the report's look-back:
/// the narrowed snapshot must be the one a query with `since` loads.
@Suite struct SnapshotSinceTests {
    @Test(arguments: TestStores.kinds) func narrowingEqualsLoadingSince(_ kind: TestStoreKind) async throws {
        let store = try await SegmentsTests.store(kind)
        let whole = try await store.snapshot(ActivityQuery(includeText: true, includeMentions: true))
        let times = whole.activities.map(\.time).sorted()
        for time in [times.first! - 1, times[times.count / 2], times[times.count / 2] + 1, times.last! + 1] {
            let since = Timestamp(microseconds: time)
            let loaded = try await store.snapshot(ActivityQuery(since: since, includeText: true, includeMentions: true))
            let narrowed = whole.activities(since: since)
            #expect(narrowed.activities == loaded.activities)
            #expect(narrowed.reactions.map { [$0.activity, $0.reactor] }.sorted { $0.lexicographicallyPrecedes($1) }
                == loaded.reactions.map { [$0.activity, $0.reactor] }.sorted { $0.lexicographicallyPrecedes($1) })
            #expect(narrowed.mentions == loaded.mentions)
            #expect(narrowed.texts == loaded.texts)
            #expect(narrowed.members == loaded.members)
            #expect(narrowed.spaces == loaded.spaces)
        }
    }

    @Test(arguments: TestStores.kinds) func segmentsReportWithFiltersStillLoadsTheirOwnSnapshot(_ kind: TestStoreKind) async throws {
        // With a channel filter the report's snapshot is not part of the whole history's, so the
        // report takes the two-load path; both paths agree on a filter that selects everything.
        var request = EngagementTests.march
        request.segment = nil
        let store = try await SegmentsTests.store(kind)
        let unfiltered = try await Segments.report(store: store, request: request, config: SegmentsTests.config())
        let everyChannel = try await store.snapshot(ActivityQuery()).spaces.map(\.name)
        request.spaces = everyChannel
        let filtered = try await Segments.report(store: store, request: request, config: SegmentsTests.config())
        #expect(filtered.segments == unfiltered.segments)
    }
}
