import HeartbeatCore
import HeartbeatStore
import HeartbeatAnalytics
import HeartbeatReport

/// The OpenAPI 3.1 description of `/api/v1`, generated from the report catalog and the Swift types
/// the endpoints encode (`JSONSchemaBuilder`), so it cannot drift from what the server returns.
enum OpenAPIDocument {
    static func build(catalog: ReportCatalog) throws -> JSONValue {
        let community = parameter(
            "community",
            "The community to read (any letter case). Default: `default` when the account may see it, else the first it may see, by name. A community the account may not see is a 404.",
            ["type": "string", "minLength": 1, "maxLength": 64])
        let filterParameters: [JSONValue] = [
            community,
            parameter("since", "First day included (UTC). Default: 90 days before `until`.", ["type": "string", "format": "date"]),
            parameter("until", "First day not included (UTC). Default: the day after the last activity.", ["type": "string", "format": "date"]),
            parameter("all", "1 for the whole history instead of the last 90 days.", ["type": "string", "enum": ["0", "1"]]),
            parameter("channel", "Only these channels (repeat or comma-separate names).", ["type": "string"]),
            parameter("platform", "Only this platform.", ["type": "string"]),
            parameter("segment", "Only the members of this segment of heartbeat.toml.", ["type": "string"]),
            parameter("top", "Length of each top list.", ["type": "integer", "minimum": 0, "maximum": 500]),
            parameter("limit", "Rows in item lists (unanswered questions, never-active accounts).", ["type": "integer", "minimum": 0, "maximum": 500]),
        ]
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [
            "Error": [
                "type": "object", "required": ["error"],
                "properties": [
                    "error": ["type": "object", "required": ["status", "message"], "properties": ["status": ["type": "integer"], "message": ["type": "string"]]]
                ],
            ]
        ]
        for entry in catalog.entries {
            let schemaName = entry.name.prefix(1).uppercased() + entry.name.dropFirst() + "Report"
            schemas[schemaName] = try entry.schema()
            paths["/api/v1/reports/\(entry.name)"] = [
                "get": [
                    "operationId": .string("report" + schemaName.dropLast(6)), "summary": .string(entry.title + " report"),
                    "description": .string(entry.abstract), "tags": ["reports"], "parameters": .array(filterParameters),
                    "responses": responses(schemaName),
                ]
            ]
        }
        schemas["MemberList"] = try JSONSchemaBuilder.schema(for: MemberList.self)
        schemas["MemberProfile"] = try JSONSchemaBuilder.schema(for: MemberProfile.self)
        paths["/api/v1/members"] = [
            "get": [
                "operationId": "listMembers", "summary": "Members by posts, with search and pages; e-mail for admins only.",
                "tags": ["members"],
                "parameters": [
                    community,
                    parameter("q", "Part of a name, handle or title.", ["type": "string", "maxLength": 200]),
                    parameter("page", "Page number, from 1.", ["type": "integer", "minimum": 1]),
                    parameter("per_page", "Members per page (1–200, default 50).", ["type": "integer", "minimum": 1, "maximum": 200]),
                ],
                "responses": responses("MemberList"),
            ]
        ]
        paths["/api/v1/members/{id}"] = [
            "get": [
                "operationId": "getMember", "summary": "One member's profile.", "tags": ["members"],
                "parameters": [
                    ["name": "id", "in": "path", "required": true, "description": "The member id from the list.", "schema": ["type": "integer", "minimum": 1]],
                    community,
                ],
                "responses": responses("MemberProfile", notFound: true),
            ]
        ]
        schemas["SubmissionList"] = try JSONSchemaBuilder.schema(for: SubmissionList.self)
        schemas["SubmissionDetail"] = try JSONSchemaBuilder.schema(for: SubmissionDetail.self)
        let states: JSONValue = .array(SubmissionState.allCases.map { .string($0.rawValue) })
        paths["/api/v1/submissions"] = [
            "get": [
                "operationId": "listSubmissions", "summary": "The contributor pipeline, newest first, with days in state and overdue flags.",
                "tags": ["contributors"],
                "parameters": [
                    community,
                    parameter("state", "Only this state (repeatable).", ["type": "string", "enum": states]),
                    parameter("tag", "Only with this tag (repeatable: any of them).", ["type": "string"]),
                    parameter("kind", "Only this kind (repeatable).", ["type": "string", "enum": ["tutorial", "talk", "code", "other"]]),
                    parameter("open", "1: only open submissions (not published, declined or withdrawn).", ["type": "string", "enum": ["1", "0"]]),
                ],
                "responses": responses("SubmissionList"),
            ]
        ]
        paths["/api/v1/submissions/{id}"] = [
            "get": [
                "operationId": "getSubmission", "summary": "One submission with its history and the states it may move to.",
                "tags": ["contributors"],
                "parameters": [
                    ["name": "id", "in": "path", "required": true, "description": "The submission number.", "schema": ["type": "integer", "minimum": 1]],
                    community,
                ],
                "responses": responses("SubmissionDetail", notFound: true),
            ]
        ]
        paths["/api/v1/collect"] = [
            "post": [
                "operationId": "collectPageView",
                "summary": "Record one page view from a blog (public, no cookies; the visitor id is a salted hash of address and user agent; crawlers are dropped).",
                "tags": ["content"], "security": [],
                "parameters": [
                    parameter(
                        "community", "The community the view belongs to. Default: `default`, or the only community there is.",
                        ["type": "string", "minLength": 1, "maxLength": 64])
                ],
                "requestBody": [
                    "required": true,
                    "content": [
                        "application/json": [
                            "schema": [
                                "type": "object",
                                "properties": [
                                    "path": ["type": "string", "description": "The page path, or use url."],
                                    "url": ["type": "string", "description": "The full page URL, instead of path."],
                                    "referrer": ["type": "string", "description": "document.referrer"],
                                    "member": ["type": "string", "description": "The reader's e-mail or #id, when the site knows the community member."],
                                ],
                            ]
                        ]
                    ],
                ],
                "responses": [
                    "202": [
                        "description": "Accepted; recorded is false for crawlers and assets.",
                        "content": [
                            "application/json": [
                                "schema": [
                                    "type": "object",
                                    "properties": ["recorded": ["type": "boolean"], "reason": ["type": "string"]],
                                    "required": ["recorded"],
                                ]
                            ]
                        ],
                    ],
                    "400": ["description": "Not JSON, or no path, or no community named where there are several."],
                    "403": ["description": "The Origin is not in [content] collect_origins."],
                    "404": ["description": "No such community."],
                    "429": ["description": "Too many calls from this address."],
                ],
            ]
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Heartbeat API", "version": "1",
                "description": "Community-health reports, members and the contributor pipeline. Authenticate with `Authorization: Bearer TOKEN` (heartbeat tokens create) or a dashboard session. Every call reads one community, chosen with `?community=NAME`: admins may read any, viewers those granted to them (heartbeat users grant); a token acts as its account.",
            ],
            "security": [["bearer": []], ["session": []]],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"],
                    "session": ["type": "apiKey", "in": "cookie", "name": "hb_session"],
                ],
            ],
        ]
    }

    static func parameter(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    static func responses(_ schema: String, notFound: Bool = false) -> JSONValue {
        let error: JSONValue = ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]
        let responses: [String: JSONValue] = [
            "200": ["description": "OK", "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schema)")]]]],
            "400": ["description": "A malformed parameter; the message says which and what it expects.", "content": error],
            "401": ["description": "No valid token or session.", "content": error],
            "403": ["description": "The account may not see any community yet (heartbeat users grant).", "content": error],
            "404": [
                "description": notFound ? "No such item, or a community the account may not see." : "A community the account may not see.",
                "content": error,
            ],
        ]
        return .object(responses)
    }
}
