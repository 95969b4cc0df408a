import HeartbeatCore
@testable import HeartbeatStore
import Testing

/// The two-run merge of the SQLite loader, cut in two halves merged side by side: the same rows in
/// (time, id) order as one sort of both, with each row's run in `origins`.
@Suite struct MergedByTimeTests {
    static func row(_ id: Int64, _ time: Int64) -> CommunitySnapshot.ActivityRow {
        CommunitySnapshot.ActivityRow(id: id, member: 0, space: 0, kind: .message, time: time)
    }

    static func expected(_ a: [CommunitySnapshot.ActivityRow], _ b: [CommunitySnapshot.ActivityRow])
        -> (rows: [CommunitySnapshot.ActivityRow], origins: [UInt16])
    {
        let tagged = a.map { ($0, UInt16(0)) } + b.map { ($0, UInt16(1)) }
        let sorted = tagged.sorted { ($0.0.time, $0.0.id) < ($1.0.time, $1.0.id) }
        return (sorted.map(\.0), sorted.map(\.1))
    }

    @Test(arguments: [0, 1, 7, 70_000, 200_001])
    func mergesLikeOneSort(count: Int) {
        // Ids taken in turns of 1,000 (as `ActivityChunks` hands them out), times with many ties.
        var a: [CommunitySnapshot.ActivityRow] = [], b: [CommunitySnapshot.ActivityRow] = []
        for id in 0..<Int64(count) {
            let row = Self.row(id, (id * 7_919) % 5_003)
            if (id / 1_000) % 2 == 0 { a.append(row) } else { b.append(row) }
        }
        a.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        b.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        let merged = SnapshotAssembly.mergedByTime(a, b, keepingOrigins: true)
        let want = Self.expected(a, b)
        #expect(merged.rows == want.rows)
        #expect(merged.origins == want.origins)
        #expect(SnapshotAssembly.mergedByTime(a, b, keepingOrigins: false).rows == want.rows)
    }

    @Test func oneRunEmpty() {
        let a = (0..<100_000).map { Self.row(Int64($0), Int64($0 / 3)) }
        #expect(SnapshotAssembly.mergedByTime(a, [], keepingOrigins: false).rows == a)
        #expect(SnapshotAssembly.mergedByTime([], a, keepingOrigins: true).origins == Array(repeating: 1, count: a.count))
    }
}
