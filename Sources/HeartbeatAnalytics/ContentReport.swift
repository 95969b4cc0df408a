import HeartbeatCore

/// `report content`: readership over a period. Definitions live on ``Readership``.
public struct ContentReport: Codable, Sendable, Hashable {
    public struct Summary: Codable, Sendable, Hashable {
        public var pageViews: Int
        public var uniqueVisitors: Int
        public var visits: Int
        /// Visits with a single page view.
        public var bouncedVisits: Int
        /// bouncedVisits ÷ visits; nil without visits.
        public var bounceRate: Double?
        /// pageViews ÷ visits.
        public var pagesPerVisit: Double?
        /// Mean over the period's days of the visitors who read that day.
        public var dailyActiveReaders: Double
        /// Visitors whose first view ever falls in the period.
        public var newVisitors: Int
        /// Visitors seen before the period too.
        public var returningVisitors: Int
        /// Visitors with two or more visits in the period.
        public var visitorsWithSeveralVisits: Int
        /// Visits entering on a page another site linked to.
        public var referredVisits: Int
        /// Page views by known community members (the collection endpoint's caller named them).
        public var memberViews: Int
        public var memberReaders: Int
        /// Views of catalog items tagged with a focus term ÷ all page views; nil without views.
        public var focusShare: Double?
        /// The same, among catalog views only.
        public var focusShareOfCatalog: Double?
    }

    public struct Day: Codable, Sendable, Hashable {
        public var day: CivilDate
        public var pageViews: Int
        public var visitors: Int
        public var visits: Int
    }

    public struct Referrer: Codable, Sendable, Hashable {
        /// The referring site (host, without `www.`).
        public var host: String
        public var visits: Int
        /// visits ÷ all visits.
        public var share: Double
    }

    public struct Page: Codable, Sendable, Hashable {
        public var path: String
        /// The catalog title, when the path is in the catalog.
        public var title: String?
        public var pageViews: Int
        public var visitors: Int
        /// Visits that started on this page.
        public var entrances: Int
        /// Of those, visits that viewed nothing else; ÷ entrances.
        public var bounceRate: Double?
    }

    public struct Item: Codable, Sendable, Hashable {
        public var path: String
        public var title: String
        public var author: String?
        public var authorMemberID: Int64?
        public var tags: [String]
        public var published: String?
        /// The contributor-program submission this item is, matched by its published URL.
        public var submissionID: Int64?
        public var pageViews: Int
        public var readers: Int
        public var entrances: Int
        public var bounceRate: Double?
        /// Views in the first 7 and 30 days after publication (whole history, not the period);
        /// nil without a publish date.
        public var firstWeekViews: Int?
        public var firstMonthViews: Int?
        /// False while the 30 days after publication have not all passed (the last view read).
        public var firstMonthComplete: Bool?
        public var isFocus: Bool
    }

    public struct Tag: Codable, Sendable, Hashable {
        public var tag: String
        public var items: Int
        public var pageViews: Int
        public var readers: Int
        public var entrances: Int
        public var bounceRate: Double?
        public var firstWeekViews: Int
        public var firstMonthViews: Int
        /// views ÷ all page views.
        public var share: Double?
        public var isFocus: Bool
    }

    public struct Author: Codable, Sendable, Hashable {
        public var author: String
        public var memberID: Int64?
        public var items: Int
        public var pageViews: Int
        public var readers: Int
    }

    public var scope: ReportScope
    public var sessionMinutes: Int
    public var focusTerms: [String]
    public var summary: Summary
    public var days: [Day]
    public var referrers: [Referrer]
    public var pages: [Page]
    public var items: [Item]
    public var tags: [Tag]
    public var authors: [Author]
}
