extension HeartbeatConfig {
    /// Reads settings from the text of a `heartbeat.toml`. `file` names it in errors. Unknown keys
    /// are errors (a misspelt setting silently ignored is worse than a refusal), and so are values of
    /// the wrong type or out of range.
    public init(toml text: String, file: String) throws(ConfigError) {
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw ConfigError(file: file, line: error.line, message: "\(error.message) (column \(error.column))")
        }
        self.init()
        var reader = Reader(table: table, file: file, path: "")
        focus = try reader.strings("focus") ?? []
        team = try reader.strings("team") ?? []
        if var bots = try reader.table("bots") {
            self.bots.accounts = try bots.strings("accounts") ?? []
            self.bots.minMessages = try bots.integer("min_messages", atLeast: 2) ?? self.bots.minMessages
            self.bots.nearIdenticalShare = try bots.number("near_identical_share", in: 0...1) ?? self.bots.nearIdenticalShare
            self.bots.regularIntervalCV = try bots.number("regular_interval_cv", in: 0...10) ?? self.bots.regularIntervalCV
            try bots.finish()
        }
        if var organic = try reader.table("organic") {
            self.organic.activeDays = try organic.integer("active_days", atLeast: 1) ?? self.organic.activeDays
            self.organic.burstThreshold = try organic.number("burst_threshold", in: 0...1_000) ?? self.organic.burstThreshold
            self.organic.burstMinJoins = try organic.integer("burst_min_joins", atLeast: 1) ?? self.organic.burstMinJoins
            try organic.finish()
        }
        if var retention = try reader.table("retention") {
            self.retention.churnDays = try retention.integer("churn_days", atLeast: 1) ?? self.retention.churnDays
            try retention.finish()
        }
        if var levels = try reader.table("service_levels") {
            serviceLevels.firstResponseHours =
                try levels.number("first_response_hours", in: 0...100_000) ?? serviceLevels.firstResponseHours
            for state in SubmissionState.allCases where !state.isFinal {
                let key = String(state.rawValue.map { $0 == "-" ? "_" : $0 }) + "_days"
                guard let days = try levels.integer(key, atLeast: 0) else { continue }
                serviceLevels.submissionDays[state] = days == 0 ? nil : days
            }
            try levels.finish()
        }
        if var activity = try reader.table("activity") {
            self.activity.awakeFrom = try activity.integer("awake_from", atLeast: 0) ?? self.activity.awakeFrom
            self.activity.awakeUntil = try activity.integer("awake_until", atLeast: 1) ?? self.activity.awakeUntil
            if self.activity.awakeFrom > 23 || self.activity.awakeUntil > 24 || self.activity.awakeFrom >= self.activity.awakeUntil {
                throw ConfigError(
                    file: file, line: activity.table.lines["awake_from"],
                    message: "[activity] needs 0 ≤ awake_from < awake_until ≤ 24 (local hours)")
            }
            try activity.finish()
        }
        if var program = try reader.table("contributors") {
            contributors.roles = (try program.strings("roles") ?? []).map(RoleGrant.normalizedRole).filter { !$0.isEmpty }
            contributors.quietDays = try program.integer("quiet_days", atLeast: 1) ?? contributors.quietDays
            contributors.overlapThreshold = try program.number("overlap_threshold", in: 0...1) ?? contributors.overlapThreshold
            contributors.tagBoost = try program.number("tag_boost", in: 0...1) ?? contributors.tagBoost
            try program.finish()
        }
        if var content = try reader.table("content") {
            self.content.sessionMinutes = try content.integer("session_minutes", atLeast: 1) ?? self.content.sessionMinutes
            self.content.botAgents = try content.strings("bot_agents") ?? []
            self.content.assetExtensions = try content.strings("asset_extensions") ?? []
            self.content.siteHosts = (try content.strings("site_hosts") ?? []).map { $0.lowercased() }
            self.content.collectOrigins = try content.strings("collect_origins") ?? []
            try content.finish()
        }
        if var github = try reader.table("github") {
            self.github.repositories = try github.strings("repositories") ?? []
            try github.finish()
        }
        if var events = try reader.table("events") {
            self.events.followUpDays = try events.integer("follow_up_days", atLeast: 1) ?? self.events.followUpDays
            try events.finish()
        }
        for var segment in try reader.tables("segment") {
            guard let name = try segment.string("name"), !name.isEmpty else {
                throw ConfigError(file: file, line: segment.line, message: "every [[segment]] needs a name = \"…\"")
            }
            if segments.contains(where: { $0.name == name }) {
                throw ConfigError(file: file, line: segment.line, message: "segment '\(name)' is declared twice")
            }
            var rule = SegmentRule(name: name)
            rule.titles = try segment.strings("titles") ?? []
            rule.channels = (try segment.strings("channels") ?? []).map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            rule.terms = try segment.strings("terms") ?? []
            for platform in try segment.strings("platforms") ?? [] {
                guard let value = Platform(rawValue: platform) else {
                    throw ConfigError(
                        file: file, line: segment.table.lines["platforms"],
                        message: "unknown platform '\(platform)' in segment '\(name)'; known: "
                            + Platform.allCases.map(\.rawValue).joined(separator: ", "))
                }
                rule.platforms.append(value)
            }
            if let match = try segment.string("match") {
                guard let value = SegmentRule.Match(rawValue: match) else {
                    throw ConfigError(
                        file: file, line: segment.table.lines["match"],
                        message: "match must be \"any\" or \"all\", not \"\(match)\"")
                }
                rule.match = value
            }
            if rule.titles.isEmpty && rule.channels.isEmpty && rule.terms.isEmpty && rule.platforms.isEmpty {
                throw ConfigError(
                    file: file, line: segment.line,
                    message: "segment '\(name)' has no rule: give titles, channels, terms or platforms")
            }
            try segment.finish()
            segments.append(rule)
        }
        try reader.finish()
    }

    /// Reads typed values from one table and remembers which keys were used, so the rest can be
    /// reported as unknown.
    private struct Reader {
        let table: TOMLTable
        let file: String
        /// `bots.` for `[bots]`, empty at the top level.
        let path: String
        var line: Int? = nil
        var used = Set<String>()

        init(table: TOMLTable, file: String, path: String, line: Int? = nil) {
            self.table = table
            self.file = file
            self.path = path
            self.line = line
        }

        private func fail(_ key: String, _ message: String) -> ConfigError {
            ConfigError(file: file, line: table.lines[key] ?? line, message: message)
        }

        mutating func value(_ key: String) -> TOMLValue? {
            used.insert(key)
            return table[key]
        }

        mutating func string(_ key: String) throws(ConfigError) -> String? {
            switch value(key) {
            case nil: return nil
            case .string(let text)?: return text
            case let other?: throw fail(key, "\(path)\(key) must be a string, not \(other.typeName)")
            }
        }

        mutating func strings(_ key: String) throws(ConfigError) -> [String]? {
            switch value(key) {
            case nil: return nil
            case .string(let text)?: return [text]
            case .array(let items)?:
                var texts: [String] = []
                for item in items {
                    guard case .string(let text) = item else {
                        throw fail(key, "\(path)\(key) must be a list of strings; found \(item.typeName)")
                    }
                    texts.append(text)
                }
                return texts
            case let other?: throw fail(key, "\(path)\(key) must be a list of strings, not \(other.typeName)")
            }
        }

        mutating func integer(_ key: String, atLeast minimum: Int) throws(ConfigError) -> Int? {
            switch value(key) {
            case nil: return nil
            case .integer(let number)? where number >= minimum && number <= Int64(Int32.max): return Int(number)
            case .integer(let number)?: throw fail(key, "\(path)\(key) must be at least \(minimum), not \(number)")
            case let other?: throw fail(key, "\(path)\(key) must be an integer, not \(other.typeName)")
            }
        }

        mutating func number(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
            let number: Double
            switch value(key) {
            case nil: return nil
            case .integer(let integer)?: number = Double(integer)
            case .float(let float)?: number = float
            case let other?: throw fail(key, "\(path)\(key) must be a number, not \(other.typeName)")
            }
            guard range.contains(number) else {
                throw fail(key, "\(path)\(key) must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
            }
            return number
        }

        mutating func table(_ key: String) throws(ConfigError) -> Reader? {
            switch value(key) {
            case nil: return nil
            case .table(let inner)?: return Reader(table: inner, file: file, path: path + key + ".", line: table.lines[key])
            case let other?: throw fail(key, "\(path)\(key) must be a table ([\(key)]), not \(other.typeName)")
            }
        }

        mutating func tables(_ key: String) throws(ConfigError) -> [Reader] {
            switch value(key) {
            case nil: return []
            case .array(let items)?:
                var readers: [Reader] = []
                for item in items {
                    guard case .table(let inner) = item else {
                        throw fail(key, "\(path)\(key) must be written as [[\(key)]] tables")
                    }
                    let firstLine = inner.keys.compactMap { inner.lines[$0] }.min()
                    readers.append(Reader(table: inner, file: file, path: path + key + ".", line: firstLine ?? table.lines[key]))
                }
                return readers
            case let other?: throw fail(key, "\(path)\(key) must be written as [[\(key)]] tables, not \(other.typeName)")
            }
        }

        /// Throws for the first key that no setting read.
        func finish() throws(ConfigError) {
            for key in table.keys where !used.contains(key) {
                let known = used.sorted().map { path + $0 }.joined(separator: ", ")
                throw fail(key, "unknown setting '\(path)\(key)'; known here: \(known)")
            }
        }
    }
}
