import HeartbeatCore
import Testing

@Suite struct SecurityTests {
    /// FIPS 180-4 / NIST example vectors.
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // 55 and 56 bytes: the padding boundary.
        #expect(SHA256.hex(String(repeating: "a", count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(String(repeating: "a", count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    @Test func secretTokensAreLongRandomAndURLSafe() {
        let tokens = (0..<200).map { _ in SecretToken.make() }
        #expect(Set(tokens).count == 200)
        for token in tokens {
            #expect(token.count == 43, "32 bytes in unpadded base64")
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        #expect(SecretToken.make(prefix: "hb_").hasPrefix("hb_"))
        #expect(SecretToken.constantTimeEquals("abc", "abc"))
        #expect(!SecretToken.constantTimeEquals("abc", "abd"))
        #expect(!SecretToken.constantTimeEquals("abc", "abcd"))
    }

    @Test func base64URLEncodesKnownBytes() {
        #expect(SecretToken.base64URL(Array("Man".utf8)) == "TWFu")
        #expect(SecretToken.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(SecretToken.base64URL([0x4D]) == "TQ")
    }
}
