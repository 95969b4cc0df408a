import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// Events with attendance and feedback written by hand, and their figures worked out on paper.
@Suite struct EventAnalyticsTests {
    /// `Tests/Fixtures/content/attendance-zoom.csv` (a Zoom attendee report: Alice twice for a
    /// rejoin, Frank and Grace attended, Heidi and Ivan registered only, line 8 "Maybe", line 9
    /// nameless) and `feedback.csv` (scores 10, 9, 7, 3, 8 and an 11 on line 6; ratings 5, 4, 4, 2, 3).
    @Test(arguments: TestStores.kinds) func anAttendanceExportAndASurveyGiveExactAttendanceRateAndNPS(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let event = try await store.addEvent(
            NewEvent(title: "Swift on Linux meetup", startsAt: Timestamp(iso: "2026-03-12T17:00:00Z")!, tags: ["Swift"]))
        let attendanceFile = Fixtures.url("content/attendance-zoom.csv").path
        let attendance = try await AttendanceImporter(file: attendanceFile, event: event).run(into: store)
        #expect(attendance.rows == 8 && attendance.records == 5 && attendance.saved == UpsertCounts(added: 5))
        #expect(attendance.malformedExamples == [
            "\(attendanceFile):8: attended 'Maybe' is not yes or no", "\(attendanceFile):9: no e-mail and no name",
        ])
        let alice = try #require(try await store.attendees().first { $0.key == "alice@example.org" })
        #expect(alice.minutes == 85 && alice.name == "Alice A" && alice.joinedAt == Timestamp(iso: "2026-03-12T17:00:00Z"))
        #expect(alice.leftAt == Timestamp(iso: "2026-03-12T18:30:00Z"))
        let feedbackFile = Fixtures.url("content/feedback.csv").path
        let feedback = try await FeedbackImporter(file: feedbackFile, event: event).run(into: store)
        #expect(feedback.records == 5 && feedback.malformed == 1)
        #expect(feedback.malformedExamples == ["\(feedbackFile):6: score '11' is not a whole number from 0 to 10"])
        // Again: nothing new.
        #expect(try await AttendanceImporter(file: attendanceFile, event: event).run(into: store).saved == UpsertCounts(unchanged: 5))
        #expect(try await FeedbackImporter(file: feedbackFile, event: event).run(into: store).saved == UpsertCounts(unchanged: 5))
        // --strict refuses the file.
        await #expect(throws: ImportError.self) {
            try await AttendanceImporter(file: attendanceFile, event: event, strict: true).run(into: store)
        }

        let report = try await EventAnalytics.report(store: store, request: ReportRequest(wholeHistory: true), config: HeartbeatConfig())
        #expect(report.summary.events == 1)
        #expect(report.summary.registered == 5 && report.summary.attended == 3)
        #expect(report.summary.attendanceRate == 0.6)
        #expect(report.summary.responses == 5)
        #expect(report.events[0].promoters == 2 && report.events[0].passives == 2 && report.events[0].detractors == 1)
        #expect(report.summary.nps == 20)
        #expect(report.summary.averageRating == 3.6)
        let expectedMinutes: Double = (85.0 + 58.0 + 20.0) / 3.0
        #expect(report.events[0].averageMinutes == expectedMinutes)
        #expect(report.events[0].commentTerms == ["audio", "coding", "live", "live coding"])
        #expect(report.summary.matchedMembers == 1, "alice, by e-mail")
        #expect(report.members.map(\.handle) == ["alice"])
        #expect(report.members[0].status == "active before, no post within 30 days")
    }

    @Test(arguments: TestStores.kinds) func anEventColumnSpreadsRowsOverEventsAndCreatesUnknownOnes(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let file = try TemporaryDirectory.make().appendingPathComponent("luma.csv")
        try """
        name,email,created_at,checked_in_at,event_name
        Alice,alice@example.org,2026-03-01T10:00:00Z,2026-03-12T17:01:00Z,Swift meetup
        Bob,bob@example.org,2026-03-02T10:00:00Z,,Swift meetup
        Carol,carol@example.org,2026-03-20T10:00:00Z,2026-03-25T18:00:00Z,Kotlin night
        """.write(to: file, atomically: true, encoding: .utf8)
        let summary = try await AttendanceImporter(file: file.path, event: nil).run(into: store)
        let events = try await store.events()
        #expect(events.map(\.title) == ["Swift meetup", "Kotlin night"])
        // Created in title order (Kotlin night first), each named by its id in the store.
        let kotlin = try #require(events.first { $0.title == "Kotlin night" })
        let swift = try #require(events.first { $0.title == "Swift meetup" })
        #expect(kotlin.id < swift.id)
        #expect(
            summary.createdEvents == ["#\(kotlin.id) Kotlin night (2026-03-25)", "#\(swift.id) Swift meetup (2026-03-12)"],
            "dated by the first check-in")
        #expect(try await store.attendees().filter(\.attended).map(\.key).sorted() == ["alice@example.org", "carol@example.org"])
        do {
            _ = try await AttendanceImporter(file: Fixtures.url("content/feedback.csv").path, event: nil).run(into: store)
            Issue.record("a survey was taken for attendance")
        } catch let error as ImportError {
            #expect(error.description.contains("cannot tell who attended"))
        }
    }

    /// Two events; who became an active member after them:
    /// - event 1 on 03-12: alice (posted on 03-01, active before), frank (first post 03-20: 8 days
    ///   after, became active, first-time poster), grace (first post 04-20: too late for event 1),
    ///   heidi (registered, absent).
    /// - event 2 on 03-25: frank (active before now, a repeat attendee), grace (first post 04-20,
    ///   26 days after: became active, first-time poster credited to event 2, repeat attendee).
    @Test func attendeesWhoBecomeMembersAreCreditedToTheLatestEventBeforeTheirFirstPost() {
        var builder = SnapshotBuilder()
        let alice = builder.member("alice"), frank = builder.member("frank"), grace = builder.member("grace")
        let heidi = builder.member("heidi")
        builder.channel("general")
        builder.post(alice, at: SnapshotBuilder.time("2026-03-01", 9))
        builder.post(heidi, at: SnapshotBuilder.time("2026-03-15", 9))
        builder.post(frank, at: SnapshotBuilder.time("2026-03-20", 9))
        builder.post(grace, at: SnapshotBuilder.time("2026-04-20", 9))
        let snapshot = builder.build()
        let first = CommunityEvent(id: 1, title: "Meetup 1", startsAt: Timestamp(iso: "2026-03-12T17:00:00Z")!)
        let second = CommunityEvent(id: 2, title: "Meetup 2", startsAt: Timestamp(iso: "2026-03-25T17:00:00Z")!)
        func attendee(_ event: Int64, _ name: String, attended: Bool = true) -> EventAttendee {
            EventAttendee(eventID: event, key: "\(name)@x.org", name: name, email: "\(name)@x.org", attended: attended)
        }
        let attendees = [
            attendee(1, "alice"), attendee(1, "frank"), attendee(1, "grace"), attendee(1, "heidi", attended: false),
            attendee(2, "frank"), attendee(2, "grace"),
        ]
        let emails = ["alice@x.org": Int64(1), "frank@x.org": 2, "grace@x.org": 3, "heidi@x.org": 4]
        let period = Period(from: CivilDate(iso: "2026-03-01")!, until: CivilDate(iso: "2026-04-01")!)
        let report = EventAnalytics.compute(
            events: [first, second], attendees: attendees, feedback: [], memberIDsByEmail: emails, snapshot: snapshot,
            period: period, request: ReportRequest(), config: HeartbeatConfig(), segmentMembers: nil)
        let one = report.events[0], two = report.events[1]
        #expect((one.registered, one.attended, one.matchedMembers, one.notYetActive, one.becameActive, one.firstTimePosters) == (4, 3, 3, 2, 1, 1))
        #expect(one.repeatAttendees == 0)
        #expect((two.registered, two.attended, two.matchedMembers, two.notYetActive, two.becameActive, two.firstTimePosters) == (2, 2, 2, 1, 1, 1))
        #expect(two.repeatAttendees == 2)
        #expect(report.summary.registered == 6 && report.summary.attended == 5 && report.summary.attendanceRate == 5.0 / 6.0)
        #expect(report.summary.distinctAttendees == 3 && report.summary.repeatAttendees == 2)
        #expect(report.summary.matchedMembers == 3 && report.summary.notYetActive == 3)
        #expect(report.summary.becameActive == 2 && report.summary.firstTimePosters == 2)
        #expect(report.summary.nps == nil)
        let frankAtOne = report.members.first { $0.event == "Meetup 1" && $0.handle == "frank" }
        #expect(frankAtOne?.status == "first post 7 days after (first-time poster)")
    }

    @Test func npsIsPromotersMinusDetractorsInPercent() {
        #expect(EventAnalytics.nps([]) == nil)
        #expect(EventAnalytics.nps([10, 10, 9, 0]) == 50)
        #expect(abs((EventAnalytics.nps([6, 7, 8]) ?? 0) + 100.0 / 3) < 1e-9)
    }
}
