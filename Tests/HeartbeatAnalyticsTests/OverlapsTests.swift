import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import Testing

/// Duplicate-work detection on a hand-made set whose answers are known: six planted pairs
/// (paraphrased titles, and the same topic in different words) among decoys that share common
/// words with them ("building", "testing", "android", "kubernetes", "models") but not the subject.
@Suite struct OverlapsTests {
    struct Pitch {
        var key: String
        var title: String
        var summary: String
        var tags: [String]
    }

    static let pitches: [Pitch] = [
        // Planted duplicates: D1a/D1b … D6a/D6b.
        Pitch(key: "D1a", title: "Running Core ML models on the iPhone", summary: "Convert a PyTorch model and run it on device with Core ML.", tags: ["ios", "ml"]),
        Pitch(key: "D1b", title: "On-device inference on iOS with Core ML", summary: "Take a trained PyTorch network, convert it with coremltools and run inference on an iPhone.", tags: ["ios"]),
        Pitch(key: "D2a", title: "Deploying a Flask API to Kubernetes", summary: "Containerize a Python Flask service with Docker and deploy it to a Kubernetes cluster.", tags: ["python", "devops"]),
        Pitch(key: "D2b", title: "From Docker container to Kubernetes cluster: shipping a Flask app", summary: "Package the Flask application in Docker, write the deployment manifests and roll it out on Kubernetes.", tags: ["devops"]),
        Pitch(key: "D3a", title: "Quantizing TensorFlow Lite models for Android", summary: "Post-training quantization to shrink TFLite models on Android phones.", tags: ["android", "ml"]),
        Pitch(key: "D3b", title: "Smaller, faster TFLite models on Android with quantization", summary: "Use int8 post-training quantization to cut model size for Android apps.", tags: ["android", "ml"]),
        Pitch(key: "D4a", title: "Speeding up Postgres queries with indexes", summary: "Read EXPLAIN plans, add the right index and make slow SQL queries fast.", tags: ["databases"]),
        Pitch(key: "D4b", title: "Why is my SQL slow? A practical look at query plans", summary: "Use EXPLAIN ANALYZE in PostgreSQL to find missing indexes and fix slow queries.", tags: ["databases", "postgres"]),
        Pitch(key: "D5a", title: "Building a GraphQL server in Rust", summary: "Build a GraphQL API with async-graphql and Axum in Rust.", tags: ["rust", "backend"]),
        Pitch(key: "D5b", title: "GraphQL APIs in Rust with Axum", summary: "Using async-graphql on top of Axum to serve a typed GraphQL schema.", tags: ["rust"]),
        Pitch(key: "D6a", title: "Testing Jetpack Compose UIs", summary: "Write UI tests for Compose screens with the Compose testing APIs.", tags: ["android", "testing"]),
        Pitch(key: "D6b", title: "How to write UI tests for Jetpack Compose screens", summary: "Semantics, test tags and the compose test rule for reliable Android UI tests.", tags: ["android"]),
        // Decoys: common words, different subjects.
        Pitch(key: "X1", title: "Building a chat app with Firebase", summary: "Realtime messaging with Firestore and Firebase Auth in a Flutter app.", tags: ["mobile"]),
        Pitch(key: "X2", title: "Building a CLI in Go", summary: "Cobra, flags and releasing a command-line tool in Go.", tags: ["go"]),
        Pitch(key: "X3", title: "Building a design system in Figma", summary: "Components, tokens and variants for a consistent product design.", tags: ["design"]),
        Pitch(key: "X4", title: "Testing React components with Jest", summary: "Unit tests for React components with Jest and Testing Library.", tags: ["web", "testing"]),
        Pitch(key: "X5", title: "Deploying a static site to Netlify", summary: "Continuous deployment of a Hugo blog with Netlify.", tags: ["web", "devops"]),
        Pitch(key: "X6", title: "Running a community meetup", summary: "How we organise monthly meetups, find speakers and venues.", tags: ["community"]),
        Pitch(key: "X7", title: "Models of community governance", summary: "Lessons on moderation and decision making in open-source communities.", tags: ["community"]),
        Pitch(key: "X8", title: "Android accessibility checklist", summary: "TalkBack, content descriptions and touch target sizes for accessible Android apps.", tags: ["android"]),
        Pitch(key: "X9", title: "Rust error handling patterns", summary: "thiserror, anyhow and the ? operator for clean error handling.", tags: ["rust"]),
        Pitch(key: "X10", title: "Kubernetes cost monitoring", summary: "Track and reduce cluster spend with Kubecost and resource requests.", tags: ["devops"]),
    ]

