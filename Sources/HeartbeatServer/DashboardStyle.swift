import HeartbeatReport

/// The dashboard's stylesheet: the HTML report's, plus navigation, forms and the sign-in box.
enum DashboardStyle {
    /// A small heart, so browsers' favicon requests get an answer instead of the sign-in page.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#2563eb" d="M8 14s-6-3.6-6-8a3.2 3.2 0 0 1 6-1.6A3.2 3.2 0 0 1 14 6c0 4.4-6 8-6 8z"/></svg>
        """

    static let css = HTMLStyle.css + """

        header.top{display:flex;flex-wrap:wrap;align-items:center;gap:12px;padding:8px 24px;border-bottom:1px solid var(--line);background:var(--panel)}
        header.top .brand{font-weight:700;color:var(--ink);text-decoration:none;margin-right:8px}
        header.top nav{display:flex;flex-wrap:wrap;gap:10px;flex:1}
        header.top nav a{color:var(--accent);text-decoration:none;font-size:.92rem}
        form.signout{display:flex;gap:8px;align-items:center;font-size:.85rem}
        form.community{display:flex;gap:6px;align-items:center;font-size:.85rem}
        form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;margin:12px 0;padding:10px;border:1px solid var(--line);border-radius:8px;background:var(--panel);font-size:.88rem}
        form.filters label{display:flex;flex-direction:column;gap:2px}
        input,select,button{font:inherit;padding:4px 8px;border:1px solid #d1d5db;border-radius:6px;background:#fff}
        button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
        .board{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:12px 0}
        .board .column{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:8px}
        .board h2{font-size:.95rem;margin:0 0 6px}.board .count{color:var(--muted);font-weight:400}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px 8px;margin:6px 0;font-size:.85rem}
        .card p{margin:2px 0;color:var(--muted)}.card.overdue{border-left:4px solid #dc2626}
        form.move{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;margin:12px 0;padding:10px;border:1px solid var(--line);border-radius:8px;background:var(--panel);font-size:.88rem}
        form.move label{display:flex;flex-direction:column;gap:2px}
        .login{max-width:360px;margin:80px auto}
        .login form{display:flex;flex-direction:column;gap:12px}
        .login label{display:flex;flex-direction:column;gap:4px}
        .error{color:#b91c1c}
        dl.headline dd{font-size:1.6rem}
        .pages{display:flex;gap:16px}
        ul.channel-list{columns:3;padding-left:18px}
        """
}
