import HeartbeatCore
import Testing

@Suite struct HeartbeatConfigTests {
    @Test func emptyFileMeansDefaults() throws {
        let config = try HeartbeatConfig(toml: "# nothing set\n", file: "heartbeat.toml")
        #expect(config == HeartbeatConfig())
        #expect(config.organic.activeDays == 30)
        #expect(config.organic.burstThreshold == 5)
        #expect(config.retention.churnDays == 60)
        #expect(config.serviceLevels.firstResponseHours == 24)
        #expect(config.bots.minMessages == 20)
    }

    @Test func readsEverySetting() throws {
        let config = try HeartbeatConfig(
            toml: """
                focus = ["coreml", "tflite"]
                team = ["@alice", "U2"]
                [bots]
                accounts = ["ci-runner"]
                min_messages = 10
                near_identical_share = 0.8
                regular_interval_cv = 0.05
                [organic]
                active_days = 14
                burst_threshold = 3.5
                burst_min_joins = 5
                [retention]
                churn_days = 30
                [service_levels]
                first_response_hours = 4
                [activity]
                awake_from = 9
                awake_until = 21
                [[segment]]
                name = "mobile"
                titles = ["iOS", "Android"]
                channels = ["#ios", "android"]
                [[segment]]
                name = "web-ml"
                terms = ["webgl", "wasm"]
                platforms = ["slack"]
                match = "all"
                """, file: "heartbeat.toml")
        #expect(config.focus == ["coreml", "tflite"])
        #expect(config.team == ["@alice", "U2"])
        #expect(config.bots.accounts == ["ci-runner"])
        #expect(config.bots.minMessages == 10)
        #expect(config.bots.nearIdenticalShare == 0.8)
        #expect(config.bots.regularIntervalCV == 0.05)
        #expect(config.organic.activeDays == 14)
        #expect(config.organic.burstThreshold == 3.5)
        #expect(config.organic.burstMinJoins == 5)
        #expect(config.retention.churnDays == 30)
        #expect(config.serviceLevels.firstResponseHours == 4)
        #expect(config.activity.awakeFrom == 9)
        #expect(config.activity.awakeUntil == 21)
        #expect(config.segments == [
            SegmentRule(name: "mobile", titles: ["iOS", "Android"], channels: ["ios", "android"]),
            SegmentRule(name: "web-ml", terms: ["webgl", "wasm"], platforms: [.slack], match: .all),
        ])
        #expect(HeartbeatConfig.lists(config.team, ["alice"]))
        #expect(HeartbeatConfig.lists(config.team, ["bob", "U2"]))
        #expect(!HeartbeatConfig.lists(config.team, ["carol", "U3"]))
    }

    @Test(arguments: [
        ("focuss = [\"x\"]", "heartbeat.toml:1: unknown setting 'focuss'"),
        ("[organic]\nactive_days = \"30\"", "heartbeat.toml:2: organic.active_days must be an integer, not a string"),
        ("[organic]\nactive_days = 0", "heartbeat.toml:2: organic.active_days must be at least 1, not 0"),
        ("[bots]\nnear_identical_share = 1.5", "heartbeat.toml:2: bots.near_identical_share must be between 0.0 and 1.0"),
        ("[[segment]]\ntitles = [\"ios\"]", "heartbeat.toml:2: every [[segment]] needs a name"),
        ("[[segment]]\nname = \"x\"", "heartbeat.toml:2: segment 'x' has no rule"),
        ("[[segment]]\nname = \"x\"\nplatforms = [\"myspace\"]", "heartbeat.toml:3: unknown platform 'myspace'"),
        ("focus = [1]", "heartbeat.toml:1: focus must be a list of strings; found an integer"),
        ("focus = [\"a\"", "heartbeat.toml:1: expected ',' or ']'"),
    ])
    func mistakesAreNamedWithTheirLine(text: String, expected: String) {
        #expect {
            _ = try HeartbeatConfig(toml: text, file: "heartbeat.toml")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }
}
