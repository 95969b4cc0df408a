import HTTPTypes
import HeartbeatAnalytics
import HeartbeatReport
import HeartbeatStore
import Hummingbird
import Logging
import NIOCore

/// Turns every refusal into a readable answer: an HTML page for pages, `{"error": …}` for the
/// API. Input the user sent (an unknown channel or segment, a bad date) is a 4xx with the reason;
/// anything else is logged and answered with a 500 that leaks no detail.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DashboardError {
            return respond(error, request: request, context: context)
        } catch let error as StoreError {
            return respond(DashboardError(.badRequest, error.message), request: request, context: context)
        } catch let error as AnalyticsError {
            return respond(DashboardError(.badRequest, error.description), request: request, context: context)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound ? "There is no page at \(request.uri.path)." : error.status.reasonPhrase
            return respond(DashboardError(error.status, message), request: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return respond(DashboardError(.internalServerError, "Something went wrong on the server; the log has the details."), request: request, context: context)
        }
    }

    func respond(_ error: DashboardError, request: Request, context: Context) -> Response {
        var headers: HTTPFields = [:]
        let body: String
        if request.uri.path.hasPrefix("/api/") {
            headers[.contentType] = "application/json; charset=utf-8"
            if error.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"heartbeat\"" }
            body = JSONValue.object(["error": ["status": .int(error.status.code), "message": .string(error.message)]]).serialized() + "\n"
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            let fragment = pages.fragment("error", ["status": "\(error.status.code) \(error.status.reasonPhrase)", "message": error.message])
            body = pages.page(title: "\(error.status.code)", body: fragment, context: context)
        }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
