import HeartbeatCore
import Testing

@Suite struct TextTermsTests {
    @Test func stripsMarkupAndStopWordsAndBuildsPhrases() {
        let text = "Hey <@U123> how to QUANTIZE model weights? :tada: see <https://x.io|docs> ```let x = 1``` `code` &amp; tflite delegate 2024"
        #expect(TextTerms.terms(in: text) == [
            "quantize", "model", "quantize model", "weights", "model weights", "tflite", "delegate", "tflite delegate",
        ])
        #expect(TextTerms.terms(in: text, phrases: false) == ["quantize", "model", "weights", "tflite", "delegate"])
    }

    @Test func nearIdenticalKeyIgnoresNumbersCaseAndSpacing() {
        #expect(TextTerms.nearIdenticalKey("Build 41 passed") == TextTerms.nearIdenticalKey("build  4242 PASSED"))
        #expect(TextTerms.nearIdenticalKey("Build 41 passed") == "build # passed")
        #expect(TextTerms.nearIdenticalKey("Build 41 passed") != TextTerms.nearIdenticalKey("Build 41 failed"))
    }

    @Test func unicodeWordsAreKept() {
        #expect(TextTerms.terms(in: "Überprüfung der Größe", phrases: false) == ["überprüfung", "der", "größe"])
    }
}