    static let planted: Set<Set<String>> = [["D1a", "D1b"], ["D2a", "D2b"], ["D3a", "D3b"], ["D4a", "D4b"], ["D5a", "D5b"], ["D6a", "D6b"]]

    static var works: [Overlaps.Work] {
        pitches.map {
            Overlaps.Work(
                reference: $0.key, source: .submission, title: $0.title, summary: $0.summary, tags: $0.tags, author: "a",
                state: "pitched", isOpen: true)
        }
    }

    @Test func findsThePlantedPairsAndNoDecoyAtTheDefaultThreshold() {
        let settings = HeartbeatConfig().contributors
        let found = Overlaps.matches(among: Self.works, threshold: settings.overlapThreshold, tagBoost: settings.tagBoost)
        let pairs = found.map { Set([Self.pitches[$0.first].key, Self.pitches[$0.second].key]) }
        let truePositives = pairs.filter { Self.planted.contains($0) }.count
        let precision = pairs.isEmpty ? 0 : Double(truePositives) / Double(pairs.count)
        let recall = Double(truePositives) / Double(Self.planted.count)
        print("overlaps on the hand-made set: \(pairs.count) pairs reported, precision \(precision), recall \(recall)")
        for match in found {
            print(String(format: "  %.3f", match.similarity), Self.pitches[match.first].key, Self.pitches[match.second].key, match.sharedTerms)
        }
        for pair in Self.planted { #expect(pairs.contains(pair), "planted pair \(pair.sorted()) not found") }
        for pair in pairs { #expect(Self.planted.contains(pair), "decoy pair \(pair.sorted()) reported") }
        #expect(precision == 1)
        #expect(recall == 1)
    }

    /// At 0.3 the two closest decoys come in (one shared word plus a shared tag; a shared cluster
    /// word): the figures behind the default of 0.4.
    @Test func aLowerThresholdLetsDecoysIn() {
        let found = Overlaps.matches(among: Self.works, threshold: 0.3, tagBoost: 0.15)
        let pairs = Set(found.map { Set([Self.pitches[$0.first].key, Self.pitches[$0.second].key]) })
        #expect(pairs == Self.planted.union([["X6", "X7"], ["D2b", "X10"]]))
        #expect(found.filter { Self.planted.contains(Set([Self.pitches[$0.first].key, Self.pitches[$0.second].key])) }.map(\.similarity).min()! > 0.5)
    }

    @Test func closedWorkShapesWeightsButIsNotReported() {
        var works = Self.works
        works[1].isOpen = false  // D1b published
        let found = Overlaps.matches(among: works, threshold: 0.4, tagBoost: 0.15)
        #expect(found.count == 5)
        #expect(!found.contains { Set([$0.first, $0.second]) == [0, 1] })
    }

    @Test func resemblingListsOpenWorkMostSimilarFirst() {
        let found = Overlaps.resembling(0, among: Self.works, threshold: 0.4, tagBoost: 0.15)
        #expect(found.map { Self.pitches[$0.second].key } == ["D1b"])
        // Shown as written, not as stems ("iphone", not "iphon").
        let shared = found.first?.sharedTerms ?? []
        #expect(shared.count == 6 && Array(shared.prefix(3)) == ["core", "ml", "running"])
        let text = (Self.pitches[0].title + " " + Self.pitches[0].summary).lowercased()
        for word in shared { #expect(text.contains(word), "\(word) is not a word of the pitch") }
        #expect(found.first?.sharedTags == ["ios"])
    }

    @Test(arguments: [
        ("deploying", "deploy"), ("deployed", "deploy"), ("deployment", "deploy"), ("optimization", "optimiz"),
        ("optimise", "optimiz"), ("optimizing", "optimiz"), ("quantizing", "quantiz"), ("quantization", "quantiz"),
        ("libraries", "library"), ("models", "model"), ("running", "run"), ("string", "string"), ("speed", "speed"),
        ("embedded", "embed"), ("class", "class"), ("status", "status"), ("kotlin", "kotlin"),
    ])
    func stemmer(word: String, stem: String) {
        #expect(Overlaps.stem(word) == stem)
    }
}
