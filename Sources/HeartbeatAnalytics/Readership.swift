import HeartbeatCore

/// Readership figures (`report content`). Definitions, quoted in the README:
///
/// - A **page view** is one request by a person for a page: a GET answered 2xx or 304, not an
///   asset, not from a crawler (see `ReadingFilter`), or one call of the collection endpoint.
/// - A **visitor** is one browser: a salted hash of address and user agent (logs, collection
///   endpoint) or of the exported visitor id (CSV). **Unique visitors** counts them in the period.
/// - A **visit** is a visitor's run of page views with less than `[content] session_minutes` (30)
///   between consecutive views; a gap of 30 minutes or more starts a new visit.
/// - The **bounce rate** is the share of visits with a single page view; per page, of the visits
///   that entered on it.
/// - **Daily active readers** is the mean, over the period's days, of the visitors that day.
/// - A visitor is **new** when their first page view ever falls in the period, **returning** when
///   they had one before it.
/// - **Top referrers** count visits by the site of their first view's referrer; referrers on the
///   site's own hosts (`[content] site_hosts`) are internal and not counted.
/// - **First 7 / 30 days**: views of an item from its publication up to 7 / 30 days later,
///   whatever the period.
/// - **Focus share**: views of catalog items with a tag equal to a focus term ÷ all page views.
///
/// `--channel` keeps the catalog items with that tag; `--segment` keeps the views by members of
/// the segment (readers named to the collection endpoint); `--platform` other than web gives an
/// empty report.
public enum Readership {
    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig
    ) async throws -> ContentReport {
        guard let content = store as? any ContentStore else { throw AnalyticsError("this store does not hold page views.") }
        let log = try await content.pageViewLog()
        let catalog = try await content.contentItems()
        let submissions = try await (store as? any ContributorStore)?.submissions() ?? []
        var segmentMembers: Set<Int64>? = nil
        if let name = request.segment {
            segmentMembers = try await Segments.memberIDs(inSegment: name, store: store, config: config)
        }
        let period = request.resolvePeriod(activityRange: log.timeRange)
        return compute(
            log: log, catalog: catalog, submissions: submissions, period: period, request: request, config: config,
            segmentMembers: segmentMembers)
    }

    /// The figures from loaded data; `segmentMembers` nil for everyone.
    public static func compute(
        log: PageViewLog, catalog: [ContentItem], submissions: [Submission], period: Period, request: ReportRequest,
        config: HeartbeatConfig, segmentMembers: Set<Int64>?
    ) -> ContentReport {
        let gap = Int64(config.content.sessionMinutes) * 60_000_000
        let focus = Set(config.focus.map { $0.lowercased() })
        let tagFilter = Set(request.spaces.map { $0.lowercased() })
        // Catalog by path index.
        let itemByPath = Dictionary(catalog.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let itemOfPath: [ContentItem?] = log.paths.map { itemByPath[$0] }
        let pathIndex = Dictionary(log.paths.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a })
        func kept(_ view: PageViewLog.View) -> Bool {
            if let segmentMembers, !segmentMembers.contains(view.member) { return false }
            if !tagFilter.isEmpty {
                guard let item = itemOfPath[Int(view.path)], !tagFilter.isDisjoint(with: item.tags) else { return false }
            }
            return true
        }
        let platformMatches = request.platform == nil || request.platform == .web
        let views = platformMatches ? log.views.filter(kept) : []
        let start = period.start.microseconds, end = period.end.microseconds

        // Group each visitor's views (in time order) with a counting sort: O(n).
        var firstSeen = [Int64](repeating: .max, count: log.visitorCount)
        var perVisitor = [Int](repeating: 0, count: log.visitorCount + 1)
        for view in views {
            if view.at < firstSeen[Int(view.visitor)] { firstSeen[Int(view.visitor)] = view.at }
            if view.at >= start && view.at < end { perVisitor[Int(view.visitor) + 1] += 1 }
        }
        for index in 1..<perVisitor.count { perVisitor[index] += perVisitor[index - 1] }
        var cursor = perVisitor
        var ordered = [PageViewLog.View](repeating: PageViewLog.View(at: 0, path: 0, visitor: 0, referrer: -1, member: 0), count: perVisitor.last ?? 0)
        for view in views where view.at >= start && view.at < end {
            ordered[cursor[Int(view.visitor)]] = view
            cursor[Int(view.visitor)] += 1
        }

        let dayCount = max(0, period.dayCount)
        var dayViews = [Int](repeating: 0, count: dayCount)
        var dayVisits = [Int](repeating: 0, count: dayCount)
        var dayVisitors = [Int](repeating: 0, count: dayCount)
        var pathViews = [Int](repeating: 0, count: log.paths.count)
        var pathVisitors = [Int](repeating: 0, count: log.paths.count)
        var pathEntrances = [Int](repeating: 0, count: log.paths.count)
        var pathBounces = [Int](repeating: 0, count: log.paths.count)
        var referrerVisits: [String: Int] = [:]
        var summary = ContentReport.Summary(
            pageViews: ordered.count, uniqueVisitors: 0, visits: 0, bouncedVisits: 0, bounceRate: nil, pagesPerVisit: nil,
            dailyActiveReaders: 0, newVisitors: 0, returningVisitors: 0, visitorsWithSeveralVisits: 0, referredVisits: 0,
            memberViews: 0, memberReaders: 0, focusShare: nil, focusShareOfCatalog: nil)
        var memberReaders = Set<Int64>()
        // Per tag: readers as sets of visitors, since a visitor reads several items of a tag.
        var tagReaders: [String: Set<Int32>] = [:]
        for visitor in 0..<log.visitorCount {
            let range = perVisitor[visitor]..<perVisitor[visitor + 1]
            guard !range.isEmpty else { continue }
            summary.uniqueVisitors += 1
            if firstSeen[visitor] >= start { summary.newVisitors += 1 } else { summary.returningVisitors += 1 }
            var visits = 0
            var lastDay = -1
            var seenPaths = Set<Int32>()
            var visitStart = range.lowerBound
            for index in range {
                let view = ordered[index]
                let day = Int((view.at - start) / Timestamp.microsecondsPerDay)
                dayViews[day] += 1
                if day != lastDay {
                    dayVisitors[day] += 1
                    lastDay = day
                }
                pathViews[Int(view.path)] += 1
                if seenPaths.insert(view.path).inserted {
                    pathVisitors[Int(view.path)] += 1
                    if let item = itemOfPath[Int(view.path)] {
                        for tag in item.tags { tagReaders[tag, default: []].insert(Int32(visitor)) }
                    }
                }
                if view.member != 0 {
                    summary.memberViews += 1
                    memberReaders.insert(view.member)
                }
                let startsVisit = index == range.lowerBound || view.at - ordered[index - 1].at >= gap
                if startsVisit {
                    if index != range.lowerBound { closeVisit(visitStart..<index) }
                    visitStart = index
                    visits += 1
                    dayVisits[day] += 1
                    pathEntrances[Int(view.path)] += 1
                    if view.referrer >= 0 {
                        let text = log.referrers[Int(view.referrer)]
                        let host = String(text.prefix { $0 != "/" })
                        referrerVisits[host, default: 0] += 1
                        summary.referredVisits += 1
                    }
                }
            }
            closeVisit(visitStart..<range.upperBound)
            summary.visits += visits
            if visits > 1 { summary.visitorsWithSeveralVisits += 1 }
        }
        func closeVisit(_ visit: Range<Int>) {
            if visit.count == 1 {
                summary.bouncedVisits += 1
                pathBounces[Int(ordered[visit.lowerBound].path)] += 1
            }
        }
        summary.memberReaders = memberReaders.count
        if summary.visits > 0 {
            summary.bounceRate = Double(summary.bouncedVisits) / Double(summary.visits)
            summary.pagesPerVisit = Double(summary.pageViews) / Double(summary.visits)
        }
        summary.dailyActiveReaders = dayCount > 0 ? Double(dayVisitors.reduce(0, +)) / Double(dayCount) : 0

        // Views in the first 7 and 30 days after publication, over the whole (filtered) history.
        let day = Timestamp.microsecondsPerDay
        var windowViews: [Int32: (week: Int, month: Int)] = [:]
        let published: [Int32: Int64] = Dictionary(
            catalog.compactMap { item in
                guard let at = item.publishedAt, let index = pathIndex[item.path] else { return nil }
                return (index, at.microseconds)
            }, uniquingKeysWith: { a, _ in a })
        for view in views {
            guard let at = published[view.path], view.at >= at, view.at < at + 30 * day else { continue }
            var counts = windowViews[view.path] ?? (0, 0)
            counts.month += 1
            if view.at < at + 7 * day { counts.week += 1 }
            windowViews[view.path] = counts
        }
        let lastView = log.views.last?.at ?? 0

        let submissionByPath = Dictionary(
            submissions.compactMap { submission in submission.url.flatMap(ContentPath.normalize).map { ($0, submission.id) } },
            uniquingKeysWith: { a, _ in a })
        func isFocus(_ tags: [String]) -> Bool { !focus.isDisjoint(with: tags) }
        func rate(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

        var items: [ContentReport.Item] = []
        var focusViews = 0
        var catalogViews = 0
        for entry in catalog where tagFilter.isEmpty || !tagFilter.isDisjoint(with: entry.tags) {
            let index = pathIndex[entry.path]
            let viewsOfItem = index.map { pathViews[Int($0)] } ?? 0
            let window = index.flatMap { windowViews[$0] }
            catalogViews += viewsOfItem
            if isFocus(entry.tags) { focusViews += viewsOfItem }
            let entrances = index.map { pathEntrances[Int($0)] } ?? 0
            items.append(
                ContentReport.Item(
                    path: entry.path, title: entry.title, author: entry.author, authorMemberID: entry.authorMemberID,
                    tags: entry.tags, published: entry.publishedAt?.isoDay, submissionID: submissionByPath[entry.path],
                    pageViews: viewsOfItem, readers: index.map { pathVisitors[Int($0)] } ?? 0, entrances: entrances,
                    bounceRate: rate(index.map { pathBounces[Int($0)] } ?? 0, entrances),
                    firstWeekViews: entry.publishedAt == nil ? nil : window?.week ?? 0,
                    firstMonthViews: entry.publishedAt == nil ? nil : window?.month ?? 0,
                    firstMonthComplete: entry.publishedAt.map { $0.microseconds + 30 * day <= lastView },
                    isFocus: isFocus(entry.tags)))
        }
        summary.focusShare = rate(focusViews, summary.pageViews)
        summary.focusShareOfCatalog = rate(focusViews, catalogViews)
        items.sort { ($0.pageViews, $1.path) > ($1.pageViews, $0.path) }

        var tagRows: [String: ContentReport.Tag] = [:]
        var tagBounces: [String: Int] = [:]
        for item in items {
            let index = pathIndex[item.path]
            for tag in item.tags {
                var row = tagRows[tag] ?? ContentReport.Tag(
                    tag: tag, items: 0, pageViews: 0, readers: tagReaders[tag]?.count ?? 0, entrances: 0, bounceRate: nil,
                    firstWeekViews: 0, firstMonthViews: 0, share: nil, isFocus: focus.contains(tag))
                row.items += 1
                row.pageViews += item.pageViews
                row.entrances += item.entrances
                row.firstWeekViews += item.firstWeekViews ?? 0
                row.firstMonthViews += item.firstMonthViews ?? 0
                tagBounces[tag, default: 0] += index.map { pathBounces[Int($0)] } ?? 0
                tagRows[tag] = row
            }
        }
        var tags = Array(tagRows.values)
        for index in tags.indices {
            tags[index].bounceRate = rate(tagBounces[tags[index].tag] ?? 0, tags[index].entrances)
            tags[index].share = rate(tags[index].pageViews, summary.pageViews)
        }
        tags.sort { ($0.pageViews, $1.tag) > ($1.pageViews, $0.tag) }

        var authorRows: [String: ContentReport.Author] = [:]
        var authorReaders: [String: Set<Int32>] = [:]
        let itemPaths = Set(items.map(\.path))
        for item in items {
            guard let author = item.author else { continue }
            var row = authorRows[author] ?? ContentReport.Author(author: author, memberID: item.authorMemberID, items: 0, pageViews: 0, readers: 0)
            row.items += 1
            row.pageViews += item.pageViews
            authorRows[author] = row
        }
        if !authorRows.isEmpty {
            let authorOfPath = Dictionary(items.compactMap { item in item.author.map { (item.path, $0) } }, uniquingKeysWith: { a, _ in a })
            let authorOfIndex: [String?] = log.paths.map { itemPaths.contains($0) ? authorOfPath[$0] : nil }
            for view in ordered {
                if let author = authorOfIndex[Int(view.path)] { authorReaders[author, default: []].insert(view.visitor) }
            }
            for (author, readers) in authorReaders { authorRows[author]?.readers = readers.count }
        }
        let authors = authorRows.values.sorted { ($0.pageViews, $1.author) > ($1.pageViews, $0.author) }

        let pages = log.paths.indices.filter { pathViews[$0] > 0 }
            .sorted { (pathViews[$0], log.paths[$1]) > (pathViews[$1], log.paths[$0]) }
            .prefix(request.top)
            .map { index in
                ContentReport.Page(
                    path: log.paths[index], title: itemOfPath[index]?.title, pageViews: pathViews[index],
                    visitors: pathVisitors[index], entrances: pathEntrances[index],
                    bounceRate: rate(pathBounces[index], pathEntrances[index]))
            }
        let referrers = referrerVisits.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(request.top).map {
            ContentReport.Referrer(host: $0.key, visits: $0.value, share: Double($0.value) / Double(max(1, summary.visits)))
        }
        let days = (0..<dayCount).map { offset in
            ContentReport.Day(
                day: CivilDate(dayNumber: period.firstDay + Int64(offset)), pageViews: dayViews[offset],
                visitors: dayVisitors[offset], visits: dayVisits[offset])
        }
        let scope = ReportScope(
            since: period.start.isoDay, until: period.lastIncludedDay.description, days: period.dayCount,
            channels: request.spaces, platform: request.platform?.rawValue, segment: request.segment)
        return ContentReport(
            scope: scope, sessionMinutes: config.content.sessionMinutes, focusTerms: config.focus, summary: summary,
            days: days, referrers: Array(referrers), pages: Array(pages), items: items, tags: tags, authors: authors)
    }
}
