import Foundation
import HeartbeatCore

/// Duplicate work: pieces of open work (submissions, and open GitHub issues and pull requests once
/// the GitHub importer feeds them) that look like the same idea, so the team can bring the two
/// people together before both finish.
///
/// **Similarity** (quoted in the README): each piece becomes a bag of stemmed words — its title
/// counted twice and its summary once — using the words of ``TextTerms`` (stop words and markup
/// removed), without the pitch filler in ``fillerWords``, each reduced by ``stem(_:)``. Words are
/// weighted by TF-IDF: `(1 + ln tf) × (ln((1 + N) / (1 + df)) + 1)`, where N is the number of
/// pieces in the corpus (every submission, open or not, so words common to all pitches weigh
/// little) and df the number containing the word. The similarity of two pieces is the cosine of
/// their weight vectors (0 to 1) plus `tagBoost` × the Jaccard index of their tag sets (shared
/// tags ÷ all tags), capped at 1. Pairs at or above the threshold (`[contributors]
/// overlap_threshold`, default 0.4) are reported, most similar first.
public enum Overlaps {
    /// Where a piece of work comes from.
    public enum Source: String, Sendable, Codable, Hashable, CaseIterable {
        case submission
        case githubIssue = "github-issue"
        case githubPullRequest = "github-pull-request"
    }

    /// A piece of work as the comparison sees it.
    public struct Work: Sendable, Hashable {
        /// `#12` for a submission.
        public var reference: String
        public var source: Source
        public var title: String
        public var summary: String
        public var tags: [String]
        public var author: String
        public var state: String
        /// Open work is compared; closed work only shapes the word weights.
        public var isOpen: Bool

        public init(
            reference: String, source: Source, title: String, summary: String, tags: [String], author: String,
            state: String, isOpen: Bool
        ) {
            self.reference = reference
            self.source = source
            self.title = title
            self.summary = summary
            self.tags = tags
            self.author = author
            self.state = state
            self.isOpen = isOpen
        }

        public init(_ submission: Submission) {
            self.init(
                reference: "#\(submission.id)", source: .submission, title: submission.title, summary: submission.summary,
                tags: submission.tags, author: submission.author.label, state: submission.state.rawValue,
                isOpen: submission.state.isOpen)
        }
    }

    /// Two pieces that look alike.
    public struct Match: Sendable, Hashable {
        /// Indexes into the works compared.
        public var first: Int
        public var second: Int
        /// 0 to 1.
        public var similarity: Double
        /// The words both share (as first written in the first piece), heaviest first: why they look alike.
        public var sharedTerms: [String]
        public var sharedTags: [String]
    }

    /// Words every pitch uses that say nothing about its subject.
    public static let fillerWords: Set<String> = [
        "tutorial", "tutorials", "guide", "guides", "introduction", "intro", "beginner", "beginners", "part", "series",
        "talk", "article", "post", "blog", "step", "steps", "tips", "tricks", "complete", "ultimate", "simple",
        "easy", "quick", "new", "learn", "learning", "started", "start", "starting", "deep", "dive", "overview",
        "walkthrough", "write", "writing", "show", "explain", "explains", "cover", "covers", "covering", "idea",
        "proposal", "pitch",
    ]

