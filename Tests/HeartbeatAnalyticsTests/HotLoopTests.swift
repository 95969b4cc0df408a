@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatTestSupport
import Testing

/// The building blocks that replaced sorting and hashing in the reports' hot loops, each held to
/// the straightforward version it replaced (sort and index, a dictionary filled in order, a set).
@Suite struct HotLoopTests {
    /// A small deterministic generator (SplitMix64), so failures repeat.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func percentileBySelectionEqualsPercentileOfTheSortedValues() {
        var random = SplitMix(state: 7)
        for count in [1, 2, 3, 10, 101, 5000] {
            for spread in [3, 1_000_000] {
                let values = (0..<count).map { _ in Double(Int.random(in: 0..<spread, using: &random)) / 8 }
                let sorted = values.sorted()
                for p in [0.0, 10, 50, 90, 99.5, 100] {
                    let position = Double(count - 1) * p / 100
                    let lower = Int(position.rounded(.down))
                    let upper = min(lower + 1, count - 1)
                    let expected = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
                    #expect(Percentile.percentile(p, of: values) == expected)
                }
            }
        }
    }

    @Test func selectionSurvivesSortedAndConstantInput() {
        let rising = (0..<10_000).map(Double.init)
        #expect(Percentile.median(rising) == 4999.5)
        #expect(Percentile.median(Array(rising.reversed())) == 4999.5)
        #expect(Percentile.percentile(90, of: [Double](repeating: 4, count: 1000)) == 4)
    }

    @Test func threadRootsFindTheLastCandidateWithTheSpaceAndTime() {
        func row(_ space: Int32, _ time: Int64) -> CommunitySnapshot.ActivityRow {
            CommunitySnapshot.ActivityRow(id: time, member: 0, space: space, kind: .message, time: time)
        }
        // Two candidates share space 0 and time 20: the later one (position 2) wins.
        let activities = [row(0, 10), row(1, 20), row(0, 20), row(0, 20), row(1, 30)]
        let roots = ThreadRoots(activities: activities, spaceCount: 3, candidates: [0, 1, 2, 3, 4])
        #expect(roots.root(space: 0, time: 10) == 0)
        #expect(roots.root(space: 0, time: 20) == 3)
        #expect(roots.root(space: 1, time: 20) == 1)
        #expect(roots.root(space: 1, time: 30) == 4)
        #expect(roots.root(space: 0, time: 30) == nil)
        #expect(roots.root(space: 0, time: 15) == nil)
        #expect(roots.root(space: 2, time: 10) == nil)
        #expect(roots.root(space: -1, time: 10) == nil)
        // Only the candidates count: without position 3, position 2 wins.
        let fewer = ThreadRoots(activities: activities, spaceCount: 3, candidates: [0, 2])
        #expect(fewer.root(space: 0, time: 20) == 1)
        #expect(fewer.root(space: 1, time: 20) == nil)
    }

    @Test(arguments: [(50, 7), (1 << 20, 1 << 10)])
    func memberSpacePairsCountEachPairOnce(members: Int, spaces: Int) {
        var pairs = MemberSpacePairs(members: members, spaces: spaces)
        var reference = Set<[Int32]>()
        var random = SplitMix(state: 3)
        for _ in 0..<2000 {
            let member = Int32(Int.random(in: 0..<min(members, 40), using: &random))
            let space = Int32(Int.random(in: 0..<min(spaces, 5), using: &random))
            #expect(pairs.insert(member: member, space: space) == reference.insert([member, space]).inserted)
        }
    }

    @Test func tallyFedPostByPostEqualsTallyFedMemberByMember() {
        let period = Period(start: .startOfDay(100), end: .startOfDay(160))
        var random = SplitMix(state: 5)
        // Posts in time order across 30 members, with repeated days.
        var posts: [(member: Int, day: Int64)] = []
        var day: Int64 = 60
        while day < 170 {
            posts.append((Int.random(in: 0..<30, using: &random), day))
            day += Int64.random(in: 0...1, using: &random)
        }
        var interleaved = ActiveMembers.Tally(members: 30, period: period)
        for post in posts { interleaved.add(member: post.member, day: post.day) }
        var postDays = [[Int64]](repeating: [], count: 30)
        for post in posts where postDays[post.member].last != post.day { postDays[post.member].append(post.day) }
        #expect(interleaved.averages() == ActiveMembers.averages(postDays: postDays, period: period))
        for window: Int64 in [1, 7, 30] {
            let direct = (0..<period.dayCount).map { offset in
                let today = period.firstDay + Int64(offset)
                return postDays.filter { days in days.contains { $0 <= today && $0 > today - window } }.count
            }
            #expect(ActiveMembers.activeByDay(postDays: postDays, window: window, period: period) == direct)
        }
    }

    @Test func rankingComparesNamesOnlyWhereTheValueReachesTheList() {
        var builder = SnapshotBuilder()
        for name in ["dora", "Bea", "carl", "Al", "eve"] { builder.member(name) }
        let members = builder.build().members
        let values = [3, 5, 3, 3, 0]
        // Ties at the cut (3) are ordered by name: Al, carl, dora.
        #expect(Engagement.ranking(values, members: members, top: 3).map(\.name) == ["Bea", "Al", "carl"])
        #expect(Engagement.ranking(values, members: members, top: 10).map(\.name) == ["Bea", "Al", "carl", "dora"])
        #expect(Engagement.ranking(values, members: members, top: 0).isEmpty)
    }
}
