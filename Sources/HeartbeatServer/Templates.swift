/// The dashboard's Mustache templates. `{{x}}` escapes HTML; `{{{x}}}` inserts markup that our own
/// renderers produced (report sections and SVG charts, already escaped).
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "filters": filters, "overview": overview, "report": report,
        "members": members, "member": member, "submissions": submissions, "submission": submission, "error": error,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Heartbeat</title>
        <link rel="stylesheet" href="/static/heartbeat.css">
        </head>
        <body>
        {{#account}}
        <header class="top">
        <a class="brand" href="/{{query}}">Heartbeat</a>
        {{#switcher}}<form class="community" method="get" action="{{action}}"><label>Community <select name="community">{{#options}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/options}}</select></label><button type="submit">Switch</button></form>{{/switcher}}
        <nav>
        <a href="/{{query}}">Overview</a>
        <a href="/submissions{{cq}}">Submissions</a>
        {{#reports}}<a href="/reports/{{name}}{{query}}">{{title}}</a>{{/reports}}
        <a href="/members{{cq}}">Members</a>
        </nav>
        <form class="signout" method="post" action="/logout">
        <span class="who">{{name}} ({{role}})</span>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Sign out</button>
        </form>
        </header>
        {{/account}}
        <main class="report">
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let login = """
        <div class="login">
        <h1>Sign in to Heartbeat</h1>
        {{#message}}<p class="error" role="alert">{{message}}</p>{{/message}}
        <form method="post" action="/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="next" value="{{next}}">
        <label>Account <input name="name" autocomplete="username" required autofocus></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
        </form>
        <p class="note">Accounts are created by an administrator: <code>heartbeat users add NAME --role viewer</code>.</p>
        </div>
        """

    static let filters = """
        <form class="filters" method="get" action="{{action}}">
        {{#carry}}<input type="hidden" name="community" value="{{name}}">{{/carry}}
        <label>Since <input type="date" name="since" value="{{since}}"></label>
        <label>Until (excluded) <input type="date" name="until" value="{{until}}"></label>
        <label><input type="checkbox" name="all" value="1"{{#all}} checked{{/all}}> Whole history</label>
        <label>{{channelLabel}} <select name="channel"><option value="">{{channelAll}}</option>{{#channels}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{shown}}</option>{{/channels}}</select></label>
        <label>Platform <select name="platform"><option value="">All platforms</option>{{#platforms}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/platforms}}</select></label>
        {{#hasSegments}}<label>Segment <select name="segment"><option value="">Everyone</option>{{#segments}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/segments}}</select></label>{{/hasSegments}}
        <button type="submit">Apply</button>
        </form>
        """

    static let overview = """
        <h1>{{heading}}</h1>
        <p class="subtitle">{{subtitle}}</p>
        {{{filters}}}
        <dl class="facts headline">
        {{#headline}}<div data-figure="{{key}}" data-raw="{{raw}}"><dt>{{label}}</dt><dd>{{display}}</dd></div>{{/headline}}
        </dl>
        {{{charts}}}
        <h2>Reports</h2>
        <ul class="report-list">
        {{#reports}}<li><a href="/reports/{{name}}{{query}}">{{title}}</a>: {{abstract}}</li>{{/reports}}
        </ul>
        <h2>Channels</h2>
        <ul class="channel-list">
        {{#channelLinks}}<li><a href="/channels/{{encoded}}{{query}}">#{{name}}</a></li>{{/channelLinks}}
        </ul>
        """

    static let report = """
        <h1>{{heading}}</h1>
        <p class="subtitle">{{subtitle}} · <a href="/api/v1/reports/{{name}}{{query}}">JSON</a></p>
        {{{filters}}}
        {{{body}}}
        """

    static let members = """
        <h1>Members</h1>
        <form class="filters" method="get" action="/members">
        {{#carry}}<input type="hidden" name="community" value="{{name}}">{{/carry}}
        <label>Search <input type="search" name="q" value="{{search}}" placeholder="name, handle or title"></label>
        <button type="submit">Search</button>
        </form>
        <p class="subtitle">{{summary}}</p>
        <div class="table-wrap"><table>
        <thead><tr><th scope="col">Name</th><th scope="col">Handle</th><th scope="col">Title</th>{{#showEmail}}<th scope="col">E-mail</th>{{/showEmail}}<th scope="col" class="num">Posts</th><th scope="col" class="num">Replies</th><th scope="col" class="num">Reactions received</th><th scope="col">First seen</th><th scope="col">Last seen</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td><a href="/members/{{memberID}}{{cq}}">{{name}}</a></td><td>@{{handle}}</td><td>{{title}}</td>{{#showEmail}}<td>{{email}}</td>{{/showEmail}}<td class="num">{{posts}}</td><td class="num">{{replies}}</td><td class="num">{{reactionsReceived}}</td><td>{{firstSeen}}</td><td>{{lastSeen}}</td></tr>{{/rows}}
        </tbody></table></div>
        <p class="pages">{{#previous}}<a href="/members?{{previous}}">← Previous</a>{{/previous}} Page {{page}} {{#next}}<a href="/members?{{next}}">Next →</a>{{/next}}</p>
        """

    static let member = """
        <h1>{{name}}</h1>
        <p class="subtitle">@{{handle}}{{#title}} · {{title}}{{/title}} · {{platform}}{{#isBot}} · bot{{/isBot}}{{#isDeleted}} · deleted{{/isDeleted}}{{#isAdmin}} · workspace admin{{/isAdmin}}</p>
        <dl class="facts">
        {{#email}}<div data-figure="email"><dt>E-mail</dt><dd>{{email}}</dd></div>{{/email}}
        <div><dt>First seen</dt><dd>{{firstSeen}}</dd></div>
        <div><dt>Last seen</dt><dd>{{lastSeen}}</dd></div>
        <div><dt>Posts</dt><dd>{{posts}}</dd></div>
        <div><dt>Thread replies</dt><dd>{{replies}}</dd></div>
        <div><dt>Reactions given</dt><dd>{{reactionsGiven}}</dd></div>
        <div><dt>Reactions received</dt><dd>{{reactionsReceived}}</dd></div>
        {{#segments}}<div data-figure="segments"><dt>Segments</dt><dd>{{segments}}</dd></div>{{/segments}}
        </dl>
        {{#reach}}<h2>Content reach</h2>
        <p class="subtitle" data-figure="reach">{{pageViews}} page views by {{readers}} readers of the {{count}} catalog item(s) they wrote, whole history</p>
        <div class="table-wrap"><table><thead><tr><th scope="col">Item</th><th scope="col">Published</th><th scope="col" class="num">Views</th><th scope="col" class="num">Readers</th></tr></thead><tbody>
        {{#items}}<tr><td>{{title}} <small>{{path}}</small></td><td>{{published}}</td><td class="num">{{pageViews}}</td><td class="num">{{readers}}</td></tr>{{/items}}
        </tbody></table></div>{{/reach}}
        <h2>Accounts</h2>
        <div class="table-wrap"><table data-figure="accounts"><thead><tr><th scope="col">Platform</th><th scope="col">Workspace</th><th scope="col">Handle</th><th scope="col">Name</th><th scope="col">Linked by</th></tr></thead><tbody>
        {{#accounts}}<tr><td>{{platform}}</td><td>{{workspace}}</td><td>@{{handle}}</td><td>{{name}}</td><td>{{linkedBy}}</td></tr>{{/accounts}}
        </tbody></table></div>
        <h2>Per platform</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">Platform</th><th scope="col">First activity</th><th scope="col">Last activity</th><th scope="col" class="num">Posts</th><th scope="col" class="num">Activities</th></tr></thead><tbody>
        {{#platforms}}<tr><td>{{platform}}</td><td>{{first}}</td><td>{{last}}</td><td class="num">{{posts}}</td><td class="num">{{activities}}</td></tr>{{/platforms}}
        </tbody></table></div>
        <h2>Channels</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">Channel</th><th scope="col">Platform</th><th scope="col" class="num">Posts</th></tr></thead><tbody>
        {{#channels}}<tr><td><a href="/channels/{{encoded}}{{cq}}">#{{channel}}</a></td><td>{{platform}}</td><td class="num">{{posts}}</td></tr>{{/channels}}
        </tbody></table></div>
        <h2>Latest activity</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">When (UTC)</th><th scope="col">Platform</th><th scope="col">Channel</th><th scope="col">What</th><th scope="col">Text</th></tr></thead><tbody>
        {{#recent}}<tr><td>{{time}}</td><td>{{platform}}</td><td>#{{channel}}</td><td>{{kind}}</td><td>{{excerpt}}</td></tr>{{/recent}}
        </tbody></table></div>
        """

    static let submissions = """
        <h1>Submissions</h1>
        <p class="subtitle">{{summary}} · <a href="/api/v1/submissions{{cq}}">JSON</a> · <a href="/reports/contributors{{cq}}">Contributors report</a> · <a href="/reports/overlaps{{cq}}">Overlaps</a></p>
        <div class="board">
        {{#columns}}<section class="column" data-state="{{state}}"><h2>{{state}} <span class="count">{{count}}</span></h2>
        {{#cards}}<article class="card{{#overdue}} overdue{{/overdue}}"><a href="/submissions/{{id}}{{cq}}">#{{id}} {{title}}</a><p>{{author}}{{#editor}} · editor {{editor}}{{/editor}}</p><p>{{days}} days{{#overdue}} · over {{level}}{{/overdue}}{{#tags}} · {{tags}}{{/tags}}</p></article>{{/cards}}
        </section>{{/columns}}
        </div>
        <h2>Published and closed</h2>
        <table><thead><tr><th scope="col">#</th><th scope="col">Title</th><th scope="col">State</th><th scope="col">Author</th><th scope="col">Kind</th><th scope="col" class="num">Days in state</th></tr></thead>
        <tbody>{{#done}}<tr><td>{{id}}</td><td><a href="/submissions/{{id}}{{cq}}">{{title}}</a></td><td>{{state}}</td><td>{{author}}</td><td>{{kind}}</td><td class="num">{{days}}</td></tr>{{/done}}</tbody></table>
        """

    static let submission = """
        <h1>#{{id}} {{title}}</h1>
        <p class="subtitle">{{kind}} by <a href="/members/{{authorID}}{{cq}}">{{author}}</a> · <a href="/api/v1/submissions/{{id}}{{cq}}">JSON</a></p>
        <dl class="facts">
        <div data-figure="state"><dt>State</dt><dd>{{state}}</dd></div>
        <div><dt>Since</dt><dd>{{since}} ({{days}} days{{#overdue}}, over the {{level}}-day level{{/overdue}})</dd></div>
        <div><dt>Editor</dt><dd>{{editor}}</dd></div>
        <div><dt>Tags</dt><dd>{{tags}}</dd></div>
        {{#url}}<div><dt>Published at</dt><dd>{{url}}</dd></div>{{/url}}
        </dl>
        <p>{{summary}}</p>
        {{#canMove}}<form class="move" method="post" action="/submissions/{{id}}/move{{cq}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>Move to <select name="state">{{#next}}<option value="{{.}}">{{.}}</option>{{/next}}</select></label>
        <label>Comment <input type="text" name="comment" maxlength="2000"></label>
        <label>URL (when published) <input type="url" name="url" maxlength="2000"></label>
        <button type="submit">Move</button>
        </form>{{/canMove}}
        <h2>History</h2>
        <table><thead><tr><th scope="col">When</th><th scope="col">Change</th><th scope="col">By</th><th scope="col">Comment</th></tr></thead>
        <tbody>{{#history}}<tr><td>{{at}}</td><td>{{change}}</td><td>{{actor}}</td><td>{{comment}}</td></tr>{{/history}}</tbody></table>
        """

    static let error = """
        <div class="problem">
        <h1>{{status}}</h1>
        <p role="alert">{{message}}</p>
        <p><a href="/">Back to the overview</a></p>
        </div>
        """
}
