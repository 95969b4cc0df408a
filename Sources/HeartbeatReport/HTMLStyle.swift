/// The one stylesheet of the HTML report and the dashboard, inlined so pages need no network.
public enum HTMLStyle {
    public static let css = """
        :root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--accent:#2563eb;--bg:#fff;--panel:#f9fafb}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
        main.report{max-width:1100px;margin:0 auto;padding:24px}
        h1{font-size:1.6rem;margin:0 0 4px}
        h2{font-size:1.15rem;margin:28px 0 6px;border-bottom:1px solid var(--line);padding-bottom:4px}
        .subtitle,.note,footer{color:var(--muted)}
        .note{margin:0 0 8px;font-size:.9rem}
        footer{margin-top:32px;font-size:.8rem}
        dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:8px;margin:0}
        dl.facts div{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px}
        dl.facts dt{font-size:.8rem;color:var(--muted)}
        dl.facts dd{margin:0;font-size:1.25rem;font-weight:600;font-variant-numeric:tabular-nums}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.88rem;font-variant-numeric:tabular-nums}
        th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:var(--panel);font-weight:600}
        .num{text-align:right}
        table.compact{width:auto;font-size:.8rem}
        figure.chart-figure{margin:20px 0;border:1px solid var(--line);border-radius:8px;padding:12px;break-inside:avoid}
        figcaption{font-weight:600;margin-bottom:6px}
        .chart-body{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
        .chart-svg{flex:1 1 560px;overflow-x:auto}
        svg.chart{max-width:100%;height:auto;font:11px system-ui,sans-serif}
        svg.chart .grid{stroke:#eef0f3}
        svg.chart .axis{stroke:#9ca3af}
        svg.chart .tick,svg.chart .axis-title{fill:#4b5563}
        svg.chart .legend,svg.chart .label,svg.chart .value{fill:#111827}
        details.numbers{flex:0 1 320px;max-height:340px;overflow:auto;font-size:.8rem}
        details.numbers summary{cursor:pointer;color:var(--accent)}
        .none{color:var(--muted);font-style:italic}
        @media print{main.report{max-width:none;padding:0}details.numbers{max-height:none}details.numbers:not([open]){display:none}a{color:inherit}}
        """
}
