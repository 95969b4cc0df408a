import HeartbeatReport
import Hummingbird

extension Dashboard {
    /// `GET /api/v1/reports/NAME?community=…`: the report's JSON, exactly as `heartbeat report NAME --format json`.
    func reportJSON(request: Request, context: DashboardContext) async throws -> Response {
        let entry = try entry(context)
        let filters = try ReportFilters(query: request.queryPairs)
        return json(try await built(entry, filters: filters, scope: try context.communityScope()).json)
    }

    /// `GET /api/v1/members?q=&page=&per_page=`: members by posts; e-mail addresses for admins only.
    func membersJSON(request: Request, context: DashboardContext) async throws -> Response {
        json(try JSONRenderer.render(try await memberList(request: request, context: context)))
    }

    /// `GET /api/v1/members/ID`: one member's profile.
    func memberJSON(request: Request, context: DashboardContext) async throws -> Response {
        json(try JSONRenderer.render(try await memberProfile(context: context)))
    }
}
