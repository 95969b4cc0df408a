/// Small helpers for writing SVG and HTML text by hand: escaping and compact coordinates.
public enum SVG {
    /// Escapes text for element content and attribute values (`&`, `<`, `>`, `"`, `'`).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal (`12`, `12.5`): enough for screens and print, and
    /// stable text for tests.
    public static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == (tenths / 10).rounded() * 10 { return String(Int(tenths / 10)) }
        return ValueFormat.fixed(tenths / 10, places: 1)
    }

    /// The palette, chosen to stay apart for the common colour-vision deficiencies.
    public static let palette = ["#2563eb", "#ea580c", "#059669", "#9333ea", "#dc2626", "#0891b2"]

    /// A colour between a pale and a deep blue for a share in 0...1 (heatmaps).
    public static func shade(_ share: Double) -> String {
        let t = min(max(share, 0), 1)
        let from = (239.0, 246.0, 255.0)
        let to = (30.0, 64.0, 175.0)
        func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        let parts = [channel(from.0, to.0), channel(from.1, to.1), channel(from.2, to.2)]
        return "#" + parts.map { value in
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// The opening `<svg>` tag with the accessible title and description every chart carries.
    static func open(width: Double, height: Double, key: String, title: String, summary: String) -> String {
        let id = "chart-" + key
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(number(width)) \(number(height))" \
            width="\(number(width))" height="\(number(height))" role="img" aria-labelledby="\(id)-title \(id)-desc">\
            <title id="\(id)-title">\(escape(title))</title><desc id="\(id)-desc">\(escape(summary))</desc>
            """
    }
}