    /// A light English suffix stemmer, enough to meet "deploying", "deployed" and "deployment" as
    /// one word, or "optimise", "optimizing" and "optimization": plural endings (`-ies` → `-y`,
    /// `-s`), verb endings (`-ing`, `-ed` after a vowel, a doubled last consonant undone), `-isation`/`-ization`
    /// and `-ise`/`-ize` → `-iz`, `-ation` → `-at`, `-ment`, and a final `-e`. Words of four letters
    /// or fewer are kept as they are.
    public static func stem(_ word: String) -> String {
        var w = Array(word)
        guard w.count > 4 else { return word }
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix)
            return w.count > s.count + 2 && w.suffix(s.count).elementsEqual(s)
        }
        func drop(_ suffix: String, add: String = "") {
            w.removeLast(suffix.count)
            w += Array(add)
        }
        // Plurals.
        if ends("ies") {
            drop("ies", add: "y")
        } else if ends("sses") {
            drop("es")
        } else if w.last == "s", !ends("ss"), !ends("us"), !ends("is") {
            w.removeLast()
        }
        // Verb endings.
        var strippedVerb = false
        // Only when a vowel stays before the ending ("string" and "speed" are kept).
        for suffix in ["ing", "ed"] where ends(suffix) && !w.suffix(3).elementsEqual("eed")
            && w.dropLast(suffix.count).contains(where: { "aeiouy".contains($0) })
        {
            drop(suffix)
            strippedVerb = true
            break
        }
        if strippedVerb, w.count > 3, let last = w.last, w[w.count - 2] == last, !"lsz".contains(last), !"aeiou".contains(last) {
            w.removeLast()
        }
        // Derivations.
        for (suffix, replacement) in [
            ("isation", "iz"), ("ization", "iz"), ("ation", "at"), ("ment", ""), ("ise", "iz"), ("ize", "iz"),
            ("is", "iz"),
        ] where ends(suffix) {
            // `-is` only after `-ing`/`-ed` was removed ("optimising" → "optimis" → "optimiz").
            if suffix == "is" && !strippedVerb { continue }
            drop(suffix, add: replacement)
            break
        }
        if w.count > 4, w.last == "e" { w.removeLast() }
        return String(w)
    }

    /// The stemmed words of a piece: title twice, summary once.
    static func words(of work: Work) -> [String] {
        func stems(_ text: String) -> [String] { contentWords(text).map(stem) }
        let title = stems(work.title)
        return title + title + stems(work.summary)
    }

    private static func contentWords(_ text: String) -> [String] {
        TextTerms.terms(in: text, phrases: false).filter { !fillerWords.contains($0) }
    }

    /// Each stem of a piece with the word it first stood for, to show people words, not stems.
    private static func surfaceForms(_ work: Work) -> [String: String] {
        var forms: [String: String] = [:]
        for word in contentWords(work.title + "\n" + work.summary) where forms[stem(word)] == nil { forms[stem(word)] = word }
        return forms
    }

    /// Every pair of `works` with at least one open piece, at or above `threshold`, most similar
    /// first. Closed pieces still count in the word weights.
    public static func matches(among works: [Work], threshold: Double, tagBoost: Double) -> [Match] {
        let vectors = weightVectors(works)
        var found: [Match] = []
        for i in works.indices where works[i].isOpen {
            for j in works.indices where j > i && works[j].isOpen {
                if works[i].source != .submission && works[j].source != .submission { continue }
                if let match = compare(i, j, works: works, vectors: vectors, threshold: threshold, tagBoost: tagBoost) {
                    found.append(match)
                }
            }
        }
        return found.sorted { ($0.similarity, $1.first, $1.second) > ($1.similarity, $0.first, $0.second) }
    }

    /// The open pieces among `works` that the piece at `index` resembles (for the warning on
    /// `submissions add`), most similar first.
    public static func resembling(_ index: Int, among works: [Work], threshold: Double, tagBoost: Double) -> [Match] {
        let vectors = weightVectors(works)
        return works.indices.filter { $0 != index && works[$0].isOpen }
            .compactMap { compare(index, $0, works: works, vectors: vectors, threshold: threshold, tagBoost: tagBoost) }
            .sorted { $0.similarity > $1.similarity }
    }

    private static func compare(
        _ i: Int, _ j: Int, works: [Work], vectors: [[String: Double]], threshold: Double, tagBoost: Double
    ) -> Match? {
        let (a, b) = (vectors[i], vectors[j])
        var cosine = 0.0
        var shared: [(String, Double)] = []
        for (term, weight) in a.count <= b.count ? a : b {
            guard let other = (a.count <= b.count ? b : a)[term] else { continue }
            cosine += weight * other
            shared.append((term, weight * other))
        }
        let tagsA = Set(works[i].tags), tagsB = Set(works[j].tags)
        let union = tagsA.union(tagsB)
        let sharedTags = tagsA.intersection(tagsB)
        let jaccard = union.isEmpty ? 0 : Double(sharedTags.count) / Double(union.count)
        let similarity = min(1, cosine + tagBoost * jaccard)
        guard similarity >= threshold, similarity > 0 else { return nil }
        let forms = surfaceForms(works[i])
        return Match(
            first: i, second: j, similarity: similarity,
            sharedTerms: shared.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(6).map { forms[$0.0] ?? $0.0 },
            sharedTags: sharedTags.sorted())
    }

    /// Unit-length TF-IDF vectors, one per piece.
    static func weightVectors(_ works: [Work]) -> [[String: Double]] {
        let counts: [[String: Int]] = works.map { work in words(of: work).reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        var documentFrequency: [String: Int] = [:]
        for bag in counts { for term in bag.keys { documentFrequency[term, default: 0] += 1 } }
        let n = Double(works.count)
        return counts.map { bag in
            var vector: [String: Double] = [:]
            for (term, count) in bag {
                let idf = log((1 + n) / (1 + Double(documentFrequency[term]!))) + 1
                vector[term] = (1 + log(Double(count))) * idf
            }
            let length = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if length > 0 { for term in vector.keys { vector[term]! /= length } }
            return vector
        }
    }
}
