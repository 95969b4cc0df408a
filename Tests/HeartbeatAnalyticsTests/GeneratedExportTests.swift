import Foundation
@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// The organic report finds the burst of never-active sign-ups that the team's generator plants,
/// with its exact size. The expected day and size are computed here independently of the importer:
/// straight from the day files, each user's first appearance is the earliest `ts` of a message with
/// that `user`.
@Suite struct GeneratedExportTests {
    @Test(.enabled(if: GeneratedExport.isAvailable), arguments: TestStores.kinds)
    func organicReportFindsTheGeneratedJoinBurst(_ kind: TestStoreKind) async throws {
        let export = try GeneratedExport.make(messages: 4000, users: 1000, channels: 6, days: 400)

        var firstSeen: [String: Double] = [:]
        let files = FileManager.default.enumerator(at: export, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "json" && url.deletingLastPathComponent() != export {
            let messages = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
            for message in messages {
                guard let user = message["user"] as? String, let ts = Double(message["ts"] as! String) else { continue }
                firstSeen[user] = min(firstSeen[user] ?? .infinity, ts)
            }
        }
        var joinsByDay: [Int: Int] = [:]
        for ts in firstSeen.values { joinsByDay[Int(ts / 86_400), default: 0] += 1 }
        let (burstDay, burstSize) = try #require(joinsByDay.max { $0.value < $1.value })
        // The generator's never-active sign-ups are users/20 = 50, all on one day.
        #expect(burstSize >= 50)

        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: export.path).run(into: store)
        let report = try await Organic.report(
            store: store, request: ReportRequest(wholeHistory: true), config: HeartbeatConfig())
        let burst = try #require(report.joinBursts.first)
        #expect(report.joinBursts.count == 1)
        #expect(burst.day == CivilDate(dayNumber: Int64(burstDay)).description)
        #expect(burst.joins == burstSize)
        #expect(burst.joins - burst.becameActive >= 50)
    }
}
